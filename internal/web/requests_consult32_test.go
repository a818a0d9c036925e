package web

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/auth"
	rq "github.com/gongkai/gongkai/internal/request"
	"github.com/gongkai/gongkai/internal/store"
)

// TestArt32ConsultationScenario: a request received online on Monday
// 2 March 2026 (due 30 March) is sent to a third party on Thursday 5
// March and no reply is ever recorded. The third party has 15 working
// days (Art. 32): until 26 March the clock is paused; from 27 March it
// runs again by itself, so three months later the request is due on
// 2026-04-21 (30 March + 15 working days, Qingming skipped), not
// paused for ever. The page and the API say so, and the body may answer
// without first recording an end to the consultation. On both databases.
func TestArt32ConsultationScenario(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, st *store.Store) { testArt32ConsultationScenario(t, newTestEnvOn(t, st, true)) })
}

func testArt32ConsultationScenario(t *testing.T, e *testEnv) {
	clk := e.withClock("2026-03-02")
	handler := e.login(e.users[auth.RoleHandler].Username)
	token, _ := e.token(e.users[auth.RoleHandler])
	q, _ := e.applyOnline(t, nil)
	path := "/admin/requests/" + strconv.FormatInt(q.ID, 10)
	apiPath := "/api/v1/requests/" + strconv.FormatInt(q.ID, 10)
	clk.set("2026-03-05")
	if c, b := e.post(t, path+"/events", url.Values{"kind": {"consultation-started"}, "date": {"2026-03-05"}, "with": {"third-party"}}, handler); c != http.StatusSeeOther {
		t.Fatalf("consultation: %d\n%.2000s", c, b)
	}
	page := func() string { _, b := e.get(t, path, handler); return html.UnescapeString(b) }

	clk.set("2026-03-26")
	if b := page(); !strings.Contains(b, "征求意见中，暂停计时，最长至 2026-03-26") || strings.Contains(b, `value="answered"`) {
		t.Errorf("on the 15th working day the clock should be paused and no answer offered\n%.3000s", b)
	}
	if c, b := e.post(t, path+"/events", url.Values{"kind": {"answered"}, "date": {"2026-03-26"}, "outcome": {"三.一"}, "reasons": {"x"}}, handler); c != http.StatusUnprocessableEntity ||
		!strings.Contains(b, "尚未届满") {
		t.Errorf("answer within the reply period: %d", c)
	}

	clk.set("2026-06-05")
	b := page()
	for _, want := range []string{"2026-04-21", "征求意见期限已届满，已恢复计时", "自 2026-03-27 起恢复计算答复期限", "不计入 15 个工作日",
		"第三十二条", `value="answered"`,
		"征求意见答复（15 个工作日）：2026-03-26，已届满，未记录答复，答复期限已恢复计算</li>"} {
		if !strings.Contains(b, want) {
			t.Errorf("three months later the page lacks %q", want)
		}
	}
	got := decode[apiRequestJSON](t, apiCall(e, "GET", apiPath, token, ""))
	if !got.ConsultationLapsed || got.Paused || got.Due != "2026-04-21" || !strings.Contains(strings.Join(got.Explanation, "\n"), "自 2026-03-27 起恢复计算") {
		t.Errorf("API: lapsed %v paused %v due %s %q", got.ConsultationLapsed, got.Paused, got.Due, got.Explanation)
	}
	// The lapsed consultation is no pending side deadline: the answer
	// deadline is what is overdue.
	if _, list := e.get(t, "/admin/bodies/"+strconv.FormatInt(e.a.ID, 10)+"/requests", handler); strings.Contains(list, "征求意见答复期限") {
		t.Errorf("the list still shows the lapsed consultation's reply deadline")
	}
	w := apiCall(e, "POST", apiPath+"/events", token, `{"kind":"answered","outcome":"三.三.4","reasons":"第三方未在期限内提出意见，经审查公开会损害其合法权益。"}`)
	if w.Code != http.StatusCreated {
		t.Fatalf("answer by API: %d %s", w.Code, w.Body.String())
	}
	if final, err := e.st.Request(context.Background(), q.ID); err != nil || final.State != rq.StateAnswered || final.Outcome != "三.三.4" {
		t.Errorf("answered: %+v, %v", final, err)
	}
}
