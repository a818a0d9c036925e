package demo_test

import (
	"context"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/request"
	"github.com/gongkai/gongkai/internal/store"
	"github.com/gongkai/gongkai/internal/workday"
)

// TestSeedRequests: the demo's requests to 吴城镇 cover the states the
// console shows, and their statistics build.
func TestSeedRequests(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 11, 27, 8, 0, 0, 0, time.UTC)
	st := seededDemo(t, now)
	town, err := st.BodyBySlug(ctx, "wucheng")
	if err != nil {
		t.Fatal(err)
	}
	list, err := st.RequestsForBody(ctx, town.ID, store.RequestFilter{})
	if err != nil {
		t.Fatal(err)
	}
	states := map[request.State]int{}
	for _, q := range list {
		states[q.State]++
	}
	want := map[request.State]int{request.StateAnswered: 2, request.StateReceived: 2, request.StateConsulting: 1, request.StateFeePending: 1}
	for s, n := range want {
		if states[s] != n {
			t.Errorf("%s: %d requests, want %d (all: %v)", s, states[s], n, states)
		}
	}
	recs, err := st.RequestRecords(ctx, town.ID, 2026)
	if err != nil {
		t.Fatal(err)
	}
	cases, err := st.CaseRecords(ctx, town.ID, 2026)
	if err != nil || len(cases) != 1 {
		t.Fatalf("cases: %d, %v", len(cases), err)
	}
	tables, err := request.BuildTables(2026, recs, cases)
	if err != nil {
		t.Fatal(err)
	}
	if n := tables.Three["一"]["总计"].Num; n != 6 {
		t.Errorf("received in 2026: %v, want 6", n)
	}
	// The Art. 36(5) answer counts here as 三.四.1; the application it
	// forwarded is a request of 桐柏县民政局 received on the answer's day.
	if n := tables.Three["三.四.1"]["总计"].Num; n != 1 {
		t.Errorf("三.四.1 in 2026: %v, want 1", n)
	}
	// The consultation has lapsed (Art. 32) and the fee is overdue
	// (109号) as of the demo's day.
	for code, check := range map[string]func(request.Status) bool{
		"WCDEMOAAAAAC": func(s request.Status) bool { return s.ConsultationLapsed && !s.Paused },
		"WCDEMOAAAAAD": func(s request.Status) bool { return s.FeeOverdue },
	} {
		q, err := st.RequestByCode(ctx, code)
		if err != nil {
			t.Fatal(err)
		}
		evs, err := st.RequestEvents(ctx, q.ID)
		if err != nil {
			t.Fatal(err)
		}
		var domain []request.Event
		for _, e := range evs {
			domain = append(domain, e.Event)
		}
		set := request.DefaultSettings()
		set.AsOf = workday.Today(now)
		if s, err := request.Clock(domain, workday.Official(), set); err != nil || !check(s) {
			t.Errorf("%s as of %s: %+v, %v", code, set.AsOf, s, err)
		}
	}
	from, err := st.RequestByCode(ctx, "WCDEMOAAAAAF")
	if err != nil {
		t.Fatal(err)
	}
	fwd, err := st.RequestByCode(ctx, "WCDEMOAAAAAG")
	if err != nil || fwd.ForwardedFrom != from.ID || fwd.Channel != request.Forwarded || fwd.Received != from.Closed || fwd.BodyID == town.ID {
		t.Errorf("forwarded demo request: %+v, %v", fwd, err)
	}
	if q, err := st.RequestByCode(ctx, "WCDEMOAAAAAA"); err != nil || q.Outcome != "三.二" {
		t.Errorf("answered demo request: %+v, %v", q, err)
	}
}
