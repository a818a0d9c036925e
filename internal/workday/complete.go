package workday

import (
	"slices"
	"time"
)

// Complete checks that a schedule read as dates (a JSON file, the
// embedded data, a year stored in the database) arranges all seven
// statutory holidays, by the same rule as the console's form
// (requireAllHolidays). The dates carry no names, so each run of
// consecutive days off is named by when it falls:
//
//	元旦    a day from 30 December to 3 January
//	春节    a day from 19 January to 26 February
//	清明节  a day from 2 to 7 April
//	劳动节  1 May
//	端午节  a day from 28 May to 26 June
//	中秋节  a day from 7 to 30 September, or the 国庆节 block when it
//	        began in September or runs eight days or more (merged, as in
//	        2020, 2023 and 2025)
//	国庆节  1 October
func (s Schedule) Complete(year int) error {
	have := map[string]bool{}
	for _, r := range holidayRuns(s.Holidays) {
		for _, name := range runNames(year, r[0], r[1]) {
			have[name] = true
		}
	}
	return requireAllHolidays(year, have)
}

// holidayRuns are the runs of consecutive days in days, as [first, last].
func holidayRuns(days []Date) [][2]Date {
	sorted := slices.Clone(days)
	slices.SortFunc(sorted, Date.Compare)
	var runs [][2]Date
	for _, d := range sorted {
		if k := len(runs); k > 0 && !d.After(runs[k-1][1].AddDays(1)) {
			if d.After(runs[k-1][1]) {
				runs[k-1][1] = d
			}
			continue
		}
		runs = append(runs, [2]Date{d, d})
	}
	return runs
}

// runNames names a run of days off in the notice year by its dates.
func runNames(year int, first, last Date) []string {
	on := func(y int, m time.Month, d int) Date { x, _ := NewDate(y, m, d); return x }
	overlaps := func(from, to Date) bool { return !last.Before(from) && !first.After(to) }
	var names []string
	if overlaps(on(year-1, time.December, 30), on(year, time.January, 3)) {
		names = append(names, "元旦")
	}
	if overlaps(on(year, time.January, 19), on(year, time.February, 26)) {
		names = append(names, "春节")
	}
	if overlaps(on(year, time.April, 2), on(year, time.April, 7)) {
		names = append(names, "清明节")
	}
	if may1 := on(year, time.May, 1); overlaps(may1, may1) {
		names = append(names, "劳动节")
	}
	if overlaps(on(year, time.May, 28), on(year, time.June, 26)) {
		names = append(names, "端午节")
	}
	oct1 := on(year, time.October, 1)
	national := overlaps(oct1, oct1)
	if overlaps(on(year, time.September, 7), on(year, time.September, 30)) || (national && first.DaysUntil(last) >= 7) {
		names = append(names, "中秋节")
	}
	if national {
		names = append(names, "国庆节")
	}
	return names
}
