package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/store"
)

// at fixes the clock at an instant.
func (c *testClock) at(t time.Time) { c.mu.Lock(); c.t = t; c.mu.Unlock() }

// TestArt31OnlineFilingAtMidnight: an online application's date of
// receipt is the Beijing date at which it was stored (Art. 31(3)). Filed
// at 23:59:59 China time through the form or the API it is received that
// day; at 00:00:00 the next. The stored request and its Received event
// carry that very instant, and an online 补正 at 23:59:59 is received
// that day by the same computation. The server's clock is given in UTC,
// as a server's would be. On both databases.
func TestArt31OnlineFilingAtMidnight(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, st *store.Store) { testArt31OnlineFilingAtMidnight(t, newTestEnvOn(t, st, true)) })
}

func testArt31OnlineFilingAtMidnight(t *testing.T, e *testEnv) {
	ctx := context.Background()
	clk := &testClock{}
	e.srv.now = clk.now
	lastSecond := time.Date(2026, 3, 31, 15, 59, 59, 0, time.UTC) // 23:59:59 in Beijing
	midnight := time.Date(2026, 3, 31, 16, 0, 0, 0, time.UTC)     // 00:00:00 on 1 April
	file := map[string]func() string{
		"form": func() string {
			q, _ := e.applyOnline(t, nil)
			return q.Code
		},
		"api": func() string {
			w := apiCall(e, "POST", "/api/v1/requests", "", `{"body_id":`+strconv.FormatInt(e.a.ID, 10)+`,"applicant_type":"自然人",`+
				`"name":"张三","id_type":"居民身份证","id_number":"`+testResidentID+`","email":"zhang@example.com","sought":"预算","delivery":"电子邮件"}`)
			return decode[apiFiled](t, w).Code
		},
	}
	for _, how := range []string{"form", "api"} {
		for _, tt := range []struct {
			at   time.Time
			want string
		}{{lastSecond, "2026-03-31"}, {midnight, "2026-04-01"}} {
			clk.at(tt.at)
			q, err := e.st.RequestByCode(ctx, file[how]())
			if err != nil {
				t.Fatal(err)
			}
			if q.Received.String() != tt.want || !q.Created.Equal(tt.at) {
				t.Errorf("%s at %s: received %s, stored at %s; want %s at that instant", how, tt.at, q.Received, q.Created, tt.want)
			}
			evs, err := e.st.RequestEvents(ctx, q.ID)
			if err != nil || len(evs) != 1 || evs[0].Event.On().String() != tt.want || !evs[0].Created.Equal(tt.at) {
				t.Errorf("%s at %s: Received event %+v, %v", how, tt.at, evs, err)
			}
		}
	}

	// An online 补正 at 23:59:59 is received that day.
	clk.at(lastSecond.Add(-2 * time.Hour))
	q, secret := e.applyOnline(t, nil)
	code := []string{"", q.Code}
	handler := e.login(e.users[auth.RoleHandler].Username)
	if c, b := e.post(t, "/admin/requests/"+strconv.FormatInt(q.ID, 10)+"/events", url.Values{"kind": {"supplement-requested"},
		"date": {"2026-03-31"}, "due": {"2026-04-10"}, "notice": {"请写明年份。"}}, handler); c != http.StatusSeeOther {
		t.Fatalf("补正 notice: %d\n%.2000s", c, b)
	}
	clk.at(lastSecond.Add(-time.Hour))
	tok := supplementTokenRE.FindStringSubmatch(e.serve(request("POST", "/apply/status", url.Values{"code": {code[1]}, "secret": {secret}}, nil)).Body.String())
	if tok == nil {
		t.Fatal("no 补正 form")
	}
	clk.at(lastSecond)
	w := e.serve(supplementPost(t, url.Values{"code": {code[1]}, "token": {tok[1]}, "text": {"2025 年。"}}, "", nil))
	if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), "2026年3月31日") {
		t.Fatalf("补正: %d\n%.2000s", w.Code, w.Body.String())
	}
	evs, err := e.st.RequestEvents(ctx, q.ID)
	if err != nil {
		t.Fatal(err)
	}
	last := evs[len(evs)-1]
	if last.Event.On().String() != "2026-03-31" || !last.Created.Equal(lastSecond) {
		t.Errorf("补正 at 23:59:59: received %s, stored at %s", last.Event.On(), last.Created)
	}
}
