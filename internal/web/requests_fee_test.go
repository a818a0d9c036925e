package web

import (
	"context"
	"io"
	"log/slog"
	"net/url"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/gongkai/gongkai/internal/auth"
	rq "github.com/gongkai/gongkai/internal/request"
	"github.com/gongkai/gongkai/internal/store"
	"github.com/gongkai/gongkai/internal/workday"
)

// TestFeeWaitSetting: -fee-pauses-clock decides whether the wait for a
// fee payment moves the answer deadline, in the store's due date and in
// every clock the web layer shows.
func TestFeeWaitSetting(t *testing.T) {
	events := []rq.Event{rq.Received{Date: workday.MustParse("2026-03-02"), Channel: rq.Online},
		rq.FeeNoticeSent{Date: workday.MustParse("2026-03-04"), Method: rq.PerPage, Count: 31, Amount: 10}, rq.FeePaid{Date: workday.MustParse("2026-03-11")}}
	due := map[bool]workday.Date{}
	for _, counts := range []bool{false, true} {
		set := rq.DefaultSettings()
		set.PauseForFee = !counts
		st, err := rq.Clock(events, workday.Official(), set)
		if err != nil {
			t.Fatal(err)
		}
		due[counts] = st.Due
	}
	if due[false] == due[true] || !due[true].Before(due[false]) {
		t.Fatalf("the fixture proves nothing: due %v when the wait pauses, %v when it counts", due[false], due[true])
	}
	for _, counts := range []bool{false, true} {
		t.Run("fee wait counts "+strconv.FormatBool(counts), func(t *testing.T) {
			st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "gongkai.db"), store.Options{FeeWaitCounts: counts})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { st.Close() })
			e := newTestEnvOn(t, st, true)
			srv, err := newServer(Options{Store: st, Sessions: st.Sessions(), BaseURL: "http://example.com",
				Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), FeeWaitCounts: counts})
			if err != nil {
				t.Fatal(err)
			}
			e.srv, e.h = srv, srv.handler()
			clk := &testClock{}
			e.srv.now = clk.now
			clk.set("2026-03-02")
			q := e.createTestRequest(e.a.ID, false)
			clk.set("2026-03-11")
			handler := e.login(e.users[auth.RoleHandler].Username)
			path := "/admin/requests/" + strconv.FormatInt(q.ID, 10)
			for _, form := range []url.Values{
				{"kind": {"fee-notice-sent"}, "date": {"2026-03-04"}, "method": {"per-page"}, "pages": {"31"}},
				{"kind": {"fee-paid"}, "date": {"2026-03-11"}},
			} {
				if w := e.serve(request("POST", path+"/events", form, handler)); w.Code != 303 {
					t.Fatalf("%s: status %d\n%.2000s", form.Get("kind"), w.Code, w.Body.String())
				}
			}
			stored, err := st.Request(context.Background(), q.ID)
			if err != nil {
				t.Fatal(err)
			}
			rc, err := e.srv.clockOf(context.Background(), stored)
			if err != nil || rc.Problem != "" {
				t.Fatalf("clock: %v %s", err, rc.Problem)
			}
			if stored.Due != due[counts] || rc.Status.Due != due[counts] {
				t.Errorf("due: stored %v, shown %v; want %v", stored.Due, rc.Status.Due, due[counts])
			}
		})
	}
}
