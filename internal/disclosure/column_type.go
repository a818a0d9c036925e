package disclosure

import (
	"fmt"
	"strconv"
	"time"
)

// ColumnType is what kind of content a column carries; the website
// inspection rules (国办秘函〔2019〕19号) expect different update rhythms.
type ColumnType string

const (
	ColumnNews      ColumnType = "news"      // 动态要闻
	ColumnNotice    ColumnType = "notice"    // 通知公告
	ColumnPolicy    ColumnType = "policy"    // 政策文件
	ColumnPersonnel ColumnType = "personnel" // 人事
	ColumnPlanning  ColumnType = "planning"  // 规划
	ColumnOther     ColumnType = "other"     // 其他
)

// ColumnTypes lists the types in the order forms show them.
func ColumnTypes() []ColumnType {
	return []ColumnType{ColumnNews, ColumnNotice, ColumnPolicy, ColumnPersonnel, ColumnPlanning, ColumnOther}
}

// Name is the type's Chinese name.
func (t ColumnType) Name() string {
	switch t {
	case ColumnNews:
		return "动态要闻"
	case ColumnNotice:
		return "通知公告"
	case ColumnPolicy:
		return "政策文件"
	case ColumnPersonnel:
		return "人事"
	case ColumnPlanning:
		return "规划"
	}
	return "其他"
}

// Valid reports whether t is one of ColumnTypes.
func (t ColumnType) Valid() bool {
	for _, c := range ColumnTypes() {
		if c == t {
			return true
		}
	}
	return false
}

// Period is an expected update period in calendar units; the zero
// Period means the column has no update expectation.
type Period struct {
	N    int
	Unit byte // 'w' weeks, 'm' months, 'y' years
}

// DefaultPeriod is the inspection rules' period for a column type:
// 动态要闻 2 weeks, 通知公告/政策文件 6 months, 人事/规划 1 year; other
// columns have none until an administrator sets one.
func DefaultPeriod(t ColumnType) Period {
	switch t {
	case ColumnNews:
		return Period{2, 'w'}
	case ColumnNotice, ColumnPolicy:
		return Period{6, 'm'}
	case ColumnPersonnel, ColumnPlanning:
		return Period{1, 'y'}
	}
	return Period{}
}

// PeriodChoices are the periods the console offers.
func PeriodChoices() []Period {
	return []Period{{}, {1, 'w'}, {2, 'w'}, {1, 'm'}, {3, 'm'}, {6, 'm'}, {1, 'y'}}
}

// ParsePeriod reads the stored form ("2w", "6m", "1y"; "" for none).
func ParsePeriod(s string) (Period, error) {
	if s == "" {
		return Period{}, nil
	}
	n, err := strconv.Atoi(s[:len(s)-1])
	u := s[len(s)-1]
	if err != nil || n <= 0 || (u != 'w' && u != 'm' && u != 'y') {
		return Period{}, fmt.Errorf("disclosure: update period %q", s)
	}
	return Period{n, u}, nil
}

// String is the stored form, the inverse of ParsePeriod.
func (p Period) String() string {
	if p.N == 0 {
		return ""
	}
	return strconv.Itoa(p.N) + string(p.Unit)
}

// Name is the period in Chinese.
func (p Period) Name() string {
	switch p.Unit {
	case 'w':
		return strconv.Itoa(p.N) + "周"
	case 'm':
		return strconv.Itoa(p.N) + "个月"
	case 'y':
		return strconv.Itoa(p.N) + "年"
	}
	return "不要求"
}

// Before is the earliest time content may date from on day `on` for
// the column to count as up to date.
func (p Period) Before(on time.Time) time.Time {
	switch p.Unit {
	case 'w':
		return on.AddDate(0, 0, -7*p.N)
	case 'm':
		return on.AddDate(0, -p.N, 0)
	case 'y':
		return on.AddDate(-p.N, 0, 0)
	}
	return time.Time{}
}

// After is the day by which a column last updated at last needs new
// content to stay up to date: the inverse of Before.
func (p Period) After(last time.Time) time.Time {
	switch p.Unit {
	case 'w':
		return last.AddDate(0, 0, 7*p.N)
	case 'm':
		return last.AddDate(0, p.N, 0)
	case 'y':
		return last.AddDate(p.N, 0, 0)
	}
	return time.Time{}
}
