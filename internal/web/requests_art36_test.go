package web

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/annualreport"
	"github.com/gongkai/gongkai/internal/auth"
	rq "github.com/gongkai/gongkai/internal/request"
	"github.com/gongkai/gongkai/internal/store"
)

// TestArt36ReferralScenario: the 条例 has no transfer. 城关镇 receives an
// application for the county's information and answers it under Art.
// 36(5) on 5 March 2026, naming 江北县人民政府 (on the platform) with its
// contact in the 告知书, and forwards the application there on 6 March:
// the county receives a new request that day. Each body counts its own
// request in 一 and its own outcome — 三.四.1 here, the county's answer
// there. A second request is answered the same way through the API for
// a body off the platform, without forwarding; the old 转办 step is
// refused with the rule. On both databases.
func TestArt36ReferralScenario(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, st *store.Store) { testArt36ReferralScenario(t, newTestEnvOn(t, st, true)) })
}

func testArt36ReferralScenario(t *testing.T, e *testEnv) {
	ctx := context.Background()
	clk := e.withClock("2026-03-02")
	handler := e.login(e.users[auth.RoleHandler].Username)
	token, _ := e.token(e.users[auth.RoleHandler])
	countyHandler := e.createUser("county-handler", auth.Grant{Role: auth.RoleHandler, BodyID: e.root.ID})
	countyToken, _ := e.token(countyHandler)

	q, secret := e.applyOnline(t, url.Values{"sought": {"江北县2025年县级预算执行情况"}})
	path := "/admin/requests/" + strconv.FormatInt(q.ID, 10)
	if _, b := e.get(t, path, handler); !strings.Contains(b, `value="referred"`) || strings.Contains(b, `value="transferred"`) ||
		!strings.Contains(b, `<option value="`+strconv.FormatInt(e.root.ID, 10)+`">江北县人民政府</option>`) {
		t.Errorf("the page should offer the Art. 36(5) answer with the platform's bodies, and no transfer")
	}
	clk.set("2026-03-06")
	if c, b := e.post(t, path+"/events", url.Values{"kind": {"transferred"}, "date": {"2026-03-05"}, "to": {"江北县人民政府"}}, handler); c != http.StatusUnprocessableEntity ||
		!strings.Contains(html.UnescapeString(b), "《条例》没有“转办”") {
		t.Errorf("old transfer step: %d", c)
	}
	// 河口镇 has published no contact: one must be typed.
	if c, b := e.post(t, path+"/events", url.Values{"kind": {"referred"}, "date": {"2026-03-05"}, "holder_body_id": {strconv.FormatInt(e.b.ID, 10)}}, handler); c != http.StatusUnprocessableEntity ||
		!strings.Contains(b, "联系方式") {
		t.Errorf("holder without contact: %d", c)
	}
	c, b := e.post(t, path+"/events", url.Values{"kind": {"referred"}, "date": {"2026-03-05"}, "holder_body_id": {strconv.FormatInt(e.root.ID, 10)},
		"forward": {"1"}, "reasons": {"县级预算执行情况由县人民政府负责公开。"}}, handler)
	if c != http.StatusSeeOther {
		t.Fatalf("referral: %d\n%.3000s", c, b)
	}
	answered, err := e.st.Request(ctx, q.ID)
	if err != nil || answered.State != rq.StateAnswered || answered.Outcome != rq.OutcomeNotHeld || answered.Closed.String() != "2026-03-05" {
		t.Fatalf("answered here: %+v, %v", answered, err)
	}
	// The county's new request: received the day it arrived.
	list, err := e.st.RequestsForBody(ctx, e.root.ID, store.RequestFilter{})
	if err != nil || len(list) != 1 {
		t.Fatalf("county requests: %d, %v", len(list), err)
	}
	fwd := list[0]
	if fwd.Channel != rq.Forwarded || fwd.Received.String() != "2026-03-06" || fwd.ForwardedFrom != q.ID || fwd.State != rq.StateReceived ||
		fwd.Sought != q.Sought || fwd.IDNumber != testResidentID || fwd.Code == q.Code || fwd.Due.String() != "2026-04-03" {
		t.Errorf("forwarded request: %+v", fwd)
	}
	// The letter names the county, its contact and the new code.
	w := e.serve(request("GET", path+"/letter", nil, handler))
	letter := html.UnescapeString(w.Body.String())
	for _, want := range []string{rq.HolderLetterTitle, "由江北县人民政府负责公开，联系方式：江北县人民政府办公室，地址：江北县人民路 1 号",
		"电话：0551-12345678", "县级预算执行情况由县人民政府负责公开。", "2026年3月6日将您的申请转送江北县人民政府", fwd.Code} {
		if !strings.Contains(letter, want) {
			t.Errorf("letter lacks %q", want)
		}
	}
	if _, b := e.get(t, path, handler); !strings.Contains(html.UnescapeString(b), "2026-03-06 转送至江北县人民政府，新申请编号 "+fwd.Code) {
		t.Errorf("the page does not show the forward")
	}
	countyCookies := e.login(countyHandler.Username)
	if _, b := e.get(t, "/admin/requests/"+strconv.FormatInt(fwd.ID, 10), countyCookies); !strings.Contains(html.UnescapeString(b),
		"城关镇人民政府依《条例》第三十六条第（五）项转送（原申请编号 "+q.Code+"），2026-03-06 到达本机关") {
		t.Errorf("the county's page does not show where the request came from")
	}
	// The applicant sees the new code and looks it up with the same secret.
	st := html.UnescapeString(e.serve(request("POST", "/apply/status", url.Values{"code": {q.Code}, "secret": {secret}}, nil)).Body.String())
	if !strings.Contains(st, "您的申请已转送江北县人民政府，2026年3月6日到达该机关；新申请编号 <code>"+fwd.Code+"</code>") {
		t.Errorf("status page lacks the forward\n%.3000s", st)
	}
	w = apiCall(e, "GET", "/api/v1/requests/status?code="+fwd.Code+"&secret="+secret, "", "")
	if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), `"body":"江北县人民政府"`) {
		t.Errorf("the forwarded request by the original secret: %d %s", w.Code, w.Body.String())
	}
	// The county answers its own request.
	w = apiCall(e, "POST", "/api/v1/requests/"+strconv.FormatInt(fwd.ID, 10)+"/events", countyToken,
		`{"kind":"answered","outcome":"三.一","reasons":"见县人民政府门户网站预决算公开栏目。"}`)
	if w.Code != http.StatusCreated || !strings.Contains(w.Body.String(), `"forwarded_from":{"body":"城关镇人民政府","code":"`+q.Code+`"`) {
		t.Errorf("county answer: %d %s", w.Code, w.Body.String())
	}

	// Through the API, a body off the platform, no forward.
	q2 := e.createTestRequest(e.a.ID, false)
	w = apiCall(e, "POST", "/api/v1/requests/"+strconv.FormatInt(q2.ID, 10)+"/events", token,
		`{"kind":"referred","date":"2026-03-06","holder":"江北县自然资源和规划局","contact":"江北县人民路 9 号，0551-7654321"}`)
	if w.Code != http.StatusCreated || !strings.Contains(w.Body.String(), `"outcome":"三.四.1"`) || strings.Contains(w.Body.String(), "forwarded_to") {
		t.Errorf("API referral: %d %s", w.Code, w.Body.String())
	}
	w = apiCall(e, "POST", "/api/v1/requests/"+strconv.FormatInt(e.createTestRequest(e.a.ID, false).ID, 10)+"/events", token,
		`{"kind":"referred","holder":"江北县自然资源和规划局","contact":"0551-7654321","forward":true}`)
	if w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), "只能转送至本平台上的机关") {
		t.Errorf("forward off the platform: %d %s", w.Code, w.Body.String())
	}

	// Each body counts its own request, in 一 and in its own outcome.
	clk.set("2026-12-31")
	sup, _ := e.token(e.users[auth.RoleSysAdmin])
	report := func(bodyID int64) *annualreport.Report {
		w := apiCall(e, "GET", "/api/v1/bodies/"+strconv.FormatInt(bodyID, 10)+"/report/2026", sup, "")
		rep, err := annualreport.DecodeJSON(w.Body.Bytes())
		if w.Code != http.StatusOK || err != nil {
			t.Fatalf("report: %d %v", w.Code, err)
		}
		return rep
	}
	town, county := report(e.a.ID), report(e.root.ID)
	for _, c := range []struct {
		rep      *annualreport.Report
		row      string
		want     float64
		bodyName string
	}{
		{town, "一", 3, "城关镇"}, {town, "三.四.1", 2, "城关镇"}, {town, "四", 1, "城关镇"},
		{county, "一", 1, "县"}, {county, "三.一", 1, "县"}, {county, "三.四.1", 0, "县"},
	} {
		if got := c.rep.Tables.Three[c.row]["自然人"].Num; got != c.want {
			t.Errorf("%s 2026 三 %s/自然人 = %v, want %v", c.bodyName, c.row, got, c.want)
		}
	}
}
