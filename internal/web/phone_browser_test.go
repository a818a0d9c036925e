package web

import (
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gongkai/gongkai/internal/auth"
)

// TestPhoneWidths: at 375 px no console or portal page scrolls sideways
// (wide tables scroll inside their region, the row label held in
// place), the console navigation folds into a menu, and 表二's inputs
// are of a size a thumb can use (44 px or more).
func TestPhoneWidths(t *testing.T) {
	e := newTestEnv(t)
	e.withClock("2026-03-16")
	for i, day := range []string{"2026-02-02", "2026-03-02", "2026-03-09"} {
		e.storedRequest(t, e.a.ID, "11010119900307001"+itoa(int64(i)), day)
	}
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
	for _, path := range []string{"/admin/", "/admin/requests", "/admin/bodies/" + a + "/requests", "/admin/bodies/" + a + "/table-two",
		"/admin/bodies", "/admin/audit", "/b/" + e.a.Slug + "/", "/b/" + e.a.Slug + "/apply", "/apply/status"} {
		do(path, chromedp.Navigate(srv+path), chromedp.WaitVisible(chromedp.CSS("main h1")))
		if w := eval(path, `document.documentElement.scrollWidth`); w > 375 {
			t.Errorf("%s scrolls sideways at 375 px: %v px wide", path, w)
		}
		// The first column of the first visible wide table keeps its
		// place and a readable width.
		const first = `[...document.querySelectorAll(".table-scroll > .table")].filter(x => x.offsetParent !== null)
			.map(x => x.querySelector("tbody tr > :first-child")).filter(Boolean)[0]`
		if eval(path, first+` ? 1 : 0`) == 1 {
			if pos := eval(path, `getComputedStyle(`+first+`).position === "sticky" ? 1 : 0`); pos != 1 {
				t.Errorf("%s: the first column of a wide table is not held in place", path)
			}
			if w := eval(path, first+`.getBoundingClientRect().width`); w < 80 {
				t.Errorf("%s: the first column is %v px wide", path, w)
			}
		}
	}
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
