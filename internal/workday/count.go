package workday

import "fmt"

// walk is the one place the counting convention lives. "N 个工作日" is
// read as it is in practice: the start day (the day of receipt, of a
// notice, …) is never counted, whatever it is; the days after it are
// taken in order and the N-th working day among them is the deadline.
// N = 0 gives the start day itself. visit, when not nil, sees every day
// after start up to the deadline with its kind and, for a working day,
// its ordinal (1…N; 0 for a skipped day).
//
// The caller holds the read lock.
func (c *Calendar) walk(start Date, n int, visit func(d Date, k Kind, ordinal int)) (Date, error) {
	if start.IsZero() {
		return Date{}, fmt.Errorf("起算日为空 (zero start date)")
	}
	if n < 0 {
		return Date{}, fmt.Errorf("工作日数 %d 不能为负 (negative number of working days)", n)
	}
	d, counted := start, 0
	for counted < n {
		d = d.AddDays(1)
		k, err := c.kindOf(d)
		if err != nil {
			return Date{}, err
		}
		ordinal := 0
		if k.IsWorking() {
			counted++
			ordinal = counted
		}
		if visit != nil {
			visit(d, k, ordinal)
		}
	}
	return d, nil
}

// AddWorkdays returns the deadline n working days after start: the n-th
// working day after start, start itself not counted (see walk). A day in
// a year without a schedule on the way is a *MissingYearError.
func (c *Calendar) AddWorkdays(start Date, n int) (Date, error) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.walk(start, n, nil)
}

// WorkdaysBetween returns the number of working days in (from, to] —
// the days a deadline count starting at from would have used by the end
// of to. It is negative, -(working days in (to, from]), when to is
// earlier, so "working days left" is WorkdaysBetween(today, due).
func (c *Calendar) WorkdaysBetween(from, to Date) (int, error) {
	if from.IsZero() || to.IsZero() {
		return 0, fmt.Errorf("日期为空 (zero date)")
	}
	sign := 1
	if to.Before(from) {
		from, to, sign = to, from, -1
	}
	c.mu.RLock()
	defer c.mu.RUnlock()
	n := 0
	for d := from.AddDays(1); !d.After(to); d = d.AddDays(1) {
		k, err := c.kindOf(d)
		if err != nil {
			return 0, err
		}
		if k.IsWorking() {
			n++
		}
	}
	return sign * n, nil
}
