package request

import (
	"fmt"

	"github.com/gongkai/gongkai/internal/workday"
)

// Suggestion is the step a request most likely needs next, read from
// its state and its clock, with a note on the deadline that makes it
// pressing. It orders the handler's choices; it decides nothing (the
// state machine does).
type Suggestion struct {
	Kind EventKind
	// Reason is the abandonment's ground when Kind is KindAbandoned.
	Reason AbandonReason
	Note   string // in Chinese, e.g. 如需补正，应于 3月18日 前发出补正通知
	// Also is a second step as likely as Kind (the 补正 notice beside
	// 受理 while its 7 working days run), with its deadline; "" for none.
	Also    EventKind
	AlsoDue workday.Date
}

// MonthDay is a date as a notice reads it: 3月18日.
func MonthDay(d workday.Date) string { return monthDay(d) }

// monthDay is a date as a notice reads it: 3月18日.
func monthDay(d workday.Date) string { return fmt.Sprintf("%d月%d日", d.Month(), d.Day()) }

// Suggest returns the likely next step of an open request as of
// st.AsOf; ok is false for a closed one.
func Suggest(st Status) (s Suggestion, ok bool) {
	switch st.State {
	case StateReceived:
		s = Suggestion{Kind: KindAccepted, Note: "申请内容明确的，予以受理。"}
		if d := st.SupplementNotice; d.Set() && !st.AsOf.After(d.Due) {
			s.Note += "需要补正的，应于 " + monthDay(d.Due) + " 前一次性发出补正通知（《条例》第三十条）。"
			s.Also, s.AlsoDue = KindSupplementRequested, d.Due
		} else if d.Set() {
			s.Note += "补正通知期限（" + monthDay(d.Due) + "）已过。"
		}
	case StateSupplementPending:
		d := st.Supplement
		if d.Set() && st.AsOf.After(d.Due) {
			s = Suggestion{Kind: KindAbandoned, Reason: NoSupplement,
				Note: "申请人的补正期限（" + monthDay(d.Due) + "）已过，无正当理由逾期不补正的，视为放弃申请（《条例》第三十条）。"}
		} else {
			s = Suggestion{Kind: KindSupplementReceived, Note: "等待申请人补正。"}
			if d.Set() {
				s.Note = "等待申请人补正，补正期限 " + monthDay(d.Due) + "；收到补正材料之日起重新计算答复期限。"
			}
		}
	case StateConsulting:
		if st.ConsultationLapsed {
			s = Suggestion{Kind: KindAnswered, Note: answerNote(st)}
		} else {
			s = Suggestion{Kind: KindConsultationEnded, Note: "征求意见期间不计入答复期限。"}
			if d := st.Consultation; d.Set() {
				s.Note = "被征求意见方应于 " + monthDay(d.Due) + " 前提出意见；征求意见期间不计入答复期限。"
			}
		}
	case StateFeePending:
		if st.FeeOverdue {
			s = Suggestion{Kind: KindAbandoned, Reason: NoPayment,
				Note: "缴费期限（" + monthDay(st.FeePayment.Due) + "）已过，申请人逾期未缴费的，视为放弃申请。"}
		} else {
			s = Suggestion{Kind: KindFeePaid, Note: "等待申请人缴费。"}
			if d := st.FeePayment; d.Set() {
				s.Note = "等待申请人缴费，缴费期限 " + monthDay(d.Due) + "。"
			}
		}
	case StateAdmitted, StateAccepted:
		s = Suggestion{Kind: KindAnswered, Note: answerNote(st)}
	default:
		return Suggestion{}, false
	}
	return s, true
}

// answerNote tells how the answer deadline stands, and when extending it
// is still open (Art. 33: once, before it runs out, with approval).
func answerNote(st Status) string {
	if st.Due.IsZero() {
		return ""
	}
	note := "答复期限 " + monthDay(st.Due)
	switch {
	case st.DaysLeft < 0:
		return note + "，已逾期，请尽快答复。"
	case st.DaysLeft <= 5 && st.Extension == 0:
		return note + "。确需延长的，应在期限届满前经政府信息公开工作机构负责人同意，延长不超过 20 个工作日（《条例》第三十三条）。"
	}
	return note + "。"
}
