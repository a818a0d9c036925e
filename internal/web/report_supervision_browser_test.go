package web

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gongkai/gongkai/internal/annualreport"
	"github.com/gongkai/gongkai/internal/auth"
	rq "github.com/gongkai/gongkai/internal/request"
	"github.com/gongkai/gongkai/internal/store"
	"github.com/gongkai/gongkai/internal/workday"
)

// TestBrowserSupervision walks what the county's 监督 account sees of
// its subtree in headless Chromium: the overview lists every body, the
// township that publishes elsewhere with its uploaded report among them;
// the roll-up sums the records and the uploaded report and draws its
// charts as SVG; the compliance monitor of the subtree marks the
// township with an overdue request, and the township's own page names
// the request. Screenshots at 1366 and 375 px go to GONGKAI_SCREENSHOTS
// when set.
func TestBrowserSupervision(t *testing.T) {
	e := newTestEnv(t)
	ctx := context.Background()
	year := time.Now().In(chinaTime).Year() - 1
	ys := itoa(int64(year))
	e.createUser("county", auth.Grant{Role: auth.RoleSupervisor, BodyID: e.root.ID, Subtree: true})
	a := store.Actor{Username: "test"}
	if err := e.st.SetReportSettings(ctx, e.b.ID, store.BodyReportSettings{OffPlatform: true}, a); err != nil {
		t.Fatal(err)
	}
	up := &annualreport.Report{Org: e.b.Name, Year: year, Format: annualreport.FormatForYear(year).ID, Sections: map[string]string{},
		Tables: annualreport.Tables{Three: map[string]map[string]annualreport.Cell{
			"一": {"自然人": {State: annualreport.Value, Num: 5}, "总计": {State: annualreport.Value, Num: 5}}}}}
	js, err := annualreport.EncodeJSON(up)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.st.RecordPublishedReport(ctx, store.Publication{BodyID: e.b.ID, Year: year, Canonical: js, Title: "年报",
		Published: time.Date(year+1, 1, 20, 2, 0, 0, 0, time.UTC)}, store.ReportSourceUpload, false, a); err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{ys + "-03-03", ys + "-06-02"} {
		q := e.storedRequest(t, e.a.ID, "11010519491231002X", d)
		if _, err := e.st.AppendRequestEvent(ctx, q.ID, rq.EventRecord{Event: rq.Answered{
			Date: workday.MustParse(d).AddDays(5), Outcome: "三.一"}}); err != nil {
			t.Fatal(err)
		}
	}
	// Open and past its due date whatever day the test runs.
	open := e.storedRequest(t, e.a.ID, "11010519491231002X", workday.DateOf(time.Now().AddDate(0, -3, 0)).String())

	w := newBrowserWalk(t, e)
	base := w.srv + "/admin/bodies/" + itoa(e.root.ID)
	w.login("county")

	w.do("overview", chromedp.Navigate(base+"/annual-reports?year="+ys), chromedp.WaitVisible(chromedp.CSS("table.overview")))
	o := w.text("table.overview")
	for _, want := range []string{e.root.Name, e.a.Name, e.b.Name, "在其他网站发布"} {
		if !strings.Contains(o, want) {
			t.Errorf("overview lacks %q: %q", want, o)
		}
	}
	w.shot("supervision-overview")

	w.do("roll-up", chromedp.Navigate(base+"/annual-reports/rollup?year="+ys), chromedp.WaitVisible(chromedp.CSS(".charts")))
	charts, err := chromedp.Run(w.ctx, chromedp.Evaluate[int](`document.querySelectorAll(".charts figure svg[role=img]").length`))
	if err != nil || charts < 3 {
		t.Errorf("roll-up charts: %d SVG figures (%v), want several", charts, err)
	}
	if p := w.text("main"); !strings.Contains(p, e.b.Name) || !strings.Contains(p, "与上年比较") {
		t.Errorf("roll-up does not name the uploaded report's body or compare with last year")
	}
	// 7 received: two on the platform, five in the uploaded report.
	received, err := chromedp.Run(w.ctx, chromedp.Evaluate[string](`[...document.querySelectorAll(".rollup-table tr")]
		.filter(tr => tr.querySelector("th")?.textContent.trim().startsWith("一、本年新收"))
		.map(tr => tr.querySelector("td:last-child").textContent.trim())[0] ?? ""`))
	if err != nil || strings.TrimSpace(received) != "7" {
		t.Errorf("roll-up received total %q (%v), want 7", received, err)
	}
	w.shot("supervision-rollup")

	w.do("monitor", chromedp.Navigate(base+"/monitor?subtree=1"), chromedp.WaitVisible(chromedp.CSS("table.monitor")))
	m := w.text("table.monitor")
	if !strings.Contains(m, e.a.Name) || !strings.Contains(m, e.b.Name) || !strings.Contains(m, "不合格") {
		t.Errorf("subtree monitor %q: every body, and the township's veto", m)
	}
	w.shot("supervision-monitor")
	// shot ends at 375 px: the form's checkbox sits beside its label.
	beside, err := chromedp.Run(w.ctx, chromedp.Evaluate[bool](`(() => {
		const c = document.querySelector("#subtree").getBoundingClientRect();
		const l = document.querySelector("label[for=subtree]").getBoundingClientRect();
		return c.top < l.bottom && l.top < c.bottom && c.right <= l.left;
	})()`))
	if err != nil || !beside {
		t.Errorf("at 375 px the monitor's checkbox is not beside its label (%v)", err)
	}
	w.do("township's monitor", chromedp.Click(chromedp.CSS(`table.monitor a[href="`+monitorURL(e.a.ID, false)+`"]`)),
		chromedp.WaitVisible(chromedp.CSS("section.panel")))
	if own := w.text("main"); !strings.Contains(own, "依申请公开答复超期") || !strings.Contains(own, open.Code) {
		t.Errorf("the township's monitor does not list its overdue request %s", open.Code)
	}
	w.shot("supervision-monitor-body")
}
