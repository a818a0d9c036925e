package web_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gongkai/gongkai/internal/blob"
	"github.com/gongkai/gongkai/internal/demo"
	"github.com/gongkai/gongkai/internal/search"
	"github.com/gongkai/gongkai/internal/store"
	"github.com/gongkai/gongkai/internal/web"
)

// axeSource is axe-core's browser bundle: AXE_CORE_PATH, else the copy
// `npm install axe-core` leaves in node_modules. Under CI=true a missing
// bundle or browser fails the test; elsewhere it skips.
func axeSource(t *testing.T) (chromium, axe string) {
	t.Helper()
	missing := func(format string, args ...any) {
		t.Helper()
		if os.Getenv("CI") == "true" {
			t.Fatalf(format+" (CI requires the accessibility check)", args...)
		}
		t.Skipf(format, args...)
	}
	chromium = os.Getenv("CHROMIUM_PATH")
	if chromium == "" {
		chromium = "/usr/bin/chromium"
	}
	if _, err := exec.LookPath(chromium); err != nil {
		missing("chromium not found at %s; set CHROMIUM_PATH", chromium)
	}
	path := os.Getenv("AXE_CORE_PATH")
	if path == "" {
		path = filepath.Join("node_modules", "axe-core", "axe.min.js")
	}
	b, err := os.ReadFile(path)
	if err != nil {
		missing("axe-core not found at %s; run `npm install axe-core` and set AXE_CORE_PATH", path)
	}
	return chromium, string(b)
}

// axeState is one page state the check visits: a path, seen as an
// account (or anonymously), at a width, optionally after submitting the
// page's first form as it is (to reach its error state).
type axeState struct {
	name, account, path string
	width               int64
	submit              string // CSS selector of a submit button to press first
}

// TestAxeDemo runs axe-core (WCAG 2.1 A and AA rules) over the main page
// states of the demo site — portal, forms with their errors, every
// role's console home, request, document and annual report pages — at
// desktop and phone width, and fails on any violation.
func TestAxeDemo(t *testing.T) {
	bin, axe := axeSource(t)
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "gongkai.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	blobs, err := blob.NewFileStore(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	accounts, err := demo.Seed(ctx, st, blobs, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	ix, err := search.NewIndex(st.DB(), search.SQLite, search.NewSegmenter(search.SegmenterOptions{}), search.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.UseSearchIndex(ctx, ix); err != nil {
		t.Fatal(err)
	}
	h, err := web.New(web.Options{Store: st, Sessions: st.Sessions(), Blobs: blobs, Search: ix, Now: time.Now})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	passwords := map[string]string{}
	for _, a := range accounts {
		passwords[a.Username] = a.Password
	}
	town, err := st.BodyBySlug(ctx, "wucheng")
	if err != nil {
		t.Fatal(err)
	}
	townID := fmt.Sprint(town.ID)
	reqs, err := st.RequestsForBody(ctx, town.ID, store.RequestFilter{Status: "open"})
	if err != nil || len(reqs) == 0 {
		t.Fatalf("demo requests: %v", err)
	}
	request := "/admin/requests/" + fmt.Sprint(reqs[0].ID)
	reportColumn, err := st.ColumnBySlug(ctx, town.ID, "annual-report")
	if err != nil {
		t.Fatal(err)
	}
	reports, _, err := st.Documents(ctx, reportColumn.ID, 0, 1)
	if err != nil || len(reports) == 0 {
		t.Fatalf("demo annual report: %v", err)
	}
	report := "/b/wucheng/d/" + fmt.Sprint(reports[0].ID)

	var states []axeState
	for _, w := range []int64{1366, 375} {
		states = append(states,
			axeState{name: "home", path: "/", width: w},
			axeState{name: "town portal", path: "/b/wucheng/", width: w},
			axeState{name: "column", path: "/b/wucheng/c/statutory/", width: w},
			axeState{name: "published annual report", path: report, width: w},
			axeState{name: "themes", path: "/b/wucheng/themes/", width: w},
			axeState{name: "site map", path: "/sitemap", width: w},
			axeState{name: "search", path: "/b/wucheng/search?q=%E5%85%AC%E5%BC%80", width: w},
			axeState{name: "apply", path: "/b/wucheng/apply", width: w},
			axeState{name: "apply errors", path: "/b/wucheng/apply", width: w, submit: "form.form button[type=submit]"},
			axeState{name: "status", path: "/apply/status", width: w},
			axeState{name: "consult", path: "/b/wucheng/consult", width: w},
			axeState{name: "login", path: "/admin/login", width: w},
			axeState{name: "handler home", account: "wc-handler", path: "/admin/", width: w},
			axeState{name: "request", account: "wc-handler", path: request, width: w},
			axeState{name: "request list", account: "wc-handler", path: "/admin/bodies/" + townID + "/requests", width: w},
			axeState{name: "reviewer home", account: "wc-reviewer", path: "/admin/", width: w},
			axeState{name: "editor home", account: "wc-editor", path: "/admin/", width: w},
			axeState{name: "documents", account: "wc-editor", path: "/admin/bodies/" + townID + "/documents", width: w},
			axeState{name: "document form", account: "wc-editor", path: "/admin/bodies/" + townID + "/documents/new", width: w},
			axeState{name: "document form preview", account: "wc-editor", path: "/admin/bodies/" + townID + "/documents/new", width: w,
				submit: "button[name=preview]"},
			axeState{name: "document draft page", account: "wc-editor", path: "/admin/documents/" + fmt.Sprint(reports[0].ID), width: w},
			axeState{name: "body admin home", account: "wc-admin", path: "/admin/", width: w},
			axeState{name: "supervisor home", account: "tb-supervisor", path: "/admin/", width: w},
			axeState{name: "annual report", account: "wc-editor", path: "/admin/bodies/" + townID + "/annual-report", width: w},
		)
	}
	// One browser for the whole run, signed in as one account after the
	// other: the anonymous states first, then each account's.
	order := map[string]int{"": 0}
	for _, s := range states {
		if _, ok := order[s.account]; !ok {
			order[s.account] = len(order)
		}
	}
	slices.SortStableFunc(states, func(a, b axeState) int { return order[a.account] - order[b.account] })

	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx, chromedp.ExecPath(bin), chromedp.Flag("headless", true),
		chromedp.NoSandbox, chromedp.Flag("disable-gpu", true), chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("no-first-run", true), chromedp.UserDataDir(t.TempDir()))
	defer cancelAlloc()
	bctx, cancel := chromedp.NewContext(allocCtx)
	defer cancel()
	if err := chromedp.Do(bctx); err != nil {
		t.Fatalf("starting chromium: %v", err)
	}
	signedIn := ""
	for _, s := range states {
		if s.account != signedIn {
			steps := []chromedp.Action[chromedp.Void]{chromedp.EmulateViewport(1366, 900)}
			if signedIn != "" {
				// Signing out lands on the login form: wait for it rather
				// than navigate over the redirect still under way.
				steps = append(steps, chromedp.Navigate(srv.URL+"/admin/"),
					chromedp.Click(chromedp.CSS(`form[action="/admin/logout"] button`)),
					chromedp.WaitVisible(chromedp.CSS("#username")))
			} else {
				steps = append(steps, chromedp.Navigate(srv.URL+"/admin/login"), chromedp.WaitVisible(chromedp.CSS("#username")))
			}
			steps = append(steps,
				chromedp.SendKeys(chromedp.CSS("#username"), s.account),
				chromedp.SendKeys(chromedp.CSS("#password"), passwords[s.account]),
				chromedp.Click(chromedp.CSS("form.form button[type=submit]")),
				chromedp.WaitVisible(chromedp.CSS(".topbar")))
			tctx, tcancel := context.WithTimeout(bctx, 60*time.Second)
			err := chromedp.Do(tctx, steps...)
			tcancel()
			if err != nil {
				t.Fatalf("sign in as %s: %v", s.account, err)
			}
			signedIn = s.account
		}
		name := fmt.Sprintf("%s at %d px", s.name, s.width)
		vp := chromedp.EmulateViewport(s.width, 900)
		if s.width < 600 {
			vp = chromedp.EmulateViewport(s.width, 812, chromedp.EmulateMobile)
		}
		steps := []chromedp.Action[chromedp.Void]{vp, chromedp.Navigate(srv.URL + s.path), chromedp.WaitReady(chromedp.CSS("body"))}
		if s.submit != "" {
			steps = append(steps, chromedp.Click(chromedp.CSS(s.submit)), chromedp.WaitVisible(chromedp.CSS("[role=alert]")))
		}
		tctx, tcancel := context.WithTimeout(bctx, 60*time.Second)
		if err := chromedp.Do(tctx, steps...); err != nil {
			tcancel()
			t.Fatalf("%s: %v", name, err)
		}
		if _, err := chromedp.Run(tctx, chromedp.Evaluate[bool](axe+";true")); err != nil {
			tcancel()
			t.Fatalf("%s: injecting axe-core: %v", name, err)
		}
		found, err := chromedp.Run(tctx, chromedp.Evaluate[[]string](`axe.run(document, {runOnly: {type: "tag",
			values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}).then(r => r.violations.map(v =>
			v.id + " (" + v.impact + "): " + v.help + " — " + v.nodes.slice(0, 5).map(n => n.target.join(" ")).join(" | ")))`,
			chromedp.EvalAwaitPromise))
		tcancel()
		if err != nil {
			t.Fatalf("%s: running axe-core: %v", name, err)
		}
		if len(found) > 0 {
			t.Errorf("%s (%s): %d violations:\n  %s", name, s.path, len(found), strings.Join(found, "\n  "))
		}
	}
}
