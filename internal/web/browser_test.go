package web

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gongkai/gongkai/internal/disclosure"
)

// chromiumPath finds the browser: CHROMIUM_PATH, else the Debian
// package's binary.
func chromiumPath(t *testing.T) string {
	t.Helper()
	p := os.Getenv("CHROMIUM_PATH")
	if p == "" {
		p = "/usr/bin/chromium"
	}
	if _, err := exec.LookPath(p); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("chromium not found at %s (CI requires the browser test)", p)
		}
		t.Skipf("chromium not found at %s; set CHROMIUM_PATH", p)
	}
	return p
}

// TestBrowser drives the real site in headless Chromium: an editor signs
// in, sees the console, signs out; the portal shows the four fixed
// sub-columns in order. Screenshots at desktop and phone width go to a
// temp dir, and also to GONGKAI_SCREENSHOTS when set, for a human look.
func TestBrowser(t *testing.T) {
	bin := chromiumPath(t)
	e := newTestEnv(t)
	pub := time.Date(2026, 3, 5, 10, 0, 0, 0, chinaTime)
	for _, title := range []string{"城关镇2025年政府信息公开工作年度报告"} {
		e.publish(e.a, "annual-report", title, &pub)
	}
	doc := e.publish(e.a, "statutory", "城关镇人民政府关于印发《城关镇农村人居环境整治实施方案》的通知", &pub)
	e.publish(e.a, "rules", "城关镇政府信息公开保密审查制度", &pub)
	srv := newLocalServer(t, e)

	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(bin),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(allocCtx)
	defer cancel()
	// The first Run starts the browser; its context must not time out.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting chromium: %v", err)
	}
	ctx, cancelTimeout := context.WithTimeout(ctx, 60*time.Second)
	defer cancelTimeout()

	shots := t.TempDir()
	shot := func(name string) {
		t.Helper()
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatalf("screenshot %s: %v", name, err)
		}
		for _, dir := range []string{shots, os.Getenv("GONGKAI_SCREENSHOTS")} {
			if dir == "" {
				continue
			}
			if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
				t.Fatal(err)
			}
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
	do := func(what string, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, steps...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}

	// Sign in as an editor.
	do("login", chromedp.EmulateViewport(1280, 900),
		chromedp.Navigate(srv+"/admin/login"),
		chromedp.WaitVisible(chromedp.CSS("#username")),
		chromedp.SendKeys(chromedp.CSS("#username"), "editor"),
		chromedp.SendKeys(chromedp.CSS("#password"), testPassword),
		chromedp.Click(chromedp.CSS("form.form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(".topbar")),
	)
	if h1 := text("main h1"); h1 != "工作台" {
		t.Fatalf("after login the console shows %q", h1)
	}
	if roles := text("main .page-head"); !strings.Contains(roles, "信息采编") || !strings.Contains(roles, "城关镇人民政府") {
		t.Errorf("console home does not show the editor's role and body: %q", roles)
	}
	shot("console-desktop")
	do("phone console", chromedp.EmulateViewport(375, 812, chromedp.EmulateMobile), chromedp.Reload())
	shot("console-375")

	// Sign out.
	do("logout", chromedp.EmulateViewport(1280, 900),
		chromedp.Click(chromedp.CSS(".topbar-user button")),
		chromedp.WaitVisible(chromedp.CSS("#username")),
	)
	if n := text(".notice"); !strings.Contains(n, "您已安全退出") {
		t.Errorf("after logout: %q", n)
	}
	shot("login-desktop")
	do("back to console", chromedp.Navigate(srv+"/admin/"), chromedp.WaitVisible(chromedp.CSS("#username")))

	// The portal's column layout.
	do("portal", chromedp.Navigate(srv+"/b/chengguan/"), chromedp.WaitVisible(chromedp.CSS(".colnav")))
	nav, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](
		`Array.from(document.querySelectorAll('nav.colnav li a')).map(a => a.textContent.trim())`))
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, f := range disclosure.FixedSubColumns {
		want = append(want, f.Name)
	}
	if !slices.Equal(nav, want) {
		t.Errorf("column navigation %q, want %q", nav, want)
	}
	cards, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](
		`Array.from(document.querySelectorAll('.card h2')).map(h => h.textContent.trim())`))
	if err != nil || !slices.Equal(cards, want) {
		t.Errorf("portal sections %q (%v), want %q", cards, err, want)
	}
	shot("portal-desktop")
	do("guide", chromedp.Navigate(srv+"/b/chengguan/c/guide/"), chromedp.WaitVisible(chromedp.CSS(".guide")))
	shot("guide-desktop")
	do("document", chromedp.Navigate(srv+"/b/chengguan/d/"+itoa(doc)), chromedp.WaitVisible(chromedp.CSS("table.meta")))
	shot("document-desktop")

	do("phone", chromedp.EmulateViewport(375, 812, chromedp.EmulateMobile),
		chromedp.Navigate(srv+"/b/chengguan/"), chromedp.WaitVisible(chromedp.CSS(".colnav")))
	width, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`))
	if err != nil || width > 375 {
		t.Errorf("portal overflows a 375px phone: scrollWidth %d (%v)", width, err)
	}
	shot("portal-375")
	do("phone document", chromedp.Navigate(srv+"/b/chengguan/d/"+itoa(doc)), chromedp.WaitVisible(chromedp.CSS("table.meta")))
	shot("document-375")
	do("phone guide", chromedp.Navigate(srv+"/b/chengguan/c/guide/"), chromedp.WaitVisible(chromedp.CSS(".guide")))
	shot("guide-375")
	do("switcher", chromedp.Navigate(srv+"/"), chromedp.WaitVisible(chromedp.CSS("#body-pick")))
	shot("home-375")

	// The administrator's pages, for the visual check.
	do("admin login", chromedp.EmulateViewport(1280, 900),
		chromedp.Navigate(srv+"/admin/login"),
		chromedp.WaitVisible(chromedp.CSS("#username")),
		chromedp.SendKeys(chromedp.CSS("#username"), "sysadmin"),
		chromedp.SendKeys(chromedp.CSS("#password"), testPassword),
		chromedp.Click(chromedp.CSS("form.form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(".topbar")),
		chromedp.Navigate(srv+"/admin/tokens"),
		chromedp.SendKeys(chromedp.CSS("#token-name"), "数据同步"),
		chromedp.Click(chromedp.CSS("form.form-inline button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(".secret-value")),
	)
	shot("admin-tokens")
	for name, path := range map[string]string{
		"admin-user":      "/admin/users/" + itoa(e.users["editor"].ID),
		"admin-users-new": "/admin/users/new",
		"admin-body":      "/admin/bodies/" + itoa(e.a.ID),
		"admin-body-edit": "/admin/bodies/" + itoa(e.a.ID) + "/edit",
		"admin-audit":     "/admin/audit",
		"admin-bodies":    "/admin/bodies",
	} {
		do(name, chromedp.Navigate(srv+path), chromedp.WaitVisible(chromedp.CSS("main h1")))
		shot(name)
	}
}

// newChromium starts headless Chromium for a browser test at a window
// size, and returns a context for its steps that ends after timeout; the
// browser is stopped when the test ends.
func newChromium(t *testing.T, width, height int, timeout time.Duration) context.Context {
	t.Helper()
	bin := chromiumPath(t)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(bin), chromedp.Flag("headless", true), chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true), chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-dev-shm-usage", true), chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(width, height))
	t.Cleanup(cancelAlloc)
	ctx, cancel := chromedp.NewContext(allocCtx)
	t.Cleanup(cancel)
	// The first Run starts the browser; its context must not time out.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting chromium: %v", err)
	}
	ctx, cancelTimeout := context.WithTimeout(ctx, timeout)
	t.Cleanup(cancelTimeout)
	return ctx
}
