// Package workday is the official mainland working-day calendar (工作日)
// and the deadline arithmetic built on it.
//
// A date is a working day when it is Monday–Friday and not a holiday of
// the State Council's yearly notice (《国务院办公厅关于部分节假日安排的通知》),
// or a weekend day that the notice makes a working day (调休上班). The
// schedules of all notice years are merged into one date → kind map,
// because a notice may move days of the previous December (the 2019
// notice made 2018-12-29 a working day). A date in a year without a
// schedule is an error, never a guess — except a date a notice names
// explicitly, which is known (2018-12-29 without a 2018 schedule).
//
// One risk no calendar can remove: until next year's notice is added,
// late-December days of the current year count as the current notice
// has them, and the coming notice may still move them.
package workday

import (
	"fmt"
	"maps"
	"slices"
	"sync"
	"time"
)

// Kind is what a date is in the official calendar.
type Kind uint8

const (
	Workday       Kind = iota + 1 // ordinary Monday–Friday
	Weekend                       // 周末
	Holiday                       // 法定节假日 (as listed in the notice, weekend days included)
	MakeupWorkday                 // 调休上班: a weekend day made a working day
)

// IsWorking reports whether the day is worked.
func (k Kind) IsWorking() bool { return k == Workday || k == MakeupWorkday }

// Reason is the Chinese name of the kind, as shown in explanations.
func (k Kind) Reason() string {
	switch k {
	case Workday:
		return "工作日"
	case Weekend:
		return "周末"
	case Holiday:
		return "法定节假日"
	case MakeupWorkday:
		return "调休上班"
	}
	return "未知"
}

// String is the kind's stable English id.
func (k Kind) String() string {
	switch k {
	case Workday:
		return "workday"
	case Weekend:
		return "weekend"
	case Holiday:
		return "holiday"
	case MakeupWorkday:
		return "makeup-workday"
	}
	return "unknown"
}

// MarshalText writes the stable id, so JSON explanations stay readable.
func (k Kind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// MissingYearError is returned for a date in a year the calendar has
// no schedule for: the program refuses to guess.
type MissingYearError struct {
	Year int
}

func (e *MissingYearError) Error() string {
	return fmt.Sprintf("缺少 %d 年的节假日安排（国务院办公厅通知），无法确定工作日；请在数据目录 holidays/ 或管理后台添加该年安排 "+
		"(no holiday schedule for %d: add that year's State Council schedule)", e.Year, e.Year)
}

// Calendar is the merged official calendar. It is safe for concurrent
// use; AddYear may be called while others read.
type Calendar struct {
	mu    sync.RWMutex
	years map[int]Schedule // by notice year
	days  map[Date]Kind    // Holiday or MakeupWorkday, merged over all years
	// provisional counts a year without a schedule on weekends alone
	// instead of refusing it: see Provisional.
	provisional bool
}

// New returns a calendar with no schedules at all; every date is then a
// MissingYearError. Most callers want Official or LoadDir.
func New() *Calendar {
	return &Calendar{years: map[int]Schedule{}, days: map[Date]Kind{}}
}

// Years returns the notice years the calendar has schedules for, ascending.
func (c *Calendar) Years() []int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return slices.Sorted(maps.Keys(c.years))
}

// Schedule returns the schedule of one notice year.
func (c *Calendar) Schedule(year int) (Schedule, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	s, ok := c.years[year]
	return s.clone(), ok
}

// Clone returns an independent copy of c.
func (c *Calendar) Clone() *Calendar {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return &Calendar{years: maps.Clone(c.years), days: maps.Clone(c.days), provisional: c.provisional}
}

// Provisional returns a copy of c that counts a date in a year without a
// schedule as Monday–Friday worked, Saturday and Sunday not, instead of
// refusing it. Its dates are never the legal deadline: they are shown to
// staff labelled 暂定 until the State Council's notice for that year is
// added (DESIGN.md, workday); Known tells which dates are certain.
func (c *Calendar) Provisional() *Calendar {
	p := c.Clone()
	p.provisional = true
	return p
}

// Known reports whether d is counted from a notice — its year has a
// schedule, or a notice names d — rather than assumed by a provisional
// calendar.
func (c *Calendar) Known(d Date) bool {
	if d.IsZero() {
		return false
	}
	c.mu.RLock()
	defer c.mu.RUnlock()
	if _, ok := c.days[d]; ok {
		return true
	}
	_, ok := c.years[d.Year()]
	return ok
}

// KindOf returns what d is, or a *MissingYearError when d's year has no
// schedule and no notice names d explicitly.
func (c *Calendar) KindOf(d Date) (Kind, error) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.kindOf(d)
}

// kindOf is KindOf without locking.
func (c *Calendar) kindOf(d Date) (Kind, error) {
	if d.IsZero() {
		return 0, fmt.Errorf("日期为空 (zero date)")
	}
	if k, ok := c.days[d]; ok {
		return k, nil
	}
	y := d.Year()
	if _, ok := c.years[y]; !ok && !c.provisional {
		return 0, &MissingYearError{Year: y}
	}
	if wd := d.Weekday(); wd == time.Saturday || wd == time.Sunday {
		return Weekend, nil
	}
	return Workday, nil
}

// IsWorkday reports whether d is a working day.
func (c *Calendar) IsWorkday(d Date) (bool, error) {
	k, err := c.KindOf(d)
	if err != nil {
		return false, err
	}
	return k.IsWorking(), nil
}

// rebuild merges all years into the day map. Notice years are applied in
// ascending order so that, should two notices name the same date, the
// later notice (the one that moved the day) wins.
func (c *Calendar) rebuild() {
	days := map[Date]Kind{}
	for _, y := range slices.Sorted(maps.Keys(c.years)) {
		s := c.years[y]
		for _, d := range s.Holidays {
			days[d] = Holiday
		}
		for _, d := range s.Workdays {
			days[d] = MakeupWorkday
		}
	}
	c.days = days
}
