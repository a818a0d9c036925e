package annualreport

import "sort"

// readFour reads table 四: header rows of group and column labels, then
// one row of 15 figures (sometimes split over several rows or tables, in
// order). With a grid whose 15 column labels line up, figures are read
// by position; otherwise in order after any leading label.
func (in *interp) readFour(rows []trow) {
	if len(rows) == 0 {
		return
	}
	f := in.f
	cells := f.fourCells()
	nc := len(f.Four.Columns)
	type leaf struct{ pos, col int }
	leaves := map[int][]leaf{} // by grid
	var figures []string
	for _, r := range rows {
		cs := originCells(r)
		if len(cs) == 0 {
			continue
		}
		isHeader := true
		for _, c := range cs {
			if !isLabelText(c.n) {
				isHeader = false
				break
			}
		}
		if isHeader {
			for _, c := range cs {
				core := coreText(c.n)
				if j, q, _ := bestMatch(f.keys.fourGroups, core, nil); j >= 0 && q >= matchFuzzy {
					in.hit("header", core, q)
					continue
				}
				j, q, _ := bestMatch(f.keys.fourCols, core, nil)
				switch {
				case j >= 0 && q >= matchFuzzy:
					in.hit("header", core, q)
				case j >= 0 && q == matchTruncated:
					in.truncated("header", "四", "", c.raw, c.n, f.Four.Columns[j].Label)
				default:
					in.miss("header", "四", "", c.raw, core, byOrderReason)
					continue
				}
				leaves[r.grid] = append(leaves[r.grid], leaf{c.pos, j})
			}
			continue
		}
		// A figure row.
		if ls := leaves[r.grid]; len(ls) == len(cells) && len(figures) == 0 {
			sort.Slice(ls, func(i, j int) bool { return ls[i].pos < ls[j].pos })
			ok := true
			for i, l := range ls {
				ok = ok && l.col == i%nc && (i == 0 || l.pos > ls[i-1].pos)
			}
			if ok && labelsEndBefore(r, ls[0].pos) {
				for _, l := range ls {
					figures = append(figures, cellAt(r, l.pos))
				}
				continue
			}
		}
		end := labelEnd(r)
		for p := end; p < len(r.cells); p++ {
			figures = append(figures, cellAt(r, p))
		}
	}
	// Spacer cells: keep the first len(cells) figures, unless figures sit
	// further right and dropping the blanks leaves exactly the right count.
	if len(figures) > len(cells) {
		var nonBlank []string
		extra := false
		for i, v := range figures {
			if normalize(v) != "" {
				nonBlank = append(nonBlank, v)
				if i >= len(cells) {
					extra = true
				}
			}
		}
		if extra && len(nonBlank) == len(cells) {
			figures = nonBlank
		} else {
			figures = figures[:len(cells)]
		}
	}
	for i, v := range figures {
		g, col := cells[i][0], cells[i][1]
		if in.tables.Four[g] == nil {
			in.tables.Four[g] = map[string]Cell{}
		}
		c, _ := parseCell(v, f.Four.Columns[i%nc])
		in.tables.Four[g][col] = c
	}
}
