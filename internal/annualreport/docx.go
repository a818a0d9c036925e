package annualreport

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
	"unicode/utf8"
)

// maxPartSize bounds how much of one archive part a reader inflates, so a
// zip bomb fails instead of exhausting memory. A long report's
// document.xml is a few megabytes.
const maxPartSize = 64 << 20

// readDOCX turns a Word (.docx, WordprocessingML) report into a Document:
// the body's paragraphs and tables in order, merged cells (gridSpan,
// vMerge) resolved, and the title from the core properties.
func readDOCX(data []byte) (Document, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return Document{}, fmt.Errorf("annualreport: open docx: %w", err)
	}
	main := mainDocumentPart(zr)
	body, err := readZipPart(zr, main)
	if err != nil {
		return Document{}, fmt.Errorf("annualreport: docx: %w", err)
	}
	var doc Document
	if core, err := readZipPart(zr, "docProps/core.xml"); err == nil {
		doc.Title = coreTitle(core)
	}
	p := &docxParser{d: xml.NewDecoder(bytes.NewReader(stripRunProperties(body)))}
	p.d.Strict = false
	if numbering, err := readZipPart(zr, "word/numbering.xml"); err == nil {
		styles, _ := readZipPart(zr, "word/styles.xml")
		p.num = readDOCXNumbering(numbering, styles)
	}
	if err := p.run(&doc); err != nil {
		return Document{}, fmt.Errorf("annualreport: docx %s: %w", main, err)
	}
	splitHeadingParagraphs(&doc)
	return doc, nil
}

// mainDocumentPart finds the main document part through the package
// relationships; almost always word/document.xml.
func mainDocumentPart(zr *zip.Reader) string {
	rels, err := readZipPart(zr, "_rels/.rels")
	if err == nil {
		var r struct {
			Rel []struct {
				Type   string `xml:"Type,attr"`
				Target string `xml:"Target,attr"`
			} `xml:"Relationship"`
		}
		if xml.Unmarshal(rels, &r) == nil {
			for _, x := range r.Rel {
				if strings.HasSuffix(x.Type, "/officeDocument") {
					return strings.TrimPrefix(path.Clean("/"+x.Target), "/")
				}
			}
		}
	}
	return "word/document.xml"
}

var errPartMissing = errors.New("part missing")

func readZipPart(zr *zip.Reader, name string) ([]byte, error) {
	for _, f := range zr.File {
		if !strings.EqualFold(f.Name, name) {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return nil, fmt.Errorf("open %s: %w", name, err)
		}
		defer rc.Close()
		b, err := io.ReadAll(io.LimitReader(rc, maxPartSize+1))
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", name, err)
		}
		if len(b) > maxPartSize {
			return nil, fmt.Errorf("%s is larger than %d bytes", name, maxPartSize)
		}
		return b, nil
	}
	return nil, fmt.Errorf("%s: %w", name, errPartMissing)
}

func coreTitle(core []byte) string {
	var c struct {
		Title string `xml:"title"`
	}
	if xml.Unmarshal(core, &c) != nil {
		return ""
	}
	return cleanText(c.Title)
}

// docxParser reads document.xml as a token stream. Element names are
// matched on their local part, which is the same in transitional and
// strict OOXML.
type docxParser struct {
	d   *xml.Decoder
	num *docxNumbering // nil when the document has no automatic numbering
	// nesting is how many tables enclose the one being read.
	nesting int
}

// maxDOCXNesting bounds tables within table cells. Reading a table
// recurses (table → row → cell → table), and a small file can nest
// tables a million deep: past this depth a table is skipped, which reads
// no deeper. Real reports nest two or three.
const maxDOCXNesting = 16

// docxSkipped are elements whose content is not body text: properties,
// deleted text, field codes, drawings (their text boxes repeat text in
// alternate forms), footnote references.
var docxSkipped = map[string]bool{
	"rPr": true, "tblPr": true, "tblGrid": true, "sectPr": true,
	"delText": true, "instrText": true, "del": true, "drawing": true, "pict": true,
	"object": true, "AlternateContent": true, "footnoteReference": true,
	"endnoteReference": true, "commentReference": true, "sdtPr": true, "sdtEndPr": true,
	"tblPrEx": true, "moveFrom": true, "fldData": true,
}

func (p *docxParser) run(doc *Document) error {
	for {
		tok, err := p.d.RawToken()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch se.Name.Local {
		case "p":
			lines, err := p.paragraph()
			if err != nil {
				return err
			}
			for _, l := range lines {
				appendParagraph(doc, l)
			}
		case "tbl":
			blocks, err := p.table()
			if err != nil {
				return err
			}
			for _, b := range blocks {
				if b.Table != nil {
					appendGrid(doc, b.Table)
				} else {
					appendParagraph(doc, b.Text)
				}
			}
		default:
			if docxSkipped[se.Name.Local] {
				if err := p.skip(); err != nil {
					return err
				}
			}
			// Anything else (body, sdt, sdtContent, customXml …) is a
			// transparent wrapper: its children are read in turn.
		}
	}
}

// skip consumes tokens up to the end of the element just started.
func (p *docxParser) skip() error {
	depth := 1
	for depth > 0 {
		tok, err := p.inner()
		if err != nil {
			return err
		}
		switch tok.(type) {
		case xml.StartElement:
			depth++
		case xml.EndElement:
			depth--
		}
	}
	return nil
}

// paragraph reads a w:p and returns its lines: a line break (w:br, w:cr)
// inside a paragraph starts a new line.
func (p *docxParser) paragraph() ([]string, error) {
	var lines []string
	var cur strings.Builder
	inText := false
	var ref docxNumRef
	style := ""
	depth := 1
	for depth > 0 {
		tok, err := p.inner()
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch name := t.Name.Local; {
			case name == "pPr":
				var err error
				if style, ref, err = p.paraProps(); err != nil {
					return nil, err
				}
				continue
			case docxSkipped[name]:
				if err := p.skip(); err != nil {
					return nil, err
				}
				continue
			case name == "t":
				inText = true
			case name == "tab" || name == "ptab":
				cur.WriteByte(' ')
			case name == "br" || name == "cr":
				lines = append(lines, cur.String())
				cur.Reset()
			case name == "noBreakHyphen" || name == "softHyphen":
				cur.WriteByte('-')
			}
			depth++
		case xml.EndElement:
			if t.Name.Local == "t" {
				inText = false
			}
			depth--
		case xml.CharData:
			if inText {
				cur.Write(t)
			}
		}
	}
	lines = append(lines, cur.String())
	if p.num != nil {
		if !ref.set {
			ref = p.num.styles[style]
		}
		if label := p.num.label(ref); label != "" {
			lines[0] = label + lines[0]
		}
	}
	return lines, nil
}

// paraProps reads a w:pPr for the paragraph style and its direct
// numbering (w:numPr); the rest of the properties do not matter here.
func (p *docxParser) paraProps() (style string, ref docxNumRef, err error) {
	depth := 1
	for depth > 0 {
		tok, err := p.inner()
		if err != nil {
			return "", ref, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "pStyle":
				style = attr(t, "val")
			case "numPr":
				ref.set = true
			case "ilvl":
				ref.ilvl = atoiAttr(t, "val")
			case "numId":
				ref.numID = attr(t, "val")
			case "rPr":
				if err := p.skip(); err != nil {
					return "", ref, err
				}
				continue
			}
			depth++
		case xml.EndElement:
			depth--
		}
	}
	return style, ref, nil
}

func attr(se xml.StartElement, local string) string {
	for _, a := range se.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// docxCell is one w:tc as written: its text, how many grid columns it
// spans and how it takes part in a vertical or legacy horizontal merge.
type docxCell struct {
	text   string
	blocks []Block // the cell's paragraphs and tables, for a layout table
	span   int
	vMerge string // "", "restart" or "continue"
	hMerge string
}

// inner reads the next token inside an element that has not ended: an
// end of input there is a truncated document, not a clean finish.
func (p *docxParser) inner() (xml.Token, error) {
	tok, err := p.d.RawToken()
	if err == io.EOF {
		err = io.ErrUnexpectedEOF
	}
	return tok, err
}

// table reads a w:tbl into a Grid. Word writes every row's cells with
// explicit grid positions (gridBefore, gridSpan), and a vertical merge as
// a "continue" cell under its "restart" cell. A table used for layout (a
// single cell framing the text, or cells holding tables) gives its cells'
// paragraphs and tables instead, in reading order.
func (p *docxParser) table() ([]Block, error) {
	if p.nesting >= maxDOCXNesting {
		return nil, p.skip()
	}
	p.nesting++
	defer func() { p.nesting-- }()
	var rows [][]docxCell
	var before []int
	depth := 1
	for depth > 0 {
		tok, err := p.inner()
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "tr":
				row, gb, err := p.row()
				if err != nil {
					return nil, err
				}
				if len(rows) < maxGridRows {
					rows = append(rows, row)
					before = append(before, gb)
				}
				continue
			case "tblPr", "tblGrid", "tblPrEx":
				if err := p.skip(); err != nil {
					return nil, err
				}
				continue
			}
			depth++
		case xml.EndElement:
			depth--
		}
	}
	if isLayoutDOCXTable(rows) {
		var out []Block
		for _, row := range rows {
			for _, c := range row {
				out = append(out, c.blocks...)
			}
		}
		return out, nil
	}
	return []Block{{Table: docxGrid(rows, before)}}, nil
}

// isLayoutDOCXTable: one cell in all, or a cell that holds a table.
func isLayoutDOCXTable(rows [][]docxCell) bool {
	cells := 0
	for _, row := range rows {
		for _, c := range row {
			cells++
			for _, b := range c.blocks {
				if b.Table != nil {
					return true
				}
			}
		}
	}
	return cells == 1 && utf8.RuneCountInString(rows[0][0].text) > 120
}

func (p *docxParser) row() ([]docxCell, int, error) {
	var cells []docxCell
	gridBefore := 0
	depth := 1
	for depth > 0 {
		tok, err := p.inner()
		if err != nil {
			return nil, 0, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "tc":
				c, err := p.cell()
				if err != nil {
					return nil, 0, err
				}
				cells = append(cells, c)
				continue
			case "gridBefore":
				gridBefore = min(max(atoiAttr(t, "val"), 0), maxColspan)
			case "tblPrEx":
				if err := p.skip(); err != nil {
					return nil, 0, err
				}
				continue
			}
			depth++
		case xml.EndElement:
			depth--
		}
	}
	return cells, gridBefore, nil
}

func (p *docxParser) cell() (docxCell, error) {
	c := docxCell{span: 1}
	var parts []string
	depth := 1
	for depth > 0 {
		tok, err := p.inner()
		if err != nil {
			return c, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "p":
				lines, err := p.paragraph()
				if err != nil {
					return c, err
				}
				parts = append(parts, lines...)
				for _, l := range lines {
					if l = cleanText(l); l != "" {
						c.blocks = append(c.blocks, Block{Text: l})
					}
				}
				continue
			case "tbl":
				// A table in a cell: kept as a table for a layout table, and
				// its text in the cell otherwise.
				blocks, err := p.table()
				if err != nil {
					return c, err
				}
				c.blocks = append(c.blocks, blocks...)
				for _, b := range blocks {
					if b.Table == nil {
						parts = append(parts, b.Text)
						continue
					}
					for _, row := range b.Table.Rows {
						for _, gc := range row {
							if gc.Origin {
								parts = append(parts, gc.Text)
							}
						}
					}
				}
				continue
			case "gridSpan":
				c.span = min(max(atoiAttr(t, "val"), 1), maxColspan)
			case "vMerge":
				c.vMerge = mergeAttr(t)
			case "hMerge":
				c.hMerge = mergeAttr(t)
			default:
				if docxSkipped[t.Name.Local] && t.Name.Local != "tcPr" {
					if err := p.skip(); err != nil {
						return c, err
					}
					continue
				}
			}
			depth++
		case xml.EndElement:
			depth--
		}
	}
	c.text = cleanText(strings.Join(parts, " "))
	return c, nil
}

// mergeAttr reads w:vMerge / w:hMerge: without a value it continues the
// merge above (or to the left).
func mergeAttr(se xml.StartElement) string {
	for _, a := range se.Attr {
		if a.Name.Local == "val" {
			if a.Value == "restart" {
				return "restart"
			}
			return "continue"
		}
	}
	return "continue"
}

func atoiAttr(se xml.StartElement, local string) int {
	for _, a := range se.Attr {
		if a.Name.Local == local {
			n, err := strconv.Atoi(strings.TrimSpace(a.Value))
			if err != nil {
				return 0
			}
			return n
		}
	}
	return 0
}

// docxGrid places Word cells on the table grid and resolves merges: a
// continuing cell repeats the text of the cell above (vMerge) or to the
// left (hMerge) and is not an origin.
func docxGrid(rows [][]docxCell, before []int) *Grid {
	width := 0
	for r, row := range rows {
		w := before[r]
		for _, c := range row {
			w += c.span
		}
		width = max(width, min(w, maxGridCols))
	}
	g := &Grid{Rows: make([][]GridCell, len(rows))}
	for r, row := range rows {
		line := make([]GridCell, width)
		for i := range line {
			line[i].Origin = true
		}
		col := before[r]
		for _, c := range row {
			if col >= width {
				break
			}
			end := min(col+c.span, width)
			for x := col; x < end; x++ {
				switch {
				case c.vMerge == "continue" && r > 0:
					line[x] = GridCell{Text: g.Rows[r-1][x].Text}
				case c.hMerge == "continue" && col > 0:
					line[x] = GridCell{Text: line[col-1].Text}
				default:
					line[x] = GridCell{Text: c.text, Origin: x == col}
				}
			}
			col = end
		}
		g.Rows[r] = line
	}
	dropEmptyColumns(g)
	return g
}
