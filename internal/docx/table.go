package docx

import (
	"fmt"
	"strings"
)

// Merge is a cell's place in a vertical merge (w:vMerge).
type Merge uint8

const (
	MergeNone     Merge = iota
	MergeStart          // the top cell of a vertically merged block; holds the text
	MergeContinue       // a cell covered by the cell above
)

// VAlign is a cell's vertical alignment.
type VAlign string

const (
	VAlignTop    VAlign = "top"
	VAlignCenter VAlign = "center"
	VAlignBottom VAlign = "bottom"
)

// Table is a table on a fixed grid of columns.
type Table struct {
	// Columns are the grid column widths in twips; every row's cells,
	// with their spans, cover exactly these columns.
	Columns []int
	Rows    []TableRow
	// Borders draws single lines of BorderSize eighths of a point around
	// and between all cells (a ruled statistics form).
	Borders    bool
	BorderSize int // eighths of a point; 0 means 4 (half a point)
	Align      Align
	// CellMargin is the left and right cell padding in twips (0: 108).
	CellMargin int
}

// TableRow is one row.
type TableRow struct {
	Cells []TableCell
	// Header repeats the row at the top of every page the table spans.
	Header bool
	// Height is the minimum height in twips (0: automatic).
	Height int
	// CantSplit keeps the row on one page.
	CantSplit bool
}

// TableCell is one cell. It spans Span grid columns (0 or 1: one).
type TableCell struct {
	Span   int
	Merge  Merge
	VAlign VAlign
	Shade  string // background RRGGBB
	// Paragraphs are the cell's content; an empty cell gets the one
	// empty paragraph WordprocessingML requires. A cell covered by a
	// vertical merge (MergeContinue) may hold empty, formatted paragraphs.
	Paragraphs []Paragraph
}

// Cell makes a one-paragraph cell.
func Cell(text string, ps ParaStyle, rs RunStyle) TableCell {
	return TableCell{Paragraphs: []Paragraph{P(ps, Text(text, rs))}}
}

func (c TableCell) span() int {
	if c.Span < 1 {
		return 1
	}
	return c.Span
}

// validate checks that the rows cover the grid and that every continued
// vertical merge lies under a merged cell of the same columns, which Word
// otherwise "repairs" by dropping content.
func (t Table) validate() error {
	if len(t.Columns) == 0 {
		return fmt.Errorf("table without columns")
	}
	// above[i] is the merge state and span of the cell starting at grid
	// column i in the previous row (span 0: no cell starts there).
	type start struct {
		merge Merge
		span  int
	}
	above := make([]start, len(t.Columns))
	for r, row := range t.Rows {
		cur := make([]start, len(t.Columns))
		col := 0
		for c, cell := range row.Cells {
			if col+cell.span() > len(t.Columns) {
				return fmt.Errorf("row %d cell %d: spans past the %d grid columns", r, c, len(t.Columns))
			}
			if cell.Merge == MergeContinue {
				a := above[col]
				if a.span != cell.span() || a.merge == MergeNone {
					return fmt.Errorf("row %d cell %d: continues a vertical merge with no merged cell of the same columns above", r, c)
				}
				if hasText(cell.Paragraphs) {
					return fmt.Errorf("row %d cell %d: a cell covered by a vertical merge cannot hold text", r, c)
				}
			}
			cur[col] = start{cell.Merge, cell.span()}
			col += cell.span()
		}
		if col != len(t.Columns) {
			return fmt.Errorf("row %d covers %d of %d grid columns", r, col, len(t.Columns))
		}
		above = cur
	}
	return nil
}

func (t Table) write(b *strings.Builder) {
	total := 0
	for _, w := range t.Columns {
		total += w
	}
	b.WriteString("<w:tbl><w:tblPr>")
	fmt.Fprintf(b, `<w:tblW w:w="%d" w:type="dxa"/>`, total)
	if t.Align != "" {
		fmt.Fprintf(b, `<w:jc w:val="%s"/>`, escape(string(t.Align)))
	}
	if t.Borders {
		size := t.BorderSize
		if size == 0 {
			size = 4
		}
		b.WriteString("<w:tblBorders>")
		for _, side := range []string{"top", "left", "bottom", "right", "insideH", "insideV"} {
			fmt.Fprintf(b, `<w:%s w:val="single" w:sz="%d" w:space="0" w:color="000000"/>`, side, size)
		}
		b.WriteString("</w:tblBorders>")
	}
	b.WriteString(`<w:tblLayout w:type="fixed"/>`)
	margin := t.CellMargin
	if margin == 0 {
		margin = 108
	}
	fmt.Fprintf(b, `<w:tblCellMar><w:left w:w="%d" w:type="dxa"/><w:right w:w="%d" w:type="dxa"/></w:tblCellMar>`, margin, margin)
	b.WriteString("</w:tblPr><w:tblGrid>")
	for _, w := range t.Columns {
		fmt.Fprintf(b, `<w:gridCol w:w="%d"/>`, w)
	}
	b.WriteString("</w:tblGrid>\n")
	for _, row := range t.Rows {
		b.WriteString("<w:tr>")
		if row.Header || row.Height > 0 || row.CantSplit {
			b.WriteString("<w:trPr>")
			if row.CantSplit {
				b.WriteString("<w:cantSplit/>")
			}
			if row.Height > 0 {
				fmt.Fprintf(b, `<w:trHeight w:val="%d" w:hRule="atLeast"/>`, row.Height)
			}
			if row.Header {
				b.WriteString("<w:tblHeader/>")
			}
			b.WriteString("</w:trPr>")
		}
		col := 0
		for _, cell := range row.Cells {
			width := 0
			for _, w := range t.Columns[col : col+cell.span()] {
				width += w
			}
			col += cell.span()
			cell.write(b, width)
		}
		b.WriteString("</w:tr>\n")
	}
	b.WriteString("</w:tbl>\n")
}

func (c TableCell) write(b *strings.Builder, width int) {
	b.WriteString("<w:tc><w:tcPr>")
	fmt.Fprintf(b, `<w:tcW w:w="%d" w:type="dxa"/>`, width)
	if c.span() > 1 {
		fmt.Fprintf(b, `<w:gridSpan w:val="%d"/>`, c.span())
	}
	switch c.Merge {
	case MergeStart:
		b.WriteString(`<w:vMerge w:val="restart"/>`)
	case MergeContinue:
		b.WriteString("<w:vMerge/>")
	}
	if c.Shade != "" {
		fmt.Fprintf(b, `<w:shd w:val="clear" w:color="auto" w:fill="%s"/>`, escape(c.Shade))
	}
	if c.VAlign != "" {
		fmt.Fprintf(b, `<w:vAlign w:val="%s"/>`, escape(string(c.VAlign)))
	}
	b.WriteString("</w:tcPr>")
	// A covered cell keeps its paragraphs' formatting (validate has made
	// sure they hold no text), so its empty paragraph matches the cells
	// beside it.
	paras := c.Paragraphs
	if len(paras) == 0 {
		paras = []Paragraph{{}}
	}
	for _, p := range paras {
		p.write(b)
	}
	b.WriteString("</w:tc>")
}

func hasText(ps []Paragraph) bool {
	for _, p := range ps {
		for _, r := range p.Runs {
			if r.Text != "" {
				return true
			}
		}
	}
	return false
}
