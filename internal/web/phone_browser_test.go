package web

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/disclosure"
	"github.com/gongkai/gongkai/internal/reportflow"
)

// TestPhoneWidths: at 375 px, in the standard version and the 关怀版, no
// console or portal page scrolls sideways (wide tables scroll inside
// their region, the row label held in place — in an annual report's
// tables too, whose labels span rows), the console navigation folds
// into a menu, and 表二's inputs are of a size a thumb can use (44 px or
// more).
func TestPhoneWidths(t *testing.T) {
	e := newTestEnv(t)
	e.withClock("2026-03-16")
	for i, day := range []string{"2026-02-02", "2026-03-02", "2026-03-09"} {
		e.storedRequest(t, e.a.ID, "11010119900307001"+itoa(int64(i)), day)
	}
	e.reportInState(t, e.a.ID, 2025, reportflow.Published)
	srv := newLocalServer(t, e)
	ctx := newChromium(t, 375, 812, 90*time.Second)
	do := func(what string, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, steps...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	eval := func(what, js string) float64 {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[float64](js))
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		return v
	}
	do("phone", chromedp.EmulateViewport(375, 812, chromedp.EmulateMobile))
	do("login", chromedp.Navigate(srv+"/admin/login"), chromedp.WaitVisible(chromedp.CSS("#username")),
		chromedp.SendKeys(chromedp.CSS("#username"), e.users[auth.RoleSysAdmin].Username),
		chromedp.SendKeys(chromedp.CSS("#password"), testPassword),
		chromedp.Click(chromedp.CSS("form.form button[type=submit]")), chromedp.WaitVisible(chromedp.CSS(".topbar")))
	a := itoa(e.a.ID)
	// The published report's page on the portal, reached as a reader
	// would: from the 年度报告 column.
	do("report column", chromedp.Navigate(srv+"/b/"+e.a.Slug+"/c/"+disclosure.AnnualReportSlug+"/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	report, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('main a[href*="/d/"]').getAttribute("href")`))
	if err != nil {
		t.Fatalf("the published report's link: %v", err)
	}
	pages := []string{"/admin/", "/admin/requests", "/admin/bodies/" + a + "/requests", "/admin/bodies/" + a + "/table-two",
		"/admin/bodies", "/admin/audit", "/admin/bodies/" + a + "/annual-report?year=2025", "/admin/bodies/" + a + "/edit",
		"/b/" + e.a.Slug + "/", "/b/" + e.a.Slug + "/apply", "/apply/status", report, "/sitemap", "/accessibility"}
	// Every page twice: as it is, and in the 关怀版 (larger type), which
	// must not make any page scroll sideways either.
	for _, mode := range []string{"standard", "care"} {
		do(mode, chromedp.Navigate(srv+"/display?mode="+mode+"&return=/admin/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
		for _, path := range pages {
			n := checkPhonePage(t, ctx, mode+" "+path, srv+path)
			// The workspace renders 表二 to 表四 from the records; the
			// fixture's published report has sections only, the demo's
			// (TestAxeDemo's pages) has tables too.
			if strings.Contains(path, "/annual-report") && n < 20 {
				t.Errorf("%s %s: %d row labels in the report's tables", mode, path, n)
			}
		}
	}
	do("standard", chromedp.Navigate(srv+"/display?mode=standard&return=/admin/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	do("console", chromedp.Navigate(srv+"/admin/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	if v := eval("nav", `(getComputedStyle(document.querySelector(".topbar-nav")).display === "none" && getComputedStyle(document.querySelector(".topbar-menu")).display !== "none") ? 1 : 0`); v != 1 {
		t.Errorf("the console navigation is not folded into a menu on a phone")
	}
	do("open menu", chromedp.Click(chromedp.CSS(".topbar-menu > summary")), chromedp.WaitVisible(chromedp.CSS(`.topbar-menu a[href="/admin/requests"]`)))
	do("table two", chromedp.Navigate(srv+"/admin/bodies/"+a+"/table-two"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	if h := eval("table two input", `document.querySelector(".table-two input").getBoundingClientRect().height`); h < 44 {
		t.Errorf("表二 inputs are %v px high", h)
	}
	do("desktop", chromedp.EmulateViewport(1366, 900), chromedp.Navigate(srv+"/admin/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	if v := eval("nav", `getComputedStyle(document.querySelector(".topbar-menu")).display === "none" ? 1 : 0`); v != 1 {
		t.Errorf("the phone menu shows on a desktop")
	}
}

// checkPhonePage opens a page at phone width and checks that it does not
// scroll sideways, that the first column of a wide table keeps its place
// and a readable width, and that every row label of an annual report's
// tables (th[scope=row] in 表二, 表三; the portal's copy has lost its
// classes to the sanitiser, so the test goes by scope) is held at the
// left edge of its scroll region and wide enough not to set one
// character per line — tried after scrolling the region to its far
// right.
// It returns how many such row labels the page has.
func checkPhonePage(t *testing.T, ctx context.Context, what, url string) int {
	t.Helper()
	eval := func(js string) float64 {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[float64](js))
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		return v
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(url), chromedp.WaitVisible(chromedp.CSS("main h1"))); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	if w := eval(`document.documentElement.scrollWidth`); w > 375 {
		t.Errorf("%s scrolls sideways at 375 px: %v px wide", what, w)
	}
	// The first column of the first visible wide table keeps its
	// place and a readable width.
	const first = `[...document.querySelectorAll(".table-scroll > .table")].filter(x => x.offsetParent !== null)
		.map(x => x.querySelector("tbody tr > :first-child")).filter(Boolean)[0]`
	if eval(first+` ? 1 : 0`) == 1 {
		if pos := eval(`getComputedStyle(` + first + `).position === "sticky" ? 1 : 0`); pos != 1 {
			t.Errorf("%s: the first column of a wide table is not held in place", what)
		}
		if w := eval(first + `.getBoundingClientRect().width`); w < 80 {
			t.Errorf("%s: the first column is %v px wide", what, w)
		}
	}
	const labels = `[...document.querySelectorAll(":is(.doc-body, .table-scroll) table:not(.table) tbody th[scope=row]")]`
	n := int(eval(labels + `.length`))
	if n == 0 {
		return 0
	}
	// Scroll every region holding a report table to its far right.
	eval(`[...document.querySelectorAll(".doc-body, .table-scroll")].forEach(x => x.scrollLeft = x.scrollWidth); 1`)
	if off := eval(labels + `.filter(th => { const r = th.closest(".doc-body, .table-scroll").getBoundingClientRect(), c = th.getBoundingClientRect();
			return getComputedStyle(th).position !== "sticky" || Math.abs(c.left - r.left) > 2 }).length`); off > 0 {
		t.Errorf("%s: %v row labels of the report's tables leave the screen when the figures scroll", what, off)
	}
	if w := eval(`Math.min(...` + labels + `.map(th => th.getBoundingClientRect().width))`); w < 80 {
		t.Errorf("%s: a row label of the report's tables is %v px wide", what, w)
	}
	return n
}
