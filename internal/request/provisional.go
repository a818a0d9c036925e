package request

import "fmt"

// DueReason says to staff why Due is only provisional (暂定); "" when it
// is the legal deadline. The calendar refuses to guess a year the State
// Council has not announced, so the date shown meanwhile
// is counted on weekends alone and recomputed once the year is added.
func (s Status) DueReason() string {
	if !s.DueProvisional {
		return ""
	}
	return fmt.Sprintf("国务院办公厅尚未公布 %d 年节假日安排，暂按周六、周日休息计算；添加该年安排后自动重新计算", s.MissingYear)
}

// PendingDueText is what the applicant reads instead of a provisional
// Due: plain Chinese, no date that might still move, how the deadline
// will be counted; "" when Due is the legal deadline.
func (s Status) PendingDueText() string {
	if !s.DueProvisional {
		return ""
	}
	from := "收到申请之日"
	if s.ClockStart != s.Received {
		from = "收到补正材料之日" // Art. 30: the period restarts
	}
	text := fmt.Sprintf("答复期限将在国务院办公厅公布 %d 年节假日安排后确定（自%s起 %d 个工作日", s.MissingYear, from, AnswerPeriod)
	if s.Extension > 0 {
		text += fmt.Sprintf("，延长 %d 个工作日", s.Extension) // Art. 33
	}
	if s.Excluded > 0 || s.Paused {
		text += "，征求意见等期间不计入" // Arts. 32, 34
	}
	return text + "）"
}
