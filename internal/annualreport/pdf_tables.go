package annualreport

import (
	"math"
	"regexp"
	"sort"
	"strings"
	"unicode"
)

// rulingTol is how far apart (points) two rulings can be and still be the
// same border: writers draw double or slightly offset lines.
const rulingTol = 2.0

// ruledTables finds the tables drawn with borders on a page. The
// horizontal and vertical rulings that touch each other form a table; the
// distinct ruling positions form its grid; two neighbouring grid cells
// without a ruling between them are one merged cell. Glyphs inside a
// table are marked used.
func ruledTables(p *pdfPage, used []bool) []pdfItem {
	h := mergeSegs(p.hsegs, true)
	v := mergeSegs(p.vsegs, false)
	if len(h) < 2 || len(v) < 2 || len(h)+len(v) > 20000 {
		return nil
	}
	// Connected groups of touching rulings.
	parent := make([]int, len(h)+len(v))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	for i, hs := range h {
		for j, vs := range v {
			if vs.x0 >= hs.x0-rulingTol && vs.x0 <= hs.x1+rulingTol &&
				hs.y0 >= vs.y0-rulingTol && hs.y0 <= vs.y1+rulingTol {
				parent[find(i)] = find(len(h) + j)
			}
		}
	}
	groups := map[int][2][]pdfSeg{}
	for i, hs := range h {
		r := find(i)
		g := groups[r]
		g[0] = append(g[0], hs)
		groups[r] = g
	}
	for j, vs := range v {
		r := find(len(h) + j)
		g := groups[r]
		g[1] = append(g[1], vs)
		groups[r] = g
	}
	var items []pdfItem
	for _, g := range groups {
		if len(g[0]) < 2 || len(g[1]) < 2 {
			continue
		}
		if grid, xs, full, top := latticeGrid(p, g[0], g[1], used); grid != nil {
			items = append(items, pdfItem{top: top, table: grid, xs: xs, full: full})
		}
	}
	return items
}

// mergeSegs joins collinear rulings that overlap or touch along their
// length, so a border drawn cell by cell becomes one line. Rulings a hair
// apart across (two tables on one page whose left borders are 0.3 pt
// apart) are only joined where their extents meet: each keeps its own
// extent otherwise, or the second table would lose its border.
func mergeSegs(segs []pdfSeg, horizontal bool) []pdfSeg {
	key := func(s pdfSeg) (float64, float64, float64) {
		if horizontal {
			return s.y0, s.x0, s.x1
		}
		return s.x0, s.y0, s.y1
	}
	sorted := make([]pdfSeg, 0, len(segs))
	for _, s := range segs {
		if _, a, b := key(s); b-a >= 3 {
			sorted = append(sorted, s)
		}
	}
	sort.Slice(sorted, func(i, j int) bool {
		pi, _, _ := key(sorted[i])
		pj, _, _ := key(sorted[j])
		return pi < pj
	})
	var out []pdfSeg
	for i := 0; i < len(sorted); {
		// A run of rulings at nearly the same position, chained.
		j := i + 1
		for j < len(sorted) {
			p0, _, _ := key(sorted[j-1])
			p1, _, _ := key(sorted[j])
			if p1-p0 > rulingTol/2 {
				break
			}
			j++
		}
		run := sorted[i:j]
		sort.Slice(run, func(a, b int) bool {
			_, x, _ := key(run[a])
			_, y, _ := key(run[b])
			return x < y
		})
		first := len(out)
		for _, s := range run {
			_, a, b := key(s)
			if n := len(out); n > first {
				if _, _, lb := key(out[n-1]); a <= lb+rulingTol {
					if horizontal {
						out[n-1].x1 = max(lb, b)
					} else {
						out[n-1].y1 = max(lb, b)
					}
					continue
				}
			}
			out = append(out, s)
		}
		i = j
	}
	return out
}

// cluster returns the distinct positions of a sorted list, merging values
// within rulingTol.
func cluster(vals []float64) []float64 {
	sort.Float64s(vals)
	var out []float64
	for _, x := range vals {
		if n := len(out); n > 0 && x-out[n-1] <= rulingTol {
			continue
		}
		out = append(out, x)
	}
	return out
}

// latticeGrid builds the grid of one ruled table and returns it with its
// column boundaries (for joining a table continued on the next page) and
// its top edge. Empty columns are kept until the table is complete.
func latticeGrid(p *pdfPage, hs, vs []pdfSeg, used []bool) (*Grid, []float64, []bool, float64) {
	var xsRaw, ysRaw []float64
	for _, s := range vs {
		xsRaw = append(xsRaw, s.x0)
	}
	for _, s := range hs {
		ysRaw = append(ysRaw, s.y0)
	}
	xs := cluster(xsRaw)
	// The last row on a page often has no closing rule: the page break
	// closes it. The vertical rules run on to the row's bottom, so the
	// grid is closed where they end (and a rule drawn there).
	if bottom, ok := verticalBottom(vs, ysRaw); ok {
		ysRaw = append(ysRaw, bottom)
		hs = append(hs[:len(hs):len(hs)], pdfSeg{xs[0], bottom, xs[len(xs)-1], bottom})
	}
	ys := cluster(ysRaw)
	if len(xs) < 2 || len(ys) < 2 || len(xs) > maxGridCols+1 || len(ys) > maxGridRows+1 {
		return nil, nil, nil, 0
	}
	// Rows top to bottom.
	for i, j := 0, len(ys)-1; i < j; i, j = i+1, j-1 {
		ys[i], ys[j] = ys[j], ys[i]
	}
	nr, nc := len(ys)-1, len(xs)-1
	if nr*nc < 2 {
		// A single box (a frame around the page or a note) is not a table.
		return nil, nil, nil, 0
	}
	hasV := func(x, ytop, ybot float64) bool {
		mid := (ytop + ybot) / 2
		for _, s := range vs {
			if math.Abs(s.x0-x) <= rulingTol && s.y0 <= mid && s.y1 >= mid {
				return true
			}
		}
		return false
	}
	hasH := func(y, xl, xr float64) bool {
		mid := (xl + xr) / 2
		for _, s := range hs {
			if math.Abs(s.y0-y) <= rulingTol && s.x0 <= mid && s.x1 >= mid {
				return true
			}
		}
		return false
	}
	id := func(r, c int) int { return r*nc + c }
	parent := make([]int, nr*nc)
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	union := func(a, b int) {
		ra, rb := find(a), find(b)
		if ra < rb {
			parent[rb] = ra
		} else {
			parent[ra] = rb
		}
	}
	for r := 0; r < nr; r++ {
		for c := 0; c < nc; c++ {
			if c+1 < nc && !hasV(xs[c+1], ys[r], ys[r+1]) {
				union(id(r, c), id(r, c+1))
			}
			if r+1 < nr && !hasH(ys[r+1], xs[c], xs[c+1]) {
				union(id(r, c), id(r+1, c))
			}
		}
	}
	// Glyphs into grid cells by their centres.
	cellGlyphs := map[int][]pdfGlyph{}
	left, right, top, bottom := xs[0], xs[nc], ys[0], ys[nr]
	for i, g := range p.glyphs {
		cx, cy := g.x+g.w/2, g.y+g.size*0.3
		if cx < left || cx > right || cy > top || cy < bottom {
			continue
		}
		used[i] = true
		c := sort.SearchFloat64s(xs, cx) - 1
		r := sort.Search(len(ys), func(k int) bool { return ys[k] < cy }) - 1
		if c < 0 || c >= nc || r < 0 || r >= nr {
			continue
		}
		root := find(id(r, c))
		cellGlyphs[root] = append(cellGlyphs[root], g)
	}
	texts := map[int]string{}
	lastX1 := map[int]float64{} // right end of a cell's last line
	for root, gs := range cellGlyphs {
		var parts []string
		for _, l := range groupLines(gs) {
			parts = append(parts, l.text)
			lastX1[root] = l.x1
		}
		texts[root] = joinWrapped(parts)
	}
	g := &Grid{Rows: make([][]GridCell, nr)}
	for r := 0; r < nr; r++ {
		g.Rows[r] = make([]GridCell, nc)
		for c := 0; c < nc; c++ {
			root := find(id(r, c))
			g.Rows[r][c] = GridCell{Text: texts[root], Origin: root == id(r, c)}
		}
	}
	for root, gs := range cellGlyphs {
		r, c := root/nc, root%nc
		w := 1
		for c+w < nc && find(id(r, c+w)) == root {
			w++
		}
		if w > 1 && (r+1 >= nr || find(id(r+1, c)) != root) {
			splitFigures(g.Rows[r][c:c+w], xs[c:c+w+1], gs)
		}
	}
	if len(texts) == 0 {
		return nil, nil, nil, 0
	}
	// A cell of the last row whose text runs to its right edge may go on
	// past the page break.
	full := make([]bool, nc)
	for c := 0; c < nc; c++ {
		root := find(id(nr-1, c))
		right := xs[nc]
		for k := c; k < nc; k++ {
			if find(id(nr-1, k)) == root {
				right = xs[k+1]
			}
		}
		if x1, ok := lastX1[root]; ok && x1 >= right-14 {
			full[c] = true
		}
	}
	return g, xs, full, top
}

// splitFigures puts figures that share a cell spanning several columns
// of one row back in the columns they stand in: a rule missing between
// two figure cells ("13" and "4" 17.5 pt apart) must not make one
// figure of them. Only a cell of nothing but figures, one per column at
// most, is split.
func splitFigures(cells []GridCell, xs []float64, gs []pdfGlyph) {
	lines := groupLines(gs)
	if len(lines) != 1 {
		return
	}
	type word struct {
		text   strings.Builder
		x0, x1 float64
	}
	var words []*word
	var prev *pdfGlyph
	for i := range lines[0].glyphs {
		gl := &lines[0].glyphs[i]
		if unicode.IsSpace(gl.r) {
			continue
		}
		if prev == nil || gl.x-(prev.x+prev.w) > 0.5*gl.size {
			words = append(words, &word{x0: gl.x})
		}
		w := words[len(words)-1]
		w.text.WriteRune(gl.r)
		w.x1 = gl.x + gl.w
		prev = gl
	}
	if len(words) < 2 {
		return
	}
	texts := make([]string, len(cells))
	for _, w := range words {
		k := sort.SearchFloat64s(xs, (w.x0+w.x1)/2) - 1
		if !isFigure(w.text.String()) || k < 0 || k >= len(cells) || texts[k] != "" {
			return
		}
		texts[k] = w.text.String()
	}
	for k := range cells {
		cells[k] = GridCell{Text: texts[k], Origin: true}
	}
}

// verticalBottom is where the vertical rules of a table end below its
// lowest horizontal rule, when at least two of them (the outer borders)
// reach that far.
func verticalBottom(vs []pdfSeg, ys []float64) (float64, bool) {
	if len(ys) == 0 {
		return 0, false
	}
	lowest := ys[0]
	for _, y := range ys {
		lowest = min(lowest, y)
	}
	bottom := lowest
	for _, s := range vs {
		bottom = min(bottom, s.y0)
	}
	if bottom > lowest-2*rulingTol {
		return 0, false
	}
	n := 0
	for _, s := range vs {
		if s.y0 <= bottom+rulingTol {
			n++
		}
	}
	return bottom, n >= 2
}

// joinWrapped joins the lines of a cell: Chinese text wraps without a
// space, Latin words and numbers keep one.
func joinWrapped(lines []string) string {
	var b strings.Builder
	for i, l := range lines {
		if i > 0 && needsSpace(lastRune(b.String()), firstRune(l)) {
			b.WriteByte(' ')
		}
		b.WriteString(l)
	}
	return b.String()
}

// joinContinued appends a ruled table that starts a page to the table
// that ended the page before, when both have the same outer edges. The
// two parts are put on the union of their column boundaries; header rows
// the writer repeats are dropped; and a row cut by the page break (a
// merged cell whose text flowed onto the new page) is joined back.
func joinContinued(prev, next *pdfItem) bool {
	px, nx := prev.xs, next.xs
	if math.Abs(px[0]-nx[0]) > rulingTol*2 || math.Abs(px[len(px)-1]-nx[len(nx)-1]) > rulingTol*2 {
		return false
	}
	union := cluster(append(append([]float64(nil), px...), nx...))
	if len(union) > maxGridCols+1 {
		return false
	}
	pg, ng := regrid(prev.table, px, union), regrid(next.table, nx, union)
	rows := ng.Rows
	k := 0
	for k < len(rows) && k < len(pg.Rows) && sameTexts(pg.Rows[k], rows[k]) {
		k++
	}
	rows = rows[k:]
	if len(rows) > 0 && len(pg.Rows) > 0 {
		full := make([]bool, len(union)-1)
		for u := range full {
			c := sort.SearchFloat64s(px, (union[u]+union[u+1])/2) - 1
			full[u] = c >= 0 && c < len(prev.full) && prev.full[c]
		}
		rows = joinCutRow(pg.Rows, rows, full)
	}
	// A merged cell whose text stayed on the previous page covers the top
	// of the continuation with no text of its own.
	if len(rows) > 0 && len(pg.Rows) > 0 {
		last := pg.Rows[len(pg.Rows)-1]
		for c := range rows[0] {
			if rows[0][c].Text != "" || last[c].Text == "" || len(rows) < 2 || rows[1][c].Origin || rows[1][c].Text != "" {
				continue
			}
			rows[0][c] = GridCell{Text: last[c].Text}
			for r := 1; r < len(rows) && !rows[r][c].Origin && rows[r][c].Text == ""; r++ {
				rows[r][c] = GridCell{Text: last[c].Text}
			}
		}
	}
	prev.table.Rows = append(pg.Rows, rows...)
	prev.table.Pages = append(prev.table.Pages, next.table.Pages...)
	prev.xs = union
	return true
}

// joinCutRow joins the cells a page break cut in two (Word and
// LibreOffice let rows, and cells merged down several rows, break across
// pages): a cell of the last row whose text ran to its right edge goes on
// in the cell below it at the top of the next page, unless that reads as
// a figure or a new numbered item. When the first row on the new page is
// nothing but such fragments (no figures), it is the rest of the last row
// and is dropped after joining, whatever the widths.
func joinCutRow(prevRows, rows [][]GridCell, full []bool) [][]GridCell {
	last, first := prevRows[len(prevRows)-1], rows[0]
	fragmentRow := true
	n := 0
	for c := range first {
		if first[c].Text == "" {
			continue
		}
		n++
		if isFigure(first[c].Text) || itemMarkerRe.MatchString(first[c].Text) {
			fragmentRow = false
		}
	}
	fragmentRow = fragmentRow && n > 0 && n*2 <= len(first)
	joined := false
	for c := range first {
		a, b := last[c].Text, first[c].Text
		if a == "" || b == "" || a == b || isFigure(a) || isFigure(b) || itemMarkerRe.MatchString(b) {
			continue
		}
		if !full[c] && !fragmentRow {
			continue
		}
		if strings.ContainsAny(string(lastRune(a)), "。；;") {
			continue
		}
		text := joinWrapped([]string{a, b})
		for r := len(prevRows) - 1; r >= 0 && prevRows[r][c].Text == a; r-- {
			prevRows[r][c].Text = text
			if prevRows[r][c].Origin {
				break
			}
		}
		rows[0][c] = GridCell{Text: text}
		for r := 1; r < len(rows) && !rows[r][c].Origin && rows[r][c].Text == b; r++ {
			rows[r][c].Text = text
		}
		joined = true
	}
	if joined && fragmentRow {
		return rows[1:]
	}
	return rows
}

var itemMarkerRe = regexp.MustCompile(`^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[)）]|\d+[.．、]|第二十条)`)

func sameTexts(a, b []GridCell) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Text != b[i].Text {
			return false
		}
	}
	return true
}

// regrid puts a grid with column boundaries xs onto finer boundaries
// union: a column split by a new boundary becomes a horizontal merge.
func regrid(g *Grid, xs, union []float64) *Grid {
	if len(xs) == len(union) {
		return g
	}
	out := &Grid{Rows: make([][]GridCell, len(g.Rows))}
	for r, row := range g.Rows {
		line := make([]GridCell, 0, len(union)-1)
		for u := 0; u+1 < len(union); u++ {
			mid := (union[u] + union[u+1]) / 2
			c := sort.SearchFloat64s(xs, mid) - 1
			c = min(max(c, 0), len(row)-1)
			cell := row[c]
			if len(line) > 0 {
				prevMid := (union[u-1] + union[u]) / 2
				if pc := min(max(sort.SearchFloat64s(xs, prevMid)-1, 0), len(row)-1); pc == c {
					cell.Origin = false
				}
			}
			line = append(line, cell)
		}
		out.Rows[r] = line
	}
	return out
}
