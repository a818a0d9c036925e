package web

import (
	"maps"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	rq "github.com/gongkai/gongkai/internal/request"
	"github.com/gongkai/gongkai/internal/workday"
)

// TestRegisterForm reads a paper application as staff register it: the
// application's fields are TestApplicationForm's; here the channel and
// the day that decides receipt (Art. 31), which is the receipt date on
// every channel staff register from.
func TestRegisterForm(t *testing.T) {
	today := stepTestDay("2026-03-10")
	now := time.Date(2026, 3, 10, 10, 0, 0, 0, chinaTime)
	valid := url.Values{"applicant_type": {"自然人"}, "name": {"张三"}, "id_type": {idResident},
		"id_number": {testResidentID}, "phone": {"13800000000"}, "sought": {"村道建设项目的招标文件"},
		"delivery": {"自行领取"}, "channel": {string(rq.InPerson)}, "fact_date": {" 2026-03-09 "}, "why": {" 来访 "}}
	const factMsg = "请填写决定收到申请之日的日期（格式 2026-04-27），且不能晚于今天。"
	cases := []struct {
		name     string
		change   url.Values
		received workday.Date
		errs     map[string]string // field → message; nil when it registers
	}{
		{"in person", nil, stepTestDay("2026-03-09"), nil},
		{"registered post: the day signed for", url.Values{"channel": {string(rq.RegisteredPost)}}, stepTestDay("2026-03-09"), nil},
		{"ordinary letter", url.Values{"channel": {string(rq.OrdinaryLetter)}}, stepTestDay("2026-03-09"), nil},
		{"fax", url.Values{"channel": {string(rq.Fax)}}, stepTestDay("2026-03-09"), nil},
		{"today", url.Values{"fact_date": {"2026-03-10"}}, today, nil},
		{"forwarded is not registered by hand", url.Values{"channel": {string(rq.Forwarded)}}, workday.Date{},
			map[string]string{"channel": "请选择提交渠道。"}},
		{"no channel", url.Values{"channel": {""}}, workday.Date{}, map[string]string{"channel": "请选择提交渠道。"}},
		{"tomorrow", url.Values{"fact_date": {"2026-03-11"}}, workday.Date{}, map[string]string{"fact_date": factMsg}},
		{"no date", url.Values{"fact_date": {""}}, workday.Date{}, map[string]string{"fact_date": factMsg}},
		{"a slash date", url.Values{"fact_date": {"2026/03/09"}}, workday.Date{}, map[string]string{"fact_date": factMsg}},
		{"the application's own problems too", url.Values{"name": {""}, "channel": {"carrier-pigeon"}}, workday.Date{},
			map[string]string{"name": "请填写申请人姓名或名称。", "channel": "请选择提交渠道。"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			form := maps.Clone(valid)
			maps.Copy(form, c.change)
			f := readRegisterForm(form.Get)
			if f.FactDate != strings.TrimSpace(form.Get("fact_date")) || f.Why != strings.TrimSpace(form.Get("why")) {
				t.Errorf("read %+v", f)
			}
			received, fe := f.check(today, now)
			if received != c.received {
				t.Errorf("received %v, want %v", received, c.received)
			}
			if !maps.Equal(map[string]string(fe), c.errs) {
				t.Errorf("problems %v, want %v", fe, c.errs)
			}
		})
	}
	if !slices.Contains(registerChannels, rq.Online) {
		t.Error("an online application confirmed by telephone can no longer be registered")
	}
}
