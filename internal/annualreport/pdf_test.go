package annualreport

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
)

// cidPDF builds a one-page PDF the way Word and WPS write Chinese text:
// a Type0 font with two-byte codes (Identity-H, here CID = Unicode value),
// widths from the W array, a ToUnicode map, and table borders drawn as
// stroked lines. texts are drawn at their positions; rules are line
// segments x0 y0 x1 y1.
func cidPDF(texts []pdfTestText, rules [][4]float64) []byte {
	return cidPDFRotated(texts, rules, 0)
}

// cidPDFRotated is cidPDF on a portrait page displayed turned by rotate
// degrees (0 or 90): with 90, the content is drawn turned so that it is
// upright on the 842 × 595 landscape page a reader sees; texts and rules
// give display positions.
func cidPDFRotated(texts []pdfTestText, rules [][4]float64, rotate int) []byte {
	// Display (x, y) on the turned page is content (595 - y, x).
	toContent := func(x, y float64) (float64, float64) {
		if rotate == 90 {
			return 595 - y, x
		}
		return x, y
	}
	var content strings.Builder
	for _, t := range texts {
		var hex strings.Builder
		for _, r := range t.s {
			fmt.Fprintf(&hex, "%04X", r)
		}
		x, y := toContent(t.x, t.y)
		if rotate == 90 {
			fmt.Fprintf(&content, "BT /F1 %g Tf 0 1 -1 0 %g %g Tm <%s> Tj ET\n", t.size, x, y, hex.String())
		} else {
			fmt.Fprintf(&content, "BT /F1 %g Tf 1 0 0 1 %g %g Tm <%s> Tj ET\n", t.size, x, y, hex.String())
		}
	}
	content.WriteString("0.5 w\n")
	for _, r := range rules {
		x0, y0 := toContent(r[0], r[1])
		x1, y1 := toContent(r[2], r[3])
		fmt.Fprintf(&content, "%g %g m %g %g l S\n", x0, y0, x1, y1)
	}
	return writeCIDPDF([]string{content.String()}, rotate)
}

// writeCIDPDF assembles pages of content streams that all use /F1, the
// two-byte CID font (code = Unicode value, ASCII half an em wide, the rest
// a full em, a ToUnicode map): no font file is embedded, so the fixtures
// build anywhere.
func writeCIDPDF(contents []string, rotate int) []byte {
	rot := ""
	if rotate != 0 {
		rot = fmt.Sprintf("/Rotate %d", rotate)
	}
	cmap := "/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Test-UCS def /CMapType 2 def\n" +
		"1 begincodespacerange <0000> <FFFF> endcodespacerange\n" +
		"5 beginbfrange <0020> <007E> <0020> <2000> <206F> <2000> <3000> <303F> <3000> <4E00> <9FFF> <4E00> <FF00> <FFEF> <FF00> endbfrange\n" +
		"endcmap CMapName currentdict /CMap defineresource pop end end"
	// Objects: 1 catalog, 2 pages, 3 font, 4 descendant, 5 cmap, then a
	// page and its content per page.
	var kids []string
	for i := range contents {
		kids = append(kids, fmt.Sprintf("%d 0 R", 6+2*i))
	}
	objs := []string{
		"<</Type/Catalog/Pages 2 0 R>>",
		fmt.Sprintf("<</Type/Pages/Kids[%s]/Count %d>>", strings.Join(kids, " "), len(contents)),
		"<</Type/Font/Subtype/Type0/BaseFont/SimSun/Encoding/Identity-H/DescendantFonts[4 0 R]/ToUnicode 5 0 R>>",
		"<</Type/Font/Subtype/CIDFontType2/BaseFont/SimSun/CIDSystemInfo<</Registry(Adobe)/Ordering(Identity)/Supplement 0>>/DW 1000/W[32 126 500]>>",
		fmt.Sprintf("<</Length %d>>stream\n%s\nendstream", len(cmap), cmap),
	}
	for i, c := range contents {
		objs = append(objs,
			fmt.Sprintf("<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]%s/Resources<</Font<</F1 3 0 R>>>>/Contents %d 0 R>>", rot, 7+2*i),
			fmt.Sprintf("<</Length %d>>stream\n%s\nendstream", len(c), c))
	}
	var b strings.Builder
	b.WriteString("%PDF-1.4\n")
	var offs []int
	for i, o := range objs {
		offs = append(offs, b.Len())
		fmt.Fprintf(&b, "%d 0 obj%s endobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return []byte(b.String())
}

type pdfTestText struct {
	x, y, size float64
	s          string
}

// TestReadPDFCIDFontTable reads a ruled table written with a two-byte CID
// font: glyphs are placed by the font's widths, so the words of each cell
// stay together, the figures land in their cells, a label wrapped over two
// lines is one cell, and a cell merged over two columns is one cell.
func TestReadPDFCIDFontTable(t *testing.T) {
	texts := []pdfTestText{
		{200, 780, 16, "青石镇人民政府2022年政府信息公开工作年度报告"},
		{100, 740, 12, "一、总体情况"},
		{100.4, 740, 12, "一、总体情况"}, // drawn twice: fake bold
		{100, 720, 12, "本年度共主动公开政府信息216条。"},
		// Table: columns at 100, 250, 350, 450; rows at 700, 670, 630, 600.
		{110, 680, 10, "信息内容"},
		{260, 680, 10, "本年处理决定数量"}, // merged over the two right columns
		{110, 655, 10, "行政规范性"},
		{110, 640, 10, "文件"},
		{260, 645, 10, "12"},
		{360, 645, 10, "/"},
		{110, 610, 10, "行政许可"},
		{260, 610, 10, "842"},
		{360, 610, 10, "0"},
		{280, 40, 10, "- 1 -"},
	}
	var rules [][4]float64
	for _, y := range []float64{700, 670, 630, 600} {
		rules = append(rules, [4]float64{100, y, 450, y})
	}
	rules = append(rules, [4]float64{100, 600, 100, 700}, [4]float64{250, 600, 250, 700}, [4]float64{450, 600, 450, 700})
	rules = append(rules, [4]float64{350, 600, 350, 670}) // no border between the merged header cells
	doc, err := readPDF(cidPDF(texts, rules))
	if err != nil {
		t.Fatal(err)
	}
	var paras []string
	var grid *Grid
	for _, b := range doc.Blocks {
		if b.Table != nil {
			grid = b.Table
		} else {
			paras = append(paras, b.Text)
		}
	}
	wantParas := []string{"青石镇人民政府2022年政府信息公开工作年度报告", "一、总体情况", "本年度共主动公开政府信息216条。"}
	if strings.Join(paras, "|") != strings.Join(wantParas, "|") {
		t.Errorf("paragraphs = %q, want %q (page number dropped)", paras, wantParas)
	}
	if grid == nil {
		t.Fatal("no table")
	}
	want := [][]GridCell{
		{{"信息内容", true}, {"本年处理决定数量", true}, {"本年处理决定数量", false}},
		{{"行政规范性文件", true}, {"12", true}, {"/", true}},
		{{"行政许可", true}, {"842", true}, {"0", true}},
	}
	if len(grid.Rows) != len(want) {
		t.Fatalf("grid has %d rows: %+v", len(grid.Rows), grid.Rows)
	}
	for r := range want {
		for c := range want[r] {
			if grid.Rows[r][c] != want[r][c] {
				t.Errorf("cell %d,%d = %+v, want %+v", r, c, grid.Rows[r][c], want[r][c])
			}
		}
	}
}

// TestReadPDFFrameIsNotTable: a box drawn around the text is not a table.
func TestReadPDFFrameIsNotTable(t *testing.T) {
	texts := []pdfTestText{{100, 700, 16, "某某县人民政府2021年政府信息公开工作年度报告"}, {100, 660, 12, "一、总体情况"}}
	frame := [][4]float64{{50, 50, 545, 50}, {50, 792, 545, 792}, {50, 50, 50, 792}, {545, 50, 545, 792}}
	doc, err := readPDF(cidPDF(texts, frame))
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Blocks) != 2 || doc.Blocks[0].Table != nil || doc.Blocks[1].Text != "一、总体情况" {
		t.Errorf("blocks = %+v", doc.Blocks)
	}
}

// TestReadPDFUndecodable: a CID font without a Unicode map cannot be read;
// the reader says so instead of returning code points as text.
func TestReadPDFUndecodable(t *testing.T) {
	data := cidPDF([]pdfTestText{{100, 700, 12, "一、总体情况本年度共主动公开政府信息"}}, nil)
	data = bytes.Replace(data, []byte("/ToUnicode 5 0 R"), []byte("                "), 1)
	if _, err := readPDF(data); !errors.Is(err, ErrUndecodablePDF) {
		t.Fatalf("err = %v, want ErrUndecodablePDF", err)
	}
}

// TestReadPDFRotatedPage: a landscape table drawn turned on a portrait page
// with /Rotate 90 reads upright.
func TestReadPDFRotatedPage(t *testing.T) {
	texts := []pdfTestText{
		{100, 500, 14, "四、政府信息公开行政复议、行政诉讼情况"},
		{110, 455, 10, "行政复议"}, {310, 455, 10, "行政诉讼"},
		{110, 425, 10, "3"}, {310, 425, 10, "2"},
	}
	rules := [][4]float64{{100, 470, 500, 470}, {100, 440, 500, 440}, {100, 410, 500, 410},
		{100, 410, 100, 470}, {300, 410, 300, 470}, {500, 410, 500, 470}}
	doc, err := readPDF(cidPDFRotated(texts, rules, 90))
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Blocks) != 2 || doc.Blocks[0].Text != "四、政府信息公开行政复议、行政诉讼情况" || doc.Blocks[1].Table == nil {
		t.Fatalf("blocks = %+v", doc.Blocks)
	}
	g := doc.Blocks[1].Table
	if len(g.Rows) != 2 || g.Rows[0][0].Text != "行政复议" || g.Rows[1][1].Text != "2" {
		t.Errorf("table = %+v", g.Rows)
	}
}
