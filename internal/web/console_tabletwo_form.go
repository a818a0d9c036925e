package web

import (
	"fmt"

	"github.com/gongkai/gongkai/internal/annualreport"
	"github.com/gongkai/gongkai/internal/disclosure"
)

// readTableTwo reads the entered cells of table 二 in format f, fields
// named by place (cellName, unitName). Counted cells (from the
// documents) are never read from the form; blank cells are left out; an
// amount of a column whose unit the report states needs its unit. Every
// problem is one message, in the table's order.
func readTableTwo(get func(string) string, f *annualreport.Format) (disclosure.Figures, []string) {
	entered := disclosure.Figures{Cells: map[string]map[string]annualreport.Cell{}, Units: map[string]string{}}
	var errs []string
	for ti, st := range f.Two {
		for ri, row := range st.Rows {
			for ci, c := range st.Columns {
				if disclosure.FromDocuments(row, c) {
					continue
				}
				cell, ok := parseCell(get(cellName(ti, ri, ci)), c)
				if !ok {
					errs = append(errs, fmt.Sprintf("“%s / %s”应填写%s、“/”或留空。", row.Label, c.Label, kindWord(c)))
					continue
				}
				if cell.State == annualreport.Blank {
					continue
				}
				if c.UnitFromReport && cell.State == annualreport.Value {
					u := get(unitName(ti, ri, ci))
					if !disclosure.ValidUnit(u) {
						errs = append(errs, fmt.Sprintf("“%s / %s”请选择金额单位：万元或元。", row.Label, c.Label))
						continue
					}
					entered.Units[disclosure.UnitKey(row.Label, c.Label)] = u
				}
				if entered.Cells[row.Label] == nil {
					entered.Cells[row.Label] = map[string]annualreport.Cell{}
				}
				entered.Cells[row.Label][c.Label] = cell
			}
		}
	}
	return entered, errs
}
