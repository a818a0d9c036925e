package web

import (
	"errors"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gongkai/gongkai/internal/interact"
	"github.com/gongkai/gongkai/internal/workday"
)

// periodForm opens a comment period on a draft (征求意见), as typed.
type periodForm struct {
	Title, Draft, Kind, Start, End string
}

func readPeriodForm(get func(string) string) periodForm {
	f := func(k string) string { return strings.TrimSpace(get(k)) }
	return periodForm{Title: f("title"), Draft: f("draft"), Kind: get("kind"), Start: f("start"), End: f("end")}
}

// check returns the period's first and last day, or the problems keyed
// by field, in Chinese; the kind's minimum length counts on cal. An
// error that is not the form's (interact.ValidatePeriod's own) is
// returned as is.
func (f periodForm) check(cal *workday.Calendar, today workday.Date) (start, end workday.Date, fe fieldErrors, err error) {
	fe = fieldErrors{}
	switch {
	case f.Title == "":
		fe.add("title", "请填写标题。")
	case utf8.RuneCountInString(f.Title) > 200:
		fe.add("title", "标题不能超过 200 个字。")
	}
	if f.Draft == "" {
		fe.add("draft", "请填写征求意见稿正文。")
	}
	start, errStart := workday.ParseDate(f.Start)
	end, errEnd := workday.ParseDate(f.End)
	if errStart != nil && f.Start != "" {
		fe.add("start", "开始日期格式应为 2026-05-01。")
	}
	if errEnd != nil && f.End != "" {
		fe.add("end", "截止日期格式应为 2026-05-31。")
	}
	err = interact.ValidatePeriod(cal, interact.DraftKind(f.Kind), start, end, today)
	var pe *interact.PeriodError
	if errors.As(err, &pe) {
		fe.add(pe.Field, pe.Message)
	} else if err != nil {
		return start, end, fe, err
	}
	return start, end, fe, nil
}

// closeForm publishes how the comments were adopted (采纳情况) after a
// period ends.
type closeForm struct {
	Adoption, Adopted string
}

// parseCloseForm reads the form, the number of comments adopted, and the
// problems keyed by field, in Chinese.
func parseCloseForm(get func(string) string) (closeForm, int, fieldErrors) {
	f := closeForm{Adoption: strings.TrimSpace(get("adoption")), Adopted: strings.TrimSpace(get("adopted"))}
	fe := fieldErrors{}
	if f.Adoption == "" {
		fe.add("adoption", "请填写意见采纳情况。")
	}
	adopted, err := strconv.Atoi(f.Adopted)
	if err != nil || adopted < 0 {
		fe.add("adopted", "请填写采纳意见的条数（0 或正整数）。")
	}
	return f, adopted, fe
}
