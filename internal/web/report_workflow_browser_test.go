package web

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gongkai/gongkai/internal/annualreport"
	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/disclosure"
	"github.com/gongkai/gongkai/internal/store"
)

// TestBrowserReportWorkflow walks the annual report's way in headless
// Chromium with the real forms: the editor saves the prefilled draft and
// submits it; the county's 监督 returns it with a comment on one cell;
// the editor sees the comment and resubmits once the figure is entered;
// the 监督 approves; the township's 信息审核 publishes; the portal shows
// the report with its sha256; the county's overview lists the bodies.
// Screenshots at 1366 and 375 px go to GONGKAI_SCREENSHOTS when set.
func TestBrowserReportWorkflow(t *testing.T) {
	e := newTestEnv(t)
	e.ensureBodyCode(e.a.ID)
	e.createUser("county", auth.Grant{Role: auth.RoleSupervisor, BodyID: e.root.ID, Subtree: true})
	year := time.Now().In(chinaTime).Year() - 1
	ys := itoa(int64(year))
	const decisions = "本年处理决定数量"
	n := func(v float64) annualreport.Cell { return annualreport.Cell{State: annualreport.Value, Num: v} }
	figures := disclosure.Figures{Cells: map[string]map[string]annualreport.Cell{
		"行政许可": {decisions: n(3)}, "行政处罚": {decisions: n(1)}, "行政事业性收费": {"本年收费金额（单位：万元）": n(0)}}}
	if err := e.st.SetReportFigures(context.Background(), e.a.ID, year, figures, store.Actor{}); err != nil {
		t.Fatal(err)
	}
	w := newBrowserWalk(t, e)
	srv := w.srv
	// post clicks a form's button and waits for the notice of the page
	// the post leads to. The page being left is marked first: it may show
	// a notice of its own (from the previous step), which must not count.
	post := func(what string, button chromedp.CSS, before ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		w.do(what, before...)
		if _, err := chromedp.Run(w.ctx, chromedp.Evaluate[bool](`document.body.setAttribute("data-left", ""), true`)); err != nil {
			t.Fatalf("%s: mark the page: %v", what, err)
		}
		w.do(what, chromedp.Click(button), chromedp.WaitVisible(chromedp.CSS("body:not([data-left]) .notice")))
	}
	workspace := srv + "/admin/bodies/" + itoa(e.a.ID) + "/annual-report?year=" + ys
	review := srv + "/admin/bodies/" + itoa(e.a.ID) + "/annual-report/" + ys + "/review"
	submit := chromedp.CSS(`form[action$="/submit"] button`)

	// The editor: a prefilled draft, saved as written, submitted.
	w.login("editor")
	w.do("workspace", chromedp.Navigate(workspace), chromedp.WaitVisible(chromedp.CSS("#section-1")))
	draft, err := chromedp.Run(w.ctx, chromedp.Value(chromedp.CSS("#section-1")))
	if err != nil || !strings.Contains(draft, "全年主动公开政府信息") {
		t.Fatalf("section 一 not prefilled: %q (%v)", draft, err)
	}
	w.shot("report-workspace")
	post("write and save", chromedp.CSS(`form[method=post][action$="/annual-report"] .form-actions button`),
		chromedp.SetValue(chromedp.CSS("#section-1"), ys+"年，城关镇人民政府全年主动公开政府信息0条。"),
		chromedp.SetValue(chromedp.CSS("#section-5"), "存在的主要问题是栏目更新不够及时，已明确专人负责。"),
		chromedp.SetValue(chromedp.CSS("#section-6"), "本年度未收取信息处理费。"))
	post("submit", submit)
	if st := w.text(".report-state"); st != "已报送待审" {
		t.Fatalf("after submitting: %q", st)
	}
	w.logout()

	// The county: the blank cell stops approval; returned with a comment on it.
	w.login("county")
	w.do("review", chromedp.Navigate(review), chromedp.WaitVisible(chromedp.CSS("#c0-where")))
	if b := w.text("main"); !strings.Contains(b, "行政强制") || !strings.Contains(b, "确认报告存在上述") {
		t.Errorf("review page does not show the blank cell and the override")
	}
	w.shot("report-review")
	post("return", chromedp.CSS(`form[action$="/return"] button`),
		chromedp.SetValue(chromedp.CSS("#c0-where"), "row:二|行政强制"),
		chromedp.SetValue(chromedp.CSS("#c0-col"), "二|"+decisions),
		chromedp.SendKeys(chromedp.CSS("#c0-text"), "行政强制没有填写，没有的请填0。"))
	w.logout()

	// The editor sees the comment on that cell; the figure is entered.
	figures.Cells["行政强制"] = map[string]annualreport.Cell{decisions: n(0)}
	if err := e.st.SetReportFigures(context.Background(), e.a.ID, year, figures, store.Actor{}); err != nil {
		t.Fatal(err)
	}
	w.login("editor")
	w.do("workspace again", chromedp.Navigate(workspace), chromedp.WaitVisible(chromedp.CSS(".comment-list")))
	if c := w.text(".comment-list"); !strings.Contains(c, "表二 / 行政强制 / "+decisions) {
		t.Errorf("comment shown as %q", c)
	}
	w.shot("report-returned")
	post("resubmit", submit)
	w.logout()

	w.login("county")
	post("approve", chromedp.CSS(`form[action$="/approve"] button`),
		chromedp.Navigate(review), chromedp.WaitVisible(chromedp.CSS(`form[action$="/approve"] button`)))
	w.logout()

	// The township's 信息审核 publishes; the notice gives the sha256.
	w.login("reviewer")
	post("publish", chromedp.CSS(`form[action$="/publish"] button`),
		chromedp.Navigate(workspace), chromedp.WaitVisible(chromedp.CSS(`form[action$="/publish"] button`)))
	rec, err := e.st.AnnualReport(context.Background(), e.a.ID, year)
	if err != nil || len(rec.Versions) != 1 {
		t.Fatalf("published versions %v, %v", rec.Versions, err)
	}
	if n := w.text(".notice"); !strings.Contains(n, rec.Versions[0].SHA256) {
		t.Errorf("publication notice %q lacks the sha256", n)
	}
	w.do("portal", chromedp.Navigate(srv+"/b/"+e.a.Slug+"/d/"+itoa(rec.Versions[0].DocumentID)),
		chromedp.WaitVisible(chromedp.CSS(".report-versions")))
	if v := w.text(".report-versions"); !strings.Contains(v, rec.Versions[0].SHA256) {
		t.Errorf("portal versions %q", v)
	}
	w.shot("report-portal")
	w.logout()

	w.login("county")
	w.do("overview", chromedp.Navigate(srv+"/admin/bodies/"+itoa(e.root.ID)+"/annual-reports?year="+ys),
		chromedp.WaitVisible(chromedp.CSS("table.overview")))
	if o := w.text("table.overview"); !strings.Contains(o, e.a.Name) || !strings.Contains(o, e.b.Name) || !strings.Contains(o, "已发布") {
		t.Errorf("overview %q", o)
	}
	w.shot("report-overview")
}
