package annualreport

import (
	"fmt"
	"strings"
)

// storeCollapsedGroup keeps the figures of a group row of table 三 that
// the report fills in as one data row, the way another format has it.
// Real 2023 and 2024 reports keep the trial format's single row
// （六）其他处理 in an otherwise 2021-format table instead of 三.六.1–3.
// The figures are stored under the group's id so the sums still check
// (checkRelations and checkStructure let the group stand for its
// items), and one format-mismatch names the row and what the format
// requires instead. It applies only when another format has the row as
// a data row and none of the group's items was read.
func (in *interp) storeCollapsedGroup(l cellRef, row Row, vals map[int]string) bool {
	var items []string
	for _, r := range in.f.Three.Rows {
		if r.Parent != row.ID {
			continue
		}
		if _, read := in.tables.Three[r.ID]; read {
			return false
		}
		items = append(items, r.Label)
	}
	if len(items) == 0 || in.tables.Three[row.ID] != nil {
		return false
	}
	var other *Format
	for _, f := range Formats() {
		if r, ok := f.Row(row.ID); ok && f != in.f && !r.Group {
			other = f
		}
	}
	if other == nil {
		return false
	}
	cols := in.f.Three.Columns
	cells := map[string]Cell{}
	for col, raw := range vals {
		c, _ := parseCell(raw, cols[col])
		cells[cols[col].Label] = c
	}
	in.tables.Three[row.ID] = cells
	in.matched++
	in.notes = append(in.notes, note{
		kind: "row", section: "三", row: row.ID, text: l.raw, norm: l.n, collapsed: true,
		reason: strings.Join(items, "」「"), otherFormat: other.Name,
	})
	return true
}

// collapsedFinding is the one finding for a group row filled in as a
// single data row (see storeCollapsedGroup).
func (in *interp) collapsedFinding(n note) Finding {
	return Finding{
		Rule: RuleFormatMismatch, Severity: severityOf(RuleFormatMismatch), Section: n.section, Row: n.row,
		Expected: "「" + n.reason + "」", Found: n.text,
		Message: fmt.Sprintf("表三的「%s」按%s填为一行；%s要求分为「%s」%d行。该行数字已读取并计入合计核对",
			n.text, n.otherFormat, in.f.Name, n.reason, strings.Count(n.reason, "」「")+1),
	}
}

// collapsedGroups lists the group rows of table 三 that t holds figures
// for: their items are not required, and the group stands for them in
// the sums.
func collapsedGroups(f *Format, t map[string]map[string]Cell) map[string]bool {
	out := map[string]bool{}
	for _, r := range f.Three.Rows {
		if _, ok := t[r.ID]; ok && r.Group {
			out[r.ID] = true
		}
	}
	return out
}
