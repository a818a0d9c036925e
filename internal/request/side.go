package request

import "github.com/gongkai/gongkai/internal/workday"

// SideKind names a side deadline of the clock, as stored next to the
// answer deadline.
type SideKind string

const (
	SideNone             SideKind = ""
	SideSupplementNotice SideKind = "supplement-notice" // the office's 7-day 补正 notice
	SideSupplement       SideKind = "supplement"        // the applicant's 补正 period
	SideConsultation     SideKind = "consultation"      // a third party's or agency's reply
	SideFeePayment       SideKind = "fee-payment"       // the applicant's payment period
)

// Label is the deadline's name as staff read it.
func (k SideKind) Label() string {
	switch k {
	case SideSupplementNotice:
		return "补正通知期限"
	case SideSupplement:
		return "补正期限"
	case SideConsultation:
		return "征求意见答复期限"
	case SideFeePayment:
		return "缴费期限"
	}
	return ""
}

// NextSide is the nearest side deadline still pending on an open
// request, and which one it is; SideNone and a zero date when none is.
// A deadline is pending only in the state that waits for it: the 补正
// notice while the request is merely received (after 受理, a consultation
// or a fee notice the office has judged it complete), the applicant's
// supplement while 待补正, and so on, so a step that moved on never
// leaves a stale reminder behind. A consultation whose 15 working days
// have passed is no longer pending: the answer clock runs again by
// itself (Arts. 32, 34) and its deadline is what is due.
func (s Status) NextSide() (SideKind, workday.Date) {
	candidates := []struct {
		kind  SideKind
		state State
		d     Deadline
	}{
		{SideSupplementNotice, StateReceived, s.SupplementNotice},
		{SideSupplement, StateSupplementPending, s.Supplement},
		{SideConsultation, StateConsulting, s.Consultation},
		{SideFeePayment, StateFeePending, s.FeePayment},
	}
	kind, due := SideNone, workday.Date{}
	for _, c := range candidates {
		if s.State != c.state || !c.d.Set() || !c.d.Done.IsZero() {
			continue
		}
		if c.kind == SideConsultation && s.ConsultationLapsed {
			continue
		}
		if kind == SideNone || c.d.Due.Before(due) {
			kind, due = c.kind, c.d.Due
		}
	}
	return kind, due
}
