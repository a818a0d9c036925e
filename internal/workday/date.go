package workday

import (
	"errors"
	"fmt"
	"time"
)

// Date is a civil calendar date (year, month, day) with no time of day
// and no time zone, so a deadline never shifts by a day because of where
// the server runs. The zero Date is "no date" (IsZero); valid dates run
// from 0001-01-01 to 9999-12-31.
//
// Internally a Date is a serial day number, which makes comparison,
// day arithmetic and the weekday trivial and a Date usable as a map key.
type Date struct {
	n int32 // 1 = 0001-01-01; 0 = the zero Date
}

const (
	minYear = 1
	maxYear = 9999
)

// epochOffset maps days-since-1970 to the serial number n.
var epochOffset = 1 - daysFromCivil(minYear, 1, 1)

// NewDate returns the date y-m-d, or an error when it does not exist
// (2023-02-29) or lies outside years 1–9999.
func NewDate(y int, m time.Month, d int) (Date, error) {
	if y < minYear || y > maxYear {
		return Date{}, fmt.Errorf("年份 %d 超出范围 1–9999 (year out of range)", y)
	}
	if m < time.January || m > time.December {
		return Date{}, fmt.Errorf("月份 %d 无效 (invalid month)", int(m))
	}
	if d < 1 || d > daysIn(y, m) {
		return Date{}, fmt.Errorf("%04d-%02d 没有第 %d 日 (invalid day)", y, int(m), d)
	}
	return Date{n: int32(daysFromCivil(y, int(m), d) + epochOffset)}, nil
}

// DateOf returns the civil date of t in t's own location. Convert t to
// China Standard Time first when it is an instant (an online submission).
// A t outside years 1–9999 gives the zero Date.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	date, err := NewDate(y, m, d)
	if err != nil {
		return Date{}
	}
	return date
}

// ParseDate reads a date written exactly YYYY-MM-DD.
func ParseDate(s string) (Date, error) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return Date{}, fmt.Errorf("日期 %q 格式应为 YYYY-MM-DD (date must be written YYYY-MM-DD)", s)
	}
	y, ok1 := digits(s[0:4])
	m, ok2 := digits(s[5:7])
	d, ok3 := digits(s[8:10])
	if !ok1 || !ok2 || !ok3 {
		return Date{}, fmt.Errorf("日期 %q 格式应为 YYYY-MM-DD (date must be written YYYY-MM-DD)", s)
	}
	date, err := NewDate(y, time.Month(m), d)
	if err != nil {
		return Date{}, fmt.Errorf("日期 %q 无效：%w", s, err)
	}
	return date, nil
}

// MustParse is ParseDate for dates written in code; it panics on error.
func MustParse(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func digits(s string) (int, bool) {
	v := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + int(c-'0')
	}
	return v, true
}

// IsZero reports whether d is the zero Date ("no date").
func (d Date) IsZero() bool { return d.n == 0 }

// civil returns the year, month and day of d.
func (d Date) civil() (int, time.Month, int) {
	y, m, day := civilFromDays(int(d.n) - epochOffset)
	return y, time.Month(m), day
}

// Year of d.
func (d Date) Year() int { y, _, _ := d.civil(); return y }

// Month of d.
func (d Date) Month() time.Month { _, m, _ := d.civil(); return m }

// Day of the month of d.
func (d Date) Day() int { _, _, day := d.civil(); return day }

// Weekday of d.
func (d Date) Weekday() time.Weekday {
	// 1970-01-01 was a Thursday.
	return time.Weekday(floorMod(int(d.n)-epochOffset+4, 7))
}

// AddDays returns d moved by n calendar days.
func (d Date) AddDays(n int) Date { return Date{n: d.n + int32(n)} }

// DaysUntil returns the number of calendar days from d to e (negative
// when e is earlier).
func (d Date) DaysUntil(e Date) int { return int(e.n - d.n) }

// Compare returns -1, 0 or +1 as d is before, equal to or after e.
func (d Date) Compare(e Date) int {
	switch {
	case d.n < e.n:
		return -1
	case d.n > e.n:
		return 1
	}
	return 0
}

// Before reports whether d is earlier than e.
func (d Date) Before(e Date) bool { return d.n < e.n }

// After reports whether d is later than e.
func (d Date) After(e Date) bool { return d.n > e.n }

// String formats d as YYYY-MM-DD (the zero Date as 0000-00-00).
func (d Date) String() string {
	if d.IsZero() {
		return "0000-00-00"
	}
	y, m, day := d.civil()
	return fmt.Sprintf("%04d-%02d-%02d", y, int(m), day)
}

// weekdayNames are the Chinese names used in explanations.
var weekdayNames = [...]string{"星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"}

// WeekdayName returns the Chinese weekday of d, e.g. 星期四.
func (d Date) WeekdayName() string { return weekdayNames[d.Weekday()] }

// MarshalText writes d as YYYY-MM-DD; the zero Date cannot be written
// (use `json:",omitzero"` for an optional date).
func (d Date) MarshalText() ([]byte, error) {
	if d.IsZero() {
		return nil, errors.New("workday: cannot marshal the zero Date")
	}
	return []byte(d.String()), nil
}

// UnmarshalText reads YYYY-MM-DD.
func (d *Date) UnmarshalText(b []byte) error {
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// daysFromCivil returns the days since 1970-01-01 of the proleptic
// Gregorian date y-m-d (H. Hinnant's algorithm).
func daysFromCivil(y, m, d int) int {
	if m <= 2 {
		y--
	}
	era := floorDiv(y, 400)
	yoe := y - era*400
	mp := (m + 9) % 12 // March = 0
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// civilFromDays is the inverse of daysFromCivil.
func civilFromDays(z int) (y, m, d int) {
	z += 719468
	era := floorDiv(z, 146097)
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y = yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = doy - (153*mp+2)/5 + 1
	if mp < 10 {
		m = mp + 3
	} else {
		m = mp - 9
	}
	if m <= 2 {
		y++
	}
	return y, m, d
}

func daysIn(y int, m time.Month) int {
	switch m {
	case time.February:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}

func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

func floorMod(a, b int) int { return a - floorDiv(a, b)*b }
