package annualreport

import (
	"sort"
	"strings"
)

// threeRow is a data row of table 三 as laid out in the document.
type threeRow struct {
	r      trow
	labels []cellRef
	abs    map[int]int // grid position → column, when positions are reliable
	region []string    // figures after the labels, when they are not
}

// readThree reads table 三. Its header spans several rows with group
// labels (申请人情况, 法人或其他组织); data rows start with one or more
// labels (group labels of merged first columns, then the row's own).
// When the header's positions line up with the figures (a grid with
// merges resolved) figures are read by position; in flattened text the
// merges are lost, so figures are read in format order after the labels.
func (in *interp) readThree(rows []trow) {
	if len(rows) == 0 {
		return
	}
	f := in.f
	cols := f.Three.Columns
	first := len(rows)
	for i, r := range rows {
		if hasMarkedLabel(r) {
			first = i
			break
		}
	}

	// Header: leaf columns and where they are.
	type leaf struct{ pos, grid, col int }
	var leaves []leaf
	unknown := 0
	var unknownNotes []int
	used := map[int]bool{}
	for _, r := range rows[:first] {
		for _, c := range originCells(r) {
			if strings.Contains(c.n, "勾稽") || in.isCorner(c.n) {
				continue
			}
			core := coreText(c.n)
			if j, q, _ := bestMatch(f.keys.threeGroup, core, nil); j >= 0 && q >= matchFuzzy {
				in.hit("header", core, q)
				continue
			}
			j, q, _ := bestMatch(f.keys.threeCols, core, nil)
			switch {
			case j >= 0 && q >= matchFuzzy && !used[j]:
				in.hit("header", core, q)
			case j >= 0 && q == matchTruncated && !used[j]:
				in.truncated("header", "三", "", c.raw, c.n, cols[j].Label)
			default:
				in.miss("header", "三", "", c.raw, core, "")
				unknownNotes = append(unknownNotes, len(in.notes)-1)
				unknown++
				j = -1
			}
			if j >= 0 {
				used[j] = true
				leaves = append(leaves, leaf{c.pos, r.grid, j})
			}
		}
	}

	// Positions are reliable in a grid whose header names every column,
	// left to right in format order.
	absByGrid := map[int]map[int]int{}
	minPos := map[int]int{}
	grids := map[int][]leaf{}
	for _, l := range leaves {
		grids[l.grid] = append(grids[l.grid], l)
	}
	for g, ls := range grids {
		sort.Slice(ls, func(i, j int) bool { return ls[i].pos < ls[j].pos })
		ok := len(ls) == len(cols)
		for i := 1; i < len(ls) && ok; i++ {
			ok = ls[i].pos > ls[i-1].pos && ls[i].col > ls[i-1].col
		}
		if ok {
			m := map[int]int{}
			for _, l := range ls {
				m[l.pos] = l.col
			}
			absByGrid[g], minPos[g] = m, ls[0].pos
		}
	}
	// Columns in order for flattened rows.
	var relCols []int
	if len(leaves) == 0 || len(leaves)+unknown == len(cols) {
		for i := range cols {
			relCols = append(relCols, i)
		}
		for _, k := range unknownNotes {
			in.notes[k].reason = byOrderReason
		}
	} else {
		for _, l := range leaves {
			relCols = append(relCols, l.col)
		}
		sort.Ints(relCols)
	}

	var data []threeRow
	for _, r := range rows[first:] {
		d := threeRow{r: r}
		if m, ok := absByGrid[r.grid]; ok && labelsEndBefore(r, minPos[r.grid]) {
			d.abs = m
			d.labels = labelRun(r, 0, minPos[r.grid])
		} else {
			end := labelEnd(r)
			d.labels = labelRun(r, 0, end)
			for p := end; p < len(r.cells); p++ {
				d.region = append(d.region, cellAt(r, p))
			}
		}
		data = append(data, d)
	}
	offsets := map[int][]int{} // by grid: spacers differ between tables
	for _, d := range data {
		if _, done := offsets[d.r.grid]; !done && d.abs == nil {
			offsets[d.r.grid] = profileOffsets(data, d.r.grid, len(relCols))
		}
	}

	group := "" // the paren-level row the arabic-numbered rows belong to
	setCtx := func(i int) {
		row := f.Three.Rows[i]
		switch {
		case row.Parent == "":
			group = ""
		case f.isTopLevel(row.Parent):
			group = row.ID
		}
	}
	// A label on a row without figures may be the first line of a label
	// broken over two rows: it waits for the next row.
	type waiting struct {
		l    cellRef
		i    int // the row it matches alone, or -1
		q    matchQuality
		vals map[int]string
	}
	var pending *waiting
	// store records a matched row of table 三 and its figures.
	store := func(l cellRef, i int, q matchQuality, vals map[int]string, hasVals bool) {
		row := f.Three.Rows[i]
		setCtx(i)
		if row.Group {
			if hasVals && in.storeCollapsedGroup(l, row, vals) {
				return
			}
			if hasVals {
				// Figures on a heading row: another format's data row.
				in.miss("row", "三", row.ID, l.raw, l.n, "")
			} else {
				in.hit("row", l.n, q)
			}
			return
		}
		if q == matchTruncated {
			in.truncated("row", "三", row.ID, l.raw, l.n, row.Label)
		} else {
			in.hit("row", l.n, q)
		}
		if _, dup := in.tables.Three[row.ID]; dup {
			in.miss("row", "三", row.ID, l.raw, l.n, "重复出现，只读取了第一次")
			return
		}
		cells := map[string]Cell{}
		for col, raw := range vals {
			c, _ := parseCell(raw, cols[col])
			cells[cols[col].Label] = c
		}
		in.tables.Three[row.ID] = cells
	}
	flush := func() {
		if pending == nil {
			return
		}
		if pending.i >= 0 {
			store(pending.l, pending.i, pending.q, pending.vals, false)
		} else {
			in.miss("row", "三", "", pending.l.raw, pending.l.n, "")
		}
		pending = nil
	}
	for _, d := range data {
		vals := map[int]string{}
		if d.abs != nil {
			for pos, col := range d.abs {
				vals[col] = cellAt(d.r, pos)
			}
		} else {
			off := offsets[d.r.grid]
			for k, col := range relCols {
				if k < len(off) && off[k] < len(d.region) {
					vals[col] = d.region[off[k]]
				}
			}
		}
		hasVals := false
		for _, v := range vals {
			if normalize(v) != "" {
				hasVals = true
			}
		}
		labels := d.labels
		if len(labels) == 0 {
			if hasVals {
				in.miss("row", "三", "", "（无行标签）", "", "没有行标签，该行数字未读取")
			}
			continue
		}
		if pending != nil {
			// Join when this row's first label means nothing alone and
			// the two lines together are a label.
			joined := cellRef{raw: pending.l.raw + labels[0].raw, n: pending.l.n + labels[0].n}
			alone, _ := in.matchThree(labels[0].n, group)
			if j, _ := in.matchThree(joined.n, group); alone < 0 && j >= 0 {
				labels = append([]cellRef{joined}, labels[1:]...)
				pending = nil
			} else {
				flush()
			}
		}
		for _, l := range labels[:len(labels)-1] {
			if i, q := in.matchThree(l.n, group); i >= 0 {
				in.hit("row", l.n, q)
				setCtx(i)
			} else {
				in.miss("row", "三", "", l.raw, l.n, "")
			}
		}
		l := labels[len(labels)-1]
		i, q := in.matchThree(l.n, group)
		if !hasVals && len(labels) == 1 && (i < 0 || !f.Three.Rows[i].Group) {
			pending = &waiting{l: l, i: i, q: q, vals: vals}
			if i >= 0 {
				setCtx(i)
			}
			continue
		}
		if i < 0 {
			in.miss("row", "三", "", l.raw, l.n, "")
			continue
		}
		store(l, i, q, vals, hasVals)
	}
	flush()
}

// matchThree matches a row label of table 三. Numbered labels are only
// compared with rows of the same number, and 1. 2. … only within the
// current group, so 四、结转下年度 cannot be taken for anything else.
func (in *interp) matchThree(n, group string) (int, matchQuality) {
	f := in.f
	m, rest := splitMarker(n)
	core := coreText(rest)
	allow := func(i int) bool {
		k := f.keys.threeRows[i]
		if m.kind != 0 && k.m != m {
			return false
		}
		if m.kind == 'a' && group != "" && f.Three.Rows[i].Parent != group {
			return false
		}
		return true
	}
	i, q, _ := bestMatch(f.keys.threeRows, core, allow)
	if i < 0 || (m.kind == 0 && q < matchExact) {
		return -1, matchNone
	}
	return i, q
}

func (f *Format) isTopLevel(id string) bool {
	r, ok := f.Row(id)
	return ok && r.Parent == ""
}

// hasMarkedLabel: the first data row of table 三 is the first with a
// numbered label.
func hasMarkedLabel(r trow) bool {
	for _, c := range originCells(r) {
		if m, _ := splitMarker(c.n); m.kind != 0 && isLabelText(c.n) {
			return true
		}
		if strings.Contains(c.n, "本年新收") {
			return true
		}
	}
	return false
}

// labelsEndBefore: no label text at or after the first figure column.
func labelsEndBefore(r trow, pos int) bool {
	for p := pos; p < len(r.cells); p++ {
		if isLabelText(normAt(r, p)) {
			return false
		}
	}
	return true
}

// labelEnd is the position after a flattened row's labels: labels run
// to the last label-like cell before the first figure.
func labelEnd(r trow) int {
	end := 0
	for p := range r.cells {
		n := r.norm[p]
		if n == "" {
			continue
		}
		if !isLabelText(n) {
			break
		}
		end = p + 1
	}
	return end
}

// labelRun lists the distinct label texts in [from, to), merged copies
// (a group label repeated down a merged first column) included once.
func labelRun(r trow, from, to int) []cellRef {
	var out []cellRef
	for p := from; p < to && p < len(r.cells); p++ {
		n := r.norm[p]
		if n == "" || (len(out) > 0 && out[len(out)-1].n == n) {
			continue
		}
		out = append(out, cellRef{pos: p, raw: strings.TrimSpace(r.cells[p].Text), n: n, origin: r.cells[p].Origin})
	}
	return out
}

// profileOffsets decides which cells after the labels hold the n
// figures of the flattened rows of one grid. Normally the first n; when figures appear
// further right in some rows (a spacer column), the offsets that ever
// hold a figure, if there are exactly n of them.
func profileOffsets(data []threeRow, grid, n int) []int {
	seen := map[int]bool{}
	maxOff := -1
	for _, d := range data {
		if d.abs != nil || d.r.grid != grid {
			continue
		}
		for i, v := range d.region {
			if normalize(v) != "" {
				seen[i] = true
				if i > maxOff {
					maxOff = i
				}
			}
		}
	}
	out := make([]int, 0, n)
	if maxOff >= n && len(seen) == n {
		for i := range seen {
			out = append(out, i)
		}
		sort.Ints(out)
		return out
	}
	for i := 0; i < n; i++ {
		out = append(out, i)
	}
	return out
}

// isCorner: a word reports write in the top-left header cell.
func (in *interp) isCorner(n string) bool {
	for _, a := range in.f.Three.CornerAliases {
		if n == a {
			return true
		}
	}
	return false
}
