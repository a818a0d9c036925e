package demo

import (
	"testing"

	"github.com/gongkai/gongkai/internal/annualreport"
	"github.com/gongkai/gongkai/internal/disclosure"
)

// TestReportFiguresFitFormat: whatever year the demo is seeded for, its
// figures name entered cells of that year's format, and an amount the
// format gives no unit carries one the store accepts.
func TestReportFiguresFitFormat(t *testing.T) {
	for year := 2019; year <= 2030; year++ {
		f := annualreport.FormatForYear(year)
		if f == nil {
			continue
		}
		fig := reportFigures(year)
		entered := map[[2]string]annualreport.Column{}
		for _, st := range f.Two {
			for _, r := range st.Rows {
				for _, c := range st.Columns {
					if !disclosure.FromDocuments(r, c) {
						entered[[2]string{r.Label, c.Label}] = c
					}
				}
			}
		}
		for row, cols := range fig.Cells {
			for col, cell := range cols {
				c, ok := entered[[2]string{row, col}]
				if !ok {
					t.Errorf("%d: %s / %s is not an entered cell of the %s format", year, row, col, f.ID)
					continue
				}
				if u := fig.Units[disclosure.UnitKey(row, col)]; c.UnitFromReport && cell.State == annualreport.Value && u == "" {
					t.Errorf("%d: %s / %s = %v without a unit", year, row, col, cell.Num)
				}
			}
		}
		if err := fig.CheckUnits(year); err != nil {
			t.Errorf("%d: %v", year, err)
		}
	}
	if u := reportFigures(2020).Units["政府集中采购/采购总金额"]; u != "万元" {
		t.Errorf("2020 采购总金额 unit = %q, want 万元", u)
	}
}
