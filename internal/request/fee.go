package request

import (
	"fmt"
	"math"
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
		return 0, fmt.Errorf("本月第 %d 件申请无效：应从 1 起 (request count must be at least 1)", nth)
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
		return 0, fmt.Errorf("申请件数 %d 不能为负 (negative count)", count)
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
		return nil, fmt.Errorf("页数 %d 不能为负 (negative page count)", pages)
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
