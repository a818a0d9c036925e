// Package workdaytest makes holiday schedules for tests of a year the
// State Council has not announced: a schedule must arrange all seven
// statutory holidays (workday.Schedule.Complete), so a test that only
// cares about a few days still gives one day off for each.
package workdaytest

import (
	"fmt"
	"slices"

	"github.com/gongkai/gongkai/internal/workday"
)

// Year is a complete schedule for year: one day off for each of the
// seven statutory holidays (1 January, 18 February, 5 April, 1 May,
// 10 June, 15 September, 1 October) plus the holidays and make-up
// working days given.
func Year(year int, holidays, workdays []workday.Date) workday.Schedule {
	var s workday.Schedule
	for _, md := range []string{"01-01", "02-18", "04-05", "05-01", "06-10", "09-15", "10-01"} {
		s.Holidays = append(s.Holidays, workday.MustParse(fmt.Sprintf("%d-%s", year, md)))
	}
	for _, d := range holidays {
		if !slices.Contains(s.Holidays, d) {
			s.Holidays = append(s.Holidays, d)
		}
	}
	slices.SortFunc(s.Holidays, workday.Date.Compare)
	s.Workdays = slices.Clone(workdays)
	return s
}

// JSON is Year in the holidays-cn.json shape, as a file in the data
// directory holds it.
func JSON(year int, holidays, workdays []workday.Date) string {
	b, err := workday.Marshal(map[int]workday.Schedule{year: Year(year, holidays, workdays)})
	if err != nil {
		panic(err)
	}
	return string(b)
}
