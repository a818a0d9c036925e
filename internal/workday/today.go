package workday

import "time"

// China is Beijing time (China Standard Time), the civil time every date
// of the 条例 and of the working-day calendar is read in. China keeps no
// daylight saving, so a fixed zone is exact and needs no time zone
// database on the host. It is defined here and nowhere else.
var China = time.FixedZone("CST", 8*3600)

// Today is the civil date in China at the instant now, whatever the
// server's own time zone: 23:59:59 CST is still that day, 00:00:00 CST
// the next. Callers pass their injected clock's now, never time.Now
// directly, so that tests can set the day.
func Today(now time.Time) Date { return DateOf(now.In(China)) }
