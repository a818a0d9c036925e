package web

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestBrowserApply files an application in headless Chromium through
// the real multipart form, then looks it up: the whole public path a
// citizen takes, with screenshots for a human look (GONGKAI_SCREENSHOTS).
func TestBrowserApply(t *testing.T) {
	e := newTestEnv(t)
	srv := newLocalServer(t, e)
	ctx := newChromium(t, 1280, 900, 60*time.Second)
	shot := func(name string) {
		t.Helper()
		dir := os.Getenv("GONGKAI_SCREENSHOTS")
		if dir == "" {
			return
		}
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatalf("screenshot %s: %v", name, err)
		}
		if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
			t.Fatal(err)
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

	do("open form", chromedp.Navigate(srv+"/b/"+e.a.Slug+"/apply"), chromedp.WaitVisible(chromedp.CSS("#name")))
	// A wrong checksum first: the field error comes back, input kept.
	do("fill", chromedp.SendKeys(chromedp.CSS("#name"), "张三"),
		chromedp.SendKeys(chromedp.CSS("#id_number"), "110105194912310021"),
		chromedp.SendKeys(chromedp.CSS("#email"), "zhang@example.com"),
		chromedp.SendKeys(chromedp.CSS("#sought"), "2025年村道建设项目的招标文件"),
		chromedp.Click(chromedp.CSS("#delivery-1")),
		chromedp.Click(chromedp.CSS("form.form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#id_number-error")))
	if msg := text("#id_number-error"); !strings.Contains(msg, "校验位错误") {
		t.Errorf("field error: %q", msg)
	}
	shot("apply-error")
	do("fix and submit", chromedp.Clear(chromedp.CSS("#id_number")),
		chromedp.SendKeys(chromedp.CSS("#id_number"), testResidentID),
		chromedp.Click(chromedp.CSS("#delivery-1")),
		chromedp.Click(chromedp.CSS("form.form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(".secret")))
	if h1 := text("main h1"); h1 != "申请已提交" {
		t.Fatalf("after submit: %q", h1)
	}
	shot("apply-receipt")
	codes := strings.Fields(text(".secret dl"))
	if len(codes) < 4 {
		t.Fatalf("receipt: %q", codes)
	}
	do("status", chromedp.Navigate(srv+"/apply/status"), chromedp.WaitVisible(chromedp.CSS("#code")),
		chromedp.SendKeys(chromedp.CSS("#code"), codes[1]), chromedp.SendKeys(chromedp.CSS("#secret"), codes[3]),
		chromedp.Click(chromedp.CSS("form.form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#result-title")))
	if s := text("main"); !strings.Contains(s, "已收到") || !strings.Contains(s, "城关镇人民政府") {
		t.Errorf("status page: %q", s)
	}
	shot("apply-status")

	// The handler finds it in the console and sees the step forms.
	do("login", chromedp.Navigate(srv+"/admin/login"), chromedp.WaitVisible(chromedp.CSS("#username")),
		chromedp.SendKeys(chromedp.CSS("#username"), "handler"),
		chromedp.SendKeys(chromedp.CSS("#password"), testPassword),
		chromedp.Click(chromedp.CSS("form.form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(".topbar")),
		chromedp.Navigate(srv+"/admin/bodies/"+itoa(e.a.ID)+"/requests"),
		chromedp.WaitVisible(chromedp.CSS("main table")))
	shot("console-requests")
	do("open request", chromedp.Click(chromedp.CSS("main table tbody a")), chromedp.WaitVisible(chromedp.CSS("#steps-title")))
	if h1 := text("main h1"); h1 != "申请 "+normalizeCode(codes[1]) {
		t.Errorf("request page h1 %q", h1)
	}
	shot("console-request")
}
