package docimport

import (
	"fmt"
	"io"
	"time"
)

// Printer writes progress lines to w (stderr): rows done of the total,
// the rate of this run and the time left. On a terminal one line is
// rewritten at most every half second; elsewhere (a log) a line is
// added at most every interval. The last batch is always shown.
func Printer(w io.Writer, terminal bool, interval time.Duration) func(Progress) {
	if terminal {
		interval = 500 * time.Millisecond
	}
	var last time.Duration
	shown := false
	return func(p Progress) {
		final := p.Done >= p.Total
		if shown && !final && p.Elapsed-last < interval {
			return
		}
		shown, last = true, p.Elapsed
		line := ProgressLine(p)
		switch {
		case terminal && final:
			fmt.Fprintf(w, "\r%s\x1b[K\n", line)
		case terminal:
			fmt.Fprintf(w, "\r%s\x1b[K", line)
		default:
			fmt.Fprintln(w, line)
		}
	}
}

// ProgressLine is one progress report: "已处理 12000/50000 行（24%），
// 2345 条/秒，预计还需 16 秒".
func ProgressLine(p Progress) string {
	pct := 100
	if p.Total > 0 {
		pct = p.Done * 100 / p.Total
	}
	s := fmt.Sprintf("已处理 %d/%d 行（%d%%）", p.Done, p.Total, pct)
	if p.Start > 0 {
		s += fmt.Sprintf("，其中 %d 行为此前已导入", p.Start)
	}
	rows := p.Done - p.Start
	secs := p.Elapsed.Seconds()
	if rows <= 0 || secs <= 0 {
		return s
	}
	rate := float64(rows) / secs
	s += fmt.Sprintf("，%.0f 行/秒", rate)
	if left := p.Total - p.Done; left > 0 {
		s += "，预计还需 " + roughDuration(time.Duration(float64(left)/rate*float64(time.Second)))
	} else {
		s += "，用时 " + roughDuration(p.Elapsed)
	}
	return s
}

// roughDuration is a duration as people read it: "16 秒", "3 分 5 秒",
// "1 小时 2 分".
func roughDuration(d time.Duration) string {
	s := int(d.Round(time.Second) / time.Second)
	switch {
	case s < 60:
		return fmt.Sprintf("%d 秒", s)
	case s < 3600:
		return fmt.Sprintf("%d 分 %d 秒", s/60, s%60)
	default:
		return fmt.Sprintf("%d 小时 %d 分", s/3600, s%3600/60)
	}
}
