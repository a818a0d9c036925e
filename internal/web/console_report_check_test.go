package web

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

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
		reportFile(t, "../../demo/wucheng-2021-annual-report.txt"), // the seed, as the demo embeds it
		reportFile(t, "html/qingshi-2022-borderless.html"),
		reportFile(t, "docx/donghu-2021-word-export.docx"),
		{name: "garbage.bin", data: []byte("\x00\x01\x02\x03 not a report \xff\xfe")},
		reportFile(t, "scanned/image-only.pdf"),
		previous,
	}
}

// TestReportCheckBatch checks what each file of the batch comes to.
func TestReportCheckBatch(t *testing.T) {
	var files []batchFile
	for _, u := range reportCheckBatch(t) {
		files = append(files, readTestBatchFile(t, u.name, u.data))
	}
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
	var files []batchFile
	for _, u := range reportCheckBatch(t) {
		files = append(files, readTestBatchFile(t, u.name, u.data))
	}
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

// readTestBatchFile reads a file as the batch worker does, in a parse
// child with the default budget.
func readTestBatchFile(t *testing.T, name string, data []byte) batchFile {
	t.Helper()
	f, err := readBatchFile(context.Background(), parsejail.New(parsejail.Config{}), slog.Default(), name, data)
	if err != nil {
		t.Fatalf("read %s: %v", name, err)
	}
	return f
}
