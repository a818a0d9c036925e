package request

import (
	"strings"
	"testing"
)

// TestArt30To36Suggest: the step suggested first follows the state and the clock
// — 受理 with the 补正 notice's deadline while it is open, the applicant's
// supplement or, once its period has passed, abandonment; the answer
// with its deadline (and the extension while it may still be granted);
// the end of a consultation until its 15 days lapse; the payment or,
// overdue, abandonment. Nothing for a closed request.
func TestArt30To36Suggest(t *testing.T) {
	received := Received{d("2026-03-02"), InPerson}
	for _, tc := range []struct {
		name   string
		events []Event
		asOf   string
		kind   EventKind
		reason AbandonReason
		note   string
	}{
		{"received, notice period open", []Event{received}, "2026-03-04", KindAccepted, "", "应于 3月11日 前一次性发出补正通知"},
		{"received, notice period past", []Event{received}, "2026-03-12", KindAccepted, "", "补正通知期限（3月11日）已过"},
		{"supplement awaited", []Event{received, SupplementRequested{d("2026-03-04"), d("2026-03-18")}}, "2026-03-10",
			KindSupplementReceived, "", "补正期限 3月18日"},
		{"supplement period past", []Event{received, SupplementRequested{d("2026-03-04"), d("2026-03-18")}}, "2026-03-19",
			KindAbandoned, NoSupplement, "视为放弃申请"},
		{"accepted, time left", []Event{received, Accepted{d("2026-03-03")}}, "2026-03-04", KindAnswered, "", "答复期限 3月30日。"},
		{"accepted, near the end", []Event{received, Accepted{d("2026-03-03")}}, "2026-03-25", KindAnswered, "", "第三十三条"},
		{"accepted, overdue", []Event{received, Accepted{d("2026-03-03")}}, "2026-03-31", KindAnswered, "", "已逾期"},
		{"consulting", []Event{received, ConsultationStarted{d("2026-03-04"), ThirdParty, "某公司"}}, "2026-03-10",
			KindConsultationEnded, "", "3月25日 前提出意见"},
		{"consultation lapsed", []Event{received, ConsultationStarted{d("2026-03-04"), ThirdParty, "某公司"}}, "2026-03-27",
			KindAnswered, "", "答复期限"},
		{"fee awaited", []Event{received, feeNotice(d("2026-03-04"), d("2026-03-05"))}, "2026-03-10", KindFeePaid, "", "缴费期限"},
		{"fee overdue", []Event{received, feeNotice(d("2026-03-04"), d("2026-03-05"))}, "2026-04-10", KindAbandoned, NoPayment, "逾期未缴费"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := mustClock(t, tc.events, settingsAsOf(tc.asOf))
			s, ok := Suggest(st)
			if !ok || s.Kind != tc.kind || s.Reason != tc.reason || !strings.Contains(s.Note, tc.note) {
				t.Errorf("Suggest = %+v, %v; want %s %s with %q", s, ok, tc.kind, tc.reason, tc.note)
			}
			// The 补正 notice is offered beside 受理 only while it may be sent.
			wantAlso := tc.name == "received, notice period open"
			if (s.Also == KindSupplementRequested && s.AlsoDue == d("2026-03-11")) != wantAlso || (s.Also != "") != wantAlso {
				t.Errorf("Also = %s %s", s.Also, s.AlsoDue)
			}
		})
	}
	closed := mustClock(t, []Event{received, Answered{d("2026-03-05"), "三.一"}}, settingsAsOf("2026-03-06"))
	if s, ok := Suggest(closed); ok {
		t.Errorf("a closed request gets a suggestion: %+v", s)
	}
}
