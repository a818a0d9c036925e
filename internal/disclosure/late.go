package disclosure

import (
	"time"

	"github.com/gongkai/gongkai/internal/workday"
)

// PublishLimitWorkdays is the Art. 26 limit: information is published
// within 20 working days of being made or changed.
const PublishLimitWorkdays = 20

// PublishDeadline is the last day a document written on written may be
// published without breaching Art. 26, counted on cal (the running
// server's calendar, which may hold years added at run time). ok is
// false when the calendar has no schedule for the years involved.
func PublishDeadline(cal *workday.Calendar, written time.Time) (workday.Date, bool) {
	d, err := cal.AddWorkdays(workday.Today(written), PublishLimitWorkdays)
	return d, err == nil
}

// Late reports whether a document was published more than 20 working
// days after its 成文日期 (Art. 26). Without both dates, or outside the
// calendar's years, nothing is claimed.
func Late(cal *workday.Calendar, written, published *time.Time) bool {
	if written == nil || published == nil {
		return false
	}
	due, ok := PublishDeadline(cal, *written)
	if !ok {
		return false
	}
	return workday.Today(*published).After(due)
}
