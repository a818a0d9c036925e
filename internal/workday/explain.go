package workday

import (
	"fmt"
	"strings"
)

// ExplainedDay is one day passed while counting.
type ExplainedDay struct {
	Date    Date `json:"date"`
	Kind    Kind `json:"kind"`
	Ordinal int  `json:"ordinal,omitempty"` // 1…N for a counted working day, 0 when skipped
}

// Counted reports whether the day counted towards the deadline.
func (e ExplainedDay) Counted() bool { return e.Ordinal > 0 }

// Explanation shows how a deadline was reached: every day after the
// start, counted or skipped, with the reason.
type Explanation struct {
	Start    Date           `json:"start"`
	N        int            `json:"n"`
	Deadline Date           `json:"deadline"`
	Days     []ExplainedDay `json:"days"`
}

// Explain counts like AddWorkdays (the same walk) and keeps every day.
func (c *Calendar) Explain(start Date, n int) (Explanation, error) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	ex := Explanation{Start: start, N: n}
	deadline, err := c.walk(start, n, func(d Date, k Kind, ordinal int) {
		ex.Days = append(ex.Days, ExplainedDay{Date: d, Kind: k, Ordinal: ordinal})
	})
	if err != nil {
		return Explanation{}, err
	}
	ex.Deadline = deadline
	return ex, nil
}

// Line is the Chinese description of one day, e.g.
// "2024-05-01 星期三 法定节假日，不计" or "2024-05-11 星期六 调休上班，第 8 个工作日".
func (e ExplainedDay) Line() string {
	if e.Counted() {
		return fmt.Sprintf("%s %s %s，第 %d 个工作日", e.Date, e.Date.WeekdayName(), e.Kind.Reason(), e.Ordinal)
	}
	return fmt.Sprintf("%s %s %s，不计", e.Date, e.Date.WeekdayName(), e.Kind.Reason())
}

// Skipped returns how many days were skipped for each reason.
func (e Explanation) Skipped() map[Kind]int {
	m := map[Kind]int{}
	for _, d := range e.Days {
		if !d.Counted() {
			m[d.Kind]++
		}
	}
	return m
}

// String is the whole explanation in Chinese, one line per day.
func (e Explanation) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "起算日 %s %s（当日不计），计 %d 个工作日：\n", e.Start, e.Start.WeekdayName(), e.N)
	for _, d := range e.Days {
		b.WriteString("  ")
		b.WriteString(d.Line())
		b.WriteByte('\n')
	}
	sk := e.Skipped()
	fmt.Fprintf(&b, "期限：%s %s（跳过周末 %d 天、法定节假日 %d 天；调休上班 %d 天计入）\n",
		e.Deadline, e.Deadline.WeekdayName(), sk[Weekend], sk[Holiday], e.countedMakeup())
	return b.String()
}

func (e Explanation) countedMakeup() int {
	n := 0
	for _, d := range e.Days {
		if d.Counted() && d.Kind == MakeupWorkday {
			n++
		}
	}
	return n
}
