package web

import (
	"fmt"
	"time"

	"github.com/gongkai/gongkai/internal/store"
)

// recountRow is a deadline recount in the request's history: the year's
// holiday schedule a sysadmin added moved (or first fixed) its answer
// deadline.
type recountRow struct {
	Date string
	Text string
	By   string
	At   time.Time
}

func recountRowOf(r store.RequestRecount) recountRow {
	from := "此前期限暂定"
	if !r.OldDue.IsZero() {
		from = "原答复期限 " + r.OldDue.String()
	}
	to := "仍无法确定"
	if !r.NewDue.IsZero() {
		to = r.NewDue.String()
	}
	return recountRow{Date: r.At.In(chinaTime).Format("2006-01-02"), By: r.By, At: r.At,
		Text: fmt.Sprintf("添加 %d 年节假日安排后重新计算：%s，现为 %s", r.Year, from, to)}
}
