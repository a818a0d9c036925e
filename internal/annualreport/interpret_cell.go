package annualreport

import (
	"regexp"
	"strconv"
	"strings"
)

var numberRe = regexp.MustCompile(`^[+-]?(?:\d+|\d{1,3}(?:,\d{3})+)(?:\.\d+)?$`)

// parseCell reads one table cell into its three states (value, "/",
// blank). Text that is none of them is kept in Raw for the bad-value
// rule. For amount columns a money unit written in the cell is accepted
// and returned.
func parseCell(raw string, col Column) (Cell, string) {
	n := normalize(raw)
	switch n {
	case "":
		return Cell{State: Blank}, ""
	case "/":
		return Cell{State: NotApplicable}, ""
	}
	if separateFigures(raw) {
		// Two figures a missing or merged rule left in one cell ("13 4")
		// are never read as one number (134).
		return Cell{State: Blank, Raw: strings.TrimSpace(raw)}, ""
	}
	unit := ""
	if col.Kind == "amount" {
		for _, u := range []string{"万元", "元"} {
			if strings.HasSuffix(n, u) {
				unit, n = u, strings.TrimSuffix(n, u)
				break
			}
		}
	}
	if !numberRe.MatchString(n) {
		return Cell{State: Blank, Raw: strings.TrimSpace(raw)}, ""
	}
	v, err := strconv.ParseFloat(strings.ReplaceAll(n, ",", ""), 64)
	if err != nil {
		return Cell{State: Blank, Raw: strings.TrimSpace(raw)}, ""
	}
	if unit != "" && col.Unit != "" && unit != col.Unit {
		// The format fixes the unit; a different one is not silently converted.
		return Cell{State: Blank, Raw: strings.TrimSpace(raw)}, ""
	}
	return Cell{State: Value, Num: v}, unit
}

// isValueText reports whether a normalized cell reads as a figure cell
// (a number, "/" or something short without ideographs such as "—"):
// what separates the figures of a row from its labels.
func isValueText(n string) bool {
	if n == "" || n == "/" || numberRe.MatchString(n) {
		return true
	}
	return !isLabelText(n)
}

// isLabelText: row labels are numbered or have a few ideographs.
func isLabelText(n string) bool {
	if n == "" || numberRe.MatchString(n) {
		return false
	}
	if m, _ := splitMarker(n); m.kind != 0 {
		return true
	}
	return hanCount(n) >= 2
}

// formatNum writes a figure the shortest way (842, 0.03).
func formatNum(v float64) string {
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// cellText writes a cell as a report shows it.
func cellText(c Cell) string {
	switch {
	case c.Raw != "":
		return c.Raw
	case c.State == Value:
		return formatNum(c.Num)
	case c.State == NotApplicable:
		return "/"
	}
	return ""
}

// separateFigures: the text is two or more numbers apart.
func separateFigures(raw string) bool {
	if !strings.ContainsAny(strings.TrimSpace(raw), " \t\u3000\u00a0") {
		return false
	}
	fields := strings.Fields(raw)
	if len(fields) < 2 {
		return false
	}
	for _, f := range fields {
		if !numberRe.MatchString(normalize(f)) {
			return false
		}
	}
	return true
}
