package web

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/auth"
	rq "github.com/gongkai/gongkai/internal/request"
	"github.com/gongkai/gongkai/internal/store"
)

// TestFee109Scenario walks the fees of 国办函〔2020〕109号 through the
// console and the API, on both databases:
//   - 35 requests of one applicant to the body in March 2026: the 35th
//     is 按件 number 35, shown with the 35 requests counted, 200 元 and
//     3,000 元 for the month; its notice is sent at that position and
//     pauses the clock;
//   - the applicant's 9th request costs 0 元: no notice, no pause;
//   - another applicant's only request: typing 35 is refused without a
//     reason and kept, audited, with one;
//   - a request received on 2020-12-30 is offered no notice and refused
//     one (109号 applies from 2021-01-01);
//   - 250 pages through the API: 4,700 元;
//   - 20 working days after the notice arrived, unpaid: 逾期未缴费, and one
//     step deems the request abandoned (三.六.2).
func TestFee109Scenario(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, st *store.Store) { testFee109Scenario(t, newTestEnvOn(t, st, true)) })
}

func testFee109Scenario(t *testing.T, e *testEnv) {
	ctx := context.Background()
	clk := e.withClock("2026-03-20")
	handler := e.login(e.users[auth.RoleHandler].Username)
	token, _ := e.token(e.users[auth.RoleHandler])
	page := func(q rq.Request) string {
		t.Helper()
		_, b := e.get(t, "/admin/requests/"+strconv.FormatInt(q.ID, 10), handler)
		return html.UnescapeString(b)
	}
	step := func(q rq.Request, form url.Values) (int, string) {
		t.Helper()
		code, b := e.post(t, "/admin/requests/"+strconv.FormatInt(q.ID, 10)+"/events", form, handler)
		return code, html.UnescapeString(b)
	}

	// 34 requests on paper in March, one in February and one to another
	// body (neither counted), then the 35th online.
	var march []rq.Request
	for i := range 34 {
		march = append(march, e.storedRequest(t, e.a.ID, testResidentID, fmt.Sprintf("2026-03-%02d", 2+i%18)))
	}
	e.storedRequest(t, e.a.ID, testResidentID, "2026-02-27")
	e.storedRequest(t, e.b.ID, testResidentID, "2026-03-03")
	q35, _ := e.applyOnline(t, nil)
	code := []string{"", q35.Code}
	b := page(q35)
	for _, want := range []string{"该申请人本月向本机关提出的第 35 件申请", "按件计收本件 200 元，本月前 35 件合计 3000 元",
		code[1] + "（2026-03-20）", march[0].Code + "（2026-03-02）", `name="nth" type="number" min="1" value="35"`} {
		if !strings.Contains(b, want) {
			t.Errorf("fee form lacks %q", want)
		}
	}
	detail := decode[apiRequestJSON](t, apiCall(e, "GET", "/api/v1/requests/"+strconv.FormatInt(q35.ID, 10), token, ""))
	if p := detail.FeePosition; p == nil || p.Nth != 35 || len(p.Codes) != 35 || p.Fee != 200 || p.MonthTotal != 3000 || p.Codes[34] != code[1] {
		t.Errorf("API fee position: %+v", detail.FeePosition)
	}
	if c, b := step(q35, url.Values{"kind": {"fee-notice-sent"}, "date": {"2026-03-20"}, "method": {"per-request"}}); c != http.StatusSeeOther {
		t.Fatalf("fee notice: %d\n%.2000s", c, b)
	}
	if b := page(q35); !strings.Contains(b, "按件计收本月第 35 件，金额 200 元；计入本月申请 "+march[0].Code) || !strings.Contains(b, "等待缴费，暂停计时") {
		t.Errorf("after the notice the page lacks the fee or the pause\n%.3000s", b)
	}

	// An early request of the month costs nothing: march[4], received
	// on 6 March, is the 9th (2–5 March twice each, then it).
	fifth := march[4]
	if c, b := step(fifth, url.Values{"kind": {"fee-notice-sent"}, "date": {"2026-03-20"}, "method": {"per-request"}}); c != http.StatusUnprocessableEntity ||
		!strings.Contains(b, "按件计收本月第 9 件，金额为 0 元：不发收费通知") {
		t.Errorf("0 元 notice: %d", c)
	}
	if c, _ := step(fifth, url.Values{"kind": {"fee-notice-sent"}, "date": {"2026-03-20"}, "method": {"per-page"}, "pages": {"30"}}); c != http.StatusUnprocessableEntity {
		t.Errorf("30 pages: %d, want refused", c)
	}
	if got, _ := e.st.Request(ctx, fifth.ID); got.State != rq.StateReceived {
		t.Errorf("after refused 0 元 notices the 5th request is %s", got.State)
	}

	// Another applicant's only request: 35 is not taken on trust.
	other := e.storedRequest(t, e.a.ID, "110101199003077777", "2026-03-19")
	if c, b := step(other, url.Values{"kind": {"fee-notice-sent"}, "date": {"2026-03-20"}, "method": {"per-request"}, "nth": {"35"}}); c != http.StatusUnprocessableEntity ||
		!strings.Contains(b, "计算为第 1 件；改为第 35 件须写明理由") {
		t.Errorf("override without a reason: %d", c)
	}
	reason := "申请人另以护照提出 34 件纸质申请，见登记簿第 12 页"
	if c, b := step(other, url.Values{"kind": {"fee-notice-sent"}, "date": {"2026-03-20"}, "method": {"per-request"}, "nth": {"35"},
		"override_reason": {reason}}); c != http.StatusSeeOther {
		t.Fatalf("override with a reason: %d\n%.2000s", c, b)
	}
	if b := page(other); !strings.Contains(b, "系统计算为第 1 件，经办人改为第 35 件，理由："+reason) {
		t.Errorf("the history does not show the override")
	}
	entries, err := e.st.Audit(ctx, audit.Filter{Action: "request.step", Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	audited := false
	for _, a := range entries {
		audited = audited || (a.Target == other.Code && strings.Contains(a.Detail, "（系统计算为第 1 件），理由："+reason))
	}
	if !audited {
		t.Errorf("the override is not in the audit log: %+v", entries)
	}

	// Received before 109号 applied: no notice offered, none accepted.
	old := e.storedRequest(t, e.a.ID, "110101199003078888", "2020-12-30")
	if b := page(old); strings.Contains(b, `value="fee-notice-sent"`) || !strings.Contains(b, "2021年1月1日前收到的申请不收费") {
		t.Errorf("a 2020 request offers a fee notice")
	}
	if c, b := step(old, url.Values{"kind": {"fee-notice-sent"}, "date": {"2026-03-20"}, "method": {"per-page"}, "pages": {"250"}}); c != http.StatusUnprocessableEntity ||
		!strings.Contains(b, "早于国办函〔2020〕109号施行之日") {
		t.Errorf("2020 request: %d", c)
	}

	// 250 pages through the API.
	paper := e.storedRequest(t, e.a.ID, "110101199003079999", "2026-03-18")
	w := apiCall(e, "POST", "/api/v1/requests/"+strconv.FormatInt(paper.ID, 10)+"/events", token,
		`{"kind":"fee-notice-sent","method":"per-page","pages":250,"date":"2026-03-20"}`)
	if w.Code != http.StatusCreated || !strings.Contains(w.Body.String(), "按量计收 250 页，金额 4700 元") {
		t.Errorf("250 pages by API: %d %s", w.Code, w.Body.String())
	}

	// Unpaid 20 working days after the notice arrived (20 March): due
	// 2026-04-20 (Qingming, 4–6 April, skipped); overdue on the 21st.
	clk.set("2026-04-20")
	if b := page(q35); strings.Contains(b, "逾期未缴费") {
		t.Errorf("overdue on the last day of the payment period")
	}
	clk.set("2026-04-21")
	b = page(q35)
	if !strings.Contains(b, "逾期未缴费（缴费期限 2026-04-20 已届满）") || !strings.Contains(b, "记录：视为放弃申请（三.六.2）") {
		t.Errorf("overdue page:\n%.3000s", b)
	}
	var got apiRequestJSON
	if err := json.Unmarshal(apiCall(e, "GET", "/api/v1/requests/"+strconv.FormatInt(q35.ID, 10), token, "").Body.Bytes(), &got); err != nil ||
		!got.FeeOverdue || !strings.Contains(got.DaysLeftText, "逾期未缴费") {
		t.Errorf("API overdue: %+v, %v", got, err)
	}
	// The one-step form, as the page posts it.
	if c, b := step(q35, url.Values{"kind": {"abandoned"}, "reason": {"no-payment"}, "date": {"2026-04-21"},
		"why": {"缴费期限 2026-04-20 届满，申请人未缴费"}}); c != http.StatusSeeOther {
		t.Fatalf("abandon: %d\n%.2000s", c, b)
	}
	if final, err := e.st.Request(ctx, q35.ID); err != nil || final.State != rq.StateAbandoned || final.Outcome != "三.六.2" {
		t.Errorf("after 视为放弃: %+v, %v", final, err)
	}
}
