package annualreport

import (
	"strings"

	"slices"
)

// slot is a header column of a table: its grid position and the format
// column it stands for (-1: unknown).
type slot struct {
	pos int
	col int
}

// readTwo reads the tables of section 二, written as one table with
// caption rows, as several tables, or with captions as paragraphs.
func (in *interp) readTwo(rows []trow) {
	f := in.f
	st := -1      // current sub-table
	skip := false // under a caption this format does not have
	var slots []slot
	slotGrid := -1
	fresh := false // a caption was read and its header not yet
	for _, r := range rows {
		cs := originCells(r)
		if len(cs) == 0 {
			continue
		}
		first := cs[0]
		if item, ok := captionItem(first.n); ok {
			st, skip, slots, fresh = -1, false, nil, true
			for i, t := range f.Two {
				if t.Item == item {
					st = i
				}
			}
			if st < 0 {
				skip = true
				in.miss("caption", "二", "", first.raw, first.n, "")
			} else {
				in.hit("caption", first.n, matchExact)
			}
			continue
		}
		if skip {
			continue
		}
		if strings.HasPrefix(first.n, "信息内容") {
			// Without a caption of its own, the header tells the sub-table.
			if !fresh || st < 0 {
				if g := in.twoGuessByHeader(cs[1:]); g >= 0 {
					st = g
				}
			}
			fresh = false
			if st >= 0 {
				slots, slotGrid = in.twoHeader(st, cs[1:]), r.grid
			}
			continue
		}
		// A data row: the label, then the figures.
		ri := -1
		if st >= 0 {
			ri = in.twoRow(st, first)
		}
		if ri < 0 {
			// A row of another sub-table without its caption.
			for i := range f.Two {
				if i == st {
					continue
				}
				if j, q, _ := bestMatch(f.keys.twoRows[i], coreText(first.n), nil); j >= 0 && q >= matchFuzzy {
					st, slots = i, nil
					ri = in.twoRow(st, first)
					break
				}
			}
		}
		if ri < 0 {
			in.miss("row", "二", "", first.raw, first.n, "")
			continue
		}
		if slots != nil && slotGrid != r.grid {
			slots = nil
		}
		in.twoValues(st, ri, r, first.pos, slots)
	}
}

// twoRow matches a row label within sub-table st.
func (in *interp) twoRow(st int, c cellRef) int {
	i, q, _ := bestMatch(in.f.keys.twoRows[st], coreText(c.n), nil)
	switch {
	case i >= 0 && q >= matchFuzzy:
		in.hit("row", c.n, q)
		return i
	case i >= 0 && q == matchTruncated:
		in.truncated("row", "二", "", c.raw, c.n, in.f.Two[st].Rows[i].Label)
		return i
	}
	return -1
}

// twoGuessByHeader picks the sub-table whose columns a caption-less
// header names.
func (in *interp) twoGuessByHeader(cs []cellRef) int {
	best, bestN := -1, 0
	for i := range in.f.Two {
		n := 0
		for _, c := range cs {
			if j, q, _ := bestMatch(in.f.keys.twoCols[i], coreText(c.n), nil); j >= 0 && q >= matchFuzzy {
				n++
			}
		}
		if n > bestN {
			best, bestN = i, n
		}
	}
	return best
}

// twoHeader maps the header cells after 信息内容 to the columns of
// sub-table st. A truncated header (本年新) that could be several columns
// is mapped by its position when that column starts with it.
func (in *interp) twoHeader(st int, cs []cellRef) []slot {
	t := in.f.Two[st]
	keys := in.f.keys.twoCols[st]
	used := map[int]bool{}
	var slots []slot
	for i, c := range cs {
		core := coreText(c.n)
		j, q, amb := bestMatch(keys, core, nil)
		switch {
		case j >= 0 && q >= matchFuzzy && !used[j]:
			in.hit("column", core, q)
		case j >= 0 && q == matchTruncated && !used[j]:
			in.truncated("column", "二", "", c.raw, c.n, t.Columns[j].Label)
		case q == matchTruncated && len(amb) > 1 && i < len(t.Columns) && slices.Contains(amb, i) && !used[i]:
			j = i
			in.truncated("column", "二", "", c.raw, c.n, t.Columns[j].Label)
		default:
			in.miss("column", "二", "", c.raw, core, "")
			j = -1
		}
		if j >= 0 {
			used[j] = true
			u := unitIn(c.n)
			switch col := t.Columns[j]; {
			case col.UnitFromReport && u != "":
				in.hdrUnits[col.Label] = u
			case col.Unit != "" && u != "" && u != col.Unit:
				in.notes = append(in.notes, note{kind: "column", section: "二", text: c.raw, norm: c.n,
					reason: "的单位与格式规定的「" + col.Unit + "」不同，金额未换算，请核对"})
			}
		}
		slots = append(slots, slot{pos: c.pos, col: j})
	}
	return slots
}

// twoValues stores the figures of one row. With a header from the same
// grid the figures are taken by position; otherwise, or when figures sit
// outside the header's positions, in order.
func (in *interp) twoValues(st, ri int, r trow, labelPos int, slots []slot) {
	t := in.f.Two[st]
	rowLabel := t.Rows[ri].Label
	if _, dup := in.tables.Two[rowLabel]; dup {
		in.miss("row", "二", "", rowLabel, normalize(rowLabel), "重复出现，只读取了第一次")
		return
	}
	type pair struct {
		col int
		raw string
	}
	var cells []pair
	positional := slots != nil
	if positional {
		at := map[int]bool{}
		for _, s := range slots {
			at[s.pos] = true
		}
		for p := labelPos + 1; p < len(r.cells); p++ {
			if normAt(r, p) != "" && !at[p] {
				positional = false
			}
		}
	}
	if positional {
		for _, s := range slots {
			if s.col >= 0 {
				cells = append(cells, pair{s.col, cellAt(r, s.pos)})
			}
		}
	} else {
		var seq []string
		for p := labelPos + 1; p < len(r.cells); p++ {
			if r.cells[p].Origin {
				seq = append(seq, r.cells[p].Text)
			}
		}
		for len(seq) > len(t.Columns) && normalize(seq[len(seq)-1]) == "" {
			seq = seq[:len(seq)-1]
		}
		for len(seq) > len(t.Columns) && normalize(seq[0]) == "" {
			seq = seq[1:]
		}
		for i, s := range seq {
			if i < len(t.Columns) {
				cells = append(cells, pair{i, s})
			}
		}
	}
	row := map[string]Cell{}
	for _, p := range cells {
		col := t.Columns[p.col]
		c, unit := parseCell(p.raw, col)
		row[col.Label] = c
		if col.UnitFromReport {
			if unit == "" {
				unit = in.hdrUnits[col.Label]
			}
			if unit != "" {
				in.units[rowLabel+"/"+col.Label] = unit
			}
		}
	}
	in.tables.Two[rowLabel] = row
}
