package web

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// browserWalk is a headless Chromium on a local server over a test
// environment, with the steps the console walks share: sign in and out,
// read an element's text, and take the page at 1366 and 375 px.
type browserWalk struct {
	t   *testing.T
	ctx context.Context
	srv string // the server's base URL
}

func newBrowserWalk(t *testing.T, e *testEnv) *browserWalk {
	t.Helper()
	srv := newLocalServer(t, e)
	return &browserWalk{t: t, ctx: newChromium(t, 1366, 900, 90*time.Second), srv: srv}
}

// do runs steps; what names them in a failure.
func (w *browserWalk) do(what string, steps ...chromedp.Action[chromedp.Void]) {
	w.t.Helper()
	if err := chromedp.Do(w.ctx, steps...); err != nil {
		w.t.Fatalf("%s: %v", what, err)
	}
}

// text is the text of the first element sel matches.
func (w *browserWalk) text(sel string) string {
	w.t.Helper()
	s, err := chromedp.Run(w.ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		w.t.Fatalf("text of %s: %v", sel, err)
	}
	return s
}

// shot takes the page at 1366 and at 375 px into GONGKAI_SCREENSHOTS
// when set, and checks that the page itself never scrolls sideways on
// the phone.
func (w *browserWalk) shot(name string) {
	w.t.Helper()
	for _, width := range []int64{1366, 375} {
		w.do("viewport", chromedp.EmulateViewport(width, 900), chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("main h1")))
		if width == 375 {
			sw, err := chromedp.Run(w.ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`))
			if err != nil || sw > 375 {
				w.t.Errorf("%s scrolls sideways at 375 px: scrollWidth %d (%v)", name, sw, err)
			}
		}
		dir := os.Getenv("GONGKAI_SCREENSHOTS")
		if dir == "" {
			continue
		}
		png, err := chromedp.Run(w.ctx, chromedp.FullScreenshot(100))
		if err != nil {
			w.t.Fatalf("screenshot %s: %v", name, err)
		}
		if err := os.WriteFile(filepath.Join(dir, name+"-"+itoa(width)+".png"), png, 0o644); err != nil {
			w.t.Fatal(err)
		}
	}
	w.do("viewport back", chromedp.EmulateViewport(1366, 900))
}

// login signs user in with the test password.
func (w *browserWalk) login(user string) {
	w.t.Helper()
	w.do("logout", chromedp.Navigate(w.srv+"/admin/login"), chromedp.WaitVisible(chromedp.CSS("#username")))
	w.do("login "+user, chromedp.SendKeys(chromedp.CSS("#username"), user),
		chromedp.SendKeys(chromedp.CSS("#password"), testPassword),
		chromedp.Click(chromedp.CSS("form.form button[type=submit]")), chromedp.WaitVisible(chromedp.CSS(".topbar")))
}

// logout signs out through the top bar's button.
func (w *browserWalk) logout() {
	w.t.Helper()
	w.do("logout", chromedp.Navigate(w.srv+"/admin/"), chromedp.WaitVisible(chromedp.CSS(".topbar-user button")),
		chromedp.Click(chromedp.CSS(".topbar-user button")), chromedp.WaitVisible(chromedp.CSS("#username")))
}
