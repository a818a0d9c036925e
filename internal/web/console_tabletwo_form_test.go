package web

import (
	"net/url"
	"slices"
	"testing"

	"github.com/gongkai/gongkai/internal/annualreport"
	"github.com/gongkai/gongkai/internal/disclosure"
)

// TestReadTableTwo reads table 二 of the 2020 format, whose 采购总金额
// states its unit: values and "/" kept, blanks left out, an amount
// without a unit and a cell of the wrong kind refused by name, and a
// cell counted from the documents never taken from the form.
func TestReadTableTwo(t *testing.T) {
	f := annualreport.FormatForYear(2020)
	counted := ""
	for ti, st := range f.Two {
		for ri, row := range st.Rows {
			for ci, c := range st.Columns {
				if counted == "" && disclosure.FromDocuments(row, c) {
					counted = cellName(ti, ri, ci)
				}
			}
		}
	}
	if counted == "" {
		t.Fatal("the 2020 format has no cell counted from the documents")
	}
	type cell = annualreport.Cell
	cases := []struct {
		name  string
		in    url.Values
		cells map[string]map[string]cell
		units map[string]string
		errs  []string
	}{
		{"an amount with its unit, a count", url.Values{buyCell: {"1250000"}, buyUnit: {"元"}, "c-4-0-0": {"3"}},
			map[string]map[string]cell{buyRow: {buyTotal: {State: annualreport.Value, Num: 1250000},
				"采购项目数量": {State: annualreport.Value, Num: 3}}}, map[string]string{buyKey: "元"}, nil},
		{"not applicable needs no unit", url.Values{buyCell: {"/"}, buyUnit: {"万元"}},
			map[string]map[string]cell{buyRow: {buyTotal: {State: annualreport.NotApplicable}}}, map[string]string{}, nil},
		{"blank and counted cells are left out", url.Values{buyCell: {" "}, counted: {"99"}},
			map[string]map[string]cell{}, map[string]string{}, nil},
		{"no unit, a count that is no number", url.Values{buyCell: {"30"}, buyUnit: {"美元"}, "c-4-0-0": {"三"}},
			map[string]map[string]cell{}, map[string]string{},
			[]string{"“政府集中采购 / 采购项目数量”应填写非负整数、“/”或留空。", "“政府集中采购 / 采购总金额”请选择金额单位：万元或元。"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, errs := readTableTwo(c.in.Get, f)
			if !slices.Equal(errs, c.errs) {
				t.Errorf("errors %q, want %q", errs, c.errs)
			}
			if len(got.Cells) != len(c.cells) || len(got.Units) != len(c.units) {
				t.Fatalf("= %+v, want cells %+v units %+v", got, c.cells, c.units)
			}
			for row, cols := range c.cells {
				if len(got.Cells[row]) != len(cols) {
					t.Errorf("row %s = %+v, want %+v", row, got.Cells[row], cols)
				}
				for col, want := range cols {
					if got.Cells[row][col] != want {
						t.Errorf("%s / %s = %+v, want %+v", row, col, got.Cells[row][col], want)
					}
				}
			}
			for k, u := range c.units {
				if got.Units[k] != u {
					t.Errorf("unit %s = %q, want %q", k, got.Units[k], u)
				}
			}
		})
	}
}
