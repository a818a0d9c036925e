package web

import (
	"slices"

	"github.com/gongkai/gongkai/internal/annualreport"
	"github.com/gongkai/gongkai/internal/workday"
)

// parseCaseFiling reads a reconsideration or lawsuit against a request's
// handling (table 四): its group in format f and the day it was
// accepted, no earlier than the request's receipt and no later than
// today.
func parseCaseFiling(field func(string) string, f *annualreport.Format, received, today workday.Date) (string, workday.Date, error) {
	kind := field("kind")
	filed, ok := parseDayUpTo(field("filed"), today)
	switch {
	case !slices.Contains(choiceValues(caseKinds(f, "")), kind):
		return "", workday.Date{}, errInvalid("请选择案件类型（行政复议或行政诉讼）。")
	case !ok || filed.Before(received):
		return "", workday.Date{}, errInvalid("请填写受理日期，不能早于收到申请之日，也不能晚于今天。")
	}
	return kind, filed, nil
}

// parseCaseDecision reads a case's result (a table 四 column of f) and
// the day it was decided, no earlier than the day it was filed.
func parseCaseDecision(field func(string) string, f *annualreport.Format, filed, today workday.Date) (string, workday.Date, error) {
	result := field("result")
	decided, ok := parseDayUpTo(field("decided"), today)
	switch {
	case !slices.Contains(choiceValues(caseResults(f)), result):
		return "", workday.Date{}, errInvalid("请选择案件结果。")
	case !ok || decided.Before(filed):
		return "", workday.Date{}, errInvalid("请填写审结日期，不能早于受理日期，也不能晚于今天。")
	}
	return result, decided, nil
}
