package annualreport

import (
	"fmt"
	"io"

	"github.com/gongkai/gongkai/internal/docx"
)

// Fonts of a 公文: the title in 方正小标宋简体, headings in 黑体, body in
// 仿宋_GB2312, tables in 宋体, Latin text and digits in Times New Roman
// (the XLSX form uses the same names). Machines without them fall back
// through the font table's alternative names (仿宋, 宋体, SimHei).
const (
	fontTitle   = "方正小标宋简体"
	fontHeading = "黑体"
	fontBody    = "仿宋_GB2312"
	fontTable   = "宋体"
	fontLatin   = "Times New Roman"
)

// The report has always been set without the eastAsia hint (quotes and
// dashes take the font Word chooses), and keeps that look.
var (
	docxTitleFont   = docx.Font{EastAsia: fontTitle, Latin: fontLatin, NoEastAsiaHint: true}
	docxHeadingFont = docx.Font{EastAsia: fontHeading, Latin: fontLatin, NoEastAsiaHint: true}
	docxBodyFont    = docx.Font{EastAsia: fontBody, Latin: fontLatin, NoEastAsiaHint: true}
	docxTableFont   = docx.Font{EastAsia: fontTable, Latin: fontLatin, NoEastAsiaHint: true}
)

// The paragraph styles of the report. Naming them lets whoever edits the
// report in Word restyle it, and gives the navigation pane the title and
// the section headings.
const (
	styleTitle   = "ReportTitle"
	styleHeading = "SectionHeading"
	styleTable   = "TableText"
)

// docxStyles: Normal is the 仿宋 三号 body with a fixed 28-point line
// (about 22 lines a page, as 公文 are set), no widow control, so pages
// stay full, and Latin kerning from 1 point; the title, headings and
// table text have their own styles, off the line grid where they set
// their own line height.
var docxStyles = []docx.Style{
	{ID: "Normal", Gallery: true,
		Para: docx.ParaStyle{Align: docx.AlignBoth, AllowWidows: true, Line: docx.Pt(28), FirstLineChars: docx.CharsIndent2, FirstLine: 2 * docx.Pt(docx.SizeSan)},
		Run:  docx.RunStyle{Font: docxBodyFont, Size: docx.SizeSan, Kern: 1}},
	{ID: styleTitle, Name: "Report Title", BasedOn: "Normal", Next: "Normal", Gallery: true,
		Para: docx.ParaStyle{OffGrid: true, After: docx.Pt(28), Line: docx.Pt(32), ZeroFirstLine: true, Align: docx.AlignCenter, OutlineLevel: 1},
		Run:  docx.RunStyle{Font: docxTitleFont, Size: docx.SizeEr}},
	{ID: styleHeading, Name: "Section Heading", BasedOn: "Normal", Next: "Normal", Gallery: true,
		Para: docx.ParaStyle{KeepNext: true, OutlineLevel: 2},
		Run:  docx.RunStyle{Font: docxHeadingFont}},
	{ID: styleTable, Name: "Table Text", BasedOn: "Normal", Gallery: true,
		Para: docx.ParaStyle{OffGrid: true, Line: docx.Pt(13), ZeroFirstLine: true, Align: docx.AlignCenter},
		Run:  docx.RunStyle{Font: docxTableFont, Size: docx.SizeWu}},
}

// docxPage is the 公文 page (GB/T 9704-2012: A4, margins 37, 35, 28 and
// 26 mm) with the header and footer distances the report has always had.
func docxPage() docx.Page {
	p := docx.GongwenA4()
	p.Header, p.Footer = 851, 992
	return p
}

// RenderDOCX writes the report as a Word document (WordprocessingML) laid
// out like a filed 公文: A4 with 公文 margins, the title centred in
// 小标宋 二号, section headings in 黑体 三号, body text in 仿宋 三号 with a
// two-character first-line indent, page numbers "— n —" at the foot, and
// the tables with real merged cells (gridSpan, vMerge) and borders. The
// output is the same for the same report.
func RenderDOCX(w io.Writer, r *Report) error {
	if r == nil {
		return fmt.Errorf("annualreport: render DOCX: no report")
	}
	d := &docx.Document{
		Props:          docx.Properties{Title: reportTitle(r), Creator: r.Org},
		Page:           docxPage(),
		Font:           docxBodyFont,
		Size:           docx.SizeSan,
		PageNumbers:    true,
		PageNumberFont: docx.Font{EastAsia: docxTableFont.EastAsia, Latin: docxTableFont.Latin},
		Styles:         docxStyles,
	}
	if r.Published != nil {
		d.Props.Created = *r.Published
	}
	addDOCXBody(d, r, renderFormat(r))
	if err := d.Write(w); err != nil {
		return fmt.Errorf("annualreport: render DOCX: %w", err)
	}
	return nil
}

func addDOCXBody(d *docx.Document, r *Report, f *Format) {
	d.Add(docxPara(styleTitle, reportTitle(r)))
	for _, p := range sectionParagraphs(r.Preamble) {
		d.Add(docxPara("", p))
	}
	for _, s := range f.Sections {
		d.Add(docxPara(styleHeading, s.Label))
		for _, p := range sectionParagraphs(r.Sections[s.ID]) {
			d.Add(docxPara("", p))
		}
		switch s.ID {
		case "二":
			addDOCXTable(d, joinTwo(twoTables(r, f)), docx.SizeWu)
		case "三":
			addDOCXTable(d, threeTable(r, f), docx.SizeWu)
		case "四":
			addDOCXTable(d, fourTable(r, f), docx.SizeXiaoWu)
		}
	}
}

// joinTwo puts table 二's items in one table, each under a caption row
// spanning the table, as the official form draws it.
func joinTwo(ts []layoutTable) layoutTable {
	if len(ts) == 0 {
		return layoutTable{}
	}
	out := layoutTable{cols: ts[0].cols, widths: ts[0].widths}
	for _, t := range ts {
		out.rows = append(out.rows, []layoutCell{{text: t.caption, rowspan: 1, colspan: t.cols, header: true, scope: "colgroup"}})
		out.rows = append(out.rows, t.rows...)
	}
	return out
}

func docxPara(style, text string) docx.Paragraph {
	return docx.P(docx.ParaStyle{StyleID: style}, docx.Text(text, docx.RunStyle{}))
}

// addDOCXTable draws a laid-out table across the text width, in type of
// size points. Word has no rowspan: a cell merged downwards is a "restart"
// cell followed, in each row it covers, by a "continue" cell of the same
// width.
func addDOCXTable(d *docx.Document, t layoutTable, size float64) {
	if len(t.rows) == 0 || t.cols == 0 {
		return
	}
	tbl := docx.Table{Columns: docxColumns(t, d.Page.TextWidth()), Borders: true, Align: docx.AlignCenter, CellMargin: 57}
	_, covered := t.place()
	for r := range t.rows {
		row := docx.TableRow{CantSplit: true, Header: r < t.head}
		for c := 0; c < t.cols; {
			p := covered[r][c]
			if p == nil {
				row.Cells = append(row.Cells, docxTableCell(1, docx.MergeNone, "", false, false, size))
				c++
				continue
			}
			span := min(p.colspan, t.cols-c)
			merge, text := docx.MergeNone, p.text
			switch {
			case p.row != r:
				merge, text = docx.MergeContinue, ""
			case p.rowspan > 1:
				merge = docx.MergeStart
			}
			row.Cells = append(row.Cells, docxTableCell(span, merge, text, p.header, p.left, size))
			c += span
		}
		tbl.Rows = append(tbl.Rows, row)
	}
	// The paragraph after the table keeps the next table apart (Word
	// would join two tables) and, single-spaced, adds little height.
	d.Add(tbl, docx.P(docx.ParaStyle{StyleID: styleTable, Lines: 1}))
}

// docxColumns divides width among the table's columns by their relative
// widths; the last column takes what rounding leaves.
func docxColumns(t layoutTable, width int) []int {
	total := 0.0
	for _, x := range t.widths {
		total += x
	}
	cols := make([]int, t.cols)
	sum := 0
	for i := range cols {
		wv := 1.0
		if i < len(t.widths) {
			wv = t.widths[i]
		}
		cols[i] = int(float64(width) * wv / total)
		sum += cols[i]
	}
	cols[len(cols)-1] += width - sum
	return cols
}

// docxTableCell is a table cell in Table Text, centred unless it is a row
// label; header text is bold. The paragraph mark carries the size too,
// so empty cells are as tall as the others.
func docxTableCell(span int, merge docx.Merge, text string, header, left bool, size float64) docx.TableCell {
	ps := docx.ParaStyle{StyleID: styleTable, Mark: docx.RunStyle{Size: size}}
	if left {
		ps.Align = docx.AlignLeft
	}
	p := docx.P(ps)
	if text != "" {
		p.Runs = []docx.Run{docx.Text(text, docx.RunStyle{Size: size, Bold: header && !left})}
	}
	return docx.TableCell{Span: span, Merge: merge, VAlign: docx.VAlignCenter, Paragraphs: []docx.Paragraph{p}}
}
