package workday

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"time"
)

// Schedule is one notice year's holiday arrangement: the rest days of
// the holidays (法定节假日, listed as the notice states each block, so
// weekend days inside a block appear too) and the weekend days made
// working days (调休上班). The JSON shape is that of holidays-cn.json:
// {"2026": {"holidays": [...], "workdays": [...]}}.
type Schedule struct {
	Holidays []Date `json:"holidays"`
	Workdays []Date `json:"workdays"`
}

func (s Schedule) clone() Schedule {
	return Schedule{Holidays: slices.Clone(s.Holidays), Workdays: slices.Clone(s.Workdays)}
}

// Validate checks a schedule for the given notice year:
//   - every date lies between 1 December of the previous year (a notice
//     may move days of the previous December) and 31 December of the year;
//   - the holiday list is not empty (every year has 元旦 and 春节);
//   - no date is listed twice or as both holiday and working day;
//   - working days (调休上班) are Saturdays or Sundays only — a weekday is
//     worked anyway, so listing one is a typing error.
//
// Holidays may fall on any day: the verified notices list each holiday
// block whole, weekend days included (2019: 2018-12-30 is a Sunday), so
// "weekday holidays only" does not hold in the data.
func (s Schedule) Validate(year int) error {
	if year < minYear+1 || year > maxYear {
		return fmt.Errorf("年份 %d 无效 (invalid year)", year)
	}
	first, _ := NewDate(year-1, time.December, 1)
	last, _ := NewDate(year, time.December, 31)
	if len(s.Holidays) == 0 {
		return fmt.Errorf("%d 年安排：节假日列表为空 (no holidays listed)", year)
	}
	seen := map[Date]string{}
	check := func(list []Date, what string) error {
		for _, d := range list {
			if d.IsZero() {
				return fmt.Errorf("%d 年安排：%s中有空日期 (empty date)", year, what)
			}
			if d.Before(first) || d.After(last) {
				return fmt.Errorf("%d 年安排：%s %s 不在 %s 至 %s 之间 (date out of the notice's range)", year, what, d, first, last)
			}
			if prev, dup := seen[d]; dup {
				if prev == what {
					return fmt.Errorf("%d 年安排：%s %s 重复 (date listed twice)", year, what, d)
				}
				return fmt.Errorf("%d 年安排：%s 同时列为节假日和调休上班日 (date is both holiday and workday)", year, d)
			}
			seen[d] = what
		}
		return nil
	}
	if err := check(s.Holidays, "节假日"); err != nil {
		return err
	}
	if err := check(s.Workdays, "调休上班日"); err != nil {
		return err
	}
	for _, d := range s.Workdays {
		if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday {
			return fmt.Errorf("%d 年安排：调休上班日 %s 是%s，应为周六或周日 (make-up workday must be a weekend day)", year, d, d.WeekdayName())
		}
	}
	return nil
}

// AddYear validates sched and sets it as the schedule of the notice
// year, replacing any schedule the calendar had for that year (an
// operator's file overrides the embedded one).
func (c *Calendar) AddYear(year int, sched Schedule) error {
	if err := sched.Validate(year); err != nil {
		return err
	}
	s := sched.clone()
	slices.SortFunc(s.Holidays, Date.Compare)
	slices.SortFunc(s.Workdays, Date.Compare)
	c.mu.Lock()
	defer c.mu.Unlock()
	c.years[year] = s
	c.rebuild()
	return nil
}

// ParseSchedules reads schedules in the JSON shape of holidays-cn.json.
// Unknown fields, malformed dates, keys that are not years and trailing
// data are errors; so is any schedule that fails Validate, or that does
// not arrange all seven statutory holidays (Complete), as the console's
// form refuses it.
func ParseSchedules(data []byte) (map[int]Schedule, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var raw map[string]Schedule
	if err := dec.Decode(&raw); err != nil {
		return nil, fmt.Errorf("JSON 无效 (invalid JSON): %w", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("JSON 之后还有多余内容 (trailing data after the JSON value)")
	}
	if raw == nil {
		return nil, fmt.Errorf("应为以年份为键的对象 (expected an object keyed by year)")
	}
	out := make(map[int]Schedule, len(raw))
	for _, key := range slices.Sorted(maps.Keys(raw)) {
		year, ok := digits(key)
		if !ok || len(key) != 4 {
			return nil, fmt.Errorf("键 %q 不是四位年份 (key is not a year)", key)
		}
		if err := raw[key].Validate(year); err != nil {
			return nil, err
		}
		if err := raw[key].Complete(year); err != nil {
			return nil, err
		}
		out[year] = raw[key]
	}
	return out, nil
}

// AddJSON adds every year of a JSON value in the holidays-cn.json shape
// (a console upload). All years are validated before any is added.
func (c *Calendar) AddJSON(data []byte) error {
	scheds, err := ParseSchedules(data)
	if err != nil {
		return err
	}
	for _, y := range slices.Sorted(maps.Keys(scheds)) {
		if err := c.AddYear(y, scheds[y]); err != nil {
			return err // unreachable after ParseSchedules validated
		}
	}
	return nil
}

// Marshal writes schedules in the holidays-cn.json shape, dates sorted,
// for an operator file (<data-dir>/holidays/2027.json). It validates first,
// so what is written can be read back.
func Marshal(scheds map[int]Schedule) ([]byte, error) {
	out := make(map[string]Schedule, len(scheds))
	for y, s := range scheds {
		if err := s.Validate(y); err != nil {
			return nil, err
		}
		s = s.clone()
		slices.SortFunc(s.Holidays, Date.Compare)
		slices.SortFunc(s.Workdays, Date.Compare)
		if s.Workdays == nil {
			s.Workdays = []Date{}
		}
		out[strconv.Itoa(y)] = s
	}
	b, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}
