package disclosure

import (
	"time"

	"github.com/gongkai/gongkai/internal/workday"
)

// PublishLimitWorkdays is the Art. 26 limit: information is published
// within 20 working days of being made or changed.
const PublishLimitWorkdays = 20

var chinaTime = time.FixedZone("CST", 8*3600)

var officialCalendar = workday.Official()

// PublishDeadline is the last day a document written on written may be
// published without breaching Art. 26. ok is false when the calendar has
// no schedule for the years involved.
func PublishDeadline(written time.Time) (workday.Date, bool) {
	d, err := officialCalendar.AddWorkdays(workday.DateOf(written.In(chinaTime)), PublishLimitWorkdays)
	return d, err == nil
}

// Late reports whether a document was published more than 20 working
// days after its 成文日期 (Art. 26). Without both dates, or outside the
// calendar's years, nothing is claimed.
func Late(written, published *time.Time) bool {
	if written == nil || published == nil {
		return false
	}
	due, ok := PublishDeadline(*written)
	if !ok {
		return false
	}
	return workday.DateOf(published.In(chinaTime)).After(due)
}
