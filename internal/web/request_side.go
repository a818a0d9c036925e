package web

import (
	"strconv"

	rq "github.com/gongkai/gongkai/internal/request"
)

// sideDeadline is the nearest pending side deadline of an open request
// (补正通知, 补正, 征求意见答复, 缴费) as a list shows it. The office's own
// duties and the applicant's or third party's periods alike: a passed
// period tells staff a follow-up (abandonment, a reminder) is due.
type sideDeadline struct {
	Text    string // e.g. 补正通知期限 2026-03-02（已逾期）; "" when none
	Overdue bool
	DueSoon bool
}

// sideOf reads st's side deadline as of st.AsOf, on the same working-day
// count as the answer deadline.
func (s *server) sideOf(st rq.Status) sideDeadline {
	if st.State.Closed() {
		return sideDeadline{}
	}
	kind, due := st.NextSide()
	if kind == rq.SideNone {
		return sideDeadline{}
	}
	out := sideDeadline{Text: kind.Label() + " " + due.String()}
	if st.AsOf.After(due) {
		out.Overdue = true
		out.Text += "（已逾期）"
		return out
	}
	left, err := s.cal.WorkdaysBetween(st.AsOf, due)
	switch {
	case err != nil:
		// A year without a schedule: the date alone is shown, as for
		// the answer deadline.
	case left == 0:
		out.DueSoon = true
		out.Text += "（今天到期）"
	default:
		out.DueSoon = left <= dueSoonDays
		out.Text += "（剩余 " + strconv.Itoa(left) + " 个工作日）"
	}
	return out
}
