package request

import (
	"fmt"
	"sync"

	"github.com/gongkai/gongkai/internal/annualreport"
	"github.com/gongkai/gongkai/internal/workday"
)

// threeLayout is where each figure of table 三 goes, from the format.
type threeLayout struct {
	rows, cols   []string
	row, col     map[string]int
	totalRow     int   // 三.七
	totalCol     int   // 总计
	applicantCol []int // the columns 总计 sums
	received     int   // 一
	carriedIn    int   // 二
	carriedOut   int   // 四
	outcomeRow   map[string]int
	// mapped caches OutcomeInFormat's answers as row indexes: a handful
	// of ids recorded, over many records and many bodies.
	mapped *sync.Map // outcome id as recorded → int
}

// layouts caches layoutThree per format. Formats are fixed data, and a
// province's report counts the tables of thousands of bodies.
var layouts sync.Map // *annualreport.Format → *threeLayout

func cachedLayoutThree(f *annualreport.Format) (*threeLayout, error) {
	if l, ok := layouts.Load(f); ok {
		return l.(*threeLayout), nil
	}
	l, err := layoutThree(f)
	if err != nil {
		return nil, err
	}
	v, _ := layouts.LoadOrStore(f, &l)
	return v.(*threeLayout), nil
}

func layoutThree(f *annualreport.Format) (threeLayout, error) {
	var l threeLayout
	for _, r := range f.DataRows() {
		l.rows = append(l.rows, r.ID)
	}
	l.cols = f.ThreeColumns()
	l.row, l.col = indexOf(l.rows), indexOf(l.cols)
	l.totalRow, l.totalCol = -1, -1
	for _, r := range f.DataRows() {
		if r.Total {
			l.totalRow = l.row[r.ID]
		}
	}
	for i, c := range f.Three.Columns {
		if c.Total {
			l.totalCol = i
		} else {
			l.applicantCol = append(l.applicantCol, i)
		}
	}
	for _, role := range []struct {
		id  string
		dst *int
	}{{rowReceived, &l.received}, {rowCarriedIn, &l.carriedIn}, {rowCarriedOut, &l.carriedOut}} {
		i, ok := l.row[role.id]
		if !ok {
			return l, fmt.Errorf("format %s has no table 三 row %s", f.ID, role.id)
		}
		*role.dst = i
	}
	if l.totalRow < 0 || l.totalCol < 0 {
		return l, fmt.Errorf("format %s: table 三 needs a total row and a total column", f.ID)
	}
	l.mapped = &sync.Map{}
	l.outcomeRow = map[string]int{}
	for _, r := range f.OutcomeRows() {
		l.outcomeRow[r.ID] = l.row[r.ID]
	}
	return l, nil
}

// countThree applies the year-end rules (which year counts a request, and in which row):
//
//	一  received in the year (by date of receipt);
//	二  received before 1 January and not closed before it;
//	三.* closed in the year, by outcome (mapped by OutcomeInFormat);
//	三.七 the sum of the outcomes;
//	四  received by 31 December and still open after it.
//
// So 一 + 二 = 三.七 + 四 in every column, and 二 of a year is 四 of the
// year before. Every request counts at the body that received it: one
// answered under Art. 36(5) (Referred, or a transfer recorded before
// the 条例's rule was applied) is received here and closes as 三.四.1; if
// it was forwarded, the other body counts the new request it received.
func countThree(f *annualreport.Format, year int, requests []RequestRecord) (map[string]map[string]annualreport.Cell, error) {
	l, err := cachedLayoutThree(f)
	if err != nil {
		return nil, err
	}
	first, last, err := yearBounds(year)
	if err != nil {
		return nil, err
	}
	counts := newCounts(len(l.rows), len(l.cols))
	for i, rq := range requests {
		if err := rq.validate(); err != nil {
			return nil, fmt.Errorf("request %d: %w", i, err)
		}
		col, ok := l.col[rq.Applicant]
		if !ok || col == l.totalCol {
			return nil, ruleError(fmt.Sprintf("申请人类型 %q 不是表三的申请人列", rq.Applicant), fmt.Sprintf("request %d: unknown applicant type", i))
		}
		if rq.Received.After(last) {
			continue
		}
		n := weight(rq.N)
		openAt := func(d workday.Date) bool { return rq.Closed == nil || rq.Closed.After(d) }
		if rq.Received.Before(first) {
			if !openAt(first.AddDays(-1)) {
				continue
			}
			counts[l.carriedIn][col] += n
		} else {
			counts[l.received][col] += n
		}
		if openAt(last) {
			counts[l.carriedOut][col] += n
			continue
		}
		// Closed within the year.
		var row int
		if v, ok := l.mapped.Load(rq.Outcome); ok {
			row = v.(int)
		} else {
			id, err := OutcomeInFormat(f, rq.Outcome)
			if err != nil {
				return nil, fmt.Errorf("request %d: %w", i, err)
			}
			row = l.outcomeRow[id]
			l.mapped.Store(rq.Outcome, row)
		}
		counts[row][col] += n
		counts[l.totalRow][col] += n
	}
	for _, line := range counts {
		sum := 0
		for _, c := range l.applicantCol {
			sum += line[c]
		}
		line[l.totalCol] = sum
	}
	return cellsOf(l.rows, l.cols, counts), nil
}

// validate checks what counting relies on.
func (rq RequestRecord) validate() error {
	switch {
	case rq.Received.IsZero():
		return ruleError("缺少收到申请日期", "no receipt date")
	case rq.Closed == nil:
		return nil
	case rq.Closed.Before(rq.Received):
		return ruleError(fmt.Sprintf("办结日期 %s 早于收到日期 %s", rq.Closed, rq.Received), "closed before received")
	case rq.Outcome == "":
		return ruleError(fmt.Sprintf("已于 %s 办结但没有办理结果", rq.Closed), "closed without an outcome")
	}
	return nil
}
