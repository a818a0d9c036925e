package web

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gongkai/gongkai/internal/auth"
)

// signatureRight checks that the signature block of the body under
// scope has its centre right of the body's, near its right edge; it
// gives both boxes when it does not.
const signatureRight = `(() => {
	const b = document.querySelector(%q).getBoundingClientRect();
	const s = document.querySelector(%q + ' .doc-signature').getBoundingClientRect();
	const ok = s.width > 0 && s.left + s.right > b.left + b.right && b.right - s.right < 60;
	return ok ? "" : JSON.stringify({body: [b.left, b.right], signature: [s.left, s.right]});
})()`

// TestBrowserPastedNotice walks a notice pasted from Word through the
// real forms in headless Chromium: the editor pastes it, previews it
// (paragraphs kept, signature and date on the right), saves and submits
// it; the reviewer sees the same body, approves and publishes it; the
// portal shows it so at 1366 and 375 px without the page scrolling
// sideways. Screenshots go to GONGKAI_SCREENSHOTS when set.
func TestBrowserPastedNotice(t *testing.T) {
	e := newTestEnv(t)
	e.ensureBodyCode(e.a.ID)
	srv := newLocalServer(t, e)
	ctx := newChromium(t, 1366, 900, 90*time.Second)
	do := func(what string, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, steps...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	eval := func(what, js string) bool {
		t.Helper()
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js))
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		return ok
	}
	// rightAligned checks the signature of the body in scope, and that
	// the body keeps its paragraphs.
	rightAligned := func(where, scope string) {
		t.Helper()
		if bad, err := chromedp.Run(ctx, chromedp.Evaluate[string](fmt.Sprintf(signatureRight, scope+" .doc-body", scope))); err != nil || bad != "" {
			t.Errorf("%s: the signature block is not on the right: %s (%v)", where, bad, err)
		}
		n, err := chromedp.Run(ctx, chromedp.Evaluate[int](fmt.Sprintf(`document.querySelectorAll(%q).length`, scope+" .doc-body p")))
		if err != nil || n < 7 {
			t.Errorf("%s: %d paragraphs (%v), want the notice's 7 at least", where, n, err)
		}
	}
	// post clicks a button and waits for the page it leads to.
	post := func(what string, button string, wait string) {
		t.Helper()
		eval(what, `document.body.setAttribute("data-left", ""), true`)
		do(what, chromedp.Click(chromedp.CSS(button)), chromedp.WaitVisible(chromedp.CSS("body:not([data-left]) "+wait)))
	}
	// widths checks the body in scope at 1366 and 375 px, and that the
	// page does not scroll sideways, taking screenshots.
	widths := func(name, scope string) {
		t.Helper()
		for _, width := range []int64{1366, 375} {
			do("viewport", chromedp.EmulateViewport(width, 900))
			rightAligned(name+" at "+itoa(width), scope)
			if sw, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`)); err != nil || sw > int(width) {
				t.Errorf("%s at %d px scrolls sideways: scrollWidth %d (%v)", name, width, sw, err)
			}
			if dir := os.Getenv("GONGKAI_SCREENSHOTS"); dir != "" {
				png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(dir, name+"-"+itoa(width)+".png"), png, 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
		do("viewport back", chromedp.EmulateViewport(1366, 900))
	}
	login := func(user string) {
		t.Helper()
		do("login "+user, chromedp.Navigate(srv+"/admin/login"), chromedp.WaitVisible(chromedp.CSS("#username")),
			chromedp.SendKeys(chromedp.CSS("#username"), user), chromedp.SendKeys(chromedp.CSS("#password"), testPassword),
			chromedp.Click(chromedp.CSS("form.form button[type=submit]")), chromedp.WaitVisible(chromedp.CSS(".topbar")))
	}

	login(e.users[auth.RoleEditor].Username)
	do("new document", chromedp.Navigate(srv+"/admin/bodies/"+itoa(e.a.ID)+"/documents/new"),
		chromedp.WaitVisible(chromedp.CSS("#source")),
		chromedp.SendKeys(chromedp.CSS("#title"), "关于做好春季防火工作的通知"))
	// What a paste puts in the box.
	notice, _ := json.Marshal(pastedNotice)
	eval("paste", `document.querySelector("#source").value = `+string(notice)+`, true`)
	post("preview", `button[name=preview]`, ".doc-preview .doc-signature")
	widths("pasted-notice-preview", ".doc-preview")
	post("save", `form.form .form-actions .btn-primary`, ".notice")
	path, err := chromedp.Run(ctx, chromedp.Evaluate[string](`location.pathname`))
	if err != nil || !strings.HasPrefix(path, "/admin/documents/") {
		t.Fatalf("after saving: %q (%v)", path, err)
	}
	rightAligned("draft page", ".doc-preview")
	post("submit", `form[action$="/submit"] button`, ".notice")

	do("logout", chromedp.Click(chromedp.CSS(".topbar-user button")), chromedp.WaitVisible(chromedp.CSS("#username")))
	login(e.users[auth.RoleReviewer].Username)
	do("review", chromedp.Navigate(srv+path+"/review"), chromedp.WaitVisible(chromedp.CSS(".doc-preview .doc-signature")))
	rightAligned("review page", ".doc-preview")
	eval("checklist", `document.querySelectorAll('form[action$="/approve"] input[type=checkbox]').forEach(c => c.checked = true), true`)
	post("approve", `form[action$="/approve"] button`, ".notice")
	post("publish", `form[action$="/publish"] button`, ".notice")

	do("portal", chromedp.Navigate(srv+"/b/"+e.a.Slug+"/d/"+strings.TrimPrefix(path, "/admin/documents/")),
		chromedp.WaitVisible(chromedp.CSS("article.document .doc-signature")))
	widths("pasted-notice", "article.document")
}
