package request

import (
	"bytes"
	"strings"
	"testing"
)

// TestArt36ReferralIsAnAnswer: the 条例 has no transfer. A request whose
// information another body is responsible for is answered under Art.
// 36(5): received here (一) and closed as 三.四.1 本机关不掌握相关政府信息;
// an old 转办 record counts the same way.
func TestArt36ReferralIsAnAnswer(t *testing.T) {
	s := DefaultSettings()
	s.ValidOutcome = KnownOutcome
	s.AsOf = d("2026-12-31")
	var records []RequestRecord
	for _, last := range []Event{
		Referred{Date: d("2026-03-04"), Holder: "桐柏县财政局", Contact: "桐柏县淮源大道 1 号，0377-12345678"},
		Transferred{Date: d("2026-03-04"), To: "桐柏县财政局"},
	} {
		st := mustClock(t, []Event{Received{Date: d("2026-03-02"), Channel: Online}, last}, s)
		if st.State != StateAnswered || st.Outcome != OutcomeNotHeld || st.Closed != d("2026-03-04") {
			t.Errorf("%s: %s %s closed %s", last.Kind(), st.State, st.Outcome, st.Closed)
		}
		if !strings.Contains(st.Lines[1], "第三十六条第（五）项") {
			t.Errorf("%s: explanation %q", last.Kind(), st.Lines[1])
		}
		records = append(records, RecordOf(st, "自然人"))
	}
	tb, err := BuildTables(2026, records, nil)
	if err != nil {
		t.Fatal(err)
	}
	for row, want := range map[string]int{"一": 2, "三.四.1": 2, "三.七": 2, "四": 0} {
		if got := num(t, tb.Three, row, "自然人"); got != want {
			t.Errorf("三 %s/自然人 = %d, want %d", row, got, want)
		}
	}
}

// TestArt36LetterNamesTheHolder: the answer letter of an Art. 36(5)
// answer names the responsible body and its contact and, when the
// application was forwarded on the platform, when and under which code.
func TestArt36LetterNamesTheHolder(t *testing.T) {
	l := Letter{Body: "吴城镇人民政府", Applicant: "王某某", TrackingCode: "WCDEMOAAAAAF", Received: d("2026-03-02"),
		Answered: d("2026-03-04"), Outcome: OutcomeNotHeld, Request: "2025年县级预算执行情况",
		Holder: &Holder{Name: "桐柏县财政局", Contact: "0377-12345678", Forwarded: d("2026-03-04"), ForwardedCode: "ABCDEFGHJKLM"}}
	var buf bytes.Buffer
	if err := l.RenderHTML(&buf); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"由桐柏县财政局负责公开，联系方式：0377-12345678。", "2026年3月4日将您的申请转送桐柏县财政局",
		"ABCDEFGHJKLM", "第三十六条第（四）项、第（五）项", "本机关不掌握相关政府信息"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("letter lacks %q", want)
		}
	}
	for _, bad := range []struct {
		name string
		edit func(*Letter)
		want string
	}{
		{"no contact", func(l *Letter) { l.Holder.Contact = "" }, "联系方式"},
		{"wrong outcome", func(l *Letter) { l.Outcome = "三.一" }, "三.四.1"},
	} {
		x := l
		h := *l.Holder
		x.Holder = &h
		bad.edit(&x)
		if err := x.RenderHTML(&bytes.Buffer{}); err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("%s: %v", bad.name, err)
		}
	}
}
