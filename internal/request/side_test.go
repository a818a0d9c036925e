package request

import "testing"

func TestArt30Art32Fee109NextSide(t *testing.T) {
	received := Received{Date: d("2026-03-02"), Channel: Online}
	cases := []struct {
		name     string
		events   []Event
		wantKind SideKind
		wantDue  string
	}{
		{"received: the office's 补正 notice", []Event{received}, SideSupplementNotice, "2026-03-11"},
		{"accepted: judged complete, no notice pending", []Event{received, Accepted{Date: d("2026-03-03")}}, SideNone, ""},
		{"notice sent: the applicant's period", []Event{received,
			SupplementRequested{Date: d("2026-03-05"), Due: d("2026-03-20")}}, SideSupplement, "2026-03-20"},
		{"supplemented: nothing pending", []Event{received,
			SupplementRequested{Date: d("2026-03-05"), Due: d("2026-03-20")}, SupplementReceived{Date: d("2026-03-10")}}, SideNone, ""},
		{"consulting: the reply", []Event{received, Accepted{Date: d("2026-03-03")},
			ConsultationStarted{Date: d("2026-03-04"), With: ThirdParty}}, SideConsultation, "2026-03-25"},
		{"fee notice: the payment", []Event{received, Accepted{Date: d("2026-03-03")},
			FeeNoticeSent{Date: d("2026-03-04"), ReceivedOn: d("2026-03-05")}}, SideFeePayment, "2026-04-02"},
		{"closed: none", []Event{received, Answered{Date: d("2026-03-03"), Outcome: "三.一"}}, SideNone, ""},
	}
	for _, c := range cases {
		st, err := Clock(c.events, cal, DefaultSettings())
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		kind, due := st.NextSide()
		got := ""
		if !due.IsZero() {
			got = due.String()
		}
		if kind != c.wantKind || got != c.wantDue {
			t.Errorf("%s: %q %s, want %q %s", c.name, kind, got, c.wantKind, c.wantDue)
		}
		if kind.Label() == "" && kind != SideNone {
			t.Errorf("%s: %q has no label", c.name, kind)
		}
	}
}
