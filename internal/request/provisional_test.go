package request

import (
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/workday"
)

// TestArt33ProvisionalDueInDecember: in December 2026 the built-in
// calendar ends with 2026. An answer deadline (Art. 33, 20 working days)
// that runs into 2027 is provisional, counted on weekends alone and
// labelled 暂定 with its reason; every deadline inside 2026 — the 7-day
// 补正 notice (Art. 30), a consultation's 15 days (Art. 32) — is the
// legal date and no longer dropped.
func TestArt33ProvisionalDueInDecember(t *testing.T) {
	tests := []struct {
		name        string
		events      []Event
		asOf        string
		due         string
		provisional bool
		notice      string // the 7-day 补正 notice
		noticeProv  bool
		applicant   string // PendingDueText
	}{
		{
			name:   "received 1 December: all inside 2026",
			events: []Event{Received{d("2026-12-01"), Online}},
			asOf:   "2026-12-05", due: "2026-12-29", notice: "2026-12-10",
		},
		{
			name:   "received 10 December: the answer runs into 2027, the 补正 notice does not",
			events: []Event{Received{d("2026-12-10"), Online}},
			asOf:   "2026-12-10", due: "2027-01-07", provisional: true, notice: "2026-12-21",
			applicant: "答复期限将在国务院办公厅公布 2027 年节假日安排后确定（自收到申请之日起 20 个工作日）",
		},
		{
			name:   "received 28 December: both run into 2027",
			events: []Event{Received{d("2026-12-28"), InPerson}},
			asOf:   "2026-12-28", due: "2027-01-25", provisional: true, notice: "2027-01-06", noticeProv: true,
			applicant: "答复期限将在国务院办公厅公布 2027 年节假日安排后确定（自收到申请之日起 20 个工作日）",
		},
		{
			name: "supplement received: the period restarts (Art. 30) into 2027",
			events: []Event{Received{d("2026-11-20"), Online}, SupplementRequested{d("2026-11-23"), d("2026-12-04")},
				SupplementReceived{Date: d("2026-12-03")}},
			asOf: "2026-12-05", due: "2026-12-31", notice: "2026-12-01",
		},
		{
			name: "extended by 20 working days (Art. 33) into 2027",
			events: []Event{Received{d("2026-11-20"), Online}, Accepted{d("2026-11-23")},
				Extended{d("2026-12-04"), 20, "王"}},
			asOf: "2026-12-05", due: "2027-01-15", provisional: true, notice: "2026-12-01",
			applicant: "答复期限将在国务院办公厅公布 2027 年节假日安排后确定（自收到申请之日起 20 个工作日，延长 20 个工作日）",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := mustClock(t, tt.events, settingsAsOf(tt.asOf))
			if st.Due.String() != tt.due || st.DueProvisional != tt.provisional {
				t.Errorf("due %s provisional %v, want %s %v", st.Due, st.DueProvisional, tt.due, tt.provisional)
			}
			if st.SupplementNotice.Due.String() != tt.notice || st.SupplementNotice.Provisional != tt.noticeProv {
				t.Errorf("补正 notice due %s provisional %v, want %s %v", st.SupplementNotice.Due, st.SupplementNotice.Provisional, tt.notice, tt.noticeProv)
			}
			if got := st.PendingDueText(); got != tt.applicant {
				t.Errorf("PendingDueText = %q, want %q", got, tt.applicant)
			}
			if tt.provisional != (st.DueReason() != "") || (tt.provisional && !strings.Contains(st.DueReason(), "2027 年节假日安排")) {
				t.Errorf("DueReason = %q", st.DueReason())
			}
			lines := strings.Join(st.Lines, "\n")
			if tt.provisional && !strings.Contains(lines, tt.due+"（暂定）") {
				t.Errorf("staff explanation does not label %s 暂定:\n%s", tt.due, lines)
			}
			if !tt.provisional && strings.Contains(lines, "暂定") {
				t.Errorf("a legal date is labelled 暂定:\n%s", lines)
			}
			set := settingsAsOf(tt.asOf)
			set.ForApplicant = true
			pub := mustClock(t, tt.events, set)
			for _, l := range pub.Lines {
				if strings.Contains(l, "暂定") || (tt.provisional && strings.Contains(l, tt.due)) {
					t.Errorf("applicant's explanation shows a provisional date: %q", l)
				}
				for _, r := range l {
					if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
						t.Errorf("applicant's explanation has Latin letters: %q", l)
						break
					}
				}
			}
		})
	}
}

// TestArt33ProvisionalResolvedByNotice: once a 2027 schedule is added the
// same history gives the legal date and nothing provisional.
func TestArt33ProvisionalResolvedByNotice(t *testing.T) {
	c := workday.Official()
	// A 2027 schedule of 元旦 on 1–3 January only, for the test.
	if err := c.AddYear(2027, workday.Schedule{Holidays: []workday.Date{d("2027-01-01"), d("2027-01-02"), d("2027-01-03")}}); err != nil {
		t.Fatal(err)
	}
	st, err := Clock([]Event{Received{d("2026-12-10"), Online}}, c, settingsAsOf("2026-12-10"))
	if err != nil {
		t.Fatal(err)
	}
	if st.DueProvisional || st.MissingYear != 0 || st.Due != d("2027-01-08") {
		t.Errorf("due %s provisional %v missing %d, want 2027-01-08 legal", st.Due, st.DueProvisional, st.MissingYear)
	}
}

// TestArt33ProvisionalLabelsDeadlinesNotEvents: in January 2027 without the
// 2027 notice, what happened on a day is a fact; only the deadlines
// counted through 2027 are provisional.
func TestArt33ProvisionalLabelsDeadlinesNotEvents(t *testing.T) {
	st := mustClock(t, []Event{Received{d("2027-01-05"), InPerson}}, settingsAsOf("2027-01-06"))
	if !st.DueProvisional || st.Due != d("2027-02-02") {
		t.Fatalf("due %s provisional %v", st.Due, st.DueProvisional)
	}
	if got, want := st.Lines[0], "2027-01-05 收到申请（当面提交），答复期限 20 个工作日，至 2027-02-02（暂定）"; got != want {
		t.Errorf("line %q, want %q", got, want)
	}
}
