package web

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/auth"
	rq "github.com/gongkai/gongkai/internal/request"
	"github.com/gongkai/gongkai/internal/store"
)

// TestRequestSteps drives the console's step forms through the paths a
// request can take; after each step the state is the state machine's
// and the request page still renders with the forms it now allows.
func TestRequestSteps(t *testing.T) {
	e := newTestEnv(t)
	clk := &testClock{}
	e.srv.now = clk.now
	clk.set("2026-03-02")
	handler := e.login(e.users[auth.RoleHandler].Username)
	type step struct {
		form     url.Values
		want     rq.State
		status   int
		contains string // on the request page afterwards
	}
	day := "2026-03-02"
	v := func(kv ...string) url.Values {
		out := url.Values{"date": {day}}
		for i := 0; i < len(kv); i += 2 {
			out.Set(kv[i], kv[i+1])
		}
		return out
	}
	tests := []struct {
		name  string
		steps []step
	}{
		{"accepted first", []step{
			{v("kind", "accepted"), rq.StateAdmitted, http.StatusSeeOther, "受理申请，答复期限不变"},
			{v("kind", "accepted"), rq.StateAdmitted, http.StatusUnprocessableEntity, "不能在「已受理」状态下记录「受理申请」"},
			{v("kind", "answered", "outcome", "三.一", "reasons", "予以公开。"), rq.StateAnswered, http.StatusSeeOther, "打印告知书"},
		}},
		{"accepted only before other steps", []step{
			{v("kind", "extended", "days", "5", "approver", "王主任"), rq.StateReceived, http.StatusSeeOther, "延长答复期限"},
			{v("kind", "accepted"), rq.StateReceived, http.StatusUnprocessableEntity, "受理须在其他办理步骤之前"},
		}},
		{"fee per request", []step{
			{v("kind", "fee-notice-sent", "method", "per-request", "nth", "11"), rq.StateReceived, http.StatusUnprocessableEntity, "须写明理由"},
			{v("kind", "fee-notice-sent", "method", "per-request", "nth", "11", "override_reason", "另有纸质申请 10 件"), rq.StateFeePending, http.StatusSeeOther, "按件计收本月第 11 件，金额 100 元"},
			{v("kind", "fee-paid"), rq.StateAccepted, http.StatusSeeOther, "收到缴费"},
			{v("kind", "answered", "outcome", "三.一", "reasons", "予以公开。"), rq.StateAnswered, http.StatusSeeOther, "打印告知书"},
		}},
		{"fee per page, not paid", []step{
			{v("kind", "fee-notice-sent", "method", "per-page", "pages", "30"), rq.StateReceived, http.StatusUnprocessableEntity, "金额为 0 元：不发收费通知"},
			{v("kind", "fee-notice-sent", "method", "per-page", "pages", "31"), rq.StateFeePending, http.StatusSeeOther, "按量计收 31 页，金额 10 元"},
			{v("kind", "abandoned", "reason", "no-payment"), rq.StateAbandoned, http.StatusSeeOther, "三.六.2"},
		}},
		{"third-party consultation", []step{
			{v("kind", "consultation-started", "with", "third-party"), rq.StateConsulting, http.StatusSeeOther, "征求意见答复（15 个工作日）"},
			{v("kind", "answered", "outcome", "三.一", "reasons", "x"), rq.StateConsulting, http.StatusUnprocessableEntity, "尚未届满"},
			{v("kind", "consultation-ended"), rq.StateAccepted, http.StatusSeeOther, "征求意见结束"},
		}},
		{"no transfer in the 条例", []step{
			{v("kind", "transferred", "to", "河口镇人民政府"), rq.StateReceived, http.StatusUnprocessableEntity, "没有“转办”"},
			{v("kind", "referred", "holder", "县财政局"), rq.StateReceived, http.StatusUnprocessableEntity, "联系方式"},
			{v("kind", "referred", "holder", "县财政局", "contact", "0377-1", "forward", "1"), rq.StateReceived, http.StatusUnprocessableEntity, "只能转送至本平台上的机关"},
			{v("kind", "referred", "holder", "县财政局", "contact", "0377-12345678"), rq.StateAnswered, http.StatusSeeOther, "负责公开的机关：县财政局"},
		}},
		{"withdrawn", []step{
			{v("kind", "withdrawn", "outcome", "三.六.3"), rq.StateWithdrawn, http.StatusSeeOther, "申请人撤回申请"},
		}},
		{"refusals", []step{
			{v("kind", "extended", "days", "21", "approver", "王主任"), rq.StateReceived, http.StatusUnprocessableEntity, "1 至 20"},
			{v("kind", "extended", "days", "5"), rq.StateReceived, http.StatusUnprocessableEntity, "请填写批准人"},
			{v("kind", "answered", "outcome", "三.九", "reasons", "x"), rq.StateReceived, http.StatusUnprocessableEntity, "请选择一个办理结果"},
			{v("kind", "answered", "outcome", "三.一"), rq.StateReceived, http.StatusUnprocessableEntity, "请填写答复理由"},
			{url.Values{"kind": {"fee-paid"}, "date": {"2026-03-03"}}, rq.StateReceived, http.StatusUnprocessableEntity, "不能晚于今天"},
			{v("kind", "supplement-requested", "due", "2026-03-01"), rq.StateReceived, http.StatusUnprocessableEntity, "补正的期限"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := e.createTestRequest(e.a.ID, false)
			path := "/admin/requests/" + strconv.FormatInt(q.ID, 10)
			for i, s := range tt.steps {
				w := e.serve(request("POST", path+"/events", s.form, handler))
				if w.Code != s.status {
					t.Fatalf("step %d (%s): status %d, want %d\n%.2000s", i, s.form.Get("kind"), w.Code, s.status, w.Body.String())
				}
				got, err := e.st.Request(context.Background(), q.ID)
				if err != nil || got.State != s.want {
					t.Errorf("step %d: state %s, want %s (%v)", i, got.State, s.want, err)
				}
				page := w.Body.String()
				if w.Code == http.StatusSeeOther {
					page = e.serve(request("GET", path, nil, handler)).Body.String()
				}
				if !strings.Contains(page, s.contains) {
					t.Errorf("step %d: page lacks %q\n%.3000s", i, s.contains, page)
				}
			}
		})
	}
}

// TestRequestRegistration: staff register paper applications; the
// receipt date follows the channel's rule (Art. 31).
func TestRequestRegistration(t *testing.T) {
	e := newTestEnv(t)
	clk := &testClock{}
	e.srv.now = clk.now
	clk.set("2026-03-10")
	handler := e.login(e.users[auth.RoleHandler].Username)
	path := "/admin/bodies/" + strconv.FormatInt(e.a.ID, 10) + "/requests"
	if w := e.serve(request("GET", path+"/new", nil, handler)); w.Code != http.StatusOK {
		t.Fatalf("form: %d", w.Code)
	}
	for _, tt := range []struct {
		channel, fact string
		status        int
	}{
		{"registered-post", "2026-03-06", http.StatusOK},
		{"letter", "2026-03-09", http.StatusOK},
		{"fax", "2026-03-10", http.StatusOK},
		{"in-person", "2026-03-11", http.StatusUnprocessableEntity}, // tomorrow
		{"carrier-pigeon", "2026-03-10", http.StatusUnprocessableEntity},
	} {
		form := applyForm(url.Values{"channel": {tt.channel}, "fact_date": {tt.fact}, "name": {"登记" + tt.channel}})
		w := e.serve(request("POST", path, form, handler))
		if w.Code != tt.status {
			t.Errorf("%s: %d, want %d\n%.1500s", tt.channel, w.Code, tt.status, w.Body.String())
			continue
		}
		if tt.status != http.StatusOK {
			continue
		}
		m := codeTableRE.FindStringSubmatch(w.Body.String())
		if m == nil {
			t.Fatalf("%s: no code shown", tt.channel)
		}
		q, err := e.st.RequestByCode(context.Background(), m[1])
		if err != nil || q.Received.String() != tt.fact || string(q.Channel) != tt.channel {
			t.Errorf("%s: stored %+v, %v", tt.channel, q, err)
		}
	}
	// The list and the dashboard show them, due dates included.
	list := e.serve(request("GET", path+"?status=all", nil, handler)).Body.String()
	if strings.Count(list, "/admin/requests/") < 3 || !strings.Contains(list, "登记fax") {
		t.Errorf("list:\n%.3000s", list)
	}
	if w := e.serve(request("GET", "/admin/requests", nil, handler)); w.Code != http.StatusOK || !strings.Contains(w.Body.String(), e.a.Name) {
		t.Errorf("dashboard: %d", w.Code)
	}
	// The county's row sums its townships: A's three, none in B. The one
	// received on 6 March is due soon: its 补正 notice is due 17 March.
	admin := e.login(e.users[auth.RoleSysAdmin].Username)
	if dash := e.serve(request("GET", "/admin/requests", nil, admin)).Body.String(); !strings.Contains(dash, "<td>3 / 1 / <span>0</span></td>") {
		t.Errorf("dashboard has no subtree sum of 3:\n%.3000s", dash)
	}
	rows, err := e.st.RequestsForBody(context.Background(), e.a.ID, store.RequestFilter{Status: "open"})
	if err != nil || len(rows) != 3 {
		t.Errorf("open requests: %d, %v", len(rows), err)
	}
}

var codeTableRE = regexp.MustCompile(`申请编号</th><td><code class="secret-value">([0-9A-Z]{12})</code>`)
