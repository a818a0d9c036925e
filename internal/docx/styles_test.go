package docx

import (
	"strings"
	"testing"
)

// styled is a document set through named styles: its own Normal (an
// indented body on a line grid, widows allowed, kerning), a title that
// leaves the grid and cancels the indent, a heading, and table text whose
// empty cells keep the size of their paragraph mark.
func styled() *Document {
	body := Font{EastAsia: "仿宋_GB2312", Latin: "Times New Roman", NoEastAsiaHint: true}
	d := &Document{
		Font: body, Size: SizeSan, PageNumbers: true,
		PageNumberFont: Font{EastAsia: "宋体", Latin: "Times New Roman"},
		Styles: []Style{
			{ID: "Normal", Gallery: true,
				Para: ParaStyle{Align: AlignBoth, AllowWidows: true, Line: Pt(28), FirstLineChars: CharsIndent2, FirstLine: Pt(32)},
				Run:  RunStyle{Font: body, Size: SizeSan, Kern: 1}},
			{ID: "Title", Name: "Doc Title", BasedOn: "Normal", Next: "Normal", Gallery: true,
				Para: ParaStyle{OffGrid: true, After: Pt(28), Line: Pt(32), ZeroFirstLine: true, Align: AlignCenter, OutlineLevel: 1},
				Run:  RunStyle{Font: XiaoBiao, Size: SizeEr}},
			{ID: "Heading", BasedOn: "Normal", Para: ParaStyle{KeepNext: true, OutlineLevel: 2}, Run: RunStyle{Font: HeiTi}},
			{ID: "Cell", BasedOn: "Normal", Para: ParaStyle{OffGrid: true, Line: Pt(13), ZeroFirstLine: true, Align: AlignCenter}},
		},
	}
	cell := func(text string, merge Merge) TableCell {
		p := P(ParaStyle{StyleID: "Cell", Mark: RunStyle{Size: SizeWu}})
		if text != "" {
			p.Runs = []Run{Text(text, RunStyle{Size: SizeWu, Bold: true})}
		}
		return TableCell{Merge: merge, VAlign: VAlignCenter, Paragraphs: []Paragraph{p}}
	}
	d.Add(
		P(ParaStyle{StyleID: "Title"}, Text("标题", RunStyle{})),
		P(ParaStyle{StyleID: "Heading"}, Text("一、总体情况", RunStyle{})),
		P(ParaStyle{}, Text("正文。", RunStyle{})),
		Table{Columns: []int{3000, 3000}, Borders: true, Align: AlignCenter, CellMargin: 57, Rows: []TableRow{
			{Header: true, CantSplit: true, Cells: []TableCell{cell("合并", MergeStart), cell("", MergeNone)}},
			{CantSplit: true, Cells: []TableCell{cell("", MergeContinue), cell("1", MergeNone)}},
		}},
		P(ParaStyle{StyleID: "Cell", Lines: 1}),
	)
	return d
}

func TestStyledGolden(t *testing.T) {
	d := styled()
	doc, err := d.DocumentXML()
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "styled-document.xml", doc)
	golden(t, "styled-styles.xml", []byte(d.stylesXML()))
	golden(t, "styled-footer.xml", []byte(d.footerXML()))
	golden(t, "styled-fontTable.xml", []byte(d.fontTableXML()))
}

// TestBuiltinNormal: a document without styles keeps the built-in Normal
// (what the letters are set in).
func TestBuiltinNormal(t *testing.T) {
	s := sample().stylesXML()
	if !strings.Contains(s, builtinNormal) || strings.Count(s, `w:styleId="Normal"`) != 1 {
		t.Errorf("styles.xml lacks the built-in Normal:\n%s", s)
	}
	if s := styled().stylesXML(); strings.Contains(s, builtinNormal) || strings.Count(s, `w:styleId="Normal"`) != 1 {
		t.Errorf("own Normal did not replace the built-in one:\n%s", s)
	}
}

func TestStyleChecks(t *testing.T) {
	for _, tt := range []struct {
		name   string
		styles []Style
		para   string
		want   string
	}{
		{"no ID", []Style{{Name: "x"}}, "", "has no ID"},
		{"twice", []Style{{ID: "A"}, {ID: "A"}}, "", "defined twice"},
		{"unknown base", []Style{{ID: "A", BasedOn: "B"}}, "", "undefined style"},
		{"unknown next", []Style{{ID: "A", Next: "B"}}, "", "undefined style"},
		{"based on itself", []Style{{ID: "Normal", BasedOn: "Normal"}}, "", "based on itself"},
		{"cycle", []Style{{ID: "A", BasedOn: "B"}, {ID: "B", BasedOn: "A"}}, "", "based on itself"},
		{"unknown paragraph style", []Style{{ID: "A"}}, "Heading1", `undefined paragraph style "Heading1"`},
	} {
		d := &Document{Styles: tt.styles}
		d.Add(P(ParaStyle{StyleID: tt.para}))
		if _, err := d.DocumentXML(); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want %q", tt.name, err, tt.want)
		}
	}
	d := &Document{Styles: []Style{{ID: "A", BasedOn: "Normal"}}}
	d.Add(P(ParaStyle{StyleID: "Normal"}), P(ParaStyle{StyleID: "A"}))
	if _, err := d.DocumentXML(); err != nil {
		t.Errorf("valid styles rejected: %v", err)
	}
}
