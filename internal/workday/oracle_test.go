package workday

import (
	"testing"
	"time"

	"github.com/6tail/lunar-go/HolidayUtil"
)

// lunarIsWorkday is the test oracle: lunar-go's HolidayUtil knows the
// official holidays and make-up working days independently of our data.
func lunarIsWorkday(d Date) bool {
	if h := HolidayUtil.GetHoliday(d.String()); h != nil {
		return h.IsWork()
	}
	wd := d.Weekday()
	return wd != time.Saturday && wd != time.Sunday
}

func eachDay(from, to string, f func(Date)) {
	for d := MustParse(from); !d.After(MustParse(to)); d = d.AddDays(1) {
		f(d)
	}
}

func TestIsWorkdayAgreesWithLunar(t *testing.T) {
	cal := Official()
	eachDay("2019-01-01", "2026-12-31", func(d Date) {
		got, err := cal.IsWorkday(d)
		if err != nil {
			t.Fatalf("IsWorkday(%s): %v", d, err)
		}
		if want := lunarIsWorkday(d); got != want {
			t.Errorf("IsWorkday(%s %s) = %v, lunar-go says %v", d, d.WeekdayName(), got, want)
		}
	})
}

// TestAddWorkdaysProperties checks, for every start day of 2019–2026 and
// the statutory counts, that the deadline is a working day, that exactly
// n working days (by the oracle) lie in (start, deadline], and that the
// deadline never moves backwards as start or n grows.
func TestAddWorkdaysProperties(t *testing.T) {
	cal := Official()
	// A 2027 schedule equal to lunar-go's lets starts in late 2026 finish.
	var s2027 Schedule
	eachDay("2027-01-01", "2027-12-31", func(d Date) {
		if h := HolidayUtil.GetHoliday(d.String()); h != nil {
			if h.IsWork() {
				s2027.Workdays = append(s2027.Workdays, d)
			} else {
				s2027.Holidays = append(s2027.Holidays, d)
			}
		}
	})
	if len(s2027.Holidays) > 0 {
		if err := cal.AddYear(2027, s2027); err != nil {
			t.Fatalf("2027 from lunar-go: %v", err)
		}
	}
	last := "2026-12-31"
	if len(s2027.Holidays) == 0 {
		last = "2026-11-01" // lunar-go has no 2027: stay clear of it
	}
	prev := map[int]Date{}
	eachDay("2019-01-01", last, func(start Date) {
		var prevN Date
		for _, n := range []int{1, 5, 7, 15, 20, 40} {
			due, err := cal.AddWorkdays(start, n)
			if err != nil {
				t.Fatalf("AddWorkdays(%s, %d): %v", start, n, err)
			}
			if !lunarIsWorkday(due) {
				t.Errorf("AddWorkdays(%s, %d) = %s, not a working day", start, n, due)
			}
			count := 0
			for d := start.AddDays(1); !d.After(due); d = d.AddDays(1) {
				if lunarIsWorkday(d) {
					count++
				}
			}
			if count != n {
				t.Errorf("AddWorkdays(%s, %d) = %s spans %d working days", start, n, due, count)
			}
			if p, ok := prev[n]; ok && due.Before(p) {
				t.Errorf("not monotone in start: AddWorkdays(%s, %d) = %s before %s", start, n, due, p)
			}
			if !prevN.IsZero() && !due.After(prevN) {
				t.Errorf("not strictly monotone in n at %s", start)
			}
			prev[n], prevN = due, due
		}
	})
}
