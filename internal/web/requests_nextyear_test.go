package web

import (
	"html"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/store"
)

// TestArt33NextYearHolidayNotice: in December 2026 the built-in calendar
// ends with 2026. An application received on 10 December has its answer
// deadline (Art. 33: 20 working days) in January 2027, which cannot be
// counted until the State Council announces 2027's holidays. The
// applicant reads plain Chinese (no date that may move, no English, no
// path); staff see a provisional date labelled 暂定 with the reason, and
// the 7-day 补正 notice (Art. 30), inside 2026, as the legal date; the
// API carries due_provisional and due_reason. On both databases.
func TestArt33NextYearHolidayNotice(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, st *store.Store) { testArt33NextYearHolidayNotice(t, newTestEnvOn(t, st, true)) })
}

var latinRE = regexp.MustCompile(`[A-Za-z/]{3,}`)

func testArt33NextYearHolidayNotice(t *testing.T, e *testEnv) {
	e.withClock("2026-12-10")
	mailer := &fakeMailer{hold: make(chan struct{})}
	close(mailer.hold)
	e.srv.mailer = mailer
	filed := e.followReceipt(request("POST", "/b/"+e.a.Slug+"/apply", applyForm(nil), nil))
	if b := html.UnescapeString(filed.Body.String()); !strings.Contains(b, "答复期限将在国务院办公厅公布 2027 年节假日安排后确定") {
		t.Errorf("the receipt page does not say how the deadline will be fixed:\n%.3000s", b)
	}
	q, secret := e.applyOnline(t, nil)
	// The receipt mail says the same (sent in the background).
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		mailer.mu.Lock()
		sent := slices.Clone(mailer.sent)
		mailer.mu.Unlock()
		if len(sent) > 0 {
			if !strings.Contains(sent[0].Body, "答复期限：答复期限将在国务院办公厅公布 2027 年节假日安排后确定") {
				t.Errorf("receipt mail: %s", sent[0].Body)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("no receipt mail")
		}
	}

	w := e.serve(request("POST", "/apply/status", url.Values{"code": {q.Code}, "secret": {secret}}, nil))
	page := html.UnescapeString(w.Body.String())
	const citizen = "答复期限将在国务院办公厅公布 2027 年节假日安排后确定（自收到申请之日起 20 个工作日）"
	if w.Code != http.StatusOK || !strings.Contains(page, citizen) {
		t.Fatalf("status page: %d, lacks %q\n%.3000s", w.Code, citizen, page)
	}
	main := page[strings.Index(page, "<main"):]
	main = main[:strings.Index(main, "</main>")]
	text := regexp.MustCompile(`<[^>]*>`).ReplaceAllString(main, " ")
	for _, bad := range []string{"暂定", "2027-01-07", "2027年1月7日", "holidays", "无法计算"} {
		if strings.Contains(text, bad) {
			t.Errorf("the applicant's page shows %q", bad)
		}
	}
	for _, m := range latinRE.FindAllString(strings.ReplaceAll(text, q.Code, ""), -1) {
		t.Errorf("the applicant's page has Latin text %q:\n%s", m, text)
	}

	handler := e.login(e.users[auth.RoleHandler].Username)
	_, b := e.get(t, "/admin/requests/"+strconv.FormatInt(q.ID, 10), handler)
	b = html.UnescapeString(b)
	for _, want := range []string{"2027-01-07（暂定）", "国务院办公厅尚未公布 2027 年节假日安排，暂按周六、周日休息计算",
		"补正通知（收到申请后 7 个工作日内）：2026-12-21</li>",
		// The answer letter's 行政复议机关 defaults to the county government
		// above the township (行政复议法 Art. 24), editable.
		`name="review_organ" maxlength="100" value="江北县人民政府"`} {
		if !strings.Contains(b, want) {
			t.Errorf("the handler's page lacks %q", want)
		}
	}

	token, _ := e.token(e.users[auth.RoleHandler])
	got := decode[apiRequestJSON](t, apiCall(e, "GET", "/api/v1/requests/"+strconv.FormatInt(q.ID, 10), token, ""))
	if !got.DueProvisional || got.Due != "2027-01-07" || !strings.Contains(got.DueReason, "2027 年节假日安排") ||
		got.Deadlines["supplement_notice"].Due != "2026-12-21" || got.Deadlines["supplement_notice"].Provisional {
		t.Errorf("API: due %s provisional %v reason %q deadlines %+v", got.Due, got.DueProvisional, got.DueReason, got.Deadlines)
	}

	// A request inside known years carries no reason.
	e.withClock("2026-12-01")
	q2, _ := e.applyOnline(t, nil)
	got = decode[apiRequestJSON](t, apiCall(e, "GET", "/api/v1/requests/"+strconv.FormatInt(q2.ID, 10), token, ""))
	if got.DueProvisional || got.DueReason != "" || got.Due != "2026-12-29" {
		t.Errorf("API inside 2026: due %s provisional %v reason %q", got.Due, got.DueProvisional, got.DueReason)
	}
}
