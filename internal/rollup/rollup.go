// Package rollup sums the annual report tables (二, 三, 四) of the bodies
// of a subtree into one set of tables for a supervisor — a county's or a
// province's totals — and states the figures a supervisor compares from
// year to year. It is pure: the tables come from the records or from
// reports uploaded for bodies that publish elsewhere; the caller reads
// them.
package rollup

import (
	"github.com/gongkai/gongkai/internal/annualreport"
)

// Part is one body's tables and the units of its amounts (2019 采购总
// 金额: 万元 or 元, keyed "row/column" as annualreport.Report.Units).
type Part struct {
	Tables annualreport.Tables
	Units  map[string]string
}

// Unit is the unit the roll-up states every amount of a unit-less
// column in: amounts in 元 are converted, so a county's sum never adds
// 元 to 万元.
const Unit = "万元"

// Sum adds parts cell by cell over the cells of format f. A summed cell
// is a value when any part gives a value there; a cell every part marks
// "/" stays "/"; otherwise it is blank. Keys outside f (a report
// uploaded in another format) are not summed: Skipped counts them, so
// the page can say that figures were left out.
func Sum(f *annualreport.Format, parts []Part) (annualreport.Tables, map[string]string, int) {
	out := annualreport.Tables{Two: map[string]map[string]annualreport.Cell{},
		Three: map[string]map[string]annualreport.Cell{}, Four: map[string]map[string]annualreport.Cell{}}
	units := map[string]string{}
	for _, st := range f.Two {
		for _, r := range st.Rows {
			out.Two[r.Label] = map[string]annualreport.Cell{}
			for _, c := range st.Columns {
				out.Two[r.Label][c.Label] = sumCell(parts, func(p Part) map[string]map[string]annualreport.Cell { return p.Tables.Two },
					r.Label, c.Label, c.UnitFromReport)
				if c.UnitFromReport && out.Two[r.Label][c.Label].State == annualreport.Value {
					units[r.Label+"/"+c.Label] = Unit
				}
			}
		}
	}
	for _, r := range f.Three.Rows {
		if r.Group {
			continue
		}
		out.Three[r.ID] = map[string]annualreport.Cell{}
		for _, c := range f.Three.Columns {
			out.Three[r.ID][c.Label] = sumCell(parts, func(p Part) map[string]map[string]annualreport.Cell { return p.Tables.Three }, r.ID, c.Label, false)
		}
	}
	for _, g := range f.Four.Groups {
		out.Four[g.ID] = map[string]annualreport.Cell{}
		for _, c := range f.Four.Columns {
			out.Four[g.ID][c.Label] = sumCell(parts, func(p Part) map[string]map[string]annualreport.Cell { return p.Tables.Four }, g.ID, c.Label, false)
		}
	}
	return out, units, skipped(out, parts)
}

// sumCell sums one cell over the parts; amounts whose part states 元
// are converted to 万元 when converting.
func sumCell(parts []Part, table func(Part) map[string]map[string]annualreport.Cell, row, col string, converting bool) annualreport.Cell {
	var sum float64
	values, na := 0, 0
	for _, p := range parts {
		c, ok := table(p)[row][col]
		if !ok {
			continue
		}
		switch c.State {
		case annualreport.Value:
			v := c.Num
			if converting && p.Units[row+"/"+col] == "元" {
				v /= 10000
			}
			sum += v
			values++
		case annualreport.NotApplicable:
			na++
		}
	}
	switch {
	case values > 0:
		return annualreport.Cell{State: annualreport.Value, Num: sum}
	case na > 0 && na == len(parts):
		return annualreport.Cell{State: annualreport.NotApplicable}
	}
	return annualreport.Cell{}
}

// skipped counts the valued cells of the parts that have no place in
// the summed tables.
func skipped(sum annualreport.Tables, parts []Part) int {
	n := 0
	count := func(have, part map[string]map[string]annualreport.Cell) {
		for row, cols := range part {
			for col, c := range cols {
				if _, ok := have[row][col]; !ok && c.State == annualreport.Value {
					n++
				}
			}
		}
	}
	for _, p := range parts {
		count(sum.Two, p.Tables.Two)
		count(sum.Three, p.Tables.Three)
		count(sum.Four, p.Tables.Four)
	}
	return n
}

// Num is a cell's number, 0 unless it holds a value.
func Num(t map[string]map[string]annualreport.Cell, row, col string) float64 {
	if c := t[row][col]; c.State == annualreport.Value {
		return c.Num
	}
	return 0
}
