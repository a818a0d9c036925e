package web

import (
	"context"
	"os"
	"path/filepath"
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
	srv := newLocalServer(t, e)
	ctx := newChromium(t, 1366, 900, 90*time.Second)
	do := func(what string, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, steps...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	text := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("text of %s: %v", sel, err)
		}
		return s
	}
	// shot takes the page at 1366 and at 375 px, and checks that the
	// page itself never scrolls sideways on the phone.
	shot := func(name string) {
		t.Helper()
		for _, width := range []int64{1366, 375} {
			do("viewport", chromedp.EmulateViewport(width, 900), chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("main h1")))
			if width == 375 {
				sw, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`))
				if err != nil || sw > 375 {
					t.Errorf("%s scrolls sideways at 375 px: scrollWidth %d (%v)", name, sw, err)
				}
			}
			dir := os.Getenv("GONGKAI_SCREENSHOTS")
			if dir == "" {
				continue
			}
			png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
			if err != nil {
				t.Fatalf("screenshot %s: %v", name, err)
			}
			if err := os.WriteFile(filepath.Join(dir, name+"-"+itoa(width)+".png"), png, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		do("viewport back", chromedp.EmulateViewport(1366, 900))
	}
	login := func(user string) {
		t.Helper()
		do("logout", chromedp.Navigate(srv+"/admin/login"), chromedp.WaitVisible(chromedp.CSS("#username")))
		do("login "+user, chromedp.SendKeys(chromedp.CSS("#username"), user),
			chromedp.SendKeys(chromedp.CSS("#password"), testPassword),
			chromedp.Click(chromedp.CSS("form.form button[type=submit]")), chromedp.WaitVisible(chromedp.CSS(".topbar")))
	}
	logout := func() {
		t.Helper()
		do("logout", chromedp.Navigate(srv+"/admin/"), chromedp.WaitVisible(chromedp.CSS(".topbar-user button")),
			chromedp.Click(chromedp.CSS(".topbar-user button")), chromedp.WaitVisible(chromedp.CSS("#username")))
	}
	workspace := srv + "/admin/bodies/" + itoa(e.a.ID) + "/annual-report?year=" + ys
	review := srv + "/admin/bodies/" + itoa(e.a.ID) + "/annual-report/" + ys + "/review"
	submit := chromedp.CSS(`form[action$="/submit"] button`)

	// The editor: a prefilled draft, saved as written, submitted.
	login("editor")
	do("workspace", chromedp.Navigate(workspace), chromedp.WaitVisible(chromedp.CSS("#section-1")))
	draft, err := chromedp.Run(ctx, chromedp.Value(chromedp.CSS("#section-1")))
	if err != nil || !strings.Contains(draft, "全年主动公开政府信息") {
		t.Fatalf("section 一 not prefilled: %q (%v)", draft, err)
	}
	shot("report-workspace")
	do("write and save",
		chromedp.SetValue(chromedp.CSS("#section-1"), ys+"年，城关镇人民政府全年主动公开政府信息0条。"),
		chromedp.SetValue(chromedp.CSS("#section-5"), "存在的主要问题是栏目更新不够及时，已明确专人负责。"),
		chromedp.SetValue(chromedp.CSS("#section-6"), "本年度未收取信息处理费。"),
		chromedp.Click(chromedp.CSS(`form[method=post][action$="/annual-report"] .form-actions button`)),
		chromedp.WaitVisible(chromedp.CSS(".notice")))
	// The save left a notice on the page: wait for the submission's page,
	// which has no submit form, not for a notice.
	do("submit", chromedp.Click(submit), chromedp.WaitNotPresent(submit), chromedp.WaitVisible(chromedp.CSS(".notice")))
	if st := text(".report-state"); st != "已报送待审" {
		t.Fatalf("after submitting: %q", st)
	}
	logout()

	// The county: the blank cell stops approval; returned with a comment on it.
	login("county")
	do("review", chromedp.Navigate(review), chromedp.WaitVisible(chromedp.CSS("#c0-where")))
	if b := text("main"); !strings.Contains(b, "行政强制") || !strings.Contains(b, "确认报告存在上述") {
		t.Errorf("review page does not show the blank cell and the override")
	}
	shot("report-review")
	do("return", chromedp.SetValue(chromedp.CSS("#c0-where"), "row:二|行政强制"),
		chromedp.SetValue(chromedp.CSS("#c0-col"), "二|"+decisions),
		chromedp.SendKeys(chromedp.CSS("#c0-text"), "行政强制没有填写，没有的请填0。"),
		chromedp.Click(chromedp.CSS(`form[action$="/return"] button`)), chromedp.WaitVisible(chromedp.CSS(".notice")))
	logout()

	// The editor sees the comment on that cell; the figure is entered.
	figures.Cells["行政强制"] = map[string]annualreport.Cell{decisions: n(0)}
	if err := e.st.SetReportFigures(context.Background(), e.a.ID, year, figures, store.Actor{}); err != nil {
		t.Fatal(err)
	}
	login("editor")
	do("workspace again", chromedp.Navigate(workspace), chromedp.WaitVisible(chromedp.CSS(".comment-list")))
	if c := text(".comment-list"); !strings.Contains(c, "表二 / 行政强制 / "+decisions) {
		t.Errorf("comment shown as %q", c)
	}
	shot("report-returned")
	do("resubmit", chromedp.Click(submit), chromedp.WaitVisible(chromedp.CSS(".notice")))
	logout()

	login("county")
	do("approve", chromedp.Navigate(review), chromedp.WaitVisible(chromedp.CSS(`form[action$="/approve"] button`)),
		chromedp.Click(chromedp.CSS(`form[action$="/approve"] button`)), chromedp.WaitVisible(chromedp.CSS(".notice")))
	logout()

	// The township's 信息审核 publishes; the notice gives the sha256.
	login("reviewer")
	do("publish", chromedp.Navigate(workspace), chromedp.WaitVisible(chromedp.CSS(`form[action$="/publish"] button`)),
		chromedp.Click(chromedp.CSS(`form[action$="/publish"] button`)), chromedp.WaitVisible(chromedp.CSS(".notice")))
	rec, err := e.st.AnnualReport(context.Background(), e.a.ID, year)
	if err != nil || len(rec.Versions) != 1 {
		t.Fatalf("published versions %v, %v", rec.Versions, err)
	}
	if n := text(".notice"); !strings.Contains(n, rec.Versions[0].SHA256) {
		t.Errorf("publication notice %q lacks the sha256", n)
	}
	do("portal", chromedp.Navigate(srv+"/b/"+e.a.Slug+"/d/"+itoa(rec.Versions[0].DocumentID)),
		chromedp.WaitVisible(chromedp.CSS(".report-versions")))
	if v := text(".report-versions"); !strings.Contains(v, rec.Versions[0].SHA256) {
		t.Errorf("portal versions %q", v)
	}
	shot("report-portal")
	logout()

	login("county")
	do("overview", chromedp.Navigate(srv+"/admin/bodies/"+itoa(e.root.ID)+"/annual-reports?year="+ys),
		chromedp.WaitVisible(chromedp.CSS("table.overview")))
	if o := text("table.overview"); !strings.Contains(o, e.a.Name) || !strings.Contains(o, e.b.Name) || !strings.Contains(o, "已发布") {
		t.Errorf("overview %q", o)
	}
	shot("report-overview")
}
