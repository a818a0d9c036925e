package annualreport

import (
	"math"
	"strings"
)

// checkRelations runs the format's sum relations (balance, outcome-total,
// row-total, review-total). A blank 总计 cell whose addends have values
// is reported once as empty-total, and no sum that uses it is checked,
// so one blank does not cascade. Other blank cells count as 0. Sums with
// a missing or unreadable cell are skipped: missing-row and bad-value
// already report those.
func checkRelations(f *Format, t Tables) []Finding {
	var out []Finding
	reported := map[string]bool{}
	for _, rel := range f.Relations {
		var tbl map[string]map[string]Cell
		var cols []Column
		var lines []string
		isTotalRow := func(string) bool { return false }
		switch rel.Table {
		case "三":
			tbl, cols = t.Three, f.Three.Columns
			isTotalRow = func(id string) bool { r, _ := f.Row(id); return r.Total }
			if rel.Sum == "columns" {
				lines = rowIDs(f.DataRows())
			}
		case "四":
			tbl, cols = t.Four, f.Four.Columns
			if rel.Sum == "columns" {
				for _, g := range f.Four.Groups {
					lines = append(lines, g.ID)
				}
			}
		}
		if len(tbl) == 0 {
			continue
		}
		if rel.Sum == "rows" {
			for _, c := range cols {
				lines = append(lines, c.Label)
			}
		}
		isTotalCol := func(label string) bool {
			i := columnIndex(cols, label)
			return i >= 0 && cols[i].Total
		}
		// at returns the cell for a name of the relation on a line.
		at := func(name, line string) (row, col string) {
			if rel.Sum == "rows" {
				return name, line
			}
			return line, name
		}
		for _, line := range lines {
			if _, ok := tbl[line]; rel.Sum == "columns" && !ok {
				continue
			}
			usable := true
			blankTotal := ""
			var left, right float64
			leftHasValue := false
			sides := [][]string{rel.Left, rel.Right}
			if rel.Table == "三" && rel.Sum == "rows" {
				sides = [][]string{standIns(f, tbl, rel.Left), standIns(f, tbl, rel.Right)}
			}
			for side, names := range sides {
				for _, name := range names {
					row, col := at(name, line)
					c, ok := tbl[row][col]
					if !ok || c.Raw != "" {
						usable = false
						continue
					}
					if c.State == Blank && (isTotalRow(row) || isTotalCol(col)) {
						usable = false
						if len(names) == 1 && side == 1 {
							blankTotal = row + "/" + col
						}
					}
					if side == 0 {
						left += valueOf(c)
						leftHasValue = leftHasValue || c.State == Value
					} else {
						right += valueOf(c)
					}
				}
			}
			if blankTotal != "" && leftHasValue && !reported[blankTotal] {
				reported[blankTotal] = true
				row, col := at(rel.Right[0], line)
				out = append(out, finding(RuleEmptyTotal, rel.Table, row, col, formatNum(left), "",
					"表"+rel.Table+"「"+row+"」行「"+col+"」列的总计为空白，而其加数合计为"+formatNum(left)))
			}
			if !usable || math.Abs(left-right) < 1e-9 {
				continue
			}
			row, col := "", line
			if rel.Sum == "columns" {
				row, col = line, strings.Join(rel.Right, "+")
			} else if len(rel.Right) == 1 {
				row = rel.Right[0]
			}
			out = append(out, finding(rel.Rule, rel.Table, row, col, formatNum(left), formatNum(right),
				"表"+rel.Table+relPlace(rel, line)+"："+rel.Description+"（"+sumName(rel.Left)+"="+formatNum(left)+
					"，"+sumName(rel.Right)+"="+formatNum(right)+"）"))
		}
	}
	return out
}

func relPlace(rel Relation, line string) string {
	if rel.Sum == "rows" {
		return "「" + line + "」列"
	}
	return "「" + line + "」行"
}

// sumName names the cells of a sum, shortened when there are many.
func sumName(names []string) string {
	if len(names) > 4 {
		return names[0] + "+…+" + names[len(names)-1]
	}
	return strings.Join(names, "+")
}

// standIns replaces the items of a group of table 三 filled in as one
// row (storeCollapsedGroup) by the group, once, so the sums use the
// figures the report gives.
func standIns(f *Format, tbl map[string]map[string]Cell, names []string) []string {
	collapsed := collapsedGroups(f, tbl)
	if len(collapsed) == 0 {
		return names
	}
	var out []string
	done := map[string]bool{}
	for _, name := range names {
		r, _ := f.Row(name)
		if p := r.Parent; collapsed[p] {
			if !done[p] {
				done[p] = true
				out = append(out, p)
			}
			continue
		}
		out = append(out, name)
	}
	return out
}
