package web

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	rq "github.com/gongkai/gongkai/internal/request"
	"github.com/gongkai/gongkai/internal/workday"
)

// feePosition is where a request stands for 按件计收 (国办函〔2020〕109号):
// its position among the same applicant's requests to the body in the
// natural month, the requests counted, what it costs and what the month
// up to it costs. The console's fee form and the API show it before a
// notice is sent.
type feePosition struct {
	Nth        int               `json:"nth"`
	Counted    []rq.MonthRequest `json:"-"`
	Codes      []string          `json:"counted"`
	Fee        int               `json:"fee"`         // 元, this request
	MonthTotal int               `json:"month_total"` // 元, the month's first Nth requests
}

func (s *server) feePosition(ctx context.Context, q rq.Request) (feePosition, error) {
	month, err := s.store.ApplicantMonth(ctx, q)
	if err != nil {
		return feePosition{}, err
	}
	n, counted := rq.MonthPosition(rq.MonthRequest{ID: q.ID, Code: q.Code, Received: q.Received}, month)
	p := feePosition{Nth: n, Counted: counted}
	for _, c := range counted {
		p.Codes = append(p.Codes, c.Code)
	}
	if p.Fee, err = rq.PerRequestFee(n); err != nil {
		return feePosition{}, err
	}
	if p.MonthTotal, err = rq.PerRequestMonthTotal(n); err != nil {
		return feePosition{}, err
	}
	return p, nil
}

// parseFeeForm reads the fee form of a request received on received:
// 按件 at pos, the computed position (or another one typed with a
// reason), or 按量 by pages; the amount is the rules', and a notice that
// may not be sent (0 元, a request received before 2021-01-01) is
// refused with the reason.
func parseFeeForm(field func(string) string, received, day workday.Date, pos feePosition) (rq.Event, stepDetails, error) {
	var d stepDetails
	var receivedOn workday.Date
	if v := field("received_on"); v != "" {
		got, err := workday.ParseDate(v)
		if err != nil || got.Before(day) {
			return nil, d, errInvalid("申请人收到收费通知的日期无效，且不能早于发出日期。")
		}
		receivedOn = got
	}
	if received.Before(rq.FeesFrom) {
		return nil, d, errInvalid("本申请于 " + received.String() + " 收到，早于国办函〔2020〕109号施行之日（2021年1月1日），不收取信息处理费，不发收费通知。")
	}
	method := rq.FeeMethod(field("method"))
	var count int
	switch method {
	case rq.PerRequest:
		typed := 0
		if v := field("nth"); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 {
				return nil, d, errInvalid("本月第几件申请应为正整数。")
			}
			typed = n
		}
		reason := field("override_reason")
		n, err := rq.FeePosition(pos.Nth, typed, reason)
		if err != nil {
			return nil, d, err // a *request.Error, a 422 (publicError)
		}
		count = n
		d.Fee = &feeDetails{Computed: pos.Nth, Counted: pos.Codes}
		if count != pos.Nth {
			d.Fee.Override = reason
		}
	case rq.PerPage:
		pages, err := strconv.Atoi(field("pages"))
		if err != nil || pages < 1 {
			return nil, d, errInvalid("按量计收请填写页数。")
		}
		count = pages
	default:
		return nil, d, errInvalid("请选择计费方式（按件或按量）。")
	}
	ev, err := rq.NewFeeNotice(received, day, receivedOn, method, count)
	if err != nil {
		return nil, d, err // a *request.Error, a 422 (publicError)
	}
	return ev, d, nil
}

// feeSummary describes a fee notice in the history: the fee, and for
// 按件 the requests counted and any change the handler made.
func feeSummary(ev rq.FeeNoticeSent, d *feeDetails) string {
	if ev.Method == "" {
		if d == nil {
			return ""
		}
		// Recorded before the fee was kept with the event.
		return fmt.Sprintf("%s，金额 %d 元", rq.FeeMethod(d.Method).Label(), d.Amount)
	}
	out := fmt.Sprintf("%s，金额 %d 元", ev.Method.Describe(ev.Count), ev.Amount)
	if d == nil || ev.Method != rq.PerRequest {
		return out
	}
	if len(d.Counted) > 0 {
		out += "；计入本月申请 " + strings.Join(d.Counted, "、")
	}
	if d.Override != "" {
		out += fmt.Sprintf("；系统计算为第 %d 件，经办人改为第 %d 件，理由：%s", d.Computed, ev.Count, d.Override)
	}
	return out
}
