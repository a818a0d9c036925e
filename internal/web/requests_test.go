package web

import (
	"bytes"
	"context"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/annualreport"
	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/blob"
	"github.com/gongkai/gongkai/internal/notify"
	rq "github.com/gongkai/gongkai/internal/request"
	"github.com/gongkai/gongkai/internal/store"
)

// Valid identity numbers (checksums correct).
const (
	testResidentID = "11010519491231002X"
	testUSCC       = "91350100M000100Y43"
)

// createTestRequest stores a request received today in the body; with
// answered it is closed as 三.一 with a letter.
func (e *testEnv) createTestRequest(bodyID int64, answered bool) rq.Request {
	e.t.Helper()
	ctx := context.Background()
	today := e.srv.today()
	q, err := e.st.CreateRequest(ctx, rq.Request{BodyID: bodyID, Code: "T" + strings.Repeat("0", 8) + e.unique(),
		SecretHash: hashSecret("secret"), ApplicantType: "自然人", ApplicantName: "张三", IDType: idResident,
		IDNumber: testResidentID, Phone: "13800000000", Sought: "村道建设资料", Delivery: "电子邮件",
		Email: "zhang@example.com", Channel: rq.Online, Received: today}, 0, "")
	if err != nil {
		e.t.Fatal(err)
	}
	if answered {
		d, _ := json.Marshal(stepDetails{Letter: &letterDetails{Reasons: "见附件。"}})
		if q, err = e.st.AppendRequestEvent(ctx, q.ID, rq.EventRecord{Event: rq.Answered{Date: today, Outcome: "三.一"},
			UserID: 1, Details: string(d)}); err != nil {
			e.t.Fatal(err)
		}
	}
	return q
}

// requestTarget fills {id} (and {case}, {n}) of a request route with a
// fresh request of the body.
func (e *testEnv) requestTarget(t *testing.T, rt route, p string, bodyID int64) string {
	t.Helper()
	q := e.createTestRequest(bodyID, strings.HasSuffix(rt.pattern, "/letter") || strings.Contains(p, "{event}"))
	if strings.Contains(p, "{event}") { // the answer's letter
		evs, err := e.st.RequestEvents(context.Background(), q.ID)
		if err != nil {
			t.Fatal(err)
		}
		p = strings.ReplaceAll(p, "{event}", strconv.FormatInt(evs[len(evs)-1].ID, 10))
	}
	if strings.Contains(p, "{n}") {
		q = e.withAttachment(t, bodyID)
		p = strings.ReplaceAll(p, "{n}", "1")
	}
	p = strings.ReplaceAll(p, "{id}", strconv.FormatInt(q.ID, 10))
	if strings.Contains(p, "{case}") {
		id, err := e.st.CreateCase(context.Background(), store.Case{RequestID: q.ID, Kind: "行政复议", Filed: q.Received})
		if err != nil {
			t.Fatal(err)
		}
		p = strings.ReplaceAll(p, "{case}", strconv.FormatInt(id, 10))
	}
	return p
}

// withAttachment stores a request with one PDF attachment, giving the
// server a blob store if it has none.
func (e *testEnv) withAttachment(t *testing.T, bodyID int64) rq.Request {
	t.Helper()
	if e.srv.blobs == nil {
		bs, err := blob.NewFileStore(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		e.srv.blobs = bs
	}
	info, err := e.srv.blobs.Put(context.Background(), strings.NewReader("%PDF-1.4\n%%EOF\n"), 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	q, err := e.st.CreateRequest(context.Background(), rq.Request{BodyID: bodyID, Code: "F" + strings.Repeat("0", 8) + e.unique(),
		SecretHash: hashSecret("secret"), ApplicantType: "自然人", ApplicantName: "张三", IDType: idResident,
		IDNumber: testResidentID, Phone: "13800000000", Sought: "资料", Delivery: "自行领取", Channel: rq.Online,
		Received: e.srv.today(), Attachments: []rq.Attachment{{Hash: info.Hash, Name: "身份证明.pdf", Size: info.Size,
			ContentType: info.ContentType}}}, 0, "")
	if err != nil {
		t.Fatal(err)
	}
	return q
}

// requestMatrixFixture is a valid submission for each request route.
func requestMatrixFixture(pattern string) (url.Values, string) {
	today := workdayToday()
	switch pattern {
	case "POST /admin/bodies/{id}/requests":
		return url.Values{"channel": {"in-person"}, "fact_date": {today}, "applicant_type": {"自然人"}, "name": {"李四"},
			"id_type": {idResident}, "id_number": {testResidentID}, "phone": {"13800000000"}, "sought": {"预算"},
			"delivery": {"自行领取"}}, ""
	case "POST /admin/requests/{id}/events":
		return url.Values{"kind": {"extended"}, "date": {today}, "days": {"5"}, "approver": {"王主任"}}, ""
	case "POST /admin/requests/{id}/cases":
		return url.Values{"kind": {"行政复议"}, "filed": {today}}, ""
	case "POST /admin/requests/{id}/cases/{case}":
		return url.Values{"result": {"结果维持"}, "decided": {today}}, ""
	}
	return nil, `{"kind":"extended","days":5,"approver":"王主任"}`
}

func workdayToday() string { return time.Now().In(chinaTime).Format("2006-01-02") }

// testClock is a settable time for the scenario.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *testClock) set(day string) {
	t, err := time.ParseInLocation("2006-01-02 15:04", day+" 10:00", chinaTime)
	if err != nil {
		panic(err)
	}
	c.mu.Lock()
	c.t = t
	c.mu.Unlock()
}

type fakeMailer struct {
	mu   sync.Mutex
	sent []notify.Message
	hold chan struct{} // Send waits on it: the acknowledgement must not
}

func (m *fakeMailer) Send(_ context.Context, msg notify.Message) error {
	<-m.hold
	m.mu.Lock()
	m.sent = append(m.sent, msg)
	m.mu.Unlock()
	return nil
}

var (
	codeRE   = regexp.MustCompile(`申请编号</dt><dd><code class="secret-value">([2-9A-HJKMNP-Z]{4}(?:-[2-9A-HJKMNP-Z]{4}){2})</code>`)
	secretRE = regexp.MustCompile(`查询密码</dt><dd><code class="secret-value">([2-9A-HJKMNP-Z]{4}(?:-[2-9A-HJKMNP-Z]{4}){4})</code>`)
)

func applyForm(v url.Values) url.Values {
	base := url.Values{"applicant_type": {"自然人"}, "name": {"张三"}, "id_type": {idResident},
		"id_number": {testResidentID}, "phone": {"13800000000"}, "email": {"zhang@example.com"},
		"sought": {"2025年吴城镇村道建设项目的招标文件和验收报告"}, "delivery": {"电子邮件"}}
	for k, x := range v {
		base[k] = x
	}
	return base
}

// TestApplyForm drives the public form's validation: each bad input is
// refused with a Chinese message next to its field, the input is kept.
func TestApplyForm(t *testing.T) {
	e := newTestEnv(t)
	path := "/b/" + e.a.Slug + "/apply"
	if w := e.serve(request("GET", path, nil, nil)); w.Code != http.StatusOK || !strings.Contains(w.Body.String(), "商业企业") ||
		!strings.Contains(w.Body.String(), `<optgroup label="法人或其他组织">`) {
		t.Fatalf("GET %s: %d", path, w.Code)
	}
	tests := []struct {
		name  string
		form  url.Values
		field string
		msg   string
	}{
		{"bad resident id checksum", url.Values{"id_number": {"110105194912310021"}}, "id_number", "校验位错误"},
		{"organisation needs USCC", url.Values{"applicant_type": {"商业企业"}}, "id_type", "统一社会信用代码"},
		{"bad USCC", url.Values{"applicant_type": {"科研机构"}, "id_type": {idUSCC}, "id_number": {"91350100M000100Y44"}}, "id_number", "统一社会信用代码有误"},
		{"unknown applicant type", url.Values{"applicant_type": {"外星人"}}, "applicant_type", "申请人类型"},
		{"no contact", url.Values{"phone": {""}, "email": {""}, "delivery": {"自行领取"}}, "contact", "至少填写一种联系方式"},
		{"e-mail delivery needs e-mail", url.Values{"email": {""}}, "email", "请填写电子邮箱"},
		{"nothing sought", url.Values{"sought": {" "}}, "sought", "请描述所需政府信息"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := e.serve(request("POST", path, applyForm(tt.form), nil))
			body := w.Body.String()
			if w.Code != http.StatusUnprocessableEntity || !strings.Contains(body, `id="`+tt.field+`-error">`) ||
				!strings.Contains(body, tt.msg) || !strings.Contains(body, `value="张三"`) {
				t.Errorf("status %d; want 422 with %q at %s and the input kept\n%.2000s", w.Code, tt.msg, tt.field, body)
			}
		})
	}
	// A valid organisation application goes through.
	w := e.followReceipt(request("POST", path, applyForm(url.Values{"applicant_type": {"商业企业"}, "id_type": {idUSCC},
		"id_number": {testUSCC}}), nil))
	if w.Code != http.StatusOK || !codeRE.MatchString(w.Body.String()) {
		t.Errorf("organisation: %d %.500s", w.Code, w.Body.String())
	}
}

// multipartApply builds a multipart application with one attachment.
func multipartApply(t *testing.T, path, filename string, content []byte) *http.Request {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	// Each a different application: the same one twice within a minute
	// is refused as sent again.
	for k, v := range applyForm(url.Values{"sought": {"附件测试：" + filename + strconv.Itoa(len(content))}}) {
		mw.WriteField(k, v[0])
	}
	fw, err := mw.CreateFormFile("attachments", filename)
	if err != nil {
		t.Fatal(err)
	}
	fw.Write(content)
	mw.Close()
	r := httptest.NewRequest("POST", path, &buf)
	r.Header.Set("Content-Type", mw.FormDataContentType())
	r.Header.Set("Origin", "http://example.com")
	r.Header.Set("Sec-Fetch-Site", "same-origin")
	return r
}

func TestApplyAttachments(t *testing.T) {
	e := newTestEnv(t)
	blobs, err := blob.NewFileStore(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	e.srv.blobs = blobs
	path := "/b/" + e.a.Slug + "/apply"
	pdf := []byte("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
	tests := []struct {
		name    string
		file    string
		content []byte
		want    int
		msg     string
	}{
		{"pdf accepted", "证明.pdf", pdf, http.StatusSeeOther, ""},
		{"windows executable", "证明.pdf", append([]byte("MZ\x90\x00"), make([]byte, 100)...), http.StatusUnprocessableEntity, "可执行文件"},
		{"shell script", "a.txt", []byte("#!/bin/sh\nrm -rf /\n"), http.StatusUnprocessableEntity, "可执行文件"},
		{"unknown binary", "a.bin", []byte{0, 1, 2, 3, 4, 5, 0, 0, 9}, http.StatusUnprocessableEntity, "文件类型不被接受"},
		{"too large", "big.pdf", append(pdf, make([]byte, requestAttachmentLimits.PerFile)...), http.StatusUnprocessableEntity, "超过"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := e.serve(multipartApply(t, path, tt.file, tt.content))
			if w.Code != tt.want || !strings.Contains(w.Body.String(), tt.msg) {
				t.Errorf("status %d, want %d with %q\n%.1500s", w.Code, tt.want, tt.msg, w.Body.String())
			}
		})
	}
	list, err := e.st.RequestsForBody(context.Background(), e.a.ID, store.RequestFilter{})
	if err != nil || len(list) != 1 {
		t.Fatalf("stored requests: %d, %v; want only the accepted one", len(list), err)
	}
	q, err := e.st.Request(context.Background(), list[0].ID)
	if err != nil || len(q.Attachments) != 1 || q.Attachments[0].ContentType != "application/pdf" {
		t.Fatalf("attachments: %+v, %v", q.Attachments, err)
	}
	file := "/admin/requests/" + strconv.FormatInt(q.ID, 10) + "/files/1"
	w := e.serve(request("GET", file, nil, e.login(e.users[auth.RoleHandler].Username)))
	if w.Code != http.StatusOK || !bytes.Equal(w.Body.Bytes(), pdf) || w.Header().Get("Cache-Control") != "no-store" {
		t.Errorf("handler download: %d %q", w.Code, w.Header())
	}
	if w := e.serve(request("GET", file, nil, e.login(e.users[auth.RoleSupervisor].Username))); w.Code != http.StatusForbidden {
		t.Errorf("supervisor download: %d, want 403", w.Code)
	}
	if w := e.serve(request("GET", strings.TrimSuffix(file, "1")+"2", nil, e.login(e.users[auth.RoleHandler].Username))); w.Code != http.StatusNotFound {
		t.Errorf("second attachment: %d, want 404", w.Code)
	}
}

// TestStatusLookupThrottled: wrong secrets are counted per address and
// the lookup stops answering after maxStatusFailures.
func TestStatusLookupThrottled(t *testing.T) {
	e := newTestEnv(t)
	q := e.createTestRequest(e.a.ID, false)
	lookup := func(secret string) int {
		return e.serve(request("POST", "/apply/status", url.Values{"code": {q.Code}, "secret": {secret}}, nil)).Code
	}
	if c := lookup("secret"); c != http.StatusOK {
		t.Fatalf("right secret: %d", c)
	}
	for i := range maxStatusFailures {
		if c := lookup("wrong"); c != http.StatusNotFound {
			t.Fatalf("wrong secret %d: %d, want 404", i, c)
		}
	}
	if c := lookup("secret"); c != http.StatusTooManyRequests {
		t.Errorf("after %d failures: %d, want 429", maxStatusFailures, c)
	}
}

// TestRequestScenario: a citizen applies online; the handler asks for a
// supplement, records it (the clock restarts), extends, and answers
// 部分公开 (三.二) with a letter. The status page follows each step and
// the due dates are the official calendar's, across the 2026 Spring
// Festival with its two Saturday make-up working days (2/14, 2/28) and
// Qingming (4/4–4/6). The year's tables pass annualreport.Check. On
// both databases.
func TestRequestScenario(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, st *store.Store) { testRequestScenario(t, newTestEnvOn(t, st, true)) })
}

func testRequestScenario(t *testing.T, e *testEnv) {
	clk := &testClock{}
	e.srv.now = clk.now
	mailer := &fakeMailer{hold: make(chan struct{})}
	e.srv.mailer = mailer
	handler := e.login(e.users[auth.RoleHandler].Username)
	supervisor := e.login(e.users[auth.RoleSupervisor].Username)

	// 1. Apply on Monday 9 February 2026. The mailer is blocked: the
	// acknowledgement must not wait for it.
	clk.set("2026-02-09")
	w := e.followReceipt(request("POST", "/b/"+e.a.Slug+"/apply", applyForm(nil), nil))
	body := w.Body.String()
	if w.Code != http.StatusOK || !strings.Contains(body, "2026年2月9日") || !strings.Contains(body, "2026年3月13日") ||
		!strings.Contains(body, "2026-02-09 10:00:00") {
		t.Fatalf("apply: %d\n%.3000s", w.Code, body)
	}
	code, secret := codeRE.FindStringSubmatch(body), secretRE.FindStringSubmatch(body)
	if code != nil {
		code[1] = normalizeCode(code[1]) // the receipt groups it: 7KQ4-M9XT-ABCD
	}
	if code == nil || secret == nil {
		t.Fatalf("receipt shows no code or secret:\n%.3000s", body)
	}
	close(mailer.hold)
	q, err := e.st.RequestByCode(context.Background(), code[1])
	if err != nil || q.BodyID != e.a.ID || q.Received.String() != "2026-02-09" || q.IDNumber != testResidentID {
		t.Fatalf("stored: %+v, %v", q, err)
	}
	id := strconv.FormatInt(q.ID, 10)

	status := func(wantState, wantDue string, more ...string) {
		t.Helper()
		e.run(t, scenario{name: "status page (" + wantState + ")", method: "POST", path: "/apply/status",
			form:   url.Values{"code": {strings.ToLower(code[1])}, "secret": {secret[1]}},
			status: http.StatusOK, contains: append([]string{"<td>" + wantState + "</td>", wantDue}, more...),
			// The applicant's personal data is never on the status page.
			excludes: []string{"张三", testResidentID, "13800000000", "zhang@example.com"}})
	}
	status("已收到", "2026年3月13日", "收到申请")

	step := func(day string, form url.Values) {
		t.Helper()
		clk.set(day)
		w := e.serve(request("POST", "/admin/requests/"+id+"/events", form, handler))
		if w.Code != http.StatusSeeOther {
			t.Fatalf("step %s on %s: %d\n%.3000s", form.Get("kind"), day, w.Code, w.Body.String())
		}
	}
	// 2. Accepted (受理) the next day: the deadline stays where receipt
	// put it, and 受理 is offered no more.
	step("2026-02-10", url.Values{"kind": {"accepted"}, "date": {"2026-02-10"}})
	status("已受理", "2026年3月13日", "受理申请，答复期限不变")
	if page := e.serve(request("GET", "/admin/requests/"+id, nil, handler)).Body.String(); strings.Contains(page, `value="accepted"`) ||
		!strings.Contains(page, `value="supplement-requested"`) {
		t.Errorf("after 受理 the page should offer 补正 but not 受理 again\n%.3000s", page)
	}
	// 3. Supplement notice on day 4 (within the 7 working days).
	step("2026-02-12", url.Values{"kind": {"supplement-requested"}, "date": {"2026-02-12"}, "due": {"2026-02-27"}, "why": {"申请内容不明确"}})
	status("待补正", "待补正，暂停计时", "发出补正通知")
	// A supervisor may read but not act.
	e.run(t, scenario{name: "supervisor step", method: "POST", path: "/admin/requests/" + id + "/events",
		session: supervisor, form: url.Values{"kind": {"supplement-received"}, "date": {"2026-02-12"}}, status: http.StatusForbidden})
	// 4. The supplement arrives on 26 February: 20 working days restart,
	// counting Saturday 28 February.
	step("2026-02-26", url.Values{"kind": {"supplement-received"}, "date": {"2026-02-26"}})
	status("办理中", "2026年3月25日", "收到补正材料")
	// A step the state does not allow is refused with the reason.
	clk.set("2026-03-02")
	e.run(t, scenario{name: "fee paid without notice", method: "POST", path: "/admin/requests/" + id + "/events", session: handler,
		form: url.Values{"kind": {"fee-paid"}, "date": {"2026-03-02"}}, status: http.StatusUnprocessableEntity,
		contains: []string{"不能在「办理中」状态下记录「收到缴费」"}})
	// 5. Extension by 10 working days, across Qingming.
	step("2026-03-20", url.Values{"kind": {"extended"}, "date": {"2026-03-20"}, "days": {"10"}, "approver": {"王主任"}})
	status("办理中", "2026年4月9日", "延长答复期限")
	if w := e.serve(request("POST", "/admin/requests/"+id+"/events", url.Values{"kind": {"extended"}, "date": {"2026-03-20"}, "days": {"5"}, "approver": {"王主任"}}, handler)); w.Code != http.StatusUnprocessableEntity {
		t.Errorf("second extension: %d, want 422", w.Code)
	}
	// 6. Answer: 部分公开.
	step("2026-04-08", url.Values{"kind": {"answered"}, "date": {"2026-04-08"}, "outcome": {"三.二"},
		"reasons": {"招标文件予以公开，见附件。\n验收报告中涉及个人信息的部分不予公开。"}, "doc_no": {"吴政信告〔2026〕3号"}})
	status("已答复", "2026年4月9日", "作出答复", "部分公开", "2026年4月8日")

	// The console page shows the applicant to the handler only; the
	// letter, printable and as Word, is the handler's.
	e.runAll(t, []scenario{
		{name: "handler page", path: "/admin/requests/" + id, session: handler, status: http.StatusOK, contains: []string{testResidentID}},
		{name: "supervisor page", path: "/admin/requests/" + id, session: supervisor, status: http.StatusOK, excludes: []string{testResidentID}},
		{name: "letter HTML", path: "/admin/requests/" + id + "/letter", session: handler, status: http.StatusOK,
			contains: []string{"吴政信告〔2026〕3号", "张三"}},
		{name: "supervisor letter", path: "/admin/requests/" + id + "/letter", session: supervisor, status: http.StatusForbidden},
	})
	w = e.serve(request("GET", "/admin/requests/"+id+"/letter?format=docx", nil, handler))
	if w.Code != http.StatusOK || !bytes.HasPrefix(w.Body.Bytes(), []byte("PK")) {
		t.Errorf("letter DOCX: %d %q", w.Code, w.Header().Get("Content-Type"))
	}

	// A reconsideration against the answer, still pending at year end.
	clk.set("2026-05-06")
	if w := e.serve(request("POST", "/admin/requests/"+id+"/cases", url.Values{"kind": {"行政复议"}, "filed": {"2026-05-06"}}, handler)); w.Code != http.StatusSeeOther {
		t.Fatalf("case: %d %.1000s", w.Code, w.Body.String())
	}

	// The receipt mail went out (after the acknowledgement).
	deadline := time.Now().Add(5 * time.Second)
	for {
		mailer.mu.Lock()
		n := len(mailer.sent)
		mailer.mu.Unlock()
		if n == 1 || time.Now().After(deadline) {
			if n != 1 {
				t.Errorf("receipt mails sent: %d, want 1", n)
			}
			break
		}
		time.Sleep(10 * time.Millisecond)
	}

	// Tables 三 and 四 of 2026 through the API.
	clk.set("2026-12-31")
	token, _ := e.token(e.users[auth.RoleSupervisor])
	r := httptest.NewRequest("GET", "/api/v1/bodies/"+strconv.FormatInt(e.a.ID, 10)+"/report/2026", nil)
	r.Header.Set("Authorization", "Bearer "+token)
	w = e.serve(r)
	if w.Code != http.StatusOK {
		t.Fatalf("report: %d %s", w.Code, w.Body.String())
	}
	rep, err := annualreport.DecodeJSON(w.Body.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	for row, col := range map[string]string{"一": "自然人", "三.二": "自然人"} {
		if c := rep.Tables.Three[row][col]; c.Num != 1 {
			t.Errorf("table 三 %s/%s = %+v, want 1", row, col, c)
		}
	}
	if c := rep.Tables.Four["行政复议"]["尚未审结"]; c.Num != 1 {
		t.Errorf("table 四 行政复议/尚未审结 = %+v, want 1", c)
	}
	if _, ok := rep.Tables.Two["行政规范性文件"]["本年制发件数"]; !ok {
		t.Errorf("the report lacks table 二 from the disclosure records: %v", rep.Tables.Two)
	}
	// The narrative sections are the body's to write; the tables must be right.
	for _, f := range annualreport.Check(rep, nil) {
		narrative := f.Rule == annualreport.RuleMissingSection || f.Rule == annualreport.RuleEmptySection
		if f.Severity == annualreport.SeverityError && (f.Section == "二" || f.Section == "三" || f.Section == "四") && !narrative {
			t.Errorf("check: %+v", f)
		}
	}
}

// TestRequestAPI files through the public API, looks the status up and
// records a step with a token.
func TestRequestAPI(t *testing.T) {
	e := newTestEnv(t)
	js := `{"body_id":` + strconv.FormatInt(e.a.ID, 10) + `,"applicant_type":"自然人","name":"张三","id_type":"居民身份证",` +
		`"id_number":"` + testResidentID + `","email":"zhang@example.com","sought":"预算","delivery":"电子邮件"}`
	r := httptest.NewRequest("POST", "/api/v1/requests", strings.NewReader(js))
	r.Header.Set("Content-Type", "application/json")
	w := e.serve(r)
	var filed apiFiled
	if w.Code != http.StatusCreated || json.Unmarshal(w.Body.Bytes(), &filed) != nil || filed.Code == "" || filed.Secret == "" {
		t.Fatalf("file: %d %s", w.Code, w.Body.String())
	}
	token, _ := e.token(e.users[auth.RoleHandler])
	sup, _ := e.token(e.users[auth.RoleSupervisor])
	path := "/api/v1/requests/" + strconv.FormatInt(filed.ID, 10)
	e.runAll(t, []scenario{
		{name: "bad id", method: "POST", path: "/api/v1/requests", json: strings.Replace(js, testResidentID, "110105194912310021", 1),
			status: http.StatusUnprocessableEntity, contains: []string{`"id_number"`}},
		{name: "status", path: "/api/v1/requests/status?code=" + filed.Code + "&secret=" + filed.Secret,
			status: http.StatusOK, contains: []string{`"state_id":"received"`}, excludes: []string{"张三"}},
		{name: "answer by API", method: "POST", path: path + "/events", token: token, json: `{"kind":"answered","outcome":"三.一","reasons":"见附件。"}`,
			status: http.StatusCreated, contains: []string{`"state":"answered"`, `"applicant"`}},
		{name: "supervisor reads", path: path, token: sup, status: http.StatusOK, excludes: []string{`"applicant"`}},
	})
}
