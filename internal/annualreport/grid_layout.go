package annualreport

import (
	"strconv"
	"strings"
)

// The renderers (HTML, DOCX, XLSX) draw the same tables: their header
// structure, row labels and columns come from the report's format, so a
// new format renders without new code. This file lays a table out once as
// rows of spanning cells; each renderer only draws them.

// layoutCell is one cell of a rendered table, HTML-style: it starts at its
// position and covers rowspan × colspan grid positions.
type layoutCell struct {
	text    string
	rowspan int
	colspan int
	header  bool
	scope   string // "col", "row", "colgroup", "rowgroup" or ""
	left    bool   // a row label, aligned left
}

// layoutTable is a rendered table: an optional caption, header rows, then
// body rows, on a grid of cols columns with relative column widths.
type layoutTable struct {
	caption string
	head    int // number of header rows
	rows    [][]layoutCell
	cols    int
	widths  []float64
}

// renderFormat is the format a report's tables are drawn in: the one they
// follow, else the one the year requires, else the newest.
func renderFormat(r *Report) *Format {
	if f := FormatByID(r.Format); f != nil {
		return f
	}
	if f := FormatForYear(r.Year); f != nil {
		return f
	}
	fs := Formats()
	return fs[len(fs)-1]
}

// cellDisplay writes a cell as the report shows it: the figure, "/" or
// nothing; a unit the report gave with an amount stays with it.
func cellDisplay(c Cell, unit string) string {
	switch {
	case c.Raw != "":
		return c.Raw
	case c.State == Value:
		return strconv.FormatFloat(c.Num, 'f', -1, 64) + unit
	case c.State == NotApplicable:
		return "/"
	}
	return ""
}

func tableCell(t map[string]map[string]Cell, row, col string) Cell {
	if t == nil || t[row] == nil {
		return Cell{}
	}
	return t[row][col]
}

// twoTables lays out table 二 as one table per Art. 20 item, each with
// its caption, on a common grid of 1 + the widest item's columns (an item
// with fewer columns spreads them over the grid, as the official form
// does).
func twoTables(r *Report, f *Format) []layoutTable {
	slots := 0
	for _, st := range f.Two {
		slots = max(slots, len(st.Columns))
	}
	var out []layoutTable
	for _, st := range f.Two {
		t := layoutTable{caption: st.Caption, head: 1, cols: 1 + slots, widths: []float64{2.2}}
		for i := 0; i < slots; i++ {
			t.widths = append(t.widths, 1.6)
		}
		spans := spread(slots, len(st.Columns))
		head := []layoutCell{{text: "信息内容", rowspan: 1, colspan: 1, header: true, scope: "col"}}
		for i, c := range st.Columns {
			head = append(head, layoutCell{text: c.Label, rowspan: 1, colspan: spans[i], header: true, scope: "col"})
		}
		t.rows = append(t.rows, head)
		for _, row := range st.Rows {
			line := []layoutCell{{text: row.Label, rowspan: 1, colspan: 1, header: true, scope: "row"}}
			for i, c := range st.Columns {
				unit := r.Units[row.Label+"/"+c.Label]
				line = append(line, layoutCell{text: cellDisplay(tableCell(r.Tables.Two, row.Label, c.Label), unit), rowspan: 1, colspan: spans[i]})
			}
			t.rows = append(t.rows, line)
		}
		out = append(out, t)
	}
	return out
}

// spread divides slots grid columns among n columns, the remainder going
// to the last.
func spread(slots, n int) []int {
	if n == 0 {
		return nil
	}
	out := make([]int, n)
	for i := range out {
		out[i] = slots / n
	}
	out[n-1] += slots % n
	return out
}

// threeTable lays out table 三: the corner note over the label columns,
// the applicant header in three levels (申请人情况 over every column, a
// column group such as 法人或其他组织 over its members), and the rows with
// their groups as merged label cells (三、本年度办理结果 down the side of
// every outcome row, （三）不予公开 down the side of its items).
func threeTable(r *Report, f *Format) layoutTable {
	rows := f.Three.Rows
	byID := map[string]Row{}
	for _, row := range rows {
		byID[row.ID] = row
	}
	depth := func(row Row) int {
		d := 0
		for p := row.Parent; p != "" && d < 8; d++ {
			p = byID[p].Parent
		}
		return d
	}
	maxDepth := 0
	for _, row := range rows {
		maxDepth = max(maxDepth, depth(row))
	}
	labelCols := maxDepth + 1
	ncols := len(f.Three.Columns)
	t := layoutTable{head: 3, cols: labelCols + ncols}
	for i := 0; i < labelCols; i++ {
		t.widths = append(t.widths, []float64{1.4, 1.8, 3.6}[min(i, 2)])
	}
	for range ncols {
		t.widths = append(t.widths, 1)
	}

	top := "申请人情况"
	if len(f.Three.Groups) > 0 {
		top = f.Three.Groups[0]
	}
	h1 := []layoutCell{
		{text: f.Three.Corner, rowspan: 3, colspan: labelCols, header: true},
		{text: top, rowspan: 1, colspan: ncols, header: true, scope: "colgroup"},
	}
	var h2, h3 []layoutCell
	for i := 0; i < ncols; {
		c := f.Three.Columns[i]
		if c.Group == "" {
			h2 = append(h2, layoutCell{text: c.Label, rowspan: 2, colspan: 1, header: true, scope: "col"})
			i++
			continue
		}
		j := i
		for j < ncols && f.Three.Columns[j].Group == c.Group {
			h3 = append(h3, layoutCell{text: f.Three.Columns[j].Label, rowspan: 1, colspan: 1, header: true, scope: "col"})
			j++
		}
		h2 = append(h2, layoutCell{text: c.Group, rowspan: 1, colspan: j - i, header: true, scope: "colgroup"})
		i = j
	}
	t.rows = append(t.rows, h1, h2, h3)

	// Leaves are the rows with figures; a group spans its leaves.
	leaves := map[string]int{}
	for _, row := range rows {
		if row.Group {
			continue
		}
		for p := row.Parent; p != ""; p = byID[p].Parent {
			leaves[p]++
			if len(leaves) > len(rows) {
				break
			}
		}
	}
	opened := map[string]bool{}
	for _, row := range rows {
		if row.Group {
			continue
		}
		var line []layoutCell
		// Open the groups this row is the first leaf of, outermost first.
		var chain []Row
		for p := row.Parent; p != "" && len(chain) < 8; p = byID[p].Parent {
			chain = append([]Row{byID[p]}, chain...)
		}
		for _, g := range chain {
			if !opened[g.ID] {
				opened[g.ID] = true
				line = append(line, layoutCell{text: g.Label, rowspan: leaves[g.ID], colspan: 1, header: true, scope: "rowgroup", left: true})
			}
		}
		line = append(line, layoutCell{text: row.Label, rowspan: 1, colspan: labelCols - depth(row), header: true, scope: "row", left: true})
		for _, c := range f.Three.Columns {
			line = append(line, layoutCell{text: cellDisplay(tableCell(r.Tables.Three, row.ID, c.Label), ""), rowspan: 1, colspan: 1})
		}
		t.rows = append(t.rows, line)
	}
	return t
}

// fourTable lays out table 四: groups without a parent (行政复议) over
// their columns, which span the second and third header rows; groups with
// a parent (未经复议直接起诉, 复议后起诉) under their parent (行政诉讼);
// then the one row of figures.
func fourTable(r *Report, f *Format) layoutTable {
	nc := len(f.Four.Columns)
	t := layoutTable{head: 3, cols: nc * len(f.Four.Groups)}
	for range t.cols {
		t.widths = append(t.widths, 1)
	}
	var h1, h2, h3 []layoutCell
	gs := f.Four.Groups
	for i := 0; i < len(gs); {
		g := gs[i]
		if g.Parent == "" {
			h1 = append(h1, layoutCell{text: g.Label, rowspan: 1, colspan: nc, header: true, scope: "colgroup"})
			for _, c := range f.Four.Columns {
				h2 = append(h2, layoutCell{text: c.Label, rowspan: 2, colspan: 1, header: true, scope: "col"})
			}
			i++
			continue
		}
		j := i
		for j < len(gs) && gs[j].Parent == g.Parent {
			h2 = append(h2, layoutCell{text: gs[j].Label, rowspan: 1, colspan: nc, header: true, scope: "colgroup"})
			for _, c := range f.Four.Columns {
				h3 = append(h3, layoutCell{text: c.Label, rowspan: 1, colspan: 1, header: true, scope: "col"})
			}
			j++
		}
		h1 = append(h1, layoutCell{text: g.Parent, rowspan: 1, colspan: nc * (j - i), header: true, scope: "colgroup"})
		i = j
	}
	t.rows = append(t.rows, h1, h2)
	if len(h3) > 0 {
		t.rows = append(t.rows, h3)
	} else {
		t.head = 2
	}
	var data []layoutCell
	for _, g := range gs {
		for _, c := range f.Four.Columns {
			data = append(data, layoutCell{text: cellDisplay(tableCell(r.Tables.Four, g.ID, c.Label), ""), rowspan: 1, colspan: 1})
		}
	}
	t.rows = append(t.rows, data)
	return t
}

// placed is a layoutCell at its grid position, for renderers (DOCX, XLSX)
// that address cells by position.
type placed struct {
	layoutCell
	row, col int
}

// place computes every cell's grid position, HTML table style, and
// which cell covers each position (covered[r][c] is the cell, possibly
// started on an earlier row or column, that spans row r, column c).
func (t layoutTable) place() (cells [][]placed, covered [][]*placed) {
	taken := make([][]bool, len(t.rows))
	for r := range taken {
		taken[r] = make([]bool, t.cols)
	}
	cells = make([][]placed, len(t.rows))
	for r, row := range t.rows {
		c := 0
		for _, lc := range row {
			for c < t.cols && taken[r][c] {
				c++
			}
			if c >= t.cols {
				break
			}
			cells[r] = append(cells[r], placed{layoutCell: lc, row: r, col: c})
			for dr := 0; dr < lc.rowspan && r+dr < len(t.rows); dr++ {
				for dc := 0; dc < lc.colspan && c+dc < t.cols; dc++ {
					taken[r+dr][c+dc] = true
				}
			}
			c += lc.colspan
		}
	}
	covered = make([][]*placed, len(t.rows))
	for r := range covered {
		covered[r] = make([]*placed, t.cols)
	}
	for r := range cells {
		for i := range cells[r] {
			p := &cells[r][i]
			for dr := 0; dr < p.rowspan && r+dr < len(t.rows); dr++ {
				for dc := 0; dc < p.colspan && p.col+dc < t.cols; dc++ {
					covered[r+dr][p.col+dc] = p
				}
			}
		}
	}
	return cells, covered
}

// sectionParagraphs splits a section's text into its paragraphs.
func sectionParagraphs(s string) []string {
	var out []string
	for _, p := range strings.Split(s, "\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
