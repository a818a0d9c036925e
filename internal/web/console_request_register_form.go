package web

import (
	"slices"
	"strings"
	"time"

	rq "github.com/gongkai/gongkai/internal/request"
	"github.com/gongkai/gongkai/internal/workday"
)

// registerForm is an application staff register from paper (in person,
// by post, by fax): the application's own fields, the channel it came
// by and the day that decides its receipt on that channel (Art. 31).
type registerForm struct {
	Application application
	Channel     rq.Channel
	FactDate    string
	Why         string // why staff register it, for the history
}

func readRegisterForm(get func(string) string) registerForm {
	return registerForm{Application: applicationFromForm(get), Channel: rq.Channel(get("channel")),
		FactDate: strings.TrimSpace(get("fact_date")), Why: strings.TrimSpace(get("why"))}
}

// check returns the day the application counts as received, or the
// problems keyed by field, in Chinese.
func (f registerForm) check(today workday.Date, now time.Time) (workday.Date, fieldErrors) {
	fe := f.Application.validate(formatOf(today), now)
	if !slices.Contains(registerChannels, f.Channel) {
		fe.add("channel", "请选择提交渠道。")
	}
	day, ok := parseDayUpTo(f.FactDate, today)
	if !ok {
		fe.add("fact_date", "请填写决定收到申请之日的日期（格式 2026-04-27），且不能晚于今天。")
	}
	if len(fe) > 0 {
		return workday.Date{}, fe
	}
	facts := rq.ReceiptFacts{HandedIn: day, SignedFor: day, ConfirmedWithApplicant: day, BothConfirmed: day}
	received, err := rq.ReceiptDate(f.Channel, facts)
	if err != nil {
		fe.add("fact_date", err.Error())
	}
	return received, fe
}
