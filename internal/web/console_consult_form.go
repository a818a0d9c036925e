package web

import (
	"strings"
	"unicode/utf8"
)

// consultAnswerForm is staff's answer to a consultation: published with
// the question unless withheld for a stated reason.
type consultAnswerForm struct {
	Answer   string
	Withhold bool
	Reason   string
}

// parseConsultAnswer reads the answer form and the problems keyed by
// field, in Chinese. A reason given for an answer that is published is
// dropped.
func parseConsultAnswer(get func(string) string) (consultAnswerForm, fieldErrors) {
	f := consultAnswerForm{Answer: strings.TrimSpace(get("answer")), Withhold: get("withhold") == "1",
		Reason: strings.TrimSpace(get("reason"))}
	fe := fieldErrors{}
	switch {
	case f.Answer == "":
		fe.add("answer", "请填写答复内容。")
	case utf8.RuneCountInString(f.Answer) > 5000:
		fe.add("answer", "答复内容不能超过 5000 个字。")
	}
	if f.Withhold && f.Reason == "" {
		fe.add("reason", "不公开时请说明理由，例如“涉及个人事项”。")
	}
	if !f.Withhold {
		f.Reason = ""
	}
	return f, fe
}
