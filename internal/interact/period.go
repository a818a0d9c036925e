package interact

import (
	"errors"
	"fmt"

	"github.com/gongkai/gongkai/internal/workday"
)

// DraftKind decides the shortest comment period a draft may have.
type DraftKind string

const (
	// DraftMajorDecision is a major administrative decision (重大行政决策):
	// 《重大行政决策程序暂行条例》 Art. 15 asks for at least 30 days.
	DraftMajorDecision DraftKind = "major_decision"
	// DraftNormative is an administrative normative document (行政规范性
	// 文件): 国办发〔2018〕37号 asks for at least 7 working days.
	DraftNormative DraftKind = "normative"
	// DraftOther is any other draft; no statutory minimum, one day.
	DraftOther DraftKind = "other"
)

// DraftKinds lists the kinds in display order.
func DraftKinds() []DraftKind { return []DraftKind{DraftNormative, DraftMajorDecision, DraftOther} }

// Name is the kind's Chinese name.
func (k DraftKind) Name() string {
	switch k {
	case DraftMajorDecision:
		return "重大行政决策"
	case DraftNormative:
		return "行政规范性文件"
	case DraftOther:
		return "其他文件"
	}
	return string(k)
}

// Valid reports whether k is a known kind.
func (k DraftKind) Valid() bool {
	return k == DraftMajorDecision || k == DraftNormative || k == DraftOther
}

// Rule is the kind's minimum in words, for hints and errors.
func (k DraftKind) Rule() string {
	switch k {
	case DraftMajorDecision:
		return "不少于30日"
	case DraftNormative:
		return "不少于7个工作日"
	}
	return "至少1日"
}

// MinimumEnd is the earliest last day of a comment period opening on
// start. Periods are counted as the law counts them (民法典 Art. 201):
// the opening day itself is not counted, so 30 days from 1 March end on
// 31 March at the earliest; working days follow the official calendar,
// skipping holidays and counting the make-up working days.
func MinimumEnd(cal *workday.Calendar, k DraftKind, start workday.Date) (workday.Date, error) {
	switch k {
	case DraftMajorDecision:
		return start.AddDays(30), nil
	case DraftNormative:
		return cal.AddWorkdays(start, 7)
	case DraftOther:
		return start.AddDays(1), nil
	}
	return workday.Date{}, fmt.Errorf("interact: unknown draft kind %q", k)
}

// PeriodError is a comment period that breaks a rule; Message is the
// Chinese text for the staff member, Field the form field at fault.
type PeriodError struct {
	Field   string
	Message string
}

func (e *PeriodError) Error() string { return e.Message }

// ValidatePeriod checks a new comment period: a known kind, an opening
// day not in the past, and an end no earlier than the kind's minimum.
func ValidatePeriod(cal *workday.Calendar, k DraftKind, start, end, today workday.Date) error {
	switch {
	case !k.Valid():
		return &PeriodError{"kind", "请选择文件类型。"}
	case start.IsZero():
		return &PeriodError{"start", "请填写征求意见开始日期（格式 2026-05-01）。"}
	case start.Before(today):
		return &PeriodError{"start", "开始日期不能早于今天。"}
	case end.IsZero():
		return &PeriodError{"end", "请填写征求意见截止日期（格式 2026-05-31）。"}
	}
	least, err := MinimumEnd(cal, k, start)
	var missing *workday.MissingYearError
	if errors.As(err, &missing) {
		return &PeriodError{"end", "工作日历尚未收录该期间的节假日安排，无法计算工作日，请联系系统管理员更新日历。"}
	}
	if err != nil {
		return err
	}
	if end.Before(least) {
		return &PeriodError{"end", fmt.Sprintf("%s征求意见期限应%s（开始当日不计入），截止日期不得早于%d年%d月%d日。",
			k.Name(), k.Rule(), least.Year(), int(least.Month()), least.Day())}
	}
	return nil
}

// PeriodState is where a comment period stands on a given day.
type PeriodState string

const (
	PeriodUpcoming PeriodState = "upcoming" // not yet open
	PeriodOpen     PeriodState = "open"     // comments accepted
	PeriodEnded    PeriodState = "ended"    // past its end, summary pending
	PeriodClosed   PeriodState = "closed"   // the adoption summary is published
)

// StateOn is the period's state on today; closed means staff have
// entered the adoption summary. Both the first and the last day accept
// comments.
func StateOn(start, end workday.Date, closed bool, today workday.Date) PeriodState {
	switch {
	case closed:
		return PeriodClosed
	case today.Before(start):
		return PeriodUpcoming
	case today.After(end):
		return PeriodEnded
	}
	return PeriodOpen
}

// Label is the state's Chinese name.
func (s PeriodState) Label() string {
	switch s {
	case PeriodUpcoming:
		return "即将开始"
	case PeriodOpen:
		return "正在征求意见"
	case PeriodEnded:
		return "征求意见已截止"
	case PeriodClosed:
		return "已公布采纳情况"
	}
	return string(s)
}
