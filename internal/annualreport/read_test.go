package annualreport

import (
	"archive/zip"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func zipWith(t testing.TB, names ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, n := range names {
		w, err := zw.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte("<x/>"))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestDetectForm(t *testing.T) {
	for name, tc := range map[string]struct {
		data []byte
		want Form
	}{
		"html doctype":  {[]byte("<!DOCTYPE html><html><body>x</body></html>"), FormHTML},
		"html fragment": {[]byte("\n  <div><p>一、总体情况</p></div>"), FormHTML},
		"pdf":           {[]byte("%PDF-1.7\n..."), FormPDF},
		"docx":          {zipWith(t, "[Content_Types].xml", "word/document.xml"), FormDOCX},
		"xlsx":          {zipWith(t, "[Content_Types].xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml"), FormXLSX},
		"other zip":     {zipWith(t, "readme.txt"), FormZip},
		"legacy doc":    {[]byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest"), FormOLE},
		"json":          {[]byte(` {"schema": "gongkai.annual-report/v1"}`), FormJSON},
		"other json":    {[]byte(`{"a": 1}`), FormText},
		"text":          {[]byte("吴城镇人民政府2021年政府信息公开工作年度报告\n"), FormText},
		"text with <":   {[]byte("<注意> 本报告…"), FormText},
	} {
		if got := DetectForm(tc.data); got != tc.want {
			t.Errorf("%s: DetectForm = %s, want %s", name, got, tc.want)
		}
	}
}

// TestReadErrors: what cannot be read is named in the error.
func TestReadErrors(t *testing.T) {
	for name, tc := range map[string]struct {
		data []byte
		want string
	}{
		"zip":    {zipWith(t, "readme.txt"), "word/document.xml"},
		"doc":    {[]byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest"), ".doc"},
		"binary": {[]byte("abc\x00def"), "二进制"},
		"json":   {[]byte(`{"schema": "gongkai.annual-report/v1", "year": "x"}`), "JSON"},
		"empty":  {nil, "未识别"},
	} {
		_, err := Read(name+".bin", tc.data)
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), name+".bin") {
			t.Errorf("%s: err = %v, want one naming the file and %q", name, err, tc.want)
		}
	}
}

func FuzzReadText(f *testing.F) {
	for _, p := range []string{seedReportPath, "testdata/fixtures/example-2023-clean.txt"} {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("三、收到和处理政府信息公开申请情况\n一、本年新收 | 1 |\n(一) |\n1. | x | / | -1 |\n"))
	f.Add([]byte("第二十条第(九)项\n信息内容 | 采购总金额 |\n政府集中采购 | 1万元 |\n"))
	// The copied layouts: a cell per line, and spaced columns with
	// stacked headers and wrapped labels.
	model := interpretFile(f, filepath.Join("testdata", "html", "example-2023-clean.html"))
	f.Add(textLayout(model, cellPerLine))
	f.Add(textLayout(model, spacedColumns))
	f.Add([]byte("三、本年度办理结果\n（五）不予处理   5.要求行政机关确认或重新出具已获 0  0 /\n                 取信息\n  结\n  果 总\n 1 2 3\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := readText(data)
		if err != nil {
			return
		}
		r, err := Interpret(doc)
		if err != nil {
			return
		}
		fs := Lint(r, r, Options{})
		_ = fs
		var buf bytes.Buffer
		if err := RenderText(&buf, r); err != nil {
			t.Fatal(err)
		}
		if _, err := EncodeJSON(r); err != nil {
			t.Fatalf("encode: %v", err)
		}
	})
}

// FuzzInterpret builds grids with merges from fuzz input: the
// interpreter must not panic on any Document.
func FuzzInterpret(f *testing.F) {
	f.Add([]byte("四、政府信息公开行政复议、行政诉讼情况|行政复议|^行政复议|结果维持|1|2|^|总计"), uint8(3))
	f.Add([]byte("三、收到和处理政府信息公开申请情况|勾稽关系|申请人情况|自然人|总计|一、本年新收|5|^5|(三)不予公开|1.属于国家秘密|0"), uint8(4))
	f.Add([]byte("二、主动公开政府信息情况|第二十条第（一）项|信息内容|本年新|规章|/|3.5"), uint8(2))
	f.Fuzz(func(t *testing.T, data []byte, width uint8) {
		parts := strings.Split(string(data), "|")
		w := int(width%16) + 1
		var blocks []Block
		if len(parts) > 0 {
			blocks = append(blocks, Block{Text: parts[0]})
		}
		g := &Grid{}
		for i := 1; i < len(parts); i += w {
			var row []GridCell
			for j := 0; j < w; j++ {
				text := ""
				if i+j < len(parts) {
					text = parts[i+j]
				}
				row = append(row, GridCell{Text: strings.TrimPrefix(text, "^"), Origin: !strings.HasPrefix(text, "^")})
			}
			g.Rows = append(g.Rows, row)
		}
		if len(g.Rows) > 0 {
			blocks = append(blocks, Block{Table: g})
		}
		r, err := Interpret(Document{Blocks: blocks})
		if err != nil {
			return
		}
		Lint(r, nil, Options{})
	})
}

// BenchmarkReadCheckText reads and checks the seed and the clean example
// from text: the lint command's inner loop.
func BenchmarkReadCheckText(b *testing.B) {
	var docs [][]byte
	for _, p := range []string{seedReportPath, "testdata/fixtures/example-2023-clean.txt"} {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, data)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r, err := Read("bench.txt", docs[i%len(docs)])
		if err != nil {
			b.Fatal(err)
		}
		Lint(r, nil, Options{})
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "reports/s")
}

// FuzzDecodeJSON: any JSON claiming the contract decodes or fails
// cleanly, and whatever decodes can be checked and rendered.
func FuzzDecodeJSON(f *testing.F) {
	data, err := os.ReadFile("testdata/golden/township-2020.json")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add([]byte(`{"schema":"gongkai.annual-report/v1","year":99999,"format":"2019","published":"2024-02-30","tables":{"三":{"三.七":{"总计":null}}}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := DecodeJSON(data)
		if err != nil {
			return
		}
		Lint(r, r, Options{Deadline: DeadlineCustom, Month: 2, Day: 30})
		var buf bytes.Buffer
		if err := RenderText(&buf, r); err != nil {
			t.Fatal(err)
		}
		if _, err := EncodeJSON(r); err != nil {
			t.Fatal(err)
		}
	})
}

// Reading a published report, checking it and listing the findings.
func ExampleLint() {
	data, err := os.ReadFile(seedReportPath)
	if err != nil {
		panic(err)
	}
	r, err := Read("wucheng.txt", data)
	if err != nil {
		panic(err)
	}
	fmt.Println(r.Org, r.Year, "tables follow format", r.Format)
	for _, f := range Lint(r, nil, Options{}) {
		fmt.Println(f.Severity, f.Rule, f.Section)
	}
	// Output:
	// 吴城镇人民政府 2021 tables follow format 2019
	// warning unknown-label 二
	// error format-mismatch 二
	// error year-mismatch 一
	// warning fee-not-reported 六
}
