package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// sample has what a ruled statistics form needs: a header cell merged
// down two rows, a group header spanning columns, borders, and body text.
func sample() *Document {
	d := &Document{
		Props:       Properties{Title: "示例文档", Creator: "吴城镇人民政府", Created: time.Date(2026, 1, 5, 8, 0, 0, 0, time.UTC)},
		PageNumbers: true,
	}
	center := ParaStyle{Align: AlignCenter}
	small := RunStyle{Font: SongTi, Size: SizeXiaoSi}
	d.Add(
		P(ParaStyle{Align: AlignCenter, After: Pt(16)}, Text("示例标题", RunStyle{Font: XiaoBiao, Size: SizeEr})),
		P(ParaStyle{Align: AlignBoth, FirstLineChars: CharsIndent2, Line: 579},
			Text("正文<第一段>&", RunStyle{}), Text("加粗", RunStyle{Bold: true}), Text("换行\n第二行\t制表", RunStyle{Italic: true, Underline: true, Color: "C00000"})),
		Table{
			Columns: []int{2400, 1200, 1200, 1200},
			Borders: true,
			Align:   AlignCenter,
			Rows: []TableRow{
				{Header: true, Cells: []TableCell{
					{Merge: MergeStart, VAlign: VAlignCenter, Paragraphs: []Paragraph{P(center, Text("信息内容", small))}},
					{Span: 3, Shade: "F2F2F2", Paragraphs: []Paragraph{P(center, Text("法人或其他组织", small))}},
				}},
				{Header: true, Cells: []TableCell{
					{Merge: MergeContinue},
					Cell("商业企业", center, small), Cell("科研机构", center, small), Cell("其他", center, small),
				}},
				{Height: Pt(20), CantSplit: true, Cells: []TableCell{
					Cell("一、本年新收", ParaStyle{}, small), Cell("1", center, small), Cell("0", center, small), {},
				}},
			},
		},
	)
	return d
}

func TestDocumentXMLGolden(t *testing.T) {
	got, err := sample().DocumentXML()
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "sample-document.xml", got)
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (go test -update rewrites it)\ngot:\n%s", name, got)
	}
}

func TestPackageIsWellFormedAndStable(t *testing.T) {
	a, err := sample().Bytes()
	if err != nil {
		t.Fatal(err)
	}
	b, err := sample().Bytes()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Error("the same document gave different bytes")
	}
	zr, err := zip.NewReader(bytes.NewReader(a), int64(len(a)))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{
		"[Content_Types].xml": true, "_rels/.rels": true, "docProps/core.xml": true, "docProps/app.xml": true,
		"word/document.xml": true, "word/_rels/document.xml.rels": true, "word/styles.xml": true,
		"word/fontTable.xml": true, "word/settings.xml": true, "word/footer1.xml": true,
	}
	for _, f := range zr.File {
		if !want[f.Name] {
			t.Errorf("unexpected part %s", f.Name)
		}
		delete(want, f.Name)
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		dec := xml.NewDecoder(bytes.NewReader(data))
		for {
			_, err := dec.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Errorf("%s is not well-formed XML: %v", f.Name, err)
				break
			}
		}
		switch f.Name {
		case "word/fontTable.xml":
			for _, s := range []string{`w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>`, `w:name="方正小标宋简体"`, `w:name="Times New Roman"`} {
				if !strings.Contains(string(data), s) {
					t.Errorf("font table lacks %s", s)
				}
			}
		case "docProps/core.xml":
			for _, s := range []string{"<dc:title>示例文档</dc:title>", "<dc:creator>吴城镇人民政府</dc:creator>", "2026-01-05T08:00:00Z"} {
				if !strings.Contains(string(data), s) {
					t.Errorf("core properties lack %s", s)
				}
			}
		}
	}
	for name := range want {
		t.Errorf("missing part %s", name)
	}
}

func TestTableValidation(t *testing.T) {
	c := TableCell{}
	tests := []struct {
		name string
		tbl  Table
		want string
	}{
		{"no columns", Table{}, "without columns"},
		{"short row", Table{Columns: []int{1, 1}, Rows: []TableRow{{Cells: []TableCell{c}}}}, "covers 1 of 2"},
		{"span too wide", Table{Columns: []int{1, 1}, Rows: []TableRow{{Cells: []TableCell{c, {Span: 2}}}}}, "spans past"},
		{"continue without start", Table{Columns: []int{1}, Rows: []TableRow{{Cells: []TableCell{c}}, {Cells: []TableCell{{Merge: MergeContinue}}}}}, "no merged cell"},
		{"continue in first row", Table{Columns: []int{1}, Rows: []TableRow{{Cells: []TableCell{{Merge: MergeContinue}}}}}, "no merged cell"},
		{"continue with other span", Table{Columns: []int{1, 1}, Rows: []TableRow{
			{Cells: []TableCell{{Span: 2, Merge: MergeStart}}}, {Cells: []TableCell{{Merge: MergeContinue}, c}}}}, "no merged cell"},
		{"covered cell with text", Table{Columns: []int{1}, Rows: []TableRow{
			{Cells: []TableCell{{Merge: MergeStart}}}, {Cells: []TableCell{{Merge: MergeContinue, Paragraphs: []Paragraph{P(ParaStyle{}, Text("x", RunStyle{}))}}}}}}, "cannot hold text"},
	}
	for _, tt := range tests {
		d := &Document{}
		d.Add(tt.tbl)
		_, err := d.DocumentXML()
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want %q", tt.name, err, tt.want)
		}
	}
	// A merge continued over three rows is fine.
	d := &Document{}
	d.Add(Table{Columns: []int{1, 1}, Rows: []TableRow{
		{Cells: []TableCell{{Merge: MergeStart}, c}},
		{Cells: []TableCell{{Merge: MergeContinue}, c}},
		{Cells: []TableCell{{Merge: MergeContinue}, c}},
	}})
	if _, err := d.DocumentXML(); err != nil {
		t.Errorf("valid merge rejected: %v", err)
	}
}

func TestUnits(t *testing.T) {
	for _, tt := range []struct{ got, want int }{{Mm(25.4), 1440}, {Pt(16), 320}, {Mm(37), 2098}, {GongwenA4().TextWidth(), 8845}} {
		if tt.got != tt.want {
			t.Errorf("got %d, want %d", tt.got, tt.want)
		}
	}
}
