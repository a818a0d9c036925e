package annualreport

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"
)

// This file generates the report layouts real publishers produce (issue
// 9 §1) from a report model, so every layout class is a committed,
// reproducible fixture rather than a copy of someone's document.

// pdfVariant is how a generated PDF departs from a tidy one.
type pdfVariant struct {
	name string
	// fourShift moves table 四's left border by a fraction of a point
	// (WPS exports: 77.05 for table 三, 77.35 for table 四 on one page).
	fourShift float64
	// openBottom leaves the last row on a page without its closing
	// rule: the vertical rules run on to the row's bottom.
	openBottom bool
	// stacked sets table 四's column headers one character per line.
	stacked bool
	// borderless draws no rules: the columns show only by alignment
	// (not a variant of the property test: wrapped labels in borderless
	// tables are beyond the reader).
	borderless bool
	// top is where the body starts on the first page, lower to make
	// table 三 break across pages.
	top float64
}

var pdfVariants = []pdfVariant{
	{name: "tidy", top: 780},
	{name: "near-coincident-borders", fourShift: 0.3, top: 780},
	{name: "page-break-without-closing-rule", openBottom: true, top: 780},
	{name: "stacked-headers", stacked: true, top: 780},
}

const (
	genLeft, genRight    = 77.05, 530.0
	genBottom            = 60.0
	genBody, genTableSz  = 10.0, 7.0
	genLead, genTableLed = 16.0, 9.0
)

// pdfGen lays a report out on pages as a word processor exports it.
type pdfGen struct {
	v     pdfVariant
	pages []*strings.Builder
	on    int     // the page drawn on
	y     float64 // top of the free space on the last page
}

func (g *pdfGen) page() *strings.Builder { return g.pages[g.on] }

func (g *pdfGen) newPage() {
	g.pages = append(g.pages, &strings.Builder{})
	g.on = len(g.pages) - 1
	g.y = 780
}

func (g *pdfGen) text(x, y, size float64, s string) {
	var hex strings.Builder
	for _, r := range s {
		fmt.Fprintf(&hex, "%04X", r)
	}
	fmt.Fprintf(g.page(), "BT /F1 %g Tf 1 0 0 1 %.2f %.2f Tm <%s> Tj ET\n", size, x, y, hex.String())
}

func (g *pdfGen) rule(x0, y0, x1, y1 float64) {
	if g.v.borderless {
		return
	}
	fmt.Fprintf(g.page(), "%.2f %.2f m %.2f %.2f l S\n", x0, y0, x1, y1)
}

// runeWidth in ems: ASCII half, the rest full, as the CID font's widths.
func runeWidth(r rune) float64 {
	if r >= 32 && r <= 126 {
		return 0.5
	}
	return 1
}

// wrap breaks s into lines at most width points wide at size.
func wrap(s string, size, width float64) []string {
	var lines []string
	var cur strings.Builder
	w := 0.0
	for _, r := range s {
		rw := runeWidth(r) * size
		if w+rw > width+0.01 && cur.Len() > 0 {
			lines = append(lines, cur.String())
			cur.Reset()
			w = 0
		}
		cur.WriteRune(r)
		w += rw
	}
	if cur.Len() > 0 {
		lines = append(lines, cur.String())
	}
	return lines
}

// paragraph writes body text: the first line indented two characters,
// wrapped lines running to the right margin.
func (g *pdfGen) paragraph(s string, size float64, indent bool) {
	first := 0.0
	if indent {
		first = 2 * size
	}
	lines := wrap(s, size, genRight-genLeft-first)
	if len(lines) > 1 {
		// Lines after the first use the full width.
		rest := wrap(strings.TrimPrefix(s, lines[0]), size, genRight-genLeft)
		lines = append(lines[:1], rest...)
	}
	for i, l := range lines {
		if g.y-genLead < genBottom {
			g.newPage()
		}
		g.y -= genLead
		x := genLeft
		if i == 0 {
			x += first
		}
		g.text(x, g.y, size, l)
	}
}

// table draws a laid-out table with every cell's borders, breaking
// between rows at the page's end.
func (g *pdfGen) table(t layoutTable, shift float64, stacked bool) {
	left := genLeft + shift
	total := 0.0
	for _, w := range t.widths {
		total += w
	}
	xs := []float64{left}
	for _, w := range t.widths {
		xs = append(xs, xs[len(xs)-1]+w/total*(genRight-genLeft))
	}
	cells, _ := t.place()
	linesOf := func(p placed) []string {
		width := xs[p.col+p.colspan] - xs[p.col] - 4
		if stacked && p.header && p.colspan == 1 && p.rowspan <= 2 && utf8.RuneCountInString(p.text) <= 4 && len(t.rows) == 4 {
			return wrap(p.text, genTableSz, genTableSz)
		}
		return wrap(p.text, genTableSz, width)
	}
	heights := make([]float64, len(t.rows))
	for r := range cells {
		heights[r] = genTableLed + 4
		for _, p := range cells[r] {
			if p.rowspan == 1 {
				heights[r] = max(heights[r], float64(len(linesOf(p)))*genTableLed+4)
			}
		}
	}
	if g.y-heights[0] < genBottom {
		g.newPage()
	}
	g.y -= 6
	type piece struct {
		top, bottom float64
		page        int
	}
	rowAt := make([]piece, len(t.rows))
	for r := range t.rows {
		if g.y-heights[r] < genBottom {
			// The page break closes the last row, unless the variant
			// leaves it open.
			if !g.v.openBottom {
				g.rule(xs[0], g.y, xs[len(xs)-1], g.y)
			}
			g.newPage()
		}
		rowAt[r] = piece{g.y, g.y - heights[r], len(g.pages) - 1}
		g.y -= heights[r]
	}
	for r := range cells {
		for _, p := range cells[r] {
			last := min(r+p.rowspan-1, len(t.rows)-1)
			// One piece of the cell per page it spans.
			for a := r; a <= last; {
				b := a
				for b+1 <= last && rowAt[b+1].page == rowAt[a].page {
					b++
				}
				g.on = rowAt[a].page
				top, bottom := rowAt[a].top, rowAt[b].bottom
				x0, x1 := xs[p.col], xs[p.col+p.colspan]
				if a == r {
					g.rule(x0, top, x1, top)
					for i, l := range linesOf(p) {
						g.text(x0+2, top-genTableLed*float64(i+1)+1, genTableSz, l)
					}
				}
				pageEnds := b+1 < len(t.rows) && rowAt[b+1].page != rowAt[b].page
				if b == last && !(g.v.openBottom && pageEnds) {
					g.rule(x0, bottom, x1, bottom)
				}
				g.rule(x0, top, x0, bottom)
				g.rule(x1, top, x1, bottom)
				a = b + 1
			}
		}
	}
	g.on = len(g.pages) - 1
}

// renderLayoutPDF writes r as a ruled-table PDF in the given variant.
func renderLayoutPDF(r *Report, v pdfVariant) []byte {
	g := &pdfGen{v: v}
	g.newPage()
	g.y = v.top
	f := r.layoutFormat()
	g.y -= 10
	g.text(genLeft, g.y, 16, r.Title)
	g.y -= 10
	if r.Published != nil {
		g.paragraph("发布日期："+r.Published.Format("2006-01-02"), genBody, false)
	}
	para := func(s string) {
		for _, p := range sectionParagraphs(s) {
			g.paragraph(p, genBody, true)
		}
	}
	para(r.Preamble)
	for _, s := range f.Sections {
		body, ok := r.Sections[s.ID]
		if !ok {
			continue
		}
		g.paragraph(s.Label, genBody, false)
		para(body)
		switch s.ID {
		case "二":
			for _, t := range twoTables(r, f) {
				g.paragraph(t.caption, genBody, false)
				g.table(t, 0, false)
			}
		case "三":
			g.table(threeTable(r, f), 0, false)
		case "四":
			g.table(fourTable(r, f), v.fourShift, v.stacked)
		}
	}
	contents := make([]string, len(g.pages))
	for i, p := range g.pages {
		contents[i] = p.String()
	}
	return writeCIDPDF(contents, 0)
}

// textLayout writes a report as text copied from a published page: the
// narrative a paragraph per line, each table through table.
func textLayout(r *Report, table func(b *strings.Builder, t layoutTable, kind string)) []byte {
	var b strings.Builder
	f := r.layoutFormat()
	line := func(s string) {
		for _, p := range sectionParagraphs(s) {
			b.WriteString(p + "\n")
		}
	}
	line(r.Title)
	if r.Published != nil {
		line("发布日期：" + r.Published.Format("2006-01-02"))
	}
	line(r.Preamble)
	for _, s := range f.Sections {
		body, ok := r.Sections[s.ID]
		if !ok {
			continue
		}
		line(s.Label)
		line(body)
		switch s.ID {
		case "二":
			for _, t := range twoTables(r, f) {
				line(t.caption)
				table(&b, t, "二")
			}
		case "三":
			table(&b, threeTable(r, f), "三")
		case "四":
			table(&b, fourTable(r, f), "四")
		}
	}
	return []byte(b.String())
}

// cellPerLine is a table copied out of a browser: every cell, blank ones
// too, on a line of its own, ending in " |".
func cellPerLine(b *strings.Builder, t layoutTable, _ string) {
	cells, _ := t.place()
	for _, row := range cells {
		for _, p := range row {
			b.WriteString(p.text + " |\n")
		}
	}
}

// spacedColumns is a table as pdftotext -layout or a PDF viewer copies
// it: header labels stacked a character per line over their columns,
// then each row's labels and figures separated by spaces.
func spacedColumns(b *strings.Builder, t layoutTable, kind string) {
	cells, _ := t.place()
	if kind == "二" {
		var head []string
		for _, p := range cells[0] {
			head = append(head, p.text)
		}
		b.WriteString(strings.Join(head, " ") + "\n")
	} else {
		// Leaf column labels stacked: the k-th characters side by side.
		var cols []placed
		for r := 0; r < t.head; r++ {
			var groups []string
			for _, p := range cells[r] {
				if p.scope == "col" {
					cols = append(cols, p)
				} else {
					groups = append(groups, p.text)
				}
			}
			b.WriteString("    " + strings.Join(groups, "      ") + "\n")
		}
		// Left to right as printed.
		sort.SliceStable(cols, func(i, j int) bool { return cols[i].col < cols[j].col })
		var leaves []string
		for _, p := range cols {
			leaves = append(leaves, p.text)
		}
		for k := 0; ; k++ {
			var parts []string
			for _, l := range leaves {
				rs := []rune(l)
				if k < len(rs) {
					parts = append(parts, string(rs[k]))
				} else {
					parts = append(parts, "  ")
				}
			}
			if strings.TrimSpace(strings.Join(parts, "")) == "" {
				break
			}
			b.WriteString("        " + strings.Join(parts, "    ") + "\n")
		}
	}
	// Rows: label cells side by side, a long label wrapped in its own
	// column as pdftotext -layout does, then the figures.
	const labelWidth = 16
	for _, row := range cells[t.head:] {
		var labels [][]string
		var figs []string
		for i, p := range row {
			switch {
			case i == 0 && p.scope == "rowgroup" && p.col == 0:
				// The outermost group label on a line of its own.
				b.WriteString(p.text + "\n")
			case p.header:
				labels = append(labels, wrap(p.text, 1, labelWidth))
			default:
				figs = append(figs, p.text)
			}
		}
		for k := 0; ; k++ {
			var line strings.Builder
			more := false
			for _, l := range labels {
				frag := ""
				if k < len(l) {
					frag, more = l[k], true
				}
				line.WriteString(frag + strings.Repeat(" ", labelWidth+2-utf8.RuneCountInString(frag)))
			}
			if k == 0 {
				line.WriteString(strings.Join(figs, " "))
				more = true
			}
			if !more {
				break
			}
			b.WriteString(strings.TrimRight(line.String(), " ") + "\n")
		}
	}
}
