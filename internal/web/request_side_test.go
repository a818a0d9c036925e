package web

import (
	"context"
	"html"
	"regexp"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/auth"
	rq "github.com/gongkai/gongkai/internal/request"
	"github.com/gongkai/gongkai/internal/store"
	"github.com/gongkai/gongkai/internal/workday"
)

// dashboardCounts reads a body's 办理中 / 即将到期 / 已逾期 cells.
func dashboardCounts(t *testing.T, page, bodyName string) string {
	t.Helper()
	re := regexp.MustCompile(regexp.QuoteMeta(bodyName) + `</th>\s*<td>(\d+)</td>\s*<td>(?:<span[^>]*>)?(\d+)(?:</span>)?</td>\s*<td>(?:<span[^>]*>)?(\d+)`)
	m := re.FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("dashboard has no row for %s:\n%.3000s", bodyName, page)
	}
	return m[1] + "/" + m[2] + "/" + m[3]
}

// TestSideDeadlines: the 补正 notice, the applicant's supplement period
// and the like are stored next to the answer deadline and count on the
// dashboard as the answer deadline does.
func TestSideDeadlines(t *testing.T) {
	e := newTestEnv(t)
	ctx := context.Background()
	clk := e.withClock("2026-03-02")
	handler := e.login(e.users[auth.RoleHandler].Username)
	received := e.srv.today()
	add := func(d workday.Date, n int) workday.Date {
		t.Helper()
		out, err := e.srv.cal.AddWorkdays(d, n)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}

	q := e.createTestRequest(e.a.ID, false)
	noticeDue := add(received, rq.SupplementNoticePeriod)
	if q.SideKind != rq.SideSupplementNotice || q.SideDue != noticeDue {
		t.Fatalf("new request: side %q %s, want supplement-notice %s", q.SideKind, q.SideDue, noticeDue)
	}
	closed := e.createTestRequest(e.a.ID, true)
	if closed.SideKind != rq.SideNone || !closed.SideDue.IsZero() {
		t.Fatalf("closed request keeps a side deadline: %q %s", closed.SideKind, closed.SideDue)
	}

	late := add(noticeDue, 1) // the notice is late; the 20 days still run
	supplementBy := add(late, 10)
	steps := []struct {
		name      string
		day       workday.Date
		event     rq.Event
		wantKind  rq.SideKind
		wantDue   workday.Date
		counts    string // 办理中/即将到期/已逾期 of the body
		wantLabel string
	}{
		{"received", received, nil, rq.SideSupplementNotice, noticeDue, "1/0/0",
			"补正通知期限 " + noticeDue.String() + "（剩余 7 个工作日）"},
		{"notice overdue", late, nil, rq.SideSupplementNotice, noticeDue, "1/0/1",
			"补正通知期限 " + noticeDue.String() + "（已逾期）"},
		{"notice sent", late, rq.SupplementRequested{Date: late, Due: supplementBy}, rq.SideSupplement, supplementBy, "1/0/0",
			"补正期限 " + supplementBy.String() + "（剩余 10 个工作日）"},
		{"supplement due soon", add(late, 7), nil, rq.SideSupplement, supplementBy, "1/1/0",
			"补正期限 " + supplementBy.String() + "（剩余 3 个工作日）"},
		{"supplement overdue", add(supplementBy, 1), nil, rq.SideSupplement, supplementBy, "1/0/1",
			"补正期限 " + supplementBy.String() + "（已逾期）"},
	}
	for _, s := range steps {
		clk.set(s.day.String())
		if s.event != nil {
			var err error
			if q, err = e.st.AppendRequestEvent(ctx, q.ID, rq.EventRecord{Event: s.event, UserID: 1}); err != nil {
				t.Fatalf("%s: %v", s.name, err)
			}
		}
		if got, err := e.st.Request(ctx, q.ID); err != nil || got.SideKind != s.wantKind || got.SideDue != s.wantDue {
			t.Errorf("%s: stored side %q %s (%v), want %q %s", s.name, got.SideKind, got.SideDue, err, s.wantKind, s.wantDue)
		}
		_, page := e.get(t, "/admin/requests", handler)
		if got := dashboardCounts(t, page, e.a.Name); got != s.counts {
			t.Errorf("%s: dashboard %s, want %s", s.name, got, s.counts)
		}
		_, list := e.get(t, "/admin/bodies/"+itoa(e.a.ID)+"/requests?status=due-soon", handler)
		list = html.UnescapeString(list)
		if listed := strings.Contains(list, q.Code); listed != (s.counts != "1/0/0") {
			t.Errorf("%s: due-soon list shows the request: %v", s.name, listed)
		}
		_, all := e.get(t, "/admin/bodies/"+itoa(e.a.ID)+"/requests?status=all", handler)
		if all = html.UnescapeString(all); !strings.Contains(all, s.wantLabel) {
			t.Errorf("%s: list lacks %q", s.name, s.wantLabel)
		}
		// The stored columns alone find the request once its side
		// deadline is within reach, without running the clock.
		soon, err := e.st.RequestsForBody(ctx, e.a.ID, store.RequestFilter{Status: "due-soon", DueBy: add(s.day, dueSoonDays)})
		if want := s.counts != "1/0/0"; err != nil || (len(soon) == 1) != want {
			t.Errorf("%s: store due-soon filter: %d requests (%v), want listed %v", s.name, len(soon), err, want)
		}
	}
}
