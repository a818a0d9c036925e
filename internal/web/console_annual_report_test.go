package web

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/annualreport"
	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/store"
)

// annualReportMatrixForm is the authorization matrix's form for the
// annual report routes that post.
func annualReportMatrixForm(pattern string) (url.Values, bool) {
	switch pattern {
	case "POST /admin/bodies/{id}/annual-report":
		return url.Values{"year": {"2025"}, "section-1": {"本年度，本单位认真贯彻落实政府信息公开条例。"}}, true
	}
	return nil, false
}

// TestAnnualReportScenario: a handler records a request and answers it;
// the editor writes sections 一, 五 and 六; the page shows the report
// with that answer counted, no arithmetic findings and the deadline; the
// downloads read back with the same tables. On both databases (the
// way to publication: report_workflow_test.go).
func TestAnnualReportScenario(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, st *store.Store) { testAnnualReportScenario(t, newDocEnvOn(t, st)) })
}

func testAnnualReportScenario(t *testing.T, e *testEnv) {
	ctx := context.Background()
	clk := &testClock{}
	e.srv.now = clk.now
	e.ensureBodyCode(e.a.ID)
	handler := e.login(e.users[auth.RoleHandler].Username)
	editor := e.login(e.users[auth.RoleEditor].Username)
	supervisor := e.login(e.users[auth.RoleSupervisor].Username)
	bid := idStr(e.a.ID)

	// A request received and answered 予以公开 in 2026.
	clk.set("2026-03-02")
	w := e.serve(request("POST", "/admin/bodies/"+bid+"/requests", url.Values{"channel": {"in-person"}, "fact_date": {"2026-03-02"},
		"applicant_type": {"自然人"}, "name": {"李四"}, "id_type": {idResident}, "id_number": {testResidentID},
		"phone": {"13800000000"}, "sought": {"2025 年预算"}, "delivery": {"自行领取"}}, handler))
	mustStatus(t, w, http.StatusOK, "register request")
	reqs, err := e.st.RequestsForBody(ctx, e.a.ID, store.RequestFilter{})
	if err != nil || len(reqs) != 1 {
		t.Fatalf("requests %v, %v", reqs, err)
	}
	reqID := reqs[0].ID
	clk.set("2026-03-09")
	w = e.serve(request("POST", "/admin/requests/"+idStr(reqID)+"/events", url.Values{"kind": {"answered"},
		"date": {"2026-03-09"}, "outcome": {"三.一"}, "reasons": {"所申请的预算已公开，见附件。"}, "doc_no": {"城政信告〔2026〕1号"}}, handler))
	if w.Code != http.StatusSeeOther {
		t.Fatalf("answer: %d\n%s", w.Code, snippet(w.Body.String(), "alert"))
	}

	// January 2027: the 2026 report is due by 31 January.
	clk.set("2027-01-10")
	page := "/admin/bodies/" + bid + "/annual-report?year=2026"
	sections := url.Values{"year": {"2026"},
		"section-1": {"2026年，城关镇人民政府认真贯彻落实《中华人民共和国政府信息公开条例》，\r\n主动公开政府信息，依法办理政府信息公开申请。"},
		"section-5": {"存在的主要问题是公开内容的解读不够充分，下一步将加强政策解读和培训。"},
		"section-6": {"本年度未收取信息处理费。"}}
	mustStatus(t, e.serve(request("POST", "/admin/bodies/"+bid+"/annual-report", sections, editor)), http.StatusSeeOther, "save sections")
	stored, err := e.st.ReportSections(ctx, e.a.ID, 2026)
	if err != nil || len(stored) != 3 || !strings.Contains(stored["一"], "条例》，\n主动公开") {
		t.Fatalf("stored sections %q, %v", stored, err)
	}

	w = e.serve(request("GET", page, nil, editor))
	mustStatus(t, w, http.StatusOK, "report page")
	body := html.UnescapeString(w.Body.String())
	for _, want := range []string{"城关镇人民政府2026年政府信息公开工作年度报告", "已保存", "<textarea", "存在的主要问题是公开内容",
		"一、总体情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项", "2027年1月31日", "距公布期限还有 21 天",
		`<table class="three">`, `<table class="four">`, "report.docx", "/annual-report/2026/submit", "/table-two?year=2026"} {
		if !strings.Contains(body, want) {
			t.Errorf("report page lacks %q", want)
		}
	}
	for _, rule := range []string{annualreport.RuleBalance, annualreport.RuleRowTotal, annualreport.RuleOutcomeTotal,
		annualreport.RuleReviewTotal, annualreport.RuleEmptySection, annualreport.RuleMissingSection, annualreport.RuleLate} {
		if strings.Contains(body, "<code>"+rule+"</code>") {
			t.Errorf("report page shows a %s finding\n%s", rule, snippet(body, "<code>"+rule))
		}
	}

	// A reader sees the text, not the form; a refused save keeps what was typed.
	w = e.serve(request("GET", page, nil, supervisor))
	mustStatus(t, w, http.StatusOK, "supervisor page")
	if b := w.Body.String(); strings.Contains(b, "<textarea") || !strings.Contains(b, "<p>存在的主要问题是公开内容") {
		t.Errorf("read-only page:\n%s", snippet(b, "五、"))
	}
	mustStatus(t, e.serve(request("POST", "/admin/bodies/"+bid+"/annual-report", sections, supervisor)), http.StatusForbidden, "supervisor save")
	long := url.Values{"year": {"2026"}, "section-1": {strings.Repeat("长", maxSectionRunes+1)}, "section-6": {"保留这段文字"}}
	w = e.serve(request("POST", "/admin/bodies/"+bid+"/annual-report", long, editor))
	mustStatus(t, w, http.StatusUnprocessableEntity, "too long")
	if b := w.Body.String(); !strings.Contains(b, "过长") || !strings.Contains(b, "保留这段文字") {
		t.Errorf("refused save does not explain or keep the text")
	}
	if again, _ := e.st.ReportSections(ctx, e.a.ID, 2026); again["六"] != "本年度未收取信息处理费。" {
		t.Errorf("a refused save changed the text: %q", again)
	}

	// The downloads: JSON as the contract, the Word file read back by
	// the package's own reader with the same tables.
	file := func(ext string) []byte {
		t.Helper()
		w := e.serve(request("GET", "/admin/bodies/"+bid+"/annual-report/2026/report."+ext, nil, supervisor))
		mustStatus(t, w, http.StatusOK, "download "+ext)
		name := "城关镇人民政府2026年政府信息公开工作年度报告." + ext
		if cd := w.Header().Get("Content-Disposition"); !strings.Contains(cd, "attachment") || !strings.Contains(cd, "UTF-8''"+url.PathEscape(name)) &&
			!strings.Contains(cd, "utf-8''"+url.PathEscape(name)) {
			t.Errorf("%s Content-Disposition %q", ext, cd)
		}
		return w.Body.Bytes()
	}
	want, err := annualreport.DecodeJSON(file("json"))
	if err != nil {
		t.Fatal(err)
	}
	if c := want.Tables.Three["三.一"]["自然人"]; c.State != annualreport.Value || c.Num != 1 {
		t.Errorf("table 三 三.一/自然人 = %+v, want the answer counted", c)
	}
	if c := want.Tables.Three["一"]["自然人"]; c.Num != 1 {
		t.Errorf("table 三 一/自然人 = %+v, want 1", c)
	}
	for _, f := range annualreport.Lint(want, nil, annualreport.Options{}) {
		switch f.Rule {
		case annualreport.RuleBalance, annualreport.RuleRowTotal, annualreport.RuleOutcomeTotal, annualreport.RuleReviewTotal:
			t.Errorf("arithmetic finding %+v", f)
		}
	}
	got, err := annualreport.Read("report.docx", file("docx"))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Tables, want.Tables) {
		t.Errorf("tables read back from the .docx differ:\n got %v\nwant %v", got.Tables, want.Tables)
	}
	if got.Year != 2026 || !strings.Contains(got.Sections["五"], "存在的主要问题是公开内容") {
		t.Errorf(".docx year %d, section 五 %q", got.Year, got.Sections["五"])
	}
	if x := file("xlsx"); len(x) < 4 || string(x[:2]) != "PK" {
		t.Errorf(".xlsx is not a zip file")
	}
	if txt := string(file("txt")); !strings.Contains(txt, "一、总体情况") || !strings.Contains(txt, "本年度未收取信息处理费") {
		t.Errorf(".txt:\n%.600s", txt)
	}

	// Not yet published after 31 January: the late rule speaks.
	clk.set("2027-02-03")
	if b := html.UnescapeString(e.serve(request("GET", page, nil, editor)).Body.String()); !strings.Contains(b, "规则 late") ||
		!strings.Contains(b, "今天发布也将逾期") {
		t.Errorf("no late warning after the deadline:\n%s", snippet(b, "公布期限"))
	}
	clk.set("2027-01-10")
}
