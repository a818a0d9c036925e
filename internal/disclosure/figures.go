package disclosure

import (
	"fmt"
	"sort"

	"github.com/gongkai/gongkai/internal/annualreport"
)

// Figures are the table 二 cells a body entered for a report year from
// other systems, with the unit written beside an amount whose format
// gives none: the 2019 format leaves 采购总金额 without a unit and the
// reports state 万元 or 元, which must stay with the amount.
type Figures struct {
	// Cells are keyed by the format's row label then column label.
	Cells map[string]map[string]annualreport.Cell
	// Units are keyed like annualreport.Report.Units ("row/column"), one
	// for each Value cell of a unit_from_report column that has one.
	Units map[string]string
}

// amountUnits are the units such an amount may carry, 万元 first so that
// a suffix 万元 is never read as 元.
var amountUnits = []string{"万元", "元"}

// ValidUnit reports whether u is a unit an amount of a unit_from_report
// column may carry.
func ValidUnit(u string) bool {
	for _, v := range amountUnits {
		if u == v {
			return true
		}
	}
	return false
}

// AmountUnits lists the units offered for such an amount, the usual one
// (万元) first.
func AmountUnits() []string { return append([]string(nil), amountUnits...) }

// UnitKey is the key of a cell's unit in Figures.Units and Report.Units.
func UnitKey(row, col string) string { return row + "/" + col }

// CheckUnits reports the first unit that the year's format does not
// allow: a unit belongs only to a Value cell of a unit_from_report
// column and is 万元 or 元. Keys are matched against the format rather
// than split, since column labels such as 本年增/减 contain "/".
func (fg Figures) CheckUnits(year int) error {
	if len(fg.Units) == 0 {
		return nil
	}
	allowed := map[string][2]string{}
	if f := annualreport.FormatForYear(year); f != nil {
		for _, st := range f.Two {
			for _, r := range st.Rows {
				for _, c := range st.Columns {
					if c.UnitFromReport && !FromDocuments(r, c) {
						allowed[UnitKey(r.Label, c.Label)] = [2]string{r.Label, c.Label}
					}
				}
			}
		}
	}
	keys := make([]string, 0, len(fg.Units))
	for k := range fg.Units {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		u := fg.Units[k]
		cell, ok := allowed[k]
		switch {
		case !ok:
			return fmt.Errorf("disclosure: unit %q for %q: not a unit_from_report cell of the %d format", u, k, year)
		case !ValidUnit(u):
			return fmt.Errorf("disclosure: unit %q for %q: want 万元 or 元", u, k)
		case fg.Cells[cell[0]][cell[1]].State != annualreport.Value:
			return fmt.Errorf("disclosure: unit %q for %q: the cell holds no value", u, k)
		}
	}
	return nil
}
