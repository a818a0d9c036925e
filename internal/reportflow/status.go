package reportflow

import (
	"time"

	"github.com/gongkai/gongkai/internal/annualreport"
	"github.com/gongkai/gongkai/internal/workday"
)

// Status is a body's report for a year as a supervisor's overview shows
// it: where it is, and whether it is late against its Art. 49 deadline.
type Status struct {
	State State
	// Published is the day the first version was published (a
	// correction does not move it): the day the late rule looks at.
	Published *time.Time
	Due       annualreport.Deadline
	// Late: first published after the deadline, or never published and
	// the deadline has passed on today. A correction under way does not
	// make a report published in time late.
	Late bool
}

// Evaluate places a report on the overview. Days are compared as civil
// dates in Beijing time (the deadline is a civil date).
func Evaluate(state State, published *time.Time, due annualreport.Deadline, today time.Time) Status {
	st := Status{State: state, Published: published, Due: due}
	if due.Date.IsZero() {
		return st
	}
	deadline := workday.DateOf(due.Date) // midnight UTC of the civil date
	if published != nil {
		st.Late = workday.Today(*published).After(deadline)
	} else {
		st.Late = workday.Today(today).After(deadline)
	}
	return st
}

// Label is the status in Chinese, "（逾期）" added when late.
func (s Status) Label() string {
	if s.Late {
		return s.State.Name() + "（逾期）"
	}
	return s.State.Name()
}

// Filter is a choice of the overview's status filter.
type Filter string

// Filters lists the overview's status filters: one per state, and late.
func Filters() []Filter {
	out := []Filter{}
	for _, s := range States() {
		out = append(out, filterOf(s))
	}
	return append(out, "late")
}

func filterOf(s State) Filter {
	if s == NotStarted {
		return "not-started"
	}
	return Filter(s)
}

// Name is the filter's Chinese name.
func (f Filter) Name() string {
	if f == "late" {
		return "逾期"
	}
	for _, s := range States() {
		if filterOf(s) == f {
			return s.Name()
		}
	}
	return string(f)
}

// Matches reports whether the status passes the filter ("" passes all).
func (f Filter) Matches(s Status) bool {
	switch f {
	case "":
		return true
	case "late":
		return s.Late
	}
	return filterOf(s.State) == f
}
