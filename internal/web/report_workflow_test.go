package web

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/gongkai/gongkai/internal/annualreport"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/disclosure"
	"github.com/gongkai/gongkai/internal/parsejail"
	"github.com/gongkai/gongkai/internal/reportflow"
	"github.com/gongkai/gongkai/internal/store"
)

// TestReportWorkflowScenario walks a township's 2026 report from the
// prefilled draft to publication and a correction, on
// both databases: the editor sees the drafts from the records, saves,
// submits; the county's 监督 sees the blank 行政强制 cell, cannot approve
// without an override, returns it with a comment on that cell; the
// township's own 单位管理员 cannot approve it; the figure is filled in,
// the report resubmitted and approved; the township's 信息审核 publishes
// it with the sha256 of its JSON, which the portal shows and the
// download matches; a correction is version 2 with a public change
// note, both versions downloadable. The county's overview lists every
// body, one of them registered off the platform with an uploaded report,
// and exports .xlsx; the county's deadline for its townships is used.
func TestReportWorkflowScenario(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, st *store.Store) { testReportWorkflowScenario(t, newDocEnvOn(t, st)) })
}

func testReportWorkflowScenario(t *testing.T, e *testEnv) {
	ctx := context.Background()
	clk := &testClock{}
	e.srv.now = clk.now
	e.ensureBodyCode(e.a.ID)
	county := e.createUser("county-sup", auth.Grant{Role: auth.RoleSupervisor, BodyID: e.root.ID, Subtree: true})
	editor := e.login(e.users[auth.RoleEditor].Username)
	reviewer := e.login(e.users[auth.RoleReviewer].Username)
	townAdmin := e.login(e.users[auth.RoleBodyAdmin].Username)
	sup := e.login(county.Username)
	bid := idStr(e.a.ID)
	base := "/admin/bodies/" + bid + "/annual-report/2026"
	page := "/admin/bodies/" + bid + "/annual-report?year=2026"
	get := func(path string, who []*http.Cookie) string {
		t.Helper()
		w := e.serve(request("GET", path, nil, who))
		mustStatus(t, w, http.StatusOK, "GET "+path)
		return html.UnescapeString(w.Body.String())
	}

	// A document published in 2026 and table 二 with 行政强制 left blank.
	pub := time.Date(2026, 5, 6, 10, 0, 0, 0, chinaTime)
	e.publish(e.a, "statutory", "城关镇2026年重点工作安排", &pub)
	decisions := "本年处理决定数量"
	n := func(v float64) annualreport.Cell { return annualreport.Cell{State: annualreport.Value, Num: v} }
	figures := disclosure.Figures{Cells: map[string]map[string]annualreport.Cell{
		"行政许可": {decisions: n(3)}, "行政处罚": {decisions: n(1)}, "行政事业性收费": {"本年收费金额（单位：万元）": n(0)}}}
	if err := e.st.SetReportFigures(ctx, e.a.ID, 2026, figures, store.Actor{}); err != nil {
		t.Fatal(err)
	}

	// The workspace prefills the empty sections from the records.
	clk.set("2027-01-05")
	b := get(page, editor)
	for _, want := range []string{"全年主动公开政府信息1条", "“法定主动公开内容”1条", "本年新收政府信息公开申请0件",
		"（一）上年度存在问题的改进情况", "本年度未收取信息处理费。", reportflow.Placeholder, "以下是根据本年度记录生成的草稿"} {
		if !strings.Contains(b, want) {
			t.Errorf("workspace lacks the prefill %q", want)
		}
	}
	// Saved text is never overwritten: the draft is offered beside it.
	sections := url.Values{"year": {"2026"},
		"section-1": {"2026年，城关镇人民政府认真贯彻落实《中华人民共和国政府信息公开条例》，全年主动公开政府信息1条。"},
		"section-5": {"存在的主要问题是栏目更新不够及时，已明确专人负责。"},
		"section-6": {"本年度未收取信息处理费。"}}
	mustStatus(t, e.serve(request("POST", "/admin/bodies/"+bid+"/annual-report", sections, editor)), http.StatusSeeOther, "save")
	b = get(page, editor)
	if !strings.Contains(b, "存在的主要问题是栏目更新不够及时") || !strings.Contains(b, "不会覆盖已填写的内容") {
		t.Errorf("saved text not kept beside the suggestion:\n%s", snippet(b, "五、"))
	}
	if !strings.Contains(b, "表二“行政强制”的“本年处理决定数量”未填写") {
		t.Errorf("workspace does not name the blank cell:\n%s", snippet(b, "检查结果"))
	}

	// Submitted: the text is locked.
	mustStatus(t, e.serve(request("POST", base+"/submit", url.Values{}, editor)), http.StatusSeeOther, "submit")
	mustStatus(t, e.serve(request("POST", "/admin/bodies/"+bid+"/annual-report", sections, editor)), http.StatusConflict, "save while submitted")

	// The county reviews: blockers shown, no approval without override;
	// the township's own administrator cannot approve its own report.
	b = get(base+"/review", sup)
	if !strings.Contains(b, "须处理") || !strings.Contains(b, "行政强制") || !strings.Contains(b, "确认报告存在上述") {
		t.Errorf("review page lacks the blockers:\n%s", snippet(b, "检查结果"))
	}
	w := e.serve(request("POST", base+"/approve", url.Values{}, sup))
	mustStatus(t, w, http.StatusUnprocessableEntity, "approve without override")
	if !strings.Contains(w.Body.String(), "确认仍予通过") {
		t.Errorf("refused approval does not say why")
	}
	mustStatus(t, e.serve(request("POST", base+"/approve", url.Values{"override": {"1"}, "override_reason": {"x"}}, townAdmin)),
		http.StatusForbidden, "township admin approves its own report")
	mustStatus(t, e.serve(request("POST", base+"/return", url.Values{"note": {"请补充表二。"},
		"c0-where": {"row:二|行政强制"}, "c0-col": {"二|" + decisions}, "c0-text": {"行政强制没有填写，没有的请填0。"},
		"c1-where": {"row:二|行政强制"}, "c1-col": {"三|自然人"}, "c1-text": {"错配的列"}}, sup)),
		http.StatusUnprocessableEntity, "return with a column of another table")
	mustStatus(t, e.serve(request("POST", base+"/return", url.Values{"note": {"请补充表二。"},
		"c0-where": {"row:二|行政强制"}, "c0-col": {"二|" + decisions}, "c0-text": {"行政强制没有填写，没有的请填0。"}}, sup)),
		http.StatusSeeOther, "return")
	b = get(page, editor)
	if !strings.Contains(b, "表二 / 行政强制 / 本年处理决定数量：行政强制没有填写") || !strings.Contains(b, "已退回修改") {
		t.Errorf("editor does not see the cell comment:\n%s", snippet(b, "审核意见"))
	}

	// Fixed and resubmitted; approved without override; published.
	figures.Cells["行政强制"] = map[string]annualreport.Cell{decisions: n(0)}
	if err := e.st.SetReportFigures(ctx, e.a.ID, 2026, figures, store.Actor{}); err != nil {
		t.Fatal(err)
	}
	mustStatus(t, e.serve(request("POST", base+"/submit", url.Values{}, editor)), http.StatusSeeOther, "resubmit")
	mustStatus(t, e.serve(request("POST", base+"/publish", url.Values{}, reviewer)), http.StatusConflict, "publish before approval")
	mustStatus(t, e.serve(request("POST", base+"/approve", url.Values{"note": {"同意发布。"}}, sup)), http.StatusSeeOther, "approve")
	clk.set("2027-01-20")
	mustStatus(t, e.serve(request("POST", base+"/publish", url.Values{}, reviewer)), http.StatusSeeOther, "publish")
	rec, err := e.st.AnnualReport(ctx, e.a.ID, 2026)
	if err != nil || rec.State != reportflow.Published || len(rec.Versions) != 1 {
		t.Fatalf("after publication %+v, %v", rec, err)
	}
	v1 := rec.Versions[0]
	sum := sha256.Sum256(v1.Canonical)
	if hex.EncodeToString(sum[:]) != v1.SHA256 || !bytes.Contains(v1.Canonical, []byte(`"published": "2027-01-20"`)) {
		t.Errorf("version 1 sha256 %s of\n%.300s", v1.SHA256, v1.Canonical)
	}
	entries, err := e.st.Audit(ctx, audit.Filter{BodyIDs: []int64{e.a.ID}, Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	actions := map[string]int{}
	for _, en := range entries {
		actions[en.Action]++
	}
	for _, a := range []string{"report.submit", "report.return", "report.approve", "report.publish"} {
		if actions[a] == 0 {
			t.Errorf("audit log lacks %s: %v", a, actions)
		}
	}

	// The portal shows the report in the official layout with its sha256;
	// the JSON downloaded hashes to it.
	doc := "/b/" + e.a.Slug + "/d/" + idStr(v1.DocumentID)
	code, pb := getPublic(e, doc)
	if code != http.StatusOK || !strings.Contains(pb, v1.SHA256) || !strings.Contains(pb, "<caption>") {
		t.Fatalf("portal report %d:\n%s", code, snippet(pb, "版本与校验"))
	}
	w = e.serve(request("GET", doc+"/versions/1/report.json", nil, nil))
	mustStatus(t, w, http.StatusOK, "public JSON")
	if got := sha256.Sum256(w.Body.Bytes()); hex.EncodeToString(got[:]) != v1.SHA256 {
		t.Errorf("downloaded JSON does not hash to the page's sha256")
	}

	// A correction: version 2 with a change note; both stay downloadable.
	mustStatus(t, e.serve(request("POST", base+"/correct", url.Values{}, editor)), http.StatusSeeOther, "correct")
	sections.Set("section-6", "本年度未收取信息处理费。本年度办理人大代表建议3件。")
	mustStatus(t, e.serve(request("POST", "/admin/bodies/"+bid+"/annual-report", sections, editor)), http.StatusSeeOther, "save correction")
	mustStatus(t, e.serve(request("POST", base+"/submit", url.Values{}, editor)), http.StatusUnprocessableEntity, "correction without note")
	mustStatus(t, e.serve(request("POST", base+"/submit", url.Values{"change_note": {"补充人大代表建议办理情况。"}}, editor)), http.StatusSeeOther, "submit correction")
	mustStatus(t, e.serve(request("POST", base+"/approve", url.Values{}, sup)), http.StatusSeeOther, "approve correction")
	clk.set("2027-02-03")
	mustStatus(t, e.serve(request("POST", base+"/publish", url.Values{}, reviewer)), http.StatusSeeOther, "publish correction")
	rec, _ = e.st.AnnualReport(ctx, e.a.ID, 2026)
	if len(rec.Versions) != 2 || rec.Versions[1].ChangeNote != "补充人大代表建议办理情况。" || rec.Versions[1].DocumentID != v1.DocumentID ||
		rec.Versions[0].SHA256 != v1.SHA256 || rec.Versions[1].SHA256 == v1.SHA256 {
		t.Fatalf("versions after the correction: %+v", rec.Versions)
	}
	_, pb = getPublic(e, doc)
	for _, want := range []string{"第 2 版", "（现行）", "补充人大代表建议办理情况。", rec.Versions[1].SHA256, v1.SHA256, "本年度办理人大代表建议3件"} {
		if !strings.Contains(pb, want) {
			t.Errorf("portal after correction lacks %q", want)
		}
	}
	code, pb = getPublic(e, doc+"/versions/1")
	if code != http.StatusOK || !strings.Contains(pb, "已被更正版本取代") || strings.Contains(pb, "人大代表建议3件") {
		t.Errorf("version 1 page %d:\n%s", code, snippet(pb, "第 1 版"))
	}

	// Off the platform: registered by the county, its report uploaded.
	rootID := idStr(e.root.ID)
	mustStatus(t, e.serve(request("POST", "/admin/bodies/"+rootID+"/off-platform-bodies", url.Values{"name": {"东岭镇人民政府"},
		"kind": {"township"}, "parent_id": {rootID}, "year": {"2026"}}, sup)), http.StatusSeeOther, "register off-platform body")
	all, err := e.st.Bodies(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var off int64
	for _, x := range all {
		if x.Name == "东岭镇人民政府" {
			off = x.ID
		}
	}
	var docx bytes.Buffer
	uploaded := &annualreport.Report{Org: "东岭镇人民政府", Year: 2026, Title: "东岭镇人民政府2026年政府信息公开工作年度报告",
		Format: "2021", Sections: map[string]string{"一": "总体情况。", "五": "问题。", "六": "未收取信息处理费。"}}
	if err := annualreport.RenderDOCX(&docx, uploaded); err != nil {
		t.Fatal(err)
	}
	up := "/admin/bodies/" + idStr(off) + "/annual-report/2026/upload"
	// A file whose parse runs past its budget is refused with the reason.
	jail := e.srv.parser
	e.srv.parser = parsejail.New(parsejail.Config{Budget: parsejail.Budget{Wall: time.Millisecond}})
	w = e.serve(multipartPost(t, up, url.Values{"published": {"2027-01-18"}},
		[]formFile{{"file", "东岭镇年报.docx", docx.Bytes()}}, sup))
	mustStatus(t, w, http.StatusUnprocessableEntity, "upload over its parse budget")
	if !strings.Contains(w.Body.String(), "无法读取该文件："+parsejail.Message) {
		t.Errorf("over-budget upload: no reason shown\n%s", snippet(w.Body.String(), "无法读取"))
	}
	e.srv.parser = jail
	w = e.serve(multipartPost(t, up, url.Values{"published": {"2027-01-18"}},
		[]formFile{{"file", "东岭镇年报.docx", docx.Bytes()}}, sup))
	mustStatus(t, w, http.StatusSeeOther, "upload")
	mustStatus(t, e.serve(multipartPost(t, "/admin/bodies/"+bid+"/annual-report/2026/upload", url.Values{"published": {"2027-01-18"}},
		[]formFile{{"file", "x.docx", docx.Bytes()}}, sup)), http.StatusUnprocessableEntity, "upload for an on-platform body")

	// The county sets its townships' deadline; the overview lists every
	// body with its status and the .xlsx holds the same rows.
	mustStatus(t, e.serve(request("POST", "/admin/bodies/"+rootID+"/report-deadline", url.Values{"month": {"1"}, "day": {"15"}}, sup)),
		http.StatusSeeOther, "deadline")
	b = get("/admin/bodies/"+rootID+"/annual-reports?year=2026", sup)
	for _, want := range []string{e.root.Name, e.a.Name, e.b.Name, "东岭镇人民政府", "在其他网站发布", "江北县人民政府规定：次年1月15日前公布",
		"已发布（逾期）", "未开始（逾期）", "2027-01-18"} {
		if !strings.Contains(b, want) {
			t.Errorf("overview lacks %q", want)
		}
	}
	if strings.Count(b, `<tr class="is-late">`)+strings.Count(b, "<tr>") < 4 {
		t.Errorf("overview rows:\n%s", snippet(b, "<tbody>"))
	}
	b = get("/admin/bodies/"+rootID+"/annual-reports?year=2026&status=published", sup)
	if strings.Contains(b, e.b.Name+"</a>") || !strings.Contains(b, "东岭镇人民政府") {
		t.Errorf("status filter keeps the wrong rows")
	}
	w = e.serve(request("GET", "/admin/bodies/"+rootID+"/annual-reports.xlsx?year=2026", nil, sup))
	mustStatus(t, w, http.StatusOK, "xlsx")
	xf, err := excelize.OpenReader(bytes.NewReader(w.Body.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := xf.GetRows(xf.GetSheetList()[0])
	if err != nil || len(rows) != 2+4 {
		t.Fatalf("xlsx rows %d (%v): %v", len(rows), err, rows)
	}
	if got := strings.Join(rows[3], "|"); !regexp.MustCompile(`^城关镇人民政府\|乡镇（街道）\|江北县人民政府\|已发布\|是\|2027-01-15`).MatchString(got) {
		t.Errorf("xlsx row of the township: %s", got)
	}
	mustStatus(t, e.serve(request("GET", "/admin/bodies/"+rootID+"/annual-reports?year=2026", nil, editor)), http.StatusForbidden, "editor overview")
}

// getPublic fetches a portal page anonymously, unescaped.
func getPublic(e *testEnv, path string) (int, string) {
	w := e.serve(request("GET", path, nil, nil))
	return w.Code, html.UnescapeString(w.Body.String())
}
