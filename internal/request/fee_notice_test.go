package request

import (
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/workday"
)

// TestFee109Vectors: the hand-computed vectors of 国办函〔2020〕109号. An
// applicant's 35th request in a month costs 200 元 (31–40: 200 元 each)
// and the month's 35 cost 3,000 元 (10 free, 20 × 100, 5 × 200); 250
// pages cost 4,700 元 (1–30 free, 70 × 10, 100 × 20, 50 × 40).
func TestFee109Vectors(t *testing.T) {
	if got, err := FeeFor(PerRequest, 35); err != nil || got != 200 {
		t.Errorf("35th request: %d 元, %v; want 200", got, err)
	}
	if got, err := PerRequestMonthTotal(35); err != nil || got != 3000 {
		t.Errorf("35 requests in a month: %d 元, %v; want 3000", got, err)
	}
	if got, err := FeeFor(PerPage, 250); err != nil || got != 4700 {
		t.Errorf("250 pages: %d 元, %v; want 4700", got, err)
	}
	for _, bad := range []struct {
		m FeeMethod
		n int
	}{{PerPage, 0}, {PerRequest, 0}, {"per-kilo", 3}} {
		if _, err := FeeFor(bad.m, bad.n); err == nil {
			t.Errorf("FeeFor(%s, %d) accepted", bad.m, bad.n)
		}
	}
}

// TestFee109NoticeRules: a fee notice states its fee, which must be the
// rules' and above 0 元 — a 5th request of the month or 30 pages cost
// nothing, so no notice is sent and nothing pauses — and none is sent on
// a request received before 2021-01-01, when 109号 did not yet apply.
func TestFee109NoticeRules(t *testing.T) {
	received := Received{Date: d("2026-03-02"), Channel: Online}
	notice := func(m FeeMethod, count, amount int) FeeNoticeSent {
		return FeeNoticeSent{Date: d("2026-03-04"), Method: m, Count: count, Amount: amount}
	}
	tests := []struct {
		name   string
		events []Event
		want   string // error text; "" = accepted
	}{
		{"11th request: 100 元", []Event{received, notice(PerRequest, 11, 100)}, ""},
		{"31 pages: 10 元", []Event{received, notice(PerPage, 31, 10)}, ""},
		{"5th request: 0 元, no notice", []Event{received, notice(PerRequest, 5, 0)}, "0 元：不发收费通知"},
		{"30 pages: 0 元, no notice", []Event{received, notice(PerPage, 30, 0)}, "0 元：不发收费通知"},
		{"amount not the rules'", []Event{received, notice(PerPage, 250, 4000)}, "不符"},
		{"unknown method", []Event{received, notice("per-kilo", 3, 30)}, "计费方式"},
		{"received 2020-12-31: before 109号", []Event{Received{Date: d("2020-12-31"), Channel: InPerson},
			FeeNoticeSent{Date: d("2021-01-05"), Method: PerRequest, Count: 11, Amount: 100}}, "早于国办函〔2020〕109号施行之日"},
		{"received 2021-01-04: charged", []Event{Received{Date: d("2021-01-04"), Channel: InPerson},
			FeeNoticeSent{Date: d("2021-01-05"), Method: PerRequest, Count: 11, Amount: 100}}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, err := Clock(tt.events, cal, settingsAsOf(tt.events[len(tt.events)-1].On().String()))
			if tt.want == "" {
				if err != nil || st.State != StateFeePending || !st.Paused {
					t.Errorf("state %s, paused %v, %v; want a fee wait", st.State, st.Paused, err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want %q", err, tt.want)
			}
		})
	}
	// NewFeeNotice computes the amount and refuses what may not be sent.
	if n, err := NewFeeNotice(d("2026-03-02"), d("2026-03-04"), workday.Date{}, PerPage, 250); err != nil || n.Amount != 4700 {
		t.Errorf("NewFeeNotice 250 pages: %+v, %v", n, err)
	}
	for _, bad := range []struct {
		received string
		m        FeeMethod
		count    int
	}{{"2026-03-02", PerRequest, 5}, {"2020-12-31", PerPage, 250}, {"2026-03-02", PerPage, 0}} {
		if _, err := NewFeeNotice(d(bad.received), d("2026-03-04"), workday.Date{}, bad.m, bad.count); err == nil {
			t.Errorf("NewFeeNotice(%s, %s, %d) accepted", bad.received, bad.m, bad.count)
		}
	}
	// A notice recorded before the fee was kept with the event is
	// replayed as it was, with a warning where it broke the rule.
	st := mustClock(t, []Event{Received{Date: d("2020-12-28"), Channel: InPerson}, FeeNoticeSent{Date: d("2021-01-05")}},
		settingsAsOf("2021-01-06"))
	if st.State != StateFeePending || len(st.Warnings) != 1 || !strings.Contains(st.Warnings[0], "不应收费") {
		t.Errorf("old notice: state %s, warnings %q", st.State, st.Warnings)
	}
}

// TestFee109MonthPosition: 按件计收 counts the same applicant's requests
// to the same body in the natural month of receipt, in receipt order
// (same day: as stored); the handler may type another position only
// with a reason.
func TestFee109MonthPosition(t *testing.T) {
	mr := func(id int64, day string) MonthRequest {
		return MonthRequest{ID: id, Code: "Q" + day, Received: workday.MustParse(day)}
	}
	target := mr(7, "2026-03-10")
	month := []MonthRequest{
		mr(1, "2026-02-28"), // last month
		mr(2, "2026-03-01"),
		mr(9, "2026-03-10"), // same day, stored after the target
		mr(5, "2026-03-10"), // same day, stored before
		mr(3, "2026-03-31"), // later in the month
		mr(4, "2027-03-05"), // March of another year
		target,
	}
	n, counted := MonthPosition(target, month)
	if n != 3 || len(counted) != 3 || counted[0].ID != 2 || counted[1].ID != 5 || counted[2].ID != 7 {
		t.Errorf("position %d, counted %+v; want 3: #2, #5, #7", n, counted)
	}
	// 35 requests in March: the last is the 35th, 200 元.
	var all []MonthRequest
	for i := range 35 {
		all = append(all, MonthRequest{ID: int64(100 + i), Received: d("2026-03-02").AddDays(i % 28)})
	}
	last := all[len(all)-1]
	for _, r := range all {
		if r.Received.After(last.Received) || (r.Received == last.Received && r.ID > last.ID) {
			last = r
		}
	}
	if n, _ := MonthPosition(last, all); n != 35 {
		t.Errorf("the last of 35 requests is number %d", n)
	}
	if got, err := FeePosition(1, 0, ""); err != nil || got != 1 {
		t.Errorf("no override: %d, %v", got, err)
	}
	if got, err := FeePosition(1, 1, ""); err != nil || got != 1 {
		t.Errorf("the computed position typed back: %d, %v", got, err)
	}
	if _, err := FeePosition(1, 35, " "); err == nil || !strings.Contains(err.Error(), "须写明理由") {
		t.Errorf("override without a reason: %v", err)
	}
	if got, err := FeePosition(1, 35, "另有 34 件纸质申请以护照提出"); err != nil || got != 35 {
		t.Errorf("override with a reason: %d, %v", got, err)
	}
	if ApplicantKey(" 11010519491231002x ") != "11010519491231002X" {
		t.Error("ApplicantKey does not normalise")
	}
}

// TestFee109OverduePayment: 20 working days after the applicant received
// the notice, an unpaid fee is overdue (逾期未缴费) and the request may be
// deemed abandoned (三.六.2); until then it is not.
func TestFee109OverduePayment(t *testing.T) {
	events := []Event{
		Received{Date: d("2026-03-02"), Channel: Online},
		FeeNoticeSent{Date: d("2026-03-04"), ReceivedOn: d("2026-03-05"), Method: PerPage, Count: 250, Amount: 4700},
	}
	// 20 working days from the day after 5 March: 2 April (Qingming,
	// 4–6 April, comes after).
	onTime := mustClock(t, events, settingsAsOf("2026-04-02"))
	if onTime.FeePayment.Due != d("2026-04-02") || onTime.FeeOverdue {
		t.Errorf("on the last day: due %s, overdue %v", onTime.FeePayment.Due, onTime.FeeOverdue)
	}
	late := mustClock(t, events, settingsAsOf("2026-04-03"))
	if !late.FeeOverdue || !strings.Contains(late.Lines[len(late.Lines)-1], "逾期未缴费") {
		t.Errorf("a day later: overdue %v, lines %q", late.FeeOverdue, late.Lines)
	}
	if k, due := late.NextSide(); k != SideFeePayment || due != d("2026-04-02") {
		t.Errorf("side deadline %s %s, want the payment's", k, due)
	}
	abandoned := mustClock(t, append(events, Abandoned{Date: d("2026-04-03"), Reason: NoPayment}), settingsAsOf("2026-04-03"))
	if abandoned.State != StateAbandoned || abandoned.Outcome != "三.六.2" || len(abandoned.Warnings) != 0 {
		t.Errorf("abandoned: %s %s %q", abandoned.State, abandoned.Outcome, abandoned.Warnings)
	}
}
