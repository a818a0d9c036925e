package annualreport

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
)

// readerFor picks this package's reader for a test file by its extension.
func readerFor(t testing.TB, path string) func([]byte) (Document, error) {
	t.Helper()
	switch filepath.Ext(path) {
	case ".html":
		return readHTML
	case ".docx":
		return readDOCX
	case ".xlsx":
		return readXLSX
	case ".pdf":
		return readPDF
	}
	t.Fatalf("no reader for %s", path)
	return nil
}

func interpretFile(t testing.TB, path string) *Report {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := readerFor(t, path)(data)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	r, err := Interpret(doc)
	if err != nil {
		t.Fatalf("%s: interpret: %v", path, err)
	}
	return r
}

// rdNum, rdNA and rdBlank build expected cells.
func rdNum(v float64) Cell { return Cell{State: Value, Num: v} }

var (
	rdNA    = Cell{State: NotApplicable}
	rdBlank = Cell{State: Blank}
)

// TestReadHTMLPages checks what real-looking pages read to: the page
// chrome left out, the charset decoded, the date found, and cells in
// their three states.
func TestReadHTMLPages(t *testing.T) {
	type cellWant struct {
		table, row, col string
		want            Cell
	}
	tests := []struct {
		file            string
		org             string
		year            int
		format          string
		published       string
		firstBlock      string
		cells           []cellWant
		unitKey, unit   string
		notInText       []string // page chrome that must not be read as report text
		sectionContains map[string]string
	}{
		{
			file: "example-2023-clean.html", org: "宛城区人民政府办公室", year: 2023, format: "2021", published: "2024-01-26",
			firstBlock: "宛城区人民政府办公室2023年政府信息公开工作年度报告",
			cells:      []cellWant{{"三", "三.六.2", "商业企业", rdNum(1)}, {"四", "行政诉讼/复议后起诉", "总计", rdNum(2)}},
			notInText:  []string{"首页", "主办单位", "技术支持"},
		},
		{
			file: "qingshi-2022-gbk-chrome.html", org: "青石镇人民政府", year: 2022, format: "2021", published: "2023-01-20",
			firstBlock: "青石镇人民政府2022年政府信息公开工作年度报告",
			cells: []cellWant{
				{"二", "规章", "本年制发件数", rdNA}, {"二", "行政事业性收费", "本年收费金额（单位：万元）", rdBlank},
				{"二", "行政规范性文件", "现行有效件数", rdNum(5)}, {"三", "三.三.5", "自然人", rdNum(1)},
				{"三", "三.二", "法律服务机构", rdNum(1)}, {"四", "行政复议", "总计", rdNum(1)},
			},
			notInText:       []string{"办事服务", "版权所有", "相关链接", "分享到", "打印本页", "2021年政府信息公开工作年度报告", "var "},
			sectionContains: map[string]string{"五": "一是公开内容不够全面", "六": "未收取信息处理费"},
		},
		{
			file: "donghu-2021-word-export.html", org: "东湖区市场监督管理局", year: 2021, format: "2021",
			firstBlock: "东湖区市场监督管理局2021年政府信息公开工作年度报告",
			cells: []cellWant{
				{"二", "行政事业性收费", "本年收费金额（单位：万元）", rdNum(0.35)}, {"三", "三.七", "总计", rdNum(49)},
				{"四", "行政复议", "其他结果", rdNum(1)},
			},
			sectionContains: map[string]string{"一": "主动公开政府信息1260条", "六": "信息处理费300元"},
		},
		{
			file: "beishan-2020-trial.html", org: "北山街道办事处", year: 2020, format: "2019", published: "2021-01-28",
			firstBlock: "北山街道办事处2020年政府信息公开工作年度报告",
			cells: []cellWant{
				{"二", "行政许可", "本年增/减", rdNum(-2)}, {"二", "规章", "本年新制作数量", rdNA},
				{"二", "政府集中采购", "采购总金额", rdNum(120.5)}, {"三", "三.六", "自然人", rdNum(1)},
			},
			unitKey: "政府集中采购/采购总金额", unit: "万元",
		},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			path := filepath.Join("testdata", "html", tc.file)
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := readHTML(data)
			if err != nil {
				t.Fatal(err)
			}
			if doc.Published != tc.published {
				t.Errorf("Published = %q, want %q", doc.Published, tc.published)
			}
			if len(doc.Blocks) == 0 || doc.Blocks[0].Text != tc.firstBlock {
				t.Errorf("first block = %+v, want the title %q", doc.Blocks[:min(1, len(doc.Blocks))], tc.firstBlock)
			}
			var text strings.Builder
			for _, b := range doc.Blocks {
				text.WriteString(b.Text + "\n")
			}
			for _, s := range tc.notInText {
				if strings.Contains(text.String(), s) {
					t.Errorf("page chrome %q read as report text", s)
				}
			}
			r, err := Interpret(doc)
			if err != nil {
				t.Fatal(err)
			}
			if r.Org != tc.org || r.Year != tc.year || r.Format != tc.format {
				t.Errorf("got %q %d format %q, want %q %d format %q", r.Org, r.Year, r.Format, tc.org, tc.year, tc.format)
			}
			for _, c := range tc.cells {
				var tab map[string]map[string]Cell
				switch c.table {
				case "二":
					tab = r.Tables.Two
				case "三":
					tab = r.Tables.Three
				case "四":
					tab = r.Tables.Four
				}
				if got := tab[c.row][c.col]; got != c.want {
					t.Errorf("table %s [%s][%s] = %+v, want %+v", c.table, c.row, c.col, got, c.want)
				}
			}
			if tc.unitKey != "" && r.Units[tc.unitKey] != tc.unit {
				t.Errorf("unit %s = %q, want %q", tc.unitKey, r.Units[tc.unitKey], tc.unit)
			}
			for id, s := range tc.sectionContains {
				if !strings.Contains(r.Sections[id], s) {
					t.Errorf("section %s = %q, want it to contain %q", id, r.Sections[id], s)
				}
			}
			for _, f := range r.Findings {
				if f.Rule == "unknown-label" || f.Rule == "missing-section" || f.Rule == "missing-table" || f.Rule == "missing-row" {
					t.Errorf("reading finding: %+v", f)
				}
			}
		})
	}
}

// TestReadOtherForms reads the same reports converted by LibreOffice to
// Word, PDF and Excel (made once from the HTML pages in testdata/html and
// committed): every form must give the same report as the page it was made
// from.
func TestReadOtherForms(t *testing.T) {
	tests := []struct {
		file, source string
	}{
		{"docx/beishan-2020-trial.docx", "html/beishan-2020-trial.html"},
		{"docx/donghu-2021-word-export.docx", "html/donghu-2021-word-export.html"},
		{"docx/qingshi-2022-borderless.docx", "html/qingshi-2022-borderless.html"},
		{"pdf/beishan-2020-trial.pdf", "html/beishan-2020-trial.html"},
		{"pdf/donghu-2021-word-export.pdf", "html/donghu-2021-word-export.html"},
		{"pdf/qingshi-2022-borderless.pdf", "html/qingshi-2022-borderless.html"},
		{"pdf/wancheng-2023-rendered.pdf", "html/example-2023-clean.html"},
		{"pdf/qingshi-2022-chromium.pdf", "html/qingshi-2022-gbk-chrome.html"},
		{"xlsx/beishan-2020-trial.xlsx", "html/beishan-2020-trial.html"},
		{"xlsx/donghu-2021-word-export.xlsx", "html/donghu-2021-word-export.html"},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			want := interpretFile(t, filepath.Join("testdata", tc.source))
			got := interpretFile(t, filepath.Join("testdata", tc.file))
			if got.Org != want.Org || got.Year != want.Year || got.Title != want.Title || got.Format != want.Format {
				t.Errorf("got %q %d %q %q, want %q %d %q %q", got.Org, got.Year, got.Title, got.Format, want.Org, want.Year, want.Title, want.Format)
			}
			compareTable(t, "二", want.Tables.Two, got.Tables.Two)
			compareTable(t, "三", want.Tables.Three, got.Tables.Three)
			compareTable(t, "四", want.Tables.Four, got.Tables.Four)
			for _, id := range []string{"一", "五", "六"} {
				if compact(got.Sections[id]) != compact(want.Sections[id]) {
					t.Errorf("section %s:\n got %q\nwant %q", id, got.Sections[id], want.Sections[id])
				}
			}
			if !reflect.DeepEqual(got.Units, want.Units) {
				t.Errorf("units = %v, want %v", got.Units, want.Units)
			}
		})
	}
}

// compact drops whitespace: PDF text has no reliable spaces.
func compact(s string) string {
	return strings.Join(strings.Fields(s), "")
}

func compareTable(t *testing.T, name string, want, got map[string]map[string]Cell) {
	t.Helper()
	var diffs []string
	for row, cols := range want {
		for col, w := range cols {
			if g := got[row][col]; g != w {
				diffs = append(diffs, row+"/"+col+": got "+cellString(g)+", want "+cellString(w))
			}
		}
	}
	for row, cols := range got {
		for col := range cols {
			if _, ok := want[row][col]; !ok {
				diffs = append(diffs, row+"/"+col+": unexpected")
			}
		}
	}
	sort.Strings(diffs)
	for _, d := range diffs {
		t.Errorf("table %s %s", name, d)
	}
}

func cellString(c Cell) string {
	if c.Raw != "" {
		return "raw " + c.Raw
	}
	return cellDisplay(c, "") + map[CellState]string{Blank: "(blank)", Value: "", NotApplicable: ""}[c.State]
}

// TestReadPDFNoTextLayer: a scanned report (an image, no text) is refused
// with ErrNoTextLayer, not guessed at.
func TestReadPDFNoTextLayer(t *testing.T) {
	_, err := readPDF(imageOnlyPDF())
	if !errors.Is(err, ErrNoTextLayer) {
		t.Fatalf("err = %v, want ErrNoTextLayer", err)
	}
}

// imageOnlyPDF is a one-page PDF whose page only paints an image, as a
// scanner writes it (testdata/scanned, shared with the web layer's
// batch-check test).
func imageOnlyPDF() []byte {
	data, err := os.ReadFile("testdata/scanned/image-only.pdf")
	if err != nil {
		panic(err)
	}
	return data
}

// TestReadMalformed: broken input is an error, never a panic.
func TestReadMalformed(t *testing.T) {
	inputs := map[string][]byte{
		"truncated pdf": []byte("%PDF-1.7\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\nxref\n0 1\n"),
		"garbage pdf":   []byte("%PDF-1.4\n\x00\x01\x02trailer<</Root 9 0 R>>startxref\n5\n%%EOF"),
		"not a zip":     []byte("PK\x03\x04 this is not a zip"),
		"empty":         nil,
	}
	for name, data := range inputs {
		for _, read := range []func([]byte) (Document, error){readPDF, readDOCX, readXLSX} {
			if _, err := read(data); err == nil {
				t.Errorf("%s: no error", name)
			}
		}
		if _, err := readHTML(data); err != nil && name == "empty" {
			t.Errorf("%s: HTML reader failed on empty input: %v", name, err)
		}
	}
}
