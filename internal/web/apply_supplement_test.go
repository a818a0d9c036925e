package web

import (
	"bytes"
	"context"
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/blob"
	rq "github.com/gongkai/gongkai/internal/request"
	"github.com/gongkai/gongkai/internal/store"
)

var supplementTokenRE = regexp.MustCompile(`name="token" value="([0-9]+\.[0-9a-f]{64})"`)

// supplementPost is the status page's 补正 form as a browser sends it,
// with at most one file under "attachments".
func supplementPost(t *testing.T, fields url.Values, filename string, content []byte) *http.Request {
	t.Helper()
	var files []formFile
	if filename != "" {
		files = []formFile{{"attachments", filename, content}}
	}
	return multipartPost(t, "/apply/status/supplement", fields, files, nil)
}

// TestSupplementOnline: a citizen applies online, the handler asks for
// a supplement with a notice text, the applicant answers on the status
// page with a text and a PDF; the clock restarts on that day exactly as
// request.Clock computes it, the handler sees the text and downloads
// the file, a second submission is refused, and the proof of the code
// and secret is required and throttled. On both databases.
func TestSupplementOnline(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, st *store.Store) { testSupplementOnline(t, newTestEnvOn(t, st, true)) })
}

func testSupplementOnline(t *testing.T, e *testEnv) {
	ctx := context.Background()
	clk := &testClock{}
	e.srv.now = clk.now
	blobDir := t.TempDir()
	blobs, err := blob.NewFileStore(blobDir)
	if err != nil {
		t.Fatal(err)
	}
	e.srv.blobs = blobs
	handler := e.login(e.users[auth.RoleHandler].Username)
	supervisor := e.login(e.users[auth.RoleSupervisor].Username)

	clk.set("2026-02-09")
	w := e.followReceipt(request("POST", "/b/"+e.a.Slug+"/apply", applyForm(nil), nil))
	code, secret := codeRE.FindStringSubmatch(w.Body.String()), secretRE.FindStringSubmatch(w.Body.String())
	if code != nil {
		code[1] = normalizeCode(code[1]) // the receipt groups it: 7KQ4-M9XT-ABCD
	}
	if w.Code != http.StatusOK || code == nil || secret == nil {
		t.Fatalf("apply: %d\n%.2000s", w.Code, w.Body.String())
	}
	q, err := e.st.RequestByCode(ctx, code[1])
	if err != nil {
		t.Fatal(err)
	}
	id := strconv.FormatInt(q.ID, 10)
	lookup := func(secret string) *httptest.ResponseRecorder {
		return e.serve(request("POST", "/apply/status", url.Values{"code": {code[1]}, "secret": {secret}}, nil))
	}
	if b := lookup(secret[1]).Body.String(); strings.Contains(b, `action="/apply/status/supplement"`) {
		t.Errorf("a request awaiting no supplement shows the 补正 form")
	}

	// The handler asks for a supplement, saying what is missing.
	clk.set("2026-02-12")
	notice := "请补充说明所需信息的年份和具体项目名称。"
	w = e.serve(request("POST", "/admin/requests/"+id+"/events", url.Values{"kind": {"supplement-requested"},
		"date": {"2026-02-12"}, "due": {"2026-02-27"}, "notice": {notice}, "why": {"内部说明：不公开"}}, handler))
	if w.Code != http.StatusSeeOther {
		t.Fatalf("补正 notice: %d\n%.2000s", w.Code, w.Body.String())
	}

	// The status page shows what was asked and the form, never the
	// handler's internal note.
	clk.set("2026-02-26")
	w = lookup(secret[1])
	b := html.UnescapeString(w.Body.String())
	tok := supplementTokenRE.FindStringSubmatch(w.Body.String())
	if w.Code != http.StatusOK || tok == nil || !strings.Contains(b, notice) || !strings.Contains(b, "2026年2月27日") ||
		strings.Contains(b, "内部说明") {
		t.Fatalf("status page awaiting a supplement: %d\n%.4000s", w.Code, b)
	}
	token := tok[1]
	form := func(tok, text string) url.Values {
		return url.Values{"code": {strings.ToLower(code[1])}, "token": {tok}, "text": {text}}
	}
	text := "所需信息为 2025 年吴城镇东山村村道建设项目的招标文件和验收报告。"
	pdf := []byte("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")

	// The attachments are sniffed as the application's are; the text is
	// kept and nothing is recorded.
	w = e.serve(supplementPost(t, form(token, text), "授权书.pdf", append([]byte("MZ\x90\x00"), make([]byte, 64)...)))
	if w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), "可执行文件") ||
		!strings.Contains(html.UnescapeString(w.Body.String()), text) {
		t.Errorf("executable supplement: %d\n%.3000s", w.Code, w.Body.String())
	}
	// A refused file is refused before it is stored.
	w = e.serve(supplementPost(t, form(token, text), "授权书.docx", payloadZip(t)))
	if w.Code != http.StatusUnprocessableEntity || blobFiles(t, blobDir) != 0 {
		t.Errorf("zip with payload.exe as a supplement: %d, %d blobs kept", w.Code, blobFiles(t, blobDir))
	}
	w = e.serve(supplementPost(t, form(token, strings.Repeat("补", maxSupplementText+1)), "", nil))
	if w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), "补正内容不超过 5000 字") {
		t.Errorf("overlong supplement: %d", w.Code)
	}
	w = e.serve(supplementPost(t, form(token, " "), "", nil))
	if w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), "请填写补正内容或上传补正材料") {
		t.Errorf("empty supplement: %d", w.Code)
	}
	// A stale token is refused (and counted): the page is valid two hours.
	clk.mu.Lock()
	clk.t = clk.t.Add(supplementTokenTTL + time.Minute)
	clk.mu.Unlock()
	if w := e.serve(supplementPost(t, form(token, text), "", nil)); w.Code != http.StatusForbidden ||
		!strings.Contains(w.Body.String(), "页面已过期或无效") {
		t.Errorf("stale token: %d", w.Code)
	}
	if got, _ := e.st.Request(ctx, q.ID); got.State != rq.StateSupplementPending {
		t.Fatalf("refused submissions changed the request: %s", got.State)
	}

	// The supplement, on 26 February.
	clk.set("2026-02-26")
	w = lookup(secret[1])
	token = supplementTokenRE.FindStringSubmatch(w.Body.String())[1]
	w = e.serve(supplementPost(t, form(token, text), "补正说明.pdf", pdf))
	ack := html.UnescapeString(w.Body.String())
	if w.Code != http.StatusOK || !strings.Contains(ack, "补正材料已提交") || !strings.Contains(ack, "2026年2月26日") ||
		!strings.Contains(ack, "补正说明.pdf") || !strings.Contains(ack, "2026-02-26 10:00:00") {
		t.Fatalf("supplement: %d\n%.3000s", w.Code, ack)
	}
	// The new due date is request.Clock's over the stored history.
	evs, err := e.st.RequestEvents(ctx, q.ID)
	if err != nil {
		t.Fatal(err)
	}
	domain := make([]rq.Event, len(evs))
	for i, ev := range evs {
		domain[i] = ev.Event
	}
	clock, err := rq.Clock(domain, e.srv.cal, e.srv.clockSettings())
	if err != nil {
		t.Fatal(err)
	}
	due := chineseDay(clock.Due)
	if clock.Due.String() != "2026-03-25" || clock.ClockStart.String() != "2026-02-26" || !strings.Contains(ack, "答复期限</th><td>"+due) {
		t.Errorf("acknowledged due date: clock %s from %s; page:\n%.3000s", clock.Due, clock.ClockStart, ack)
	}
	last := evs[len(evs)-1]
	if ev, ok := last.Event.(rq.SupplementReceived); !ok || ev.Channel != rq.Online || last.UserID != 0 ||
		!strings.Contains(last.Details, text) {
		t.Errorf("stored event: %+v", last)
	}
	got, err := e.st.Request(ctx, q.ID)
	if err != nil || got.State != rq.StateAccepted || got.Due != clock.Due || got.SideKind != rq.SideNone ||
		len(got.Attachments) != 1 || got.Attachments[0].EventID != last.ID || got.Attachments[0].ContentType != "application/pdf" {
		t.Errorf("stored request: %+v, %v", got, err)
	}
	entries, err := e.st.Audit(ctx, audit.Filter{Action: "request.step", Limit: 10})
	if err != nil || len(entries) == 0 || !strings.Contains(entries[0].Detail, "收到补正材料 2026-02-26（申请人网上提交）") ||
		entries[0].Target != q.Code {
		t.Errorf("audit: %+v, %v", entries, err)
	}

	// The status page: the clock restarted, no form any more.
	w = lookup(secret[1])
	b = html.UnescapeString(w.Body.String())
	if w.Code != http.StatusOK || !strings.Contains(b, "<td>办理中</td>") || !strings.Contains(b, due) ||
		!strings.Contains(b, "2026-02-26 收到补正材料（网络提交），重新起算") || strings.Contains(b, `action="/apply/status/supplement"`) {
		t.Errorf("status after the supplement: %d\n%.4000s", w.Code, b)
	}

	// The handler reads the text and downloads the file; a supervisor
	// sees neither.
	page := html.UnescapeString(e.serve(request("GET", "/admin/requests/"+id, nil, handler)).Body.String())
	file := "/admin/requests/" + id + "/files/1"
	if !strings.Contains(page, text) || !strings.Contains(page, `href="`+file+`">补正说明.pdf`) ||
		!strings.Contains(page, "补正内容："+notice) {
		t.Errorf("handler page lacks the supplement:\n%.6000s", page)
	}
	if w := e.serve(request("GET", file, nil, handler)); w.Code != http.StatusOK || !bytes.Equal(w.Body.Bytes(), pdf) {
		t.Errorf("handler download: %d", w.Code)
	}
	e.runAll(t, []scenario{
		{name: "supervisor's request page", path: "/admin/requests/" + id, session: supervisor, status: http.StatusOK,
			excludes: []string{text}},
		{name: "supervisor download", path: file, session: supervisor, status: http.StatusForbidden},
	})

	// A second submission (the token is still fresh) is refused.
	w = e.serve(supplementPost(t, form(token, "再次补正"), "", nil))
	if w.Code != http.StatusConflict || !strings.Contains(w.Body.String(), "该申请当前状态为「办理中」，不在待补正状态") {
		t.Errorf("second supplement: %d\n%.2000s", w.Code, w.Body.String())
	}
	if evs, _ := e.st.RequestEvents(ctx, q.ID); len(evs) != len(domain) {
		t.Errorf("second supplement recorded: %d events", len(evs))
	}

	// The answer letter quotes the supplement (Art. 30) once.
	clk.set("2026-03-02")
	if w := e.serve(request("POST", "/admin/requests/"+id+"/events", url.Values{"kind": {"answered"}, "date": {"2026-03-02"},
		"outcome": {"三.一"}, "reasons": {"请见附件。"}}, handler)); w.Code != http.StatusSeeOther {
		t.Fatalf("answer: %d\n%.2000s", w.Code, w.Body.String())
	}
	letter := html.UnescapeString(e.serve(request("GET", "/admin/requests/"+id+"/letter", nil, handler)).Body.String())
	if !strings.Contains(letter, "于2026年2月26日收到您的补正材料，补正内容为：“"+strings.TrimSuffix(text, "。")+"”。") {
		t.Errorf("the answer letter does not quote the supplement:\n%.4000s", letter)
	}

	// Without the secret there is no form and no token; a forged token is
	// refused; failures count towards the status throttle, which then
	// stops the supplement form too.
	if w := lookup("WRONGSECRET"); w.Code != http.StatusNotFound || strings.Contains(w.Body.String(), `name="token"`) {
		t.Errorf("wrong secret: %d", w.Code)
	}
	forged := strings.Split(token, ".")[0] + "." + strings.Repeat("0", 64)
	if w := e.serve(supplementPost(t, form(forged, text), "", nil)); w.Code != http.StatusForbidden {
		t.Errorf("forged token: %d, want 403", w.Code)
	}
	for range maxStatusFailures {
		lookup("WRONGSECRET")
	}
	if w := e.serve(supplementPost(t, form(token, text), "", nil)); w.Code != http.StatusTooManyRequests {
		t.Errorf("throttled supplement: %d, want 429", w.Code)
	}
	if w := lookup(secret[1]); w.Code != http.StatusTooManyRequests {
		t.Errorf("throttled lookup: %d, want 429", w.Code)
	}
}
