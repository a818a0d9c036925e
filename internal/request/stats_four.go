package request

import (
	"fmt"

	"github.com/gongkai/gongkai/internal/annualreport"
)

// CaseColumn says where a case counts in table 四 of year's report:
//
//   - decided in the year: its result column (结果维持 / 结果纠正 /
//     其他结果), whatever year it was filed in. Table 四 reports the cases
//     concluded in the year plus the pending ones, as national practice
//     reads the format, so a case filed in 2022 and decided in 2023 is
//     尚未审结 in 2022's report and counted by result in 2023's;
//   - filed by 31 December and not decided by then: 尚未审结, in every
//     year-end report until it is decided;
//   - otherwise (filed after the year, or decided before it) it does not
//     count: ok is false.
//
// Only the original acting body records a case (国办公开办函〔2016〕201号:
// a reconsideration body named as co-defendant does not count it); that
// is the caller's choice of records, not a rule here.
func CaseColumn(c CaseRecord, year int) (column string, ok bool) {
	first, last, err := yearBounds(year)
	if err != nil || c.Filed.After(last) {
		return "", false
	}
	switch {
	case c.Decided == nil || c.Decided.After(last):
		return columnPending, true
	case c.Decided.Before(first):
		return "", false
	}
	return c.Result, true
}

// countFour counts table 四 with CaseColumn; 总计 is the sum of the other
// columns of each group.
func countFour(f *annualreport.Format, year int, cases []CaseRecord) (map[string]map[string]annualreport.Cell, error) {
	var groups, cols []string
	for _, g := range f.Four.Groups {
		groups = append(groups, g.ID)
	}
	totalCol := -1
	results := map[string]bool{}
	for i, c := range f.Four.Columns {
		cols = append(cols, c.Label)
		switch {
		case c.Total:
			totalCol = i
		case c.Label != columnPending:
			results[c.Label] = true
		}
	}
	gi, ci := indexOf(groups), indexOf(cols)
	if _, ok := ci[columnPending]; !ok || totalCol < 0 {
		return nil, fmt.Errorf("format %s: table 四 needs the columns %s and a total", f.ID, columnPending)
	}
	counts := newCounts(len(groups), len(cols))
	for i, c := range cases {
		g, ok := gi[c.Kind]
		if !ok {
			return nil, ruleError(fmt.Sprintf("案件类型 %q 不是表四的分组", c.Kind), fmt.Sprintf("case %d: unknown case kind", i))
		}
		if err := c.validate(results); err != nil {
			return nil, fmt.Errorf("case %d: %w", i, err)
		}
		col, ok := CaseColumn(c, year)
		if !ok {
			continue
		}
		counts[g][ci[col]] += weight(c.N)
		counts[g][totalCol] += weight(c.N)
	}
	return cellsOf(groups, cols, counts), nil
}

func (c CaseRecord) validate(results map[string]bool) error {
	switch {
	case c.Filed.IsZero():
		return ruleError("缺少立案日期", "no filing date")
	case c.Decided == nil:
		return nil
	case c.Decided.Before(c.Filed):
		return ruleError(fmt.Sprintf("审结日期 %s 早于立案日期 %s", c.Decided, c.Filed), "decided before filed")
	case !results[c.Result]:
		return ruleError(fmt.Sprintf("审结结果 %q 不是表四的结果列", c.Result), "unknown case result")
	}
	return nil
}
