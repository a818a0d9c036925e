package web

import (
	"bytes"
	"context"
	"encoding/csv"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/parsejail"
)

// reportCheckMatrixForm: a post without files redirects back to the form
// with a notice, enough to show who may reach it.
func reportCheckMatrixForm(pattern string) (url.Values, bool) {
	if pattern == "POST /admin/reports/check" {
		return url.Values{}, true
	}
	return nil, false
}

type uploadFile struct {
	name string
	data []byte
}

// reportFile reads a report of the annualreport package's test data.
func reportFile(t *testing.T, rel string) uploadFile {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "annualreport", "testdata", rel))
	if err != nil {
		t.Fatal(err)
	}
	return uploadFile{name: filepath.Base(rel), data: data}
}

// reportCheckUpload posts files under "files", as the browser sends the
// form's multiple file input, with the form's other fields.
func reportCheckUpload(t *testing.T, fields url.Values, files []uploadFile, cookies []*http.Cookie) *http.Request {
	t.Helper()
	parts := make([]formFile, len(files))
	for i, f := range files {
		parts[i] = formFile{"files", f.name, f.data}
	}
	return multipartPost(t, "/admin/reports/check", fields, parts, cookies)
}

// reportCheckBatch is the batch of the tests: a clean report and the
// same body's report of the year before (a copy with the year changed,
// so the carry-over rules run and find the stock figure that no longer
// adds up), the seed report with its known defects, an HTML and a DOCX
// report, a garbage file and a scanned PDF.
func reportCheckBatch(t *testing.T) []uploadFile {
	clean := reportFile(t, "fixtures/example-2023-clean.txt")
	previous := uploadFile{name: "example-2022.txt", data: bytes.ReplaceAll(clean.data, []byte("2023"), []byte("2022"))}
	return []uploadFile{
		clean,
		reportFile(t, "seed/wucheng-2021-annual-report.txt"),
		reportFile(t, "html/qingshi-2022-borderless.html"),
		reportFile(t, "docx/donghu-2021-word-export.docx"),
		{name: "garbage.bin", data: []byte("\x00\x01\x02\x03 not a report \xff\xfe")},
		reportFile(t, "scanned/image-only.pdf"),
		previous,
	}
}

// readBatch reads each file as the server does, in a parse child.
func readBatch(t *testing.T, uploads []uploadFile) []batchFile {
	t.Helper()
	s := &server{parser: parsejail.New(parsejail.Config{}), log: slog.New(slog.DiscardHandler)}
	var files []batchFile
	for _, u := range uploads {
		f, err := s.readBatchFile(context.Background(), u.name, u.data)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	return files
}

// TestReportCheckBatch checks what each file of the batch comes to.
func TestReportCheckBatch(t *testing.T) {
	files := readBatch(t, reportCheckBatch(t))
	res, err := checkReportBatch(context.Background(), files, 0)
	if err != nil {
		t.Fatal(err)
	}
	if res.Files != 7 || res.WithErrors != 1 || res.Unreadable != 2 || res.Paired != 1 {
		t.Fatalf("summary = %d files, %d with errors, %d unreadable, %d paired; want 7, 1, 2, 1",
			res.Files, res.WithErrors, res.Unreadable, res.Paired)
	}
	want := []struct {
		file, org  string
		year       int
		format     string
		rules      []string
		unreadable string
		previous   string
	}{
		// Errors first, then unreadable, then warnings, then clean.
		{file: "wucheng-2021-annual-report.txt", org: "吴城镇人民政府", year: 2021, format: "2019年试行格式",
			rules: []string{"unknown-label", "format-mismatch", "year-mismatch", "fee-not-reported"}},
		{file: "garbage.bin", unreadable: "无法读取"},
		{file: "image-only.pdf", unreadable: "扫描件，无法读取文字"},
		{file: "example-2023-clean.txt", org: "宛城区人民政府办公室", year: 2023, format: "2021年版格式",
			rules: []string{"stock"}, previous: "example-2022.txt"},
		{file: "qingshi-2022-borderless.html", org: "青石镇人民政府", year: 2022, format: "2021年版格式"},
		{file: "donghu-2021-word-export.docx", org: "东湖区市场监督管理局", year: 2021, format: "2021年版格式"},
		{file: "example-2022.txt", org: "宛城区人民政府办公室", year: 2022, format: "2021年版格式"},
	}
	if len(res.Rows) != len(want) {
		t.Fatalf("%d rows, want %d", len(res.Rows), len(want))
	}
	for i, w := range want {
		row := res.Rows[i]
		if row.File != w.file || row.Org != w.org || row.Year != w.year || row.Format != w.format || row.Previous != w.previous {
			t.Errorf("row %d = %s %s %d %s previous %q; want %s %s %d %s previous %q", i,
				row.File, row.Org, row.Year, row.Format, row.Previous, w.file, w.org, w.year, w.format, w.previous)
		}
		if !strings.Contains(row.Unreadable, w.unreadable) || (w.unreadable == "") != (row.Unreadable == "") {
			t.Errorf("%s: unreadable %q, want %q", row.File, row.Unreadable, w.unreadable)
		}
		var rules []string
		for _, f := range row.Findings {
			rules = append(rules, f.Rule)
			if f.Message == "" || f.Severity != "错误" && f.Severity != "警告" {
				t.Errorf("%s: finding %+v lacks its Chinese wording", row.File, f)
			}
		}
		if strings.Join(rules, " ") != strings.Join(w.rules, " ") {
			t.Errorf("%s: rules %v, want %v", row.File, rules, w.rules)
		}
	}
}

// TestReportCheckYear: with a year given, a report of another year is an
// error, except last year's report uploaded to pair with this year's.
func TestReportCheckYear(t *testing.T) {
	files := readBatch(t, reportCheckBatch(t))
	res, err := checkReportBatch(context.Background(), files, 2023)
	if err != nil {
		t.Fatal(err)
	}
	flagged := map[string]bool{}
	for _, row := range res.Rows {
		for _, f := range row.Findings {
			if f.Rule == ruleExpectedYear {
				flagged[row.File] = true
			}
		}
		if row.File == "example-2022.txt" && !row.Reference {
			t.Error("the paired 2022 report is not marked as last year's reference")
		}
	}
	for _, f := range []string{"wucheng-2021-annual-report.txt", "qingshi-2022-borderless.html", "donghu-2021-word-export.docx"} {
		if !flagged[f] {
			t.Errorf("%s: another year, not flagged", f)
		}
	}
	for _, f := range []string{"example-2023-clean.txt", "example-2022.txt"} {
		if flagged[f] {
			t.Errorf("%s: flagged for its year", f)
		}
	}
	if res.WithErrors != 3 {
		t.Errorf("with errors = %d, want 3 (the seed, the HTML and the DOCX reports)", res.WithErrors)
	}
}

// TestReportCheckPage drives the console page as a supervisor: the
// form, the results table, the CSV download, and the refusals.
func TestReportCheckPage(t *testing.T) {
	e := newTestEnv(t)
	sup := e.login(e.users[auth.RoleSupervisor].Username)

	w := e.serve(request("GET", "/admin/reports/check", nil, sup))
	mustStatus(t, w, http.StatusOK, "form")
	for _, s := range []string{`name="files"`, "multiple", `accept=".txt,.html,.htm,.docx,.xlsx,.pdf"`, `name="year"`, `value="csv"`} {
		if !strings.Contains(w.Body.String(), s) {
			t.Errorf("form lacks %s", s)
		}
	}
	home := e.serve(request("GET", "/admin/", nil, sup))
	if !strings.Contains(home.Body.String(), `href="/admin/reports/check"`) {
		t.Error("the console does not link the report check")
	}

	batch := reportCheckBatch(t)
	w = e.serve(reportCheckUpload(t, url.Values{"output": {"html"}}, batch, sup))
	mustStatus(t, w, http.StatusOK, "check")
	page := w.Body.String()
	for _, s := range []string{
		"7 份报告，1 份有错误，2 份未能读取",
		"year-mismatch", "format-mismatch", "unknown-label", "fee-not-reported",
		"扫描件，无法读取文字", "未能读取", "<details",
		"1 份报告与同一单位上一年度的报告配对",
		"已与上年报告“example-2022.txt”核对上年结转和现行有效件数",
		"吴城镇人民政府", "2019年试行格式", "青石镇人民政府", "东湖区市场监督管理局",
	} {
		if !strings.Contains(page, s) {
			t.Errorf("results page lacks %q", s)
		}
	}
	if i, j := strings.Index(page, "wucheng-2021-annual-report.txt"), strings.Index(page, "qingshi-2022-borderless.html"); i < 0 || j < 0 || i > j {
		t.Error("the report with errors is not listed before the clean ones")
	}

	w = e.serve(reportCheckUpload(t, url.Values{"output": {"csv"}}, batch, sup))
	mustStatus(t, w, http.StatusOK, "csv")
	if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/csv") {
		t.Fatalf("Content-Type %q", ct)
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(w.Body.String(), "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(recs[0], ",") != strings.Join(reportCheckCSVHeader, ",") {
		t.Errorf("header %v", recs[0])
	}
	// A row per finding: 4 of the seed report, 1 of the paired report;
	// one row for each of the 2 unreadable and the 3 clean files.
	if got := len(recs) - 1; got != 4+1+2+3 {
		t.Errorf("%d rows, want 10:\n%v", got, recs)
	}
	seedRules := map[string]bool{}
	for _, rec := range recs[1:] {
		if rec[0] == "wucheng-2021-annual-report.txt" {
			seedRules[rec[5]] = true
		}
	}
	for _, r := range []string{"year-mismatch", "format-mismatch", "unknown-label", "fee-not-reported"} {
		if !seedRules[r] {
			t.Errorf("CSV lacks the seed report's %s", r)
		}
	}

	var many []uploadFile
	for i := range reportCheckMaxFiles + 1 {
		many = append(many, uploadFile{name: "r" + strconv.Itoa(i) + ".txt", data: []byte("x")})
	}
	w = e.serve(reportCheckUpload(t, nil, many, sup))
	mustStatus(t, w, http.StatusRequestEntityTooLarge, "too many files")
	if !strings.Contains(w.Body.String(), "一次最多检查 100 份报告，本次选择了 101 个文件") {
		t.Errorf("too many files: no Chinese message\n%.600s", w.Body.String())
	}

	big := uploadFile{name: "big.pdf", data: bytes.Repeat([]byte("a"), reportCheckMaxFile+1)}
	w = e.serve(reportCheckUpload(t, nil, []uploadFile{big, batch[0]}, sup))
	mustStatus(t, w, http.StatusOK, "oversized file")
	if !strings.Contains(w.Body.String(), "文件超过 20 MB") || !strings.Contains(w.Body.String(), "2 份报告，0 份有错误，1 份未能读取") {
		t.Errorf("oversized file is not a row of its own\n%.2000s", w.Body.String())
	}

	w = e.serve(reportCheckUpload(t, url.Values{"year": {"1999"}}, batch[:1], sup))
	mustStatus(t, w, http.StatusUnprocessableEntity, "bad year")

	w = e.serve(reportCheckUpload(t, nil, nil, sup))
	mustStatus(t, w, http.StatusSeeOther, "no files")
}
