package web

import (
	"net/url"
	"testing"

	"github.com/gongkai/gongkai/internal/workday"
)

// TestCaseForms reads a reconsideration or lawsuit (table 四) and its
// result: the groups and results are the report format's, the days
// bounded by the request's receipt, the filing and today.
func TestCaseForms(t *testing.T) {
	received, today := stepTestDay("2026-03-02"), stepTestDay("2026-06-10")
	f := formatOf(today)
	kind, result := choiceValues(caseKinds(f, ""))[0], choiceValues(caseResults(f))[0]
	const filedMsg = "请填写受理日期，不能早于收到申请之日，也不能晚于今天。"
	filings := []struct {
		name  string
		form  url.Values
		filed workday.Date
		msg   string
	}{
		{"filed", url.Values{"kind": {kind}, "filed": {"2026-04-01"}}, stepTestDay("2026-04-01"), ""},
		{"on the day of receipt", url.Values{"kind": {kind}, "filed": {" 2026-03-02 "}}, received, ""},
		{"unknown group", url.Values{"kind": {"信访"}, "filed": {"2026-04-01"}}, workday.Date{}, "请选择案件类型（行政复议或行政诉讼）。"},
		{"a parent group is not a case", url.Values{"kind": {"行政诉讼"}, "filed": {"2026-04-01"}}, workday.Date{}, "请选择案件类型（行政复议或行政诉讼）。"},
		{"before receipt", url.Values{"kind": {kind}, "filed": {"2026-03-01"}}, workday.Date{}, filedMsg},
		{"after today", url.Values{"kind": {kind}, "filed": {"2026-06-11"}}, workday.Date{}, filedMsg},
		{"no date", url.Values{"kind": {kind}}, workday.Date{}, filedMsg},
	}
	for _, c := range filings {
		k, filed, err := parseCaseFiling(c.form.Get, f, received, today)
		if filed != c.filed || invalidMessage(err) != c.msg || (err == nil && k != kind) {
			t.Errorf("%s: %q %v %q; want %v %q", c.name, k, filed, invalidMessage(err), c.filed, c.msg)
		}
	}
	filed := stepTestDay("2026-04-01")
	const decidedMsg = "请填写审结日期，不能早于受理日期，也不能晚于今天。"
	decisions := []struct {
		name    string
		form    url.Values
		decided workday.Date
		msg     string
	}{
		{"decided", url.Values{"result": {result}, "decided": {"2026-05-20"}}, stepTestDay("2026-05-20"), ""},
		{"on the day filed", url.Values{"result": {result}, "decided": {"2026-04-01"}}, filed, ""},
		{"still pending is no result", url.Values{"result": {"尚未审结"}, "decided": {"2026-05-20"}}, workday.Date{}, "请选择案件结果。"},
		{"the total is no result", url.Values{"result": {"总计"}, "decided": {"2026-05-20"}}, workday.Date{}, "请选择案件结果。"},
		{"before filing", url.Values{"result": {result}, "decided": {"2026-03-31"}}, workday.Date{}, decidedMsg},
		{"after today", url.Values{"result": {result}, "decided": {"2026-06-11"}}, workday.Date{}, decidedMsg},
	}
	for _, c := range decisions {
		r, decided, err := parseCaseDecision(c.form.Get, f, filed, today)
		if decided != c.decided || invalidMessage(err) != c.msg || (err == nil && r != result) {
			t.Errorf("%s: %q %v %q; want %v %q", c.name, r, decided, invalidMessage(err), c.decided, c.msg)
		}
	}
}
