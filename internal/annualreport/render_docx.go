package annualreport

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"time"
)

// Page geometry of a 公文 (GB/T 9704-2012) in twentieths of a point: A4,
// top margin 37 mm, bottom 35 mm, left 28 mm, right 26 mm.
const (
	docxPageW      = 11906
	docxPageH      = 16838
	docxMarginTop  = 2098
	docxMarginBot  = 1984
	docxMarginLeft = 1587
	docxMarginRigh = 1474
	docxTextWidth  = docxPageW - docxMarginLeft - docxMarginRigh
)

// Fonts of a 公文: the title in 方正小标宋简体, headings in 黑体, body in
// 仿宋_GB2312. Machines without them fall back through the font table's
// alternative names (仿宋, 宋体, SimHei).
const (
	fontTitle   = "方正小标宋简体"
	fontHeading = "黑体"
	fontBody    = "仿宋_GB2312"
	fontTable   = "宋体"
	fontLatin   = "Times New Roman"
)

// RenderDOCX writes the report as a Word document (WordprocessingML) laid
// out like a filed 公文: A4 with 公文 margins, the title centred in
// 小标宋 二号, section headings in 黑体 三号, body text in 仿宋 三号 with a
// two-character first-line indent, page numbers "— n —" at the foot, and
// the tables with real merged cells (gridSpan, vMerge) and borders. The
// parts are written directly, so the output is the same for the same
// report.
func RenderDOCX(w io.Writer, r *Report) error {
	if r == nil {
		return fmt.Errorf("annualreport: render DOCX: no report")
	}
	f := renderFormat(r)
	var body bytes.Buffer
	writeDOCXBody(&body, r, f)

	title := reportTitle(r)
	var core strings.Builder
	core.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`)
	fmt.Fprintf(&core, "<dc:title>%s</dc:title>", xmlEsc(title))
	if r.Org != "" {
		fmt.Fprintf(&core, "<dc:creator>%s</dc:creator>", xmlEsc(r.Org))
	}
	core.WriteString("<dc:language>zh-CN</dc:language>")
	if r.Published != nil {
		fmt.Fprintf(&core, `<dcterms:created xsi:type="dcterms:W3CDTF">%s</dcterms:created>`, r.Published.UTC().Format(time.RFC3339))
	}
	core.WriteString("</cp:coreProperties>")

	parts := []struct{ name, body string }{
		{"[Content_Types].xml", docxContentTypes},
		{"_rels/.rels", docxRootRels},
		{"docProps/core.xml", core.String()},
		{"docProps/app.xml", docxApp},
		{"word/document.xml", body.String()},
		{"word/_rels/document.xml.rels", docxDocumentRels},
		{"word/styles.xml", docxStyles},
		{"word/fontTable.xml", docxFontTable},
		{"word/settings.xml", docxSettings},
		{"word/footer1.xml", docxFooter},
	}
	zw := zip.NewWriter(w)
	for _, p := range parts {
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate})
		if err != nil {
			return fmt.Errorf("annualreport: render DOCX %s: %w", p.name, err)
		}
		if _, err := io.WriteString(fw, p.body); err != nil {
			return fmt.Errorf("annualreport: render DOCX %s: %w", p.name, err)
		}
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("annualreport: render DOCX: %w", err)
	}
	return nil
}

func xmlEsc(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

func writeDOCXBody(b *bytes.Buffer, r *Report, f *Format) {
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>`)
	docxPara(b, "ReportTitle", reportTitle(r))
	for _, p := range sectionParagraphs(r.Preamble) {
		docxPara(b, "", p)
	}
	for _, s := range f.Sections {
		docxPara(b, "SectionHeading", s.Label)
		for _, p := range sectionParagraphs(r.Sections[s.ID]) {
			docxPara(b, "", p)
		}
		switch s.ID {
		case "二":
			writeDOCXTable(b, joinTwo(twoTables(r, f)), 21)
		case "三":
			writeDOCXTable(b, threeTable(r, f), 21)
		case "四":
			writeDOCXTable(b, fourTable(r, f), 18)
		}
	}
	fmt.Fprintf(b, `<w:sectPr><w:footerReference w:type="default" r:id="rIdFooter1"/>`+
		`<w:pgSz w:w="%d" w:h="%d"/><w:pgMar w:top="%d" w:right="%d" w:bottom="%d" w:left="%d" w:header="851" w:footer="992" w:gutter="0"/>`+
		`<w:docGrid w:type="lines" w:linePitch="579"/></w:sectPr></w:body></w:document>`,
		docxPageW, docxPageH, docxMarginTop, docxMarginRigh, docxMarginBot, docxMarginLeft)
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

func docxPara(b *bytes.Buffer, style, text string) {
	b.WriteString("<w:p>")
	if style != "" {
		fmt.Fprintf(b, `<w:pPr><w:pStyle w:val="%s"/></w:pPr>`, style)
	}
	fmt.Fprintf(b, `<w:r><w:t xml:space="preserve">%s</w:t></w:r></w:p>`, xmlEsc(text))
}

// writeDOCXTable draws a laid-out table. Word has no rowspan: a cell
// merged downwards is a "restart" cell followed, in each row it covers,
// by a "continue" cell of the same width.
func writeDOCXTable(b *bytes.Buffer, t layoutTable, halfPoints int) {
	if len(t.rows) == 0 || t.cols == 0 {
		return
	}
	total := 0.0
	for _, x := range t.widths {
		total += x
	}
	widths := make([]int, t.cols)
	sum := 0
	for i := range widths {
		wv := 1.0
		if i < len(t.widths) {
			wv = t.widths[i]
		}
		widths[i] = int(float64(docxTextWidth) * wv / total)
		sum += widths[i]
	}
	widths[len(widths)-1] += docxTextWidth - sum
	b.WriteString(`<w:tbl><w:tblPr><w:tblW w:w="` + fmt.Sprint(docxTextWidth) + `" w:type="dxa"/><w:jc w:val="center"/>` +
		`<w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:left w:val="single" w:sz="4" w:space="0" w:color="000000"/>` +
		`<w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:right w:val="single" w:sz="4" w:space="0" w:color="000000"/>` +
		`<w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="000000"/></w:tblBorders>` +
		`<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar>` +
		`<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>`)
	for _, x := range widths {
		fmt.Fprintf(b, `<w:gridCol w:w="%d"/>`, x)
	}
	b.WriteString("</w:tblGrid>")
	_, covered := t.place()
	for r := range t.rows {
		b.WriteString("<w:tr><w:trPr><w:cantSplit/>")
		if r < t.head {
			b.WriteString("<w:tblHeader/>")
		}
		b.WriteString(`<w:jc w:val="center"/></w:trPr>`)
		for c := 0; c < t.cols; {
			p := covered[r][c]
			if p == nil {
				writeDOCXCell(b, widths[c], 1, "", "", false, false, halfPoints)
				c++
				continue
			}
			span := min(p.colspan, t.cols-c)
			w := 0
			for k := c; k < c+span; k++ {
				w += widths[k]
			}
			switch {
			case p.row == r && p.rowspan > 1:
				writeDOCXCell(b, w, span, "restart", p.text, p.header, p.left, halfPoints)
			case p.row == r:
				writeDOCXCell(b, w, span, "", p.text, p.header, p.left, halfPoints)
			default:
				writeDOCXCell(b, w, span, "continue", "", p.header, p.left, halfPoints)
			}
			c += span
		}
		b.WriteString("</w:tr>")
	}
	b.WriteString("</w:tbl>")
	// Word needs a paragraph between two tables, or it joins them.
	b.WriteString(`<w:p><w:pPr><w:pStyle w:val="TableText"/><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:p>`)
}

func writeDOCXCell(b *bytes.Buffer, width, span int, vmerge, text string, header, left bool, halfPoints int) {
	fmt.Fprintf(b, `<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/>`, width)
	if span > 1 {
		fmt.Fprintf(b, `<w:gridSpan w:val="%d"/>`, span)
	}
	switch vmerge {
	case "restart":
		b.WriteString(`<w:vMerge w:val="restart"/>`)
	case "continue":
		b.WriteString(`<w:vMerge/>`)
	}
	b.WriteString(`<w:vAlign w:val="center"/></w:tcPr><w:p><w:pPr><w:pStyle w:val="TableText"/>`)
	if left {
		b.WriteString(`<w:jc w:val="left"/>`)
	}
	fmt.Fprintf(b, `<w:rPr><w:sz w:val="%d"/><w:szCs w:val="%d"/></w:rPr></w:pPr>`, halfPoints, halfPoints)
	if text != "" {
		b.WriteString("<w:r><w:rPr>")
		if header && !left {
			b.WriteString("<w:b/>")
		}
		fmt.Fprintf(b, `<w:sz w:val="%d"/><w:szCs w:val="%d"/></w:rPr><w:t xml:space="preserve">%s</w:t></w:r>`, halfPoints, halfPoints, xmlEsc(text))
	}
	b.WriteString("</w:p></w:tc>")
}

const docxContentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/><Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/><Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>`

const docxRootRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>`

const docxDocumentRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rIdFonts" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/><Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/><Relationship Id="rIdFooter1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/></Relationships>`

const docxApp = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>gongkai</Application></Properties>`

const docxSettings = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:defaultTabStop w:val="420"/><w:characterSpacingControl w:val="compressPunctuation"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>`

// docxFooter centres the page number as 公文 do: "— 1 —" in 宋体 四号.
const docxFooter = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:rFonts w:ascii="` + fontLatin + `" w:hAnsi="` + fontLatin + `" w:eastAsia="` + fontTable + `"/><w:sz w:val="28"/></w:rPr><w:t xml:space="preserve">— </w:t></w:r><w:r><w:rPr><w:sz w:val="28"/></w:rPr><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:rPr><w:sz w:val="28"/></w:rPr><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:rPr><w:sz w:val="28"/></w:rPr><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:rPr><w:sz w:val="28"/></w:rPr><w:t>1</w:t></w:r><w:r><w:rPr><w:sz w:val="28"/></w:rPr><w:fldChar w:fldCharType="end"/></w:r><w:r><w:rPr><w:rFonts w:ascii="` + fontLatin + `" w:hAnsi="` + fontLatin + `" w:eastAsia="` + fontTable + `"/><w:sz w:val="28"/></w:rPr><w:t xml:space="preserve"> —</w:t></w:r></w:p></w:ftr>`

// docxStyles: Normal is the 仿宋 三号 body with a fixed 28-point line
// (about 22 lines a page, as 公文 are set); the title, headings and table
// text have their own styles.
const docxStyles = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="` + fontLatin + `" w:hAnsi="` + fontLatin + `" w:eastAsia="` + fontBody + `" w:cs="` + fontLatin + `"/><w:kern w:val="2"/><w:sz w:val="32"/><w:szCs w:val="32"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:widowControl w:val="0"/><w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults>` +
	`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:line="560" w:lineRule="exact"/><w:ind w:firstLineChars="200" w:firstLine="640"/></w:pPr><w:rPr><w:rFonts w:ascii="` + fontLatin + `" w:hAnsi="` + fontLatin + `" w:eastAsia="` + fontBody + `"/><w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:customStyle="1" w:styleId="ReportTitle"><w:name w:val="Report Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="560" w:line="640" w:lineRule="exact"/><w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="center"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:rFonts w:ascii="` + fontLatin + `" w:hAnsi="` + fontLatin + `" w:eastAsia="` + fontTitle + `"/><w:sz w:val="44"/><w:szCs w:val="44"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:customStyle="1" w:styleId="SectionHeading"><w:name w:val="Section Heading"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:rFonts w:ascii="` + fontLatin + `" w:hAnsi="` + fontLatin + `" w:eastAsia="` + fontHeading + `"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:customStyle="1" w:styleId="TableText"><w:name w:val="Table Text"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="260" w:lineRule="exact"/><w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="center"/></w:pPr><w:rPr><w:rFonts w:ascii="` + fontLatin + `" w:hAnsi="` + fontLatin + `" w:eastAsia="` + fontTable + `"/><w:sz w:val="21"/><w:szCs w:val="21"/></w:rPr></w:style>` +
	`<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style></w:styles>`

// docxFontTable names each 公文 font with the fonts to use where it is not
// installed (w:altName), and its character set (GB2312, 86).
const docxFontTable = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` +
	`<w:font w:name="` + fontBody + `"><w:altName w:val="仿宋"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>` +
	`<w:font w:name="仿宋"><w:altName w:val="FangSong"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>` +
	`<w:font w:name="` + fontTitle + `"><w:altName w:val="宋体"/><w:charset w:val="86"/><w:family w:val="script"/><w:pitch w:val="variable"/></w:font>` +
	`<w:font w:name="` + fontHeading + `"><w:altName w:val="SimHei"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>` +
	`<w:font w:name="` + fontTable + `"><w:altName w:val="SimSun"/><w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>` +
	`<w:font w:name="` + fontLatin + `"><w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font></w:fonts>`
