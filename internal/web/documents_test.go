package web

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/annualreport"
	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/blob"
	"github.com/gongkai/gongkai/internal/disclosure"
	"github.com/gongkai/gongkai/internal/search"
	"github.com/gongkai/gongkai/internal/store"
)

var fixtureActor = store.Actor{Username: "fixture"}

func checkedAll() disclosure.Review {
	var r disclosure.Review
	for _, it := range disclosure.SecrecyChecklist {
		r.Checked = append(r.Checked, it.ID)
	}
	return r
}

// ensureBodyCode gives a test body an organisation code, which
// publishing needs for the 索引号.
func (e *testEnv) ensureBodyCode(bodyID int64) {
	e.t.Helper()
	ctx := context.Background()
	b, err := e.st.Body(ctx, bodyID)
	if err != nil {
		e.t.Fatal(err)
	}
	if b.Code == "" {
		b.Code = fmt.Sprintf("%09d", 100000000+b.ID)
		if err := e.st.UpdateBody(ctx, b); err != nil {
			e.t.Fatal(err)
		}
	}
}

// documentIn creates a 规范性文件 of the body in the given state.
func (e *testEnv) documentIn(bodyID int64, state disclosure.State) int64 {
	e.t.Helper()
	ctx := context.Background()
	col, err := e.st.ColumnBySlug(ctx, bodyID, "statutory")
	if err != nil {
		e.t.Fatal(err)
	}
	written := time.Now().AddDate(0, 0, -3)
	id, err := e.st.CreateDraft(ctx, disclosure.Document{BodyID: bodyID, ColumnID: col.ID, Title: "测试文件" + e.unique(),
		Kind: disclosure.KindNormative, Written: &written, Format: disclosure.FormatHTML, Source: "<p>正文</p>", BodyHTML: "<p>正文</p>"}, fixtureActor)
	if err != nil {
		e.t.Fatal(err)
	}
	steps := map[disclosure.State]int{disclosure.StateDraft: 0, disclosure.StateSubmitted: 1, disclosure.StateApproved: 2,
		disclosure.StatePublished: 3, disclosure.StateWithdrawn: 4}[state]
	if steps >= 1 {
		if err := e.st.SubmitDocument(ctx, id, fixtureActor); err != nil {
			e.t.Fatal(err)
		}
	}
	if steps >= 2 {
		if err := e.st.ApproveDocument(ctx, id, checkedAll(), fixtureActor); err != nil {
			e.t.Fatal(err)
		}
	}
	if steps >= 3 {
		e.ensureBodyCode(bodyID)
		if _, err := e.st.PublishDocument(ctx, id, fixtureActor); err != nil {
			e.t.Fatal(err)
		}
	}
	if steps >= 4 {
		if err := e.st.WithdrawDocument(ctx, id, "测试撤回", fixtureActor); err != nil {
			e.t.Fatal(err)
		}
	}
	return id
}

// documentMatrixPath fills {id} (and {att}) of a document route with a
// fresh document in the state the route acts on.
func (e *testEnv) documentMatrixPath(pattern, p string, bodyID int64) string {
	e.t.Helper()
	state := disclosure.StateDraft
	switch {
	case strings.HasSuffix(pattern, "/review"), strings.HasSuffix(pattern, "/approve"), strings.HasSuffix(pattern, "/return"):
		state = disclosure.StateSubmitted
	case strings.HasSuffix(pattern, "/publish"):
		state = disclosure.StateApproved
	case strings.HasSuffix(pattern, "/withdraw"), strings.HasSuffix(pattern, "/validity"):
		state = disclosure.StatePublished
	case pattern == "POST /admin/documents/{id}/submit":
		state = disclosure.StateDraft
	}
	if strings.HasSuffix(pattern, "/publish") {
		e.ensureBodyCode(bodyID)
	}
	id := e.documentIn(bodyID, state)
	if strings.Contains(p, "{att}") {
		att, err := e.st.AddAttachment(context.Background(), disclosure.Attachment{DocumentID: id,
			Hash: strings.Repeat("a", 64), Name: "附件.pdf", Size: 1, ContentType: "application/pdf"}, fixtureActor)
		if err != nil {
			e.t.Fatal(err)
		}
		p = strings.ReplaceAll(p, "{att}", idStr(att))
	}
	return strings.ReplaceAll(p, "{id}", idStr(id))
}

// documentMatrixForm is a valid form for each document route.
func (e *testEnv) documentMatrixForm(pattern string, bodyID int64) (url.Values, bool) {
	ctx := context.Background()
	col, _ := e.st.ColumnBySlug(ctx, bodyID, "statutory")
	switch pattern {
	case "POST /admin/bodies/{id}/documents", "POST /admin/documents/{id}":
		return url.Values{"title": {"矩阵测试文件"}, "column_id": {idStr(col.ID)}, "kind": {"other"}, "format": {"html"},
			"source": {"<p>正文</p>"}}, true
	case "POST /admin/documents/{id}/submit", "POST /admin/documents/{id}/publish",
		"POST /admin/documents/{id}/attachments/{att}/delete":
		return url.Values{}, true
	case "POST /admin/documents/{id}/approve":
		return url.Values{"check": checkedAll().Checked}, true
	case "POST /admin/documents/{id}/return", "POST /admin/documents/{id}/withdraw":
		return url.Values{"reason": {"测试原因"}}, true
	case "POST /admin/documents/{id}/validity":
		return url.Values{"status": {"abolished"}, "effective": {time.Now().In(chinaTime).Format("2006-01-02")}}, true
	case "POST /admin/settings/interpretation", "POST /admin/bodies/{id}/interpretation":
		return url.Values{"elements": {"背景依据\n主要内容"}}, true
	case "POST /admin/bodies/{id}/table-two":
		return url.Values{"year": {"2022"}, "c-1-0-0": {"3"}}, true
	}
	return nil, false
}

// newDocEnv is a test environment with a blob store, for uploads, and
// the full-text index, on SQLite.
func newDocEnv(t *testing.T) *testEnv {
	t.Helper()
	return newDocEnvOn(t, openTestStore(t))
}

// newDocEnvOn is newDocEnv on st, with blobs and the index where main
// puts them for st's database: files and FTS5 on SQLite, tables and
// tsvector on PostgreSQL.
func newDocEnvOn(t *testing.T, st *store.Store) *testEnv {
	t.Helper()
	var bs blob.Store
	d := search.SQLite
	if st.IsPostgres() {
		bs, d = blob.NewDBStore(st.DB(), t.TempDir()), search.Postgres
	} else {
		fs, err := blob.NewFileStore(filepath.Join(t.TempDir(), "blobs"))
		if err != nil {
			t.Fatal(err)
		}
		bs = fs
	}
	ix, err := search.NewIndex(st.DB(), d, nil, search.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.UseSearchIndex(context.Background(), ix); err != nil {
		t.Fatal(err)
	}
	e := newTestEnvOn(t, st, true)
	srv := newTestServer(t, Options{Store: st, Sessions: st.Sessions(), Blobs: bs, Search: ix})
	e.srv, e.h = srv, srv.handler()
	return e
}

// multipartRequest posts a document form with at most one file under
// "attachment".
func multipartRequest(t *testing.T, target string, fields url.Values, fileName string, content []byte, cookies []*http.Cookie) *http.Request {
	t.Helper()
	var files []formFile
	if fileName != "" {
		files = []formFile{{"attachment", fileName, content}}
	}
	return multipartPost(t, target, fields, files, cookies)
}

func mustStatus(t *testing.T, w *httptest.ResponseRecorder, want int, what string) {
	t.Helper()
	if w.Code != want {
		t.Fatalf("%s: status %d, want %d\n%.600s", what, w.Code, want, w.Body.String())
	}
}

// TestDocumentLifecycle drives a document from the editor's draft with
// an attachment through review and publication to the portal, its feed,
// the sitemap, search, abolition (and table 二) and withdrawal, on both
// databases.
func TestDocumentLifecycle(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, st *store.Store) { testDocumentLifecycle(t, newDocEnvOn(t, st)) })
}

func testDocumentLifecycle(t *testing.T, e *testEnv) {
	ctx := context.Background()
	e.ensureBodyCode(e.a.ID)
	editor, reviewer := e.login(e.users[auth.RoleEditor].Username), e.login(e.users[auth.RoleReviewer].Username)
	col, err := e.st.ColumnBySlug(ctx, e.a.ID, "statutory")
	if err != nil {
		t.Fatal(err)
	}
	written := time.Now().In(chinaTime).AddDate(0, 0, -2).Format("2006-01-02")
	fields := url.Values{"title": {"关于印发城关镇某办法的通知"}, "column_id": {idStr(col.ID)}, "kind": {"normative"},
		"format": {"markdown"}, "source": {"## 第一条\n\n正文**内容**<script>alert(1)</script>"}, "doc_no": {"城政〔2026〕3号"},
		"written": {written}, "theme": {"0201"}, "keywords": {"办法，通知"}, "publisher": {"城关镇人民政府"}, "public_mode": {"主动公开"}}
	pdf := []byte("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
	w := e.serve(multipartRequest(t, "/admin/bodies/"+idStr(e.a.ID)+"/documents", fields, "实施细则.pdf", pdf, editor))
	mustStatus(t, w, http.StatusSeeOther, "create draft")
	var id int64
	fmt.Sscanf(w.Header().Get("Location"), "/admin/documents/%d", &id)
	docURL := "/admin/documents/" + idStr(id)

	// A reviewer cannot draft; an editor cannot approve or publish.
	mustStatus(t, e.serve(request("GET", "/admin/bodies/"+idStr(e.a.ID)+"/documents/new", nil, reviewer)), http.StatusForbidden, "reviewer drafting")
	mustStatus(t, e.serve(request("POST", docURL+"/publish", url.Values{}, editor)), http.StatusForbidden, "editor publishing")

	// Validation errors re-render the form.
	bad := url.Values{"title": {""}, "column_id": {idStr(col.ID)}, "kind": {"normative"}, "format": {"html"}}
	w = e.serve(request("POST", docURL, bad, editor))
	mustStatus(t, w, http.StatusUnprocessableEntity, "invalid save")
	if !strings.Contains(w.Body.String(), "请填写标题") || !strings.Contains(w.Body.String(), "须填写成文日期") {
		t.Errorf("form errors not shown: %.400s", w.Body.String())
	}
	// Publishing a draft is refused with the state named.
	w = e.serve(request("POST", docURL+"/publish", url.Values{}, reviewer))
	mustStatus(t, w, http.StatusConflict, "publish draft")
	if !strings.Contains(w.Body.String(), "草稿") {
		t.Errorf("state refusal does not name the state: %.300s", w.Body.String())
	}
	mustStatus(t, e.serve(request("POST", docURL+"/submit", url.Values{}, editor)), http.StatusSeeOther, "submit")
	// An incomplete checklist re-renders the review page.
	w = e.serve(request("POST", docURL+"/approve", url.Values{"check": {"accurate"}}, reviewer))
	mustStatus(t, w, http.StatusUnprocessableEntity, "incomplete checklist")
	mustStatus(t, e.serve(request("POST", docURL+"/approve", url.Values{"check": checkedAll().Checked}, reviewer)), http.StatusSeeOther, "approve")
	mustStatus(t, e.serve(request("POST", docURL+"/publish", url.Values{}, reviewer)), http.StatusSeeOther, "publish")

	d, err := e.st.Document(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if d.State != disclosure.StatePublished || !strings.HasPrefix(d.IndexNo, e.mustBody(e.a.ID).Code+"/") ||
		!strings.Contains(d.BodyHTML, "<strong>内容</strong>") || strings.Contains(d.BodyHTML, "script") || len(d.Attachments) != 1 {
		t.Fatalf("published document = %+v", d)
	}

	// The portal page: metadata header, attachment, print view, caching.
	page := "/b/chengguan/d/" + idStr(id)
	w = e.serve(request("GET", page, nil, nil))
	mustStatus(t, w, http.StatusOK, "portal page")
	body := w.Body.String()
	for _, want := range []string{d.IndexNo, "综合政务/政务公开", "城政〔2026〕3号", "现行有效", "实施细则.pdf", page + "/print"} {
		if !strings.Contains(body, want) {
			t.Errorf("portal page lacks %q", want)
		}
	}
	etag, lastMod := w.Header().Get("ETag"), w.Header().Get("Last-Modified")
	if etag == "" || lastMod == "" {
		t.Errorf("ETag %q, Last-Modified %q", etag, lastMod)
	}
	r := request("GET", page, nil, nil)
	r.Header.Set("If-None-Match", etag)
	mustStatus(t, e.serve(r), http.StatusNotModified, "revalidate by ETag")
	r = request("GET", page, nil, nil)
	r.Header.Set("If-Modified-Since", lastMod)
	mustStatus(t, e.serve(r), http.StatusNotModified, "revalidate by date")
	for _, p := range []string{page + "/print", page + "?print=1"} {
		w = e.serve(request("GET", p, nil, nil))
		mustStatus(t, w, http.StatusOK, "print view")
		if !strings.Contains(w.Body.String(), `media="all"`) {
			t.Errorf("%s does not apply the print stylesheet on screen", p)
		}
	}
	w = e.serve(request("GET", page+"/files/"+idStr(d.Attachments[0].ID), nil, nil))
	mustStatus(t, w, http.StatusOK, "attachment")
	if ct := w.Header().Get("Content-Type"); ct != "application/pdf" {
		t.Errorf("attachment Content-Type %q", ct)
	}
	if cd := w.Header().Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment;") || !strings.Contains(cd, "%E5%AE%9E%E6%96%BD") {
		t.Errorf("attachment Content-Disposition %q", cd)
	}
	if !bytes.Equal(w.Body.Bytes(), pdf) {
		t.Error("attachment content differs")
	}

	// Column page links its feed; the feed and the sitemap list the document.
	w = e.serve(request("GET", "/b/chengguan/c/statutory/", nil, nil))
	if !strings.Contains(w.Body.String(), `<link rel="alternate" type="application/atom+xml"`) || w.Header().Get("Last-Modified") == "" {
		t.Errorf("column page lacks the feed link or Last-Modified")
	}
	for h, v := range map[string]string{"If-None-Match": w.Header().Get("ETag"), "If-Modified-Since": w.Header().Get("Last-Modified")} {
		r := request("GET", "/b/chengguan/c/statutory/", nil, nil)
		r.Header.Set(h, v)
		mustStatus(t, e.serve(r), http.StatusNotModified, "column page revalidated by "+h)
	}
	w = e.run(t, scenario{name: "feed", path: "/b/chengguan/c/statutory/feed.atom", status: http.StatusOK,
		contains: []string{"<title>关于印发城关镇某办法的通知</title>", "http://example.com" + page}})
	if ct := w.Header().Get("Content-Type"); !strings.Contains(ct, "application/atom+xml") {
		t.Errorf("feed Content-Type %q", ct)
	}
	e.runAll(t, []scenario{
		{name: "sitemap", path: "/sitemap.xml", status: http.StatusOK, contains: []string{"<loc>http://example.com" + page + "</loc>"}},
		// Search finds it by a two-character word of its body.
		{name: "search for a word of the body", path: "/b/chengguan/search?q=内容", status: http.StatusOK,
			contains: []string{`href="` + page + `"`, "<mark>内容</mark>"}},
	})

	// Abolition replaced by another document, then withdrawal. Table 二
	// counts the abolition: one fewer 规范性文件 in force, one abolished.
	year := time.Now().In(chinaTime).Year()
	normative := func() (inForce, abolished float64) {
		t.Helper()
		two, _, err := e.srv.tableTwoOf(ctx, e.a.ID, year)
		if err != nil {
			t.Fatal(err)
		}
		return two["行政规范性文件"]["现行有效件数"].Num, two["行政规范性文件"]["本年废止件数"].Num
	}
	repl := e.documentIn(e.a.ID, disclosure.StatePublished) // a 规范性文件 too
	inForce, abolished := normative()
	today := time.Now().In(chinaTime).Format("2006-01-02")
	mustStatus(t, e.serve(request("POST", docURL+"/validity", url.Values{"status": {"abolished"}, "effective": {today},
		"replaced_by": {idStr(repl)}}, reviewer)), http.StatusSeeOther, "abolish")
	w = e.serve(request("GET", page, nil, nil))
	if !strings.Contains(w.Body.String(), "已废止") || !strings.Contains(w.Body.String(), "/b/chengguan/d/"+idStr(repl)) {
		t.Errorf("abolition not shown on the portal page")
	}
	if f, a := normative(); inForce < 1 || f != inForce-1 || a != abolished+1 {
		t.Errorf("table 二 规范性文件 in force/abolished: %v/%v before, %v/%v after the abolition", inForce, abolished, f, a)
	}
	mustStatus(t, e.serve(request("POST", docURL+"/withdraw", url.Values{"reason": {"内容有误"}}, reviewer)), http.StatusSeeOther, "withdraw")
	w = e.serve(request("GET", page, nil, nil))
	mustStatus(t, w, http.StatusOK, "withdrawn page")
	if !strings.Contains(w.Body.String(), "内容有误") || strings.Contains(w.Body.String(), "实施细则.pdf") {
		t.Errorf("withdrawn page: reason missing or attachment still listed")
	}
	mustStatus(t, e.serve(request("GET", page+"/files/"+idStr(d.Attachments[0].ID), nil, nil)), http.StatusNotFound, "withdrawn attachment")
	if w := e.serve(request("GET", "/sitemap.xml", nil, nil)); strings.Contains(w.Body.String(), page+"<") {
		t.Error("withdrawn document still in the sitemap")
	}

	// The console list shows it withdrawn; the audit log has every step.
	w = e.serve(request("GET", "/admin/bodies/"+idStr(e.a.ID)+"/documents?state=withdrawn", nil, reviewer))
	mustStatus(t, w, http.StatusOK, "console list")
	if !strings.Contains(w.Body.String(), "关于印发城关镇某办法的通知") {
		t.Error("withdrawn document not in the filtered list")
	}
	// Drafts never reach the portal.
	draft := e.documentIn(e.a.ID, disclosure.StateDraft)
	mustStatus(t, e.serve(request("GET", "/b/chengguan/d/"+idStr(draft), nil, nil)), http.StatusNotFound, "draft on portal")
}

// TestLateFlag: a draft written more than 20 working days ago is
// flagged in the console list.
func TestLateFlag(t *testing.T) {
	e := newTestEnv(t)
	ctx := context.Background()
	col, _ := e.st.ColumnBySlug(ctx, e.a.ID, "statutory")
	old := time.Now().AddDate(0, -3, 0)
	recent := time.Now().AddDate(0, 0, -1)
	for title, w := range map[string]time.Time{"逾期文件": old, "新近文件": recent} {
		if _, err := e.st.CreateDraft(ctx, disclosure.Document{BodyID: e.a.ID, ColumnID: col.ID, Title: title, Written: &w,
			Format: disclosure.FormatHTML}, fixtureActor); err != nil {
			t.Fatal(err)
		}
	}
	editor := e.login(e.users[auth.RoleEditor].Username)
	if w := e.serve(request("GET", "/admin/", nil, editor)); !strings.Contains(w.Body.String(), `href="/admin/bodies/`+idStr(e.a.ID)+`/documents"`) {
		t.Error("console home does not lead the editor to the documents")
	}
	w := e.serve(request("GET", "/admin/bodies/"+idStr(e.a.ID)+"/documents", nil, editor))
	mustStatus(t, w, http.StatusOK, "list")
	if n := strings.Count(w.Body.String(), "超过 20 个工作日"); n != 1 {
		t.Errorf("%d late flags, want 1", n)
	}
	// Body A has no organisation code yet: the list warns before publishing fails.
	if !strings.Contains(w.Body.String(), "未设置机构代码") {
		t.Error("no warning about the missing organisation code")
	}
}

// TestTableTwoForm: counted cells come from documents; entered cells
// are validated by their column kind and saved.
func TestTableTwoForm(t *testing.T) {
	e := newTestEnv(t)
	editor := e.login(e.users[auth.RoleEditor].Username)
	e.documentIn(e.a.ID, disclosure.StatePublished)
	year := time.Now().In(chinaTime).Year()
	base := "/admin/bodies/" + idStr(e.a.ID) + "/table-two"
	w := e.serve(request("GET", base+"?year="+fmt.Sprint(year), nil, editor))
	mustStatus(t, w, http.StatusOK, "table two")
	if !strings.Contains(w.Body.String(), "本年制发件数") || !strings.Contains(w.Body.String(), "由文件记录统计") {
		t.Errorf("table two page: %.500s", w.Body.String())
	}
	cases := []struct {
		cell, value string
		status      int
	}{
		{"c-1-0-0", "12", http.StatusSeeOther},
		{"c-1-0-0", "/", http.StatusSeeOther},
		{"c-1-0-0", "-1", http.StatusUnprocessableEntity},
		{"c-1-0-0", "1.5", http.StatusUnprocessableEntity},
		{"c-3-0-0", "12.35", http.StatusSeeOther}, // fee in 万元
	}
	for _, c := range cases {
		w := e.serve(request("POST", base, url.Values{"year": {fmt.Sprint(year)}, c.cell: {c.value}}, editor))
		if w.Code != c.status {
			t.Errorf("%s=%s: status %d, want %d", c.cell, c.value, w.Code, c.status)
		}
	}
	figs, err := e.st.ReportFigures(context.Background(), e.a.ID, year)
	if err != nil || figs.Cells["行政事业性收费"]["本年收费金额（单位：万元）"].Num != 12.35 {
		t.Errorf("saved figures = %v, %v", figs, err)
	}
}

func (e *testEnv) mustBody(id int64) struct{ Code string } {
	b, err := e.st.Body(context.Background(), id)
	if err != nil {
		e.t.Fatal(err)
	}
	return struct{ Code string }{b.Code}
}

// TestInterpretationLinks: the portal links a policy and its
// interpretation both ways, and the form offers the body's policies.
func TestInterpretationLinks(t *testing.T) {
	e := newTestEnv(t)
	ctx := context.Background()
	editor := e.login(e.users[auth.RoleEditor].Username)
	e.ensureBodyCode(e.a.ID)
	policy := e.documentIn(e.a.ID, disclosure.StateApproved)
	col, _ := e.st.ColumnBySlug(ctx, e.a.ID, "statutory")
	w := e.serve(request("GET", "/admin/bodies/"+idStr(e.a.ID)+"/documents/new", nil, editor))
	if !strings.Contains(w.Body.String(), `<option value="`+idStr(policy)+`"`) {
		t.Error("the new-document form does not offer the policy to interpret")
	}
	w = e.serve(request("POST", "/admin/bodies/"+idStr(e.a.ID)+"/documents", url.Values{"title": {"一图读懂某办法"},
		"column_id": {idStr(col.ID)}, "kind": {"other"}, "format": {"html"}, "source": {"<p>解读</p>"},
		"interprets": {idStr(policy)}}, editor))
	mustStatus(t, w, http.StatusSeeOther, "create interpretation")
	var interp int64
	fmt.Sscanf(w.Header().Get("Location"), "/admin/documents/%d", &interp)
	if err := e.st.SubmitDocument(ctx, interp, fixtureActor); err != nil {
		t.Fatal(err)
	}
	// The jurisdiction's elements are configured by a sysadmin and must
	// all be confirmed when approving an interpretation.
	admin := e.login(e.users[auth.RoleSysAdmin].Username)
	mustStatus(t, e.serve(request("POST", "/admin/settings/interpretation", url.Values{"elements": {"背景依据\n主要内容\n\n主要内容"}}, admin)),
		http.StatusSeeOther, "set elements")
	reviewer := e.login(e.users[auth.RoleReviewer].Username)
	w = e.serve(request("GET", "/admin/documents/"+idStr(interp)+"/review", nil, reviewer))
	if !strings.Contains(w.Body.String(), `value="背景依据"`) || strings.Contains(w.Body.String(), "惠民举措") {
		t.Errorf("review page does not show the configured elements")
	}
	approve := url.Values{"check": checkedAll().Checked, "element": {"背景依据"}}
	mustStatus(t, e.serve(request("POST", "/admin/documents/"+idStr(interp)+"/approve", approve, reviewer)),
		http.StatusUnprocessableEntity, "approve without every element")
	approve["element"] = []string{"背景依据", "主要内容"}
	mustStatus(t, e.serve(request("POST", "/admin/documents/"+idStr(interp)+"/approve", approve, reviewer)),
		http.StatusSeeOther, "approve interpretation")
	w = e.serve(request("POST", "/admin/documents/"+idStr(interp)+"/publish", url.Values{}, reviewer))
	mustStatus(t, w, http.StatusUnprocessableEntity, "interpretation before policy")
	if !strings.Contains(w.Body.String(), "尚未发布") {
		t.Errorf("refusal does not explain: %.300s", w.Body.String())
	}
	mustStatus(t, e.serve(request("POST", "/admin/documents/"+idStr(policy)+"/publish", url.Values{}, reviewer)), http.StatusSeeOther, "publish policy")
	w = e.serve(request("GET", "/b/chengguan/d/"+idStr(policy), nil, nil))
	if !strings.Contains(w.Body.String(), "政策解读") || !strings.Contains(w.Body.String(), "/b/chengguan/d/"+idStr(interp)) {
		t.Error("policy page does not link its interpretation")
	}
	w = e.serve(request("GET", "/b/chengguan/d/"+idStr(interp), nil, nil))
	mustStatus(t, w, http.StatusOK, "interpretation page")
	if !strings.Contains(w.Body.String(), "解读的文件") || !strings.Contains(w.Body.String(), "/b/chengguan/d/"+idStr(policy)) {
		t.Error("interpretation page does not link its policy")
	}
}

// TestAPITableTwo: the API gives table 二 in the annual-report JSON
// contract, counted cells and entered ones alike.
func TestAPITableTwo(t *testing.T) {
	e := newTestEnv(t)
	e.documentIn(e.a.ID, disclosure.StatePublished)
	year := time.Now().In(chinaTime).Year()
	if err := e.st.SetReportFigures(context.Background(), e.a.ID, year, disclosure.Figures{Cells: map[string]map[string]annualreport.Cell{
		"行政处罚": {"本年处理决定数量": {State: annualreport.NotApplicable}}}}, fixtureActor); err != nil {
		t.Fatal(err)
	}
	secret, _ := e.token(e.users[auth.RoleSupervisor])
	r := httptest.NewRequest("GET", fmt.Sprintf("/api/v1/bodies/%d/table-two/%d", e.a.ID, year), nil)
	r.Header.Set("Authorization", "Bearer "+secret)
	w := e.serve(r)
	mustStatus(t, w, http.StatusOK, "api table two")
	rep, err := annualreport.DecodeJSON(w.Body.Bytes())
	if err != nil {
		t.Fatalf("decode: %v\n%s", err, w.Body.String())
	}
	if c := rep.Tables.Two["行政规范性文件"]["本年制发件数"]; c.State != annualreport.Value || c.Num != 1 {
		t.Errorf("制发 = %+v", c)
	}
	if c := rep.Tables.Two["行政处罚"]["本年处理决定数量"]; c.State != annualreport.NotApplicable {
		t.Errorf("行政处罚 = %+v", c)
	}
	if c, ok := rep.Tables.Two["行政许可"]["本年处理决定数量"]; !ok || c.State != annualreport.Blank {
		t.Errorf("行政许可 = %+v, %v; want blank", c, ok)
	}
	r = httptest.NewRequest("GET", fmt.Sprintf("/api/v1/bodies/%d/table-two/2018", e.a.ID), nil)
	r.Header.Set("Authorization", "Bearer "+secret)
	mustStatus(t, e.serve(r), http.StatusNotFound, "year without a format")
}

// TestSearchPage: the portal's 站内搜索 finds published documents of
// the body, highlights the terms, and says so when search is off.
func TestSearchPage(t *testing.T) {
	e := newTestEnv(t)
	if w := e.serve(request("GET", "/b/chengguan/search?q=测试", nil, nil)); !strings.Contains(w.Body.String(), "暂未启用") {
		t.Errorf("search page without an index: %d %.300s", w.Code, w.Body.String())
	}
	ix, err := search.NewIndex(e.st.DB(), search.SQLite, nil, search.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := e.st.UseSearchIndex(context.Background(), ix); err != nil {
		t.Fatal(err)
	}
	srv := newTestServer(t, Options{Store: e.st, Sessions: e.st.Sessions(), Search: ix})
	e.srv, e.h = srv, srv.handler()
	id := e.documentIn(e.a.ID, disclosure.StatePublished)
	e.documentIn(e.b.ID, disclosure.StatePublished) // another body's: not listed
	e.documentIn(e.a.ID, disclosure.StateDraft)     // a draft: not listed
	w := e.serve(request("GET", "/b/chengguan/search?q=测试文件", nil, nil))
	mustStatus(t, w, http.StatusOK, "search")
	body := w.Body.String()
	if !strings.Contains(body, `href="/b/chengguan/d/`+idStr(id)+`"`) || !strings.Contains(body, "<mark>") || !strings.Contains(body, "共找到 1 条结果") {
		t.Errorf("search results: %.2000s", body)
	}
	w = e.serve(request("GET", "/b/chengguan/search?q="+strings.Repeat("长", 300), nil, nil))
	if w.Code != http.StatusBadRequest || !strings.Contains(w.Body.String(), "检索词过长") {
		t.Errorf("over-long query: %d", w.Code)
	}
}
