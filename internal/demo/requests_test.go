package demo_test

import (
	"context"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/request"
	"github.com/gongkai/gongkai/internal/store"
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
	want := map[request.State]int{request.StateAnswered: 1, request.StateReceived: 2, request.StateConsulting: 1, request.StateFeePending: 1}
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
	if n := tables.Three["一"]["总计"].Num; n != 5 {
		t.Errorf("received in 2026: %v, want 5", n)
	}
	if q, err := st.RequestByCode(ctx, "WCDEMOAAAAAA"); err != nil || q.Outcome != "三.二" {
		t.Errorf("answered demo request: %+v, %v", q, err)
	}
}
