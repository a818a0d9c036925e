package request

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/gongkai/gongkai/internal/workday"
)

// Fees of 信息处理费 (国办函〔2020〕109号, from 2021-01-01), in whole yuan
// (元). Disclosure is free in principle; the two methods are excess-
// progressive and never both charged on one request.

// PerRequestFee is the fee for an applicant's nth request (1-based) in
// one calendar month under 按件计收: requests 1–10 are free; the 11th–30th
// cost 100 元 each; from the 31st each further band of 10 costs 100 元
// more each (31–40: 200, 41–50: 300, …).
func PerRequestFee(nth int) (int, error) {
	if nth < 1 {
		return 0, ruleError(fmt.Sprintf("本月第 %d 件申请无效：应从 1 起", nth), "request count must be at least 1")
	}
	switch {
	case nth <= 10:
		return 0, nil
	case nth <= 30:
		return 100, nil
	}
	band := (nth - 30 + 9) / 10 // 31–40 → 1, 41–50 → 2, …
	return 100 * (1 + band), nil
}

// PerRequestMonthTotal is what an applicant's count requests of one
// calendar month cost in all under 按件计收.
func PerRequestMonthTotal(count int) (int, error) {
	if count < 0 {
		return 0, ruleError(fmt.Sprintf("申请件数 %d 不能为负", count), "negative count")
	}
	total := 0
	for i := 1; i <= count; i++ {
		f, _ := PerRequestFee(i)
		total += f
	}
	return total, nil
}

// PageBand is one band of 按量计收: pages From–To (To = math.MaxInt for
// the open top band) at Price 元 per page.
type PageBand struct {
	From, To int
	Price    int
}

// PageBands are the bands of 按量计收: pages 1–30 free; 31–100 at 10 元;
// 101–200 at 20 元; 201 and above at 40 元 per page.
var PageBands = []PageBand{
	{1, 30, 0},
	{31, 100, 10},
	{101, 200, 20},
	{201, math.MaxInt, 40},
}

// PageCharge is the part of a fee that falls in one band.
type PageCharge struct {
	Band   PageBand
	Pages  int
	Amount int // 元
}

// PerPageCharges splits a request of the given number of pages into its
// bands (excess-progressive: each page is charged at its own band's
// price), for the itemised fee notice.
func PerPageCharges(pages int) ([]PageCharge, error) {
	if pages < 0 {
		return nil, ruleError(fmt.Sprintf("页数 %d 不能为负", pages), "negative page count")
	}
	var out []PageCharge
	for _, b := range PageBands {
		if pages < b.From {
			break
		}
		n := min(pages, b.To) - b.From + 1
		out = append(out, PageCharge{Band: b, Pages: n, Amount: n * b.Price})
	}
	return out, nil
}

// PerPageFee is the 按量计收 fee for one request of the given pages.
func PerPageFee(pages int) (int, error) {
	charges, err := PerPageCharges(pages)
	if err != nil {
		return 0, err
	}
	total := 0
	for _, c := range charges {
		total += c.Amount
	}
	return total, nil
}

// FeeMethod is how a fee is computed: 按件 or 按量, never both on one
// request.
type FeeMethod string

const (
	PerRequest FeeMethod = "per-request" // 按件计收
	PerPage    FeeMethod = "per-page"    // 按量计收
)

// Label is the method's Chinese name.
func (m FeeMethod) Label() string {
	switch m {
	case PerRequest:
		return "按件计收"
	case PerPage:
		return "按量计收"
	}
	return string(m)
}

// Describe says what the count means under the method: 按件计收本月第 35
// 件, 按量计收 250 页.
func (m FeeMethod) Describe(count int) string {
	switch m {
	case PerRequest:
		return fmt.Sprintf("按件计收本月第 %d 件", count)
	case PerPage:
		return fmt.Sprintf("按量计收 %d 页", count)
	}
	return string(m)
}

// FeeFor is the fee of one request under method m: count is the
// request's position in the applicant's month (按件) or its pages (按量).
func FeeFor(m FeeMethod, count int) (int, error) {
	switch m {
	case PerRequest:
		return PerRequestFee(count)
	case PerPage:
		if count < 1 {
			return 0, ruleError(fmt.Sprintf("页数 %d 无效：应从 1 起", count), "page count must be at least 1")
		}
		return PerPageFee(count)
	}
	return 0, ruleError(fmt.Sprintf("未知的计费方式 %q", m), "unknown fee method")
}

// FeesFrom is the day 国办函〔2020〕109号 took effect: a request received
// before it is never charged, so it gets no fee notice.
var FeesFrom = workday.MustParse("2021-01-01")

// MonthRequest is one request of an applicant to a body, as 按件计收
// counts them.
type MonthRequest struct {
	ID       int64
	Code     string
	Received workday.Date
}

// ApplicantKey is the identity number an applicant is recognised by
// across requests (居民身份证 or 统一社会信用代码 …), written one way:
// without surrounding space, letters upper case (the check letter X).
func ApplicantKey(idNumber string) string {
	return strings.ToUpper(strings.TrimSpace(idNumber))
}

// MonthPosition is the position of request target among the same
// applicant's requests to the same body in the natural month (自然月) of
// its receipt, 1 for the first: 按件计收 counts per applicant per month.
// requests are that applicant's requests to the body (others are
// ignored: another month, or received after target); they are ordered
// by date of receipt, and on the same day by ID (the order they were
// stored). It returns the position with the requests it counted, target
// last, for the handler to check.
func MonthPosition(target MonthRequest, requests []MonthRequest) (int, []MonthRequest) {
	counted := []MonthRequest{target}
	for _, r := range requests {
		if r.ID == target.ID || r.Received.Year() != target.Received.Year() || r.Received.Month() != target.Received.Month() {
			continue
		}
		if r.Received.Before(target.Received) || (r.Received == target.Received && r.ID < target.ID) {
			counted = append(counted, r)
		}
	}
	slices.SortFunc(counted, func(a, b MonthRequest) int {
		if c := a.Received.Compare(b.Received); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	return len(counted), counted
}

// FeePosition is the 按件 position a fee notice uses: the one computed
// from the records (MonthPosition) unless the handler typed another, which
// needs a reason — the records may miss a request made on paper under
// another document, but a number is never taken on trust.
func FeePosition(computed, typed int, reason string) (int, error) {
	if typed == 0 || typed == computed {
		return computed, nil
	}
	if typed < 1 {
		return 0, ruleError(fmt.Sprintf("本月第 %d 件申请无效：应从 1 起", typed), "request count must be at least 1")
	}
	if strings.TrimSpace(reason) == "" {
		return 0, ruleError(fmt.Sprintf("系统按该申请人本月向本机关提出的申请计算为第 %d 件；改为第 %d 件须写明理由", computed, typed), "an override of the computed position needs a reason")
	}
	return typed, nil
}
