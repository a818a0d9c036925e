package request

import (
	"strings"
	"testing"
)

// TestArt32ConsultationResumesAfter15Workdays: a third party has 15
// working days to reply (Art. 32). A consultation sent on Thursday
// 2026-03-05 and never closed excludes at most the working days of
// 6–26 March (no holiday among them: 6, 9–13, 16–20, 23–26), so the
// clock resumes by itself on 2026-03-27. The request received on
// Monday 2026-03-02 was due on 2026-03-30; 15 working days later, across
// Qingming (4–6 April), it is due on 2026-04-21 — and three months
// later it still is, where the clock used to exclude 63 working days.
func TestArt32ConsultationResumesAfter15Workdays(t *testing.T) {
	events := []Event{
		Received{Date: d("2026-03-02"), Channel: Online},
		ConsultationStarted{Date: d("2026-03-05"), With: ThirdParty, Party: "某公司"},
	}
	during := mustClock(t, events, settingsAsOf("2026-03-26"))
	if !during.Paused || during.ConsultationLapsed || during.Consultation.Due != d("2026-03-26") {
		t.Errorf("on the 15th day: paused %v lapsed %v, reply due %s", during.Paused, during.ConsultationLapsed, during.Consultation.Due)
	}
	for _, asOf := range []string{"2026-03-27", "2026-06-05"} {
		st := mustClock(t, events, settingsAsOf(asOf))
		if st.Paused || !st.ConsultationLapsed || st.Excluded != 15 || st.Due != d("2026-04-21") {
			t.Errorf("as of %s: paused %v lapsed %v excluded %d due %s; want running again, 15 excluded, due 2026-04-21",
				asOf, st.Paused, st.ConsultationLapsed, st.Excluded, st.Due)
		}
		last := st.Lines[len(st.Lines)-1]
		for _, want := range []string{"2026-03-26 届满", "第三十二条", "自 2026-03-27 起恢复计算答复期限", "不计入 15 个工作日", "2026-04-21"} {
			if !strings.Contains(last, want) {
				t.Errorf("as of %s: explanation %q lacks %q", asOf, last, want)
			}
		}
		if k, _ := st.NextSide(); k != SideNone {
			t.Errorf("as of %s: a lapsed consultation is still a pending side deadline (%s)", asOf, k)
		}
	}
	// Recording the reply three months late changes nothing: 15 days.
	ended := mustClock(t, append(events, ConsultationEnded{Date: d("2026-06-05")}), settingsAsOf("2026-06-05"))
	if ended.Excluded != 15 || ended.Due != d("2026-04-21") || !strings.Contains(ended.Lines[2], "自 2026-03-27 起恢复计算") {
		t.Errorf("ended late: excluded %d due %s, %q", ended.Excluded, ended.Due, ended.Lines)
	}
	// A reply within the period ends the pause on its day, as before.
	early := mustClock(t, append(events, ConsultationEnded{Date: d("2026-03-12")}), settingsAsOf("2026-03-12"))
	if early.Excluded != 5 || early.Due != d("2026-04-07") {
		t.Errorf("ended early: excluded %d due %s", early.Excluded, early.Due)
	}
}

// TestArt34AgencyDeemedToAgree: a co-producing agency that does not
// reply in 15 working days is deemed to agree (Art. 34); the explanation
// says so.
func TestArt34AgencyDeemedToAgree(t *testing.T) {
	st := mustClock(t, []Event{
		Received{Date: d("2026-03-02"), Channel: Online},
		ConsultationStarted{Date: d("2026-03-05"), With: OtherAgency},
	}, settingsAsOf("2026-04-01"))
	if !st.ConsultationLapsed || st.Due != d("2026-04-21") || !strings.Contains(st.Lines[len(st.Lines)-1], "第三十四条") ||
		!strings.Contains(st.Lines[len(st.Lines)-1], "视为同意公开") {
		t.Errorf("lapsed %v due %s lines %q", st.ConsultationLapsed, st.Due, st.Lines)
	}
}

// TestArt32AnswerAfterTheReplyPeriod: past the 15 working days the body
// decides (Art. 32) without first recording an end to the consultation;
// within them it must wait for the reply.
func TestArt32AnswerAfterTheReplyPeriod(t *testing.T) {
	events := []Event{
		Received{Date: d("2026-03-02"), Channel: Online},
		ConsultationStarted{Date: d("2026-03-05"), With: ThirdParty},
	}
	if _, err := Clock(append(events, Answered{Date: d("2026-03-26"), Outcome: "三.三.4"}), cal, settingsAsOf("2026-03-26")); err == nil ||
		!strings.Contains(err.Error(), "尚未届满") {
		t.Errorf("answer on the 15th day: %v, want refused", err)
	}
	st := mustClock(t, append(events, Answered{Date: d("2026-04-10"), Outcome: "三.三.4"}), settingsAsOf("2026-04-10"))
	if st.State != StateAnswered || st.Excluded != 15 || st.Due != d("2026-04-21") || st.Overdue {
		t.Errorf("answer after the period: %s excluded %d due %s overdue %v", st.State, st.Excluded, st.Due, st.Overdue)
	}
}
