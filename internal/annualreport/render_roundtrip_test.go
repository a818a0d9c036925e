package annualreport

import (
	"bytes"
	"encoding/xml"
	"io"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// roundTripSources are reports read from the test pages: the 2021 format
// with figures, a 2021 report with "/" and blank cells and label typos, a
// report in the 2019 trial format with a negative figure and a unit.
var roundTripSources = []string{
	"html/example-2023-clean.html",
	"html/qingshi-2022-gbk-chrome.html",
	"html/beishan-2020-trial.html",
	"html/donghu-2021-word-export.html",
}

// renderForms are the renderers with the reader that reads their output.
var renderForms = []struct {
	name   string
	render func(io.Writer, *Report) error
	read   func([]byte) (Document, error)
	// published: the form carries the publication date.
	published bool
}{
	{"html", RenderHTML, readHTML, true},
	{"docx", RenderDOCX, readDOCX, false},
	{"xlsx", RenderXLSX, readXLSX, false},
}

// TestRenderRoundTrip: rendering a report and reading the result back
// gives the same report (title, org, year, format, preamble, sections,
// every table cell in its state, units).
func TestRenderRoundTrip(t *testing.T) {
	for _, src := range roundTripSources {
		want := interpretFile(t, filepath.Join("testdata", src))
		for _, form := range renderForms {
			t.Run(filepath.Base(src)+"/"+form.name, func(t *testing.T) {
				var buf bytes.Buffer
				if err := form.render(&buf, want); err != nil {
					t.Fatal(err)
				}
				doc, err := form.read(buf.Bytes())
				if err != nil {
					t.Fatal(err)
				}
				got, err := Interpret(doc)
				if err != nil {
					t.Fatal(err)
				}
				if got.Org != want.Org || got.Year != want.Year || got.Title != want.Title || got.Format != want.Format {
					t.Errorf("got %q %d %q %q, want %q %d %q %q", got.Org, got.Year, got.Title, got.Format, want.Org, want.Year, want.Title, want.Format)
				}
				if got.Preamble != want.Preamble {
					t.Errorf("preamble: got %q, want %q", got.Preamble, want.Preamble)
				}
				for _, id := range []string{"一", "二", "三", "四", "五", "六"} {
					if got.Sections[id] != want.Sections[id] {
						t.Errorf("section %s:\n got %q\nwant %q", id, got.Sections[id], want.Sections[id])
					}
				}
				compareTable(t, "二", want.Tables.Two, got.Tables.Two)
				compareTable(t, "三", want.Tables.Three, got.Tables.Three)
				compareTable(t, "四", want.Tables.Four, got.Tables.Four)
				if len(want.Units)+len(got.Units) > 0 && !reflect.DeepEqual(got.Units, want.Units) {
					t.Errorf("units = %v, want %v", got.Units, want.Units)
				}
				if form.published {
					if (want.Published == nil) != (got.Published == nil) || (want.Published != nil && !want.Published.Equal(*got.Published)) {
						t.Errorf("published = %v, want %v", got.Published, want.Published)
					}
				}
				for _, f := range got.Findings {
					if f.Rule == "unknown-label" || strings.HasPrefix(f.Rule, "missing-") {
						t.Errorf("rendered report reads with finding %+v", f)
					}
				}
			})
		}
	}
}

// TestRenderHTMLLayout checks the official layout's structure: semantic
// headers, the merged header cells of tables 三 and 四, the print sheet.
func TestRenderHTMLLayout(t *testing.T) {
	r := interpretFile(t, filepath.Join("testdata", "html", "example-2023-clean.html"))
	var buf bytes.Buffer
	if err := RenderHTML(&buf, r); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		`<h1>宛城区人民政府办公室2023年政府信息公开工作年度报告</h1>`,
		`<caption>第二十条第（一）项</caption>`,
		`<th scope="col">信息内容</th>`,
		`<th rowspan="3" colspan="3">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</th>`,
		`<th scope="colgroup" colspan="7">申请人情况</th>`,
		`<th scope="col" rowspan="2">自然人</th>`,
		`<th scope="colgroup" colspan="5">法人或其他组织</th>`,
		`<th scope="rowgroup" class="label" rowspan="22">三、本年度办理结果</th>`,
		`<th scope="rowgroup" class="label" rowspan="8">（三）不予公开</th>`,
		`<th scope="row" class="label" colspan="3">一、本年新收政府信息公开申请数量</th>`,
		`<th scope="colgroup" colspan="10">行政诉讼</th>`,
		`<th scope="colgroup" colspan="5">未经复议直接起诉</th>`,
		`@page{size:A4;margin:37mm 26mm 35mm 28mm}`,
		`<meta name="PubDate" content="2024-01-26">`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("rendered HTML lacks %s", want)
		}
	}
	if strings.Count(out, "<table") != 6 {
		t.Errorf("want 4 sub-tables of 二 plus tables 三 and 四, got %d tables", strings.Count(out, "<table"))
	}
}

// TestRenderDOCXPackage checks the Word package: every part is
// well-formed XML, the 公文 fonts and page are set, and the tables merge
// cells the Word way.
func TestRenderDOCXPackage(t *testing.T) {
	r := interpretFile(t, filepath.Join("testdata", "html", "example-2023-clean.html"))
	var buf bytes.Buffer
	if err := RenderDOCX(&buf, r); err != nil {
		t.Fatal(err)
	}
	parts := docxParts(t, buf.Bytes())
	for name, text := range parts {
		d := xml.NewDecoder(strings.NewReader(text))
		for {
			if _, err := d.Token(); err == io.EOF {
				break
			} else if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
		}
	}
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml", "word/fontTable.xml", "docProps/core.xml"} {
		if _, ok := parts[name]; !ok {
			t.Errorf("missing part %s", name)
		}
	}
	checks := map[string][]string{
		"word/document.xml": {
			`<w:pgSz w:w="11906" w:h="16838"/>`, `w:top="2098"`, `w:left="1587"`,
			`<w:gridSpan w:val="3"/><w:vMerge w:val="restart"/>`, `<w:vMerge/>`, `<w:tblHeader/>`,
			`<w:pStyle w:val="ReportTitle"/>`,
		},
		"word/styles.xml":    {`w:eastAsia="方正小标宋简体"`, `w:eastAsia="仿宋_GB2312"`, `w:eastAsia="黑体"`, `<w:sz w:val="32"/>`, `<w:jc w:val="center"/>`},
		"word/fontTable.xml": {`<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>`},
		"docProps/core.xml":  {`<dc:title>宛城区人民政府办公室2023年政府信息公开工作年度报告</dc:title>`},
	}
	for part, wants := range checks {
		for _, w := range wants {
			if !strings.Contains(parts[part], w) {
				t.Errorf("%s lacks %s", part, w)
			}
		}
	}
	// The same report renders to the same bytes.
	var again bytes.Buffer
	if err := RenderDOCX(&again, r); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again.Bytes(), buf.Bytes()) {
		t.Error("RenderDOCX is not deterministic")
	}
}

// TestRenderXLSXSheets: one sheet for the narrative and one per table,
// with merged headers and figures stored as numbers.
func TestRenderXLSXSheets(t *testing.T) {
	r := interpretFile(t, filepath.Join("testdata", "html", "qingshi-2022-gbk-chrome.html"))
	var buf bytes.Buffer
	if err := RenderXLSX(&buf, r); err != nil {
		t.Fatal(err)
	}
	x, err := openXLSXForTest(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if got, want := x.GetSheetList(), []string{sheetText, sheetTwo, sheetThree, sheetFour}; !reflect.DeepEqual(got, want) {
		t.Errorf("sheets = %v, want %v", got, want)
	}
	merges, _ := x.GetMergeCells(sheetThree)
	found := map[string]bool{}
	for _, m := range merges {
		found[m.GetStartAxis()+":"+m.GetEndAxis()] = true
	}
	for _, want := range []string{"A1:C3", "D1:J1", "D2:D3", "E2:I2", "A6:A27", "B8:B15"} {
		if !found[want] {
			t.Errorf("table 三 sheet lacks merge %s (has %v)", want, found)
		}
	}
	if v, _ := x.GetCellValue(sheetThree, "D4"); v != "12" {
		t.Errorf("table 三 一/自然人 = %q, want 12", v)
	}
	if v, _ := x.GetCellValue(sheetTwo, "B3"); v != "/" {
		t.Errorf("规章 本年制发件数 = %q, want /", v)
	}
}

// TestRenderEmptyReport: a report with nothing filled in yet (the
// platform's draft) renders in every form, with the format's blank tables,
// and reads back as blank cells.
func TestRenderEmptyReport(t *testing.T) {
	r := &Report{Org: "某某镇人民政府", Year: 2024}
	for _, form := range renderForms {
		var buf bytes.Buffer
		if err := form.render(&buf, r); err != nil {
			t.Fatalf("%s: %v", form.name, err)
		}
		doc, err := form.read(buf.Bytes())
		if err != nil {
			t.Fatalf("%s: %v", form.name, err)
		}
		got, err := Interpret(doc)
		if err != nil {
			t.Fatalf("%s: %v", form.name, err)
		}
		if got.Title != "某某镇人民政府2024年政府信息公开工作年度报告" || got.Format != "2021" {
			t.Errorf("%s: title %q format %q", form.name, got.Title, got.Format)
		}
		if c, ok := got.Tables.Three["三.七"]["总计"]; !ok || c.State != Blank {
			t.Errorf("%s: 三.七/总计 = %+v, %v; want a blank cell", form.name, c, ok)
		}
	}
}

func openXLSXForTest(data []byte) (*excelize.File, error) {
	return excelize.OpenReader(bytes.NewReader(data))
}
