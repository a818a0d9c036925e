package annualreport

import (
	"math"
	"sort"
)

// checkStructure reports missing tables, sub-tables, rows and columns
// (missing-table, missing-row) against the format the tables follow.
func checkStructure(f *Format, r *Report) []Finding {
	var out []Finding
	t := r.Tables
	if len(t.Two) == 0 {
		out = append(out, finding(RuleMissingTable, "二", "", "", "", "", "缺少第二部分「主动公开政府信息情况」的表格"))
	} else {
		for _, st := range f.Two {
			present := 0
			for _, row := range st.Rows {
				if _, ok := t.Two[row.Label]; ok {
					present++
				}
			}
			if present == 0 {
				out = append(out, finding(RuleMissingTable, "二", "", "", st.Caption, "", "缺少「"+st.Caption+"」子表"))
				continue
			}
			for _, row := range st.Rows {
				cells, ok := t.Two[row.Label]
				if !ok {
					out = append(out, finding(RuleMissingRow, "二", row.Label, "", "", "", "「"+st.Caption+"」子表缺少「"+row.Label+"」行"))
					continue
				}
				for _, c := range st.Columns {
					if _, ok := cells[c.Label]; !ok {
						out = append(out, finding(RuleMissingRow, "二", row.Label, c.Label, "", "", "「"+row.Label+"」行缺少「"+c.Label+"」列"))
					}
				}
			}
		}
	}

	if len(t.Three) == 0 {
		out = append(out, finding(RuleMissingTable, "三", "", "", "", "", "缺少第三部分「收到和处理政府信息公开申请情况」的表格"))
	} else {
		// A group filled in as one row (see storeCollapsedGroup) stands
		// for its items: it is reported once as format-mismatch.
		collapsed := collapsedGroups(f, t.Three)
		var rows []string
		for _, row := range f.DataRows() {
			if !collapsed[row.Parent] {
				rows = append(rows, row.ID)
			}
		}
		out = append(out, missingCells("三", t.Three, rows, f.ThreeColumns())...)
	}

	if len(t.Four) == 0 {
		out = append(out, finding(RuleMissingTable, "四", "", "", "", "", "缺少第四部分「政府信息公开行政复议、行政诉讼情况」的表格"))
	} else {
		var groups, cols []string
		for _, g := range f.Four.Groups {
			groups = append(groups, g.ID)
		}
		for _, c := range f.Four.Columns {
			cols = append(cols, c.Label)
		}
		out = append(out, missingCells("四", t.Four, groups, cols)...)
	}
	return out
}

// missingCells reports missing rows, then columns missing from every
// present row (once), then single missing cells.
func missingCells(section string, tbl map[string]map[string]Cell, rows, cols []string) []Finding {
	var out []Finding
	var present []string
	for _, id := range rows {
		if _, ok := tbl[id]; ok {
			present = append(present, id)
		} else {
			out = append(out, finding(RuleMissingRow, section, id, "", "", "", "表"+section+"缺少「"+id+"」行"))
		}
	}
	for _, c := range cols {
		missing := 0
		for _, id := range present {
			if _, ok := tbl[id][c]; !ok {
				missing++
			}
		}
		switch {
		case missing == 0:
		case missing == len(present):
			out = append(out, finding(RuleMissingRow, section, "", c, "", "", "表"+section+"缺少「"+c+"」列"))
		default:
			for _, id := range present {
				if _, ok := tbl[id][c]; !ok {
					out = append(out, finding(RuleMissingRow, section, id, c, "", "", "表"+section+"「"+id+"」行缺少「"+c+"」列"))
				}
			}
		}
	}
	return out
}

func rowIDs(rows []Row) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = r.ID
	}
	return out
}

// checkValues is bad-value: text that is not a figure, a negative count
// (only 2019 本年增/减 may be negative), a fraction where a count is due.
func checkValues(f *Format, r *Report) []Finding {
	var out []Finding
	check := func(section, row, colLabel string, col Column, c Cell) {
		switch {
		case c.Raw != "":
			out = append(out, finding(RuleBadValue, section, row, colLabel, "数字、“/”或空白", c.Raw,
				"表"+section+"「"+row+"」行「"+colLabel+"」列的「"+c.Raw+"」不是数字、“/”或空白"))
		case c.State != Value:
		case c.Num < 0 && col.Kind != "signed":
			out = append(out, finding(RuleBadValue, section, row, colLabel, "非负数", formatNum(c.Num),
				"表"+section+"「"+row+"」行「"+colLabel+"」列为负数"+formatNum(c.Num)))
		case col.Kind != "amount" && c.Num != math.Trunc(c.Num):
			out = append(out, finding(RuleBadValue, section, row, colLabel, "整数", formatNum(c.Num),
				"表"+section+"「"+row+"」行「"+colLabel+"」列应为整数，却是"+formatNum(c.Num)))
		}
	}
	for _, row := range sortedKeys(r.Tables.Two) {
		for _, col := range sortedKeys(r.Tables.Two[row]) {
			c, _ := f.twoColumn(row, col)
			check("二", row, col, c, r.Tables.Two[row][col])
		}
	}
	for _, id := range orderedRows(f, r.Tables.Three) {
		for _, col := range sortedKeys(r.Tables.Three[id]) {
			var c Column
			if i := columnIndex(f.Three.Columns, col); i >= 0 {
				c = f.Three.Columns[i]
			}
			check("三", id, col, c, r.Tables.Three[id][col])
		}
	}
	for _, g := range sortedKeys(r.Tables.Four) {
		for _, col := range sortedKeys(r.Tables.Four[g]) {
			check("四", g, col, Column{}, r.Tables.Four[g][col])
		}
	}
	return out
}

// orderedRows lists the rows of a table-三 map in format order, then any
// others.
func orderedRows(f *Format, tbl map[string]map[string]Cell) []string {
	var out []string
	seen := map[string]bool{}
	for _, r := range f.Three.Rows {
		if _, ok := tbl[r.ID]; ok {
			out = append(out, r.ID)
			seen[r.ID] = true
		}
	}
	for _, k := range sortedKeys(tbl) {
		if !seen[k] {
			out = append(out, k)
		}
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// checkCrossYear compares with last year's report: carryover (this
// year's 上年结转 = last year's 结转下年度) and stock (现行有效件数).
func checkCrossYear(f *Format, r, prev *Report) []Finding {
	if r.Year != 0 && prev.Year != 0 && prev.Year != r.Year-1 {
		return nil
	}
	var out []Finding
	if co := f.Carryover; co != nil {
		for _, col := range f.ThreeColumns() {
			this, ok1 := r.Tables.Three[co.Row][col]
			last, ok2 := prev.Tables.Three[co.PreviousRow][col]
			if !ok1 || !ok2 || this.State != Value || last.State != Value || this.Num == last.Num {
				continue
			}
			out = append(out, finding(RuleCarryover, "三", co.Row, col, formatNum(last.Num), formatNum(this.Num),
				"表三「"+col+"」列上年结转"+formatNum(this.Num)+"件，而上年报告结转下年度"+formatNum(last.Num)+"件"))
		}
	}
	if st := f.Stock; st != nil {
		for _, row := range st.Rows {
			cur, ok1 := r.Tables.Two[row][st.Current]
			was, ok2 := prev.Tables.Two[row][st.Current]
			if !ok1 || !ok2 || cur.State != Value || was.State != Value {
				continue
			}
			added := r.Tables.Two[row][st.Added]
			removed := r.Tables.Two[row][st.Removed]
			want := was.Num + valueOf(added) - valueOf(removed)
			if want == cur.Num {
				continue
			}
			out = append(out, finding(RuleStock, "二", row, st.Current, formatNum(want), formatNum(cur.Num),
				"「"+row+"」现行有效件数"+formatNum(cur.Num)+"，而上年"+formatNum(was.Num)+"+本年制发"+formatNum(valueOf(added))+
					"−本年废止"+formatNum(valueOf(removed))+"="+formatNum(want)))
		}
	}
	return out
}

// valueOf: blank and "/" count as 0 in sums.
func valueOf(c Cell) float64 {
	if c.State == Value {
		return c.Num
	}
	return 0
}
