package web

import (
	"context"
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/store"
)

var letterFormRE = regexp.MustCompile(`name="event" value="([0-9]+)"`)

// TestArt30To33LettersForTheApplicant: the handler sends a 补正 notice
// (Art. 30), consults a third party (Art. 32) and extends (Art. 33); the
// request page lists the three letters with links, the applicant's
// status page offers the two addressed to them (not the third party's)
// as web page and Word document behind a signed token, and a forged
// token, another request's code or the third party's letter get
// nothing. On both databases.
func TestArt30To33LettersForTheApplicant(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, st *store.Store) { testLettersForTheApplicant(t, newTestEnvOn(t, st, true)) })
}

func testLettersForTheApplicant(t *testing.T, e *testEnv) {
	ctx := context.Background()
	clk := &testClock{}
	e.srv.now = clk.now
	handler := e.login(e.users[auth.RoleHandler].Username)

	clk.set("2026-03-02")
	w := e.followReceipt(request("POST", "/b/"+e.a.Slug+"/apply", applyForm(nil), nil))
	code, secret := codeRE.FindStringSubmatch(w.Body.String()), secretRE.FindStringSubmatch(w.Body.String())
	if w.Code != http.StatusOK || code == nil || secret == nil {
		t.Fatalf("apply: %d", w.Code)
	}
	code[1] = normalizeCode(code[1])
	q, err := e.st.RequestByCode(ctx, code[1])
	if err != nil {
		t.Fatal(err)
	}
	path := "/admin/requests/" + strconv.FormatInt(q.ID, 10)
	steps := []url.Values{
		{"kind": {"supplement-requested"}, "date": {"2026-03-04"}, "due": {"2026-03-18"}, "notice": {"请写明处罚决定书所涉企业的名称。"}, "doc_no": {"吴政信补〔2026〕1号"}},
		{"kind": {"supplement-received"}, "date": {"2026-03-06"}},
		{"kind": {"consultation-started"}, "date": {"2026-03-09"}, "with": {"third-party"}, "party": {"某某科技有限公司"}, "notice_text": {"贵公司的环境行政处罚决定书"}},
		{"kind": {"consultation-ended"}, "date": {"2026-03-13"}},
		{"kind": {"extended"}, "date": {"2026-03-20"}, "days": {"10"}, "approver": {"王主任"}, "notice_text": {"需要调取的档案数量较多"}},
	}
	clk.set("2026-03-20")
	for _, f := range steps {
		if c, b := e.post(t, path+"/events", f, handler); c != http.StatusSeeOther {
			t.Fatalf("%s: %d %.1500s", f.Get("kind"), c, b)
		}
	}

	_, page := e.get(t, path, handler)
	page = html.UnescapeString(page)
	for _, want := range []string{"政府信息公开申请补正告知书", "政府信息公开征求第三方意见书（致被征求意见方，申请人不可下载）", "延长政府信息公开答复期限告知书"} {
		if !strings.Contains(page, want) {
			t.Errorf("request page lacks %q", want)
		}
	}
	evs, err := e.st.RequestEvents(ctx, q.ID)
	if err != nil {
		t.Fatal(err)
	}
	eventOf := map[string]string{}
	for _, ev := range evs {
		eventOf[string(ev.Event.Kind())] = strconv.FormatInt(ev.ID, 10)
	}
	w = e.serve(request("GET", path+"/letters/"+eventOf["consultation-started"]+"?format=docx", nil, handler))
	if w.Code != http.StatusOK || !strings.HasPrefix(w.Body.String(), "PK") || !strings.Contains(w.Header().Get("Content-Disposition"), "attachment") {
		t.Errorf("staff's Word letter: %d %q", w.Code, w.Header().Get("Content-Disposition"))
	}

	// The applicant's status page.
	w = e.serve(request("POST", "/apply/status", url.Values{"code": {code[1]}, "secret": {secret[1]}}, nil))
	body := html.UnescapeString(w.Body.String())
	token := supplementTokenRE.FindStringSubmatch(body)
	var listed []string
	for _, m := range letterFormRE.FindAllStringSubmatch(body, -1) {
		listed = append(listed, m[1])
	}
	if token == nil || strings.Join(listed, ",") != eventOf["supplement-requested"]+","+eventOf["extended"] {
		t.Fatalf("status page letters %v (want the 补正 and extension notices), token %v", listed, token)
	}
	if strings.Contains(body, "征求第三方意见书") {
		t.Error("the status page offers the third party's letter")
	}
	download := func(code, token, event, format string) *httptest.ResponseRecorder {
		return e.serve(request("POST", "/apply/status/letter", url.Values{"code": {code}, "token": {token}, "event": {event}, "format": {format}}, nil))
	}
	r := download(code[1], token[1], eventOf["extended"], "html")
	got := r.Body.String()
	if r.Code != http.StatusOK || !strings.Contains(got, "延长10个工作日") || !strings.Contains(got, "需要调取的档案数量较多") ||
		!strings.HasPrefix(r.Header().Get("Content-Disposition"), "attachment;") || !strings.Contains(r.Header().Get("Content-Disposition"), ".html") {
		t.Errorf("HTML letter: %d %q\n%.800s", r.Code, r.Header().Get("Content-Disposition"), got)
	}
	r = download(code[1], token[1], eventOf["supplement-requested"], "docx")
	if r.Code != http.StatusOK || !strings.HasPrefix(r.Body.String(), "PK") || !strings.Contains(r.Header().Get("Content-Disposition"), ".docx") {
		t.Errorf("Word letter: %d %q", r.Code, r.Header().Get("Content-Disposition"))
	}
	for _, bad := range []struct {
		name, code, token, event string
		want                     int
	}{
		{"forged token", code[1], "9999999999." + strings.Repeat("0", 64), eventOf["extended"], http.StatusForbidden},
		{"the third party's letter", code[1], token[1], eventOf["consultation-started"], http.StatusNotFound},
		{"an event without a letter", code[1], token[1], eventOf["received"], http.StatusNotFound},
		{"another request's code", "ABCDEFGHJKLM", token[1], eventOf["extended"], http.StatusForbidden},
	} {
		if r := download(bad.code, bad.token, bad.event, "html"); r.Code != bad.want {
			t.Errorf("%s: %d, want %d", bad.name, r.Code, bad.want)
		}
	}
}
