package web

import (
	"strconv"
	"strings"
	"time"

	"github.com/gongkai/gongkai/internal/annualreport"
)

// readReportDeadline reads the deadline a body gives the bodies below it
// for their annual reports: month and day, both empty for none (0, 0:
// back to 31 January). 29 February is refused: most years lack it.
func readReportDeadline(get func(string) string) (month, day int, err error) {
	ms, ds := strings.TrimSpace(get("month")), strings.TrimSpace(get("day"))
	if ms == "" && ds == "" {
		return 0, 0, nil
	}
	m, err1 := strconv.Atoi(ms)
	d, err2 := strconv.Atoi(ds)
	if err1 != nil || err2 != nil || !(annualreport.LocalRule{Month: time.Month(m), Day: d}).Valid() || m == 0 {
		return 0, 0, errInvalid("公布期限不是有效的日期（月 1–12，日按该月天数；不可设为 2 月 29 日）。")
	}
	return m, d, nil
}
