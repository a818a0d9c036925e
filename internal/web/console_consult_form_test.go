package web

import (
	"maps"
	"net/url"
	"strings"
	"testing"
)

// TestConsultAnswerForm reads staff's answer to a consultation: an answer
// is required and bounded, withholding it from publication needs a
// reason, and a reason for a published answer is not kept.
func TestConsultAnswerForm(t *testing.T) {
	cases := []struct {
		name string
		form url.Values
		want consultAnswerForm
		errs map[string]string
	}{
		{"published", url.Values{"answer": {" 已答复。 "}, "reason": {"无"}}, consultAnswerForm{Answer: "已答复。"}, map[string]string{}},
		{"withheld with a reason", url.Values{"answer": {"已答复。"}, "withhold": {"1"}, "reason": {" 涉及个人事项 "}},
			consultAnswerForm{Answer: "已答复。", Withhold: true, Reason: "涉及个人事项"}, map[string]string{}},
		{"withheld without a reason", url.Values{"answer": {"已答复。"}, "withhold": {"1"}},
			consultAnswerForm{Answer: "已答复。", Withhold: true}, map[string]string{"reason": "不公开时请说明理由，例如“涉及个人事项”。"}},
		{"no answer", url.Values{"answer": {"  "}}, consultAnswerForm{}, map[string]string{"answer": "请填写答复内容。"}},
		{"5000 characters", url.Values{"answer": {strings.Repeat("答", 5000)}},
			consultAnswerForm{Answer: strings.Repeat("答", 5000)}, map[string]string{}},
		{"too long", url.Values{"answer": {strings.Repeat("答", 5001)}},
			consultAnswerForm{Answer: strings.Repeat("答", 5001)}, map[string]string{"answer": "答复内容不能超过 5000 个字。"}},
	}
	for _, c := range cases {
		f, fe := parseConsultAnswer(c.form.Get)
		if f != c.want || !maps.Equal(map[string]string(fe), c.errs) {
			t.Errorf("%s: %+v %v; want %+v %v", c.name, f, fe, c.want, c.errs)
		}
	}
}
