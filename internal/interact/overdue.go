package interact

import (
	"time"

	"github.com/gongkai/gongkai/internal/workday"
)

// AnswerMonths is how long a consultation may wait for its answer: the
// national website rules (国办秘函〔2019〕19号, 互动回应差) count one
// left unanswered for more than 3 months as a single-veto failure.
const AnswerMonths = 3

// AnswerDeadline is the last day on which a consultation asked on asked
// is still answered in time: the same day 3 calendar months later, or
// the last day of that month when it is shorter (asked on 30 November,
// the limit is the end of February, not a day in March).
func AnswerDeadline(asked workday.Date) workday.Date {
	return addMonthsClamped(asked, AnswerMonths)
}

// Overdue reports whether a consultation asked on asked and still
// unanswered on today has waited more than 3 months.
func Overdue(asked, today workday.Date) bool {
	if asked.IsZero() || today.IsZero() {
		return false
	}
	return today.After(AnswerDeadline(asked))
}

func addMonthsClamped(d workday.Date, months int) workday.Date {
	y, m := d.Year(), int(d.Month())-1+months
	y, m = y+m/12, m%12
	first := time.Date(y, time.Month(m+1), 1, 0, 0, 0, 0, time.UTC)
	last := first.AddDate(0, 1, -1).Day()
	day := min(d.Day(), last)
	out, err := workday.NewDate(y, time.Month(m+1), day)
	if err != nil {
		// Unreachable: the day is clamped to the month's length.
		panic(err)
	}
	return out
}
