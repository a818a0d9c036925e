package web

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	rq "github.com/gongkai/gongkai/internal/request"
)

// TestBrowserStatusLetters looks up a request with a 补正 notice, an
// extension and an answer in headless Chromium at phone and desktop
// width: the letters to the applicant are listed with both download
// buttons, the page does not scroll sideways, and screenshots are kept
// for a human look (GONGKAI_SCREENSHOTS).
func TestBrowserStatusLetters(t *testing.T) {
	e := newTestEnv(t)
	q := e.createTestRequest(e.a.ID, false)
	ctx := context.Background()
	day := e.srv.today()
	for _, ev := range []rq.EventRecord{
		{Event: rq.SupplementRequested{Date: day, Due: day.AddDays(10)}, Details: stepDetails{SupplementNotice: "请写明所需信息的年份。"}.encode()},
		{Event: rq.SupplementReceived{Date: day}},
		{Event: rq.Extended{Date: day, Days: 10, Approver: "王主任"}, Details: stepDetails{Notice: &noticeDetails{Text: "需要调取的档案较多"}}.encode()},
		{Event: rq.Answered{Date: day, Outcome: "三.一"}, Details: stepDetails{Letter: &letterDetails{Reasons: "见附件。"}}.encode()},
	} {
		ev.UserID = 1
		if _, err := e.st.AppendRequestEvent(ctx, q.ID, ev); err != nil {
			t.Fatal(err)
		}
	}
	srv := newLocalServer(t, e)
	for _, width := range []int{375, 1366} {
		c := newChromium(t, width, 900, 60*time.Second)
		viewport := chromedp.EmulateViewport(int64(width), 900)
		if width < 500 {
			viewport = chromedp.EmulateViewport(int64(width), 812, chromedp.EmulateMobile)
		}
		if err := chromedp.Do(c, viewport, chromedp.Navigate(srv+"/apply/status"), chromedp.WaitVisible(chromedp.CSS("#code")),
			chromedp.SendKeys(chromedp.CSS("#code"), q.Code), chromedp.SendKeys(chromedp.CSS("#secret"), "secret"),
			chromedp.Click(chromedp.CSS("form.form button[type=submit]")),
			chromedp.WaitVisible(chromedp.CSS("#letters-title"))); err != nil {
			t.Fatalf("%d px: %v", width, err)
		}
		text, err := chromedp.Run(c, chromedp.Text(chromedp.CSS(".letter-list")))
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{"政府信息公开申请补正告知书", "延长政府信息公开答复期限告知书", "政府信息予以公开告知书", "网页版", "Word"} {
			if !strings.Contains(text, want) {
				t.Errorf("%d px: letters lack %q: %q", width, want, text)
			}
		}
		scroll, err := chromedp.Run(c, chromedp.Evaluate[int]("document.documentElement.scrollWidth"))
		if err != nil {
			t.Fatal(err)
		}
		if scroll > width {
			t.Errorf("%d px: the page scrolls sideways (%d px wide)", width, scroll)
		}
		if dir := os.Getenv("GONGKAI_SCREENSHOTS"); dir != "" {
			png, err := chromedp.Run(c, chromedp.FullScreenshot(100))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "status-letters-"+itoa(int64(width))+".png"), png, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}
