package web

import (
	"net/http"
	"reflect"
	"strings"
	"testing"

	rq "github.com/gongkai/gongkai/internal/request"
	"github.com/gongkai/gongkai/internal/workday"
)

func TestStepDay(t *testing.T) {
	received, today := stepTestDay("2026-03-02"), stepTestDay("2026-03-10")
	cases := []struct {
		in   string
		want workday.Date
		msg  string
	}{
		{" 2026-03-05 ", stepTestDay("2026-03-05"), ""},
		{"2026-03-02", received, ""},
		{"2026-03-10", today, ""},
		{"2026-03-11", workday.Date{}, "请填写日期（格式 2026-04-27），且不能晚于今天。"},
		{"2026/03/05", workday.Date{}, "请填写日期（格式 2026-04-27），且不能晚于今天。"},
		{"", workday.Date{}, "请填写日期（格式 2026-04-27），且不能晚于今天。"},
		{"2026-03-01", workday.Date{}, "日期不能早于收到申请之日（2026-03-02）。"},
	}
	for _, c := range cases {
		got, err := stepDay(c.in, received, today)
		if got != c.want || invalidMessage(err) != c.msg {
			t.Errorf("stepDay(%q) = %v, %q; want %v, %q", c.in, got, invalidMessage(err), c.want, c.msg)
		}
	}
}

// invalidMessage is the Chinese message of a 422, "" for nil.
func invalidMessage(err error) string {
	if err == nil {
		return ""
	}
	// What the one error renderer shows: an *Error as is, a domain
	// error's public message as a 422.
	if e := publicError(err); e.Status == http.StatusUnprocessableEntity {
		return e.Message
	}
	return "not a 422: " + err.Error()
}

func TestParseStepForm(t *testing.T) {
	day := stepTestDay("2026-03-05")
	outcome := choiceValues(outcomeOptions(formatOf(day), ""))[0]
	type fields map[string]string
	cases := []struct {
		name    string
		kind    rq.EventKind
		fields  fields
		want    rq.Event
		details stepDetails
		msg     string // the 422's message; "" when it parses
	}{
		{"accepted", rq.KindAccepted, nil, rq.Accepted{Date: day}, stepDetails{}, ""},
		{"supplement requested with its notice", rq.KindSupplementRequested, fields{"due": "2026-03-20", "notice": "请补充所需信息的文号。"},
			rq.SupplementRequested{Date: day, Due: stepTestDay("2026-03-20")}, stepDetails{SupplementNotice: "请补充所需信息的文号。"}, ""},
		{"supplement due on the notice's day", rq.KindSupplementRequested, fields{"due": "2026-03-05"}, nil, stepDetails{},
			"请填写申请人补正的期限，且应晚于补正通知的日期。"},
		{"supplement notice too long", rq.KindSupplementRequested, fields{"due": "2026-03-20", "notice": strings.Repeat("字", maxSupplementNotice+1)},
			nil, stepDetails{}, "补正内容不超过 2000 字。"},
		{"supplement received", rq.KindSupplementReceived, nil, rq.SupplementReceived{Date: day}, stepDetails{}, ""},
		{"consultation of a third party", rq.KindConsultationStarted, fields{"with": "third-party"},
			rq.ConsultationStarted{Date: day, With: rq.ThirdParty}, stepDetails{}, ""},
		{"consultation of nobody", rq.KindConsultationStarted, fields{"with": "the-press"}, nil, stepDetails{}, "请选择征求意见的对象。"},
		{"consultation ended", rq.KindConsultationEnded, nil, rq.ConsultationEnded{Date: day}, stepDetails{}, ""},
		{"extension", rq.KindExtended, fields{"days": "20", "approver": "张主任"},
			rq.Extended{Date: day, Days: 20, Approver: "张主任"}, stepDetails{}, ""},
		{"extension too long", rq.KindExtended, fields{"days": "21", "approver": "张主任"}, nil, stepDetails{}, "延长的工作日数应为 1 至 20。"},
		{"extension without approver", rq.KindExtended, fields{"days": "5"}, nil, stepDetails{},
			"延长答复期限须经政府信息公开工作机构负责人同意，请填写批准人。"},
		{"fee paid", rq.KindFeePaid, nil, rq.FeePaid{Date: day}, stepDetails{}, ""},
		{"answer with its letter", rq.KindAnswered, fields{"outcome": outcome, "reasons": "见附件。", "doc_no": "某公开〔2026〕3号"},
			rq.Answered{Date: day, Outcome: outcome}, stepDetails{Letter: &letterDetails{DocNo: "某公开〔2026〕3号", Reasons: "见附件。"}}, ""},
		{"answer without reasons", rq.KindAnswered, fields{"outcome": outcome}, nil, stepDetails{},
			"请填写答复理由或获取信息的方式，它们将写入告知书。"},
		{"answer with an outcome of no table", rq.KindAnswered, fields{"outcome": "五", "reasons": "见附件。"}, nil, stepDetails{},
			"请选择一个办理结果（年度报告表三的一行）。"},
		{"transfer is not in the regulation", rq.KindTransferred, nil, nil, stepDetails{},
			"《条例》没有“转办”：请改用「告知负责公开的机关」（第三十六条第（五）项），可同时将申请转送平台内的该机关。"},
		{"withdrawn", rq.KindWithdrawn, fields{"outcome": outcome}, rq.Withdrawn{Date: day, Outcome: outcome}, stepDetails{}, ""},
		{"abandoned without supplement", rq.KindAbandoned, fields{"reason": "no-supplement"},
			rq.Abandoned{Date: day, Reason: rq.NoSupplement}, stepDetails{}, ""},
		{"abandoned for no reason", rq.KindAbandoned, fields{"reason": "bored"}, nil, stepDetails{}, "请选择视为放弃申请的原因。"},
		{"unknown kind", rq.EventKind("received"), nil, nil, stepDetails{}, "未知的办理步骤。"},
		{"a fee notice needs the records", rq.KindFeeNoticeSent, nil, nil, stepDetails{}, "未知的办理步骤。"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ev, d, err := parseStepForm(c.kind, func(k string) string { return c.fields[k] }, day)
			if msg := invalidMessage(err); msg != c.msg {
				t.Fatalf("error %q, want %q", msg, c.msg)
			}
			if c.msg != "" { // a refused step is not recorded: its details do not matter
				if ev != nil {
					t.Errorf("event %#v beside the error", ev)
				}
				return
			}
			if !reflect.DeepEqual(ev, c.want) || !reflect.DeepEqual(d, c.details) {
				t.Errorf("= %#v, %+v; want %#v, %+v", ev, d, c.want, c.details)
			}
		})
	}
}

func stepTestDay(s string) workday.Date {
	d, err := workday.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func TestParseFeeForm(t *testing.T) {
	received, day := stepTestDay("2026-03-02"), stepTestDay("2026-03-05")
	pos := feePosition{Nth: 11, Codes: []string{"A1", "A2"}}
	type fields map[string]string
	cases := []struct {
		name     string
		received workday.Date
		fields   fields
		method   rq.FeeMethod
		count    int
		override string
		msg      string // the 422's message; "" when it parses
	}{
		{"per request at the computed position", received, fields{"method": "per-request"}, rq.PerRequest, 11, "", ""},
		{"per request at another position with a reason", received,
			fields{"method": "per-request", "nth": "12", "override_reason": "另有纸质申请"}, rq.PerRequest, 12, "另有纸质申请", ""},
		{"per request at another position without a reason", received, fields{"method": "per-request", "nth": "12"}, "", 0, "",
			"系统按该申请人本月向本机关提出的申请计算为第 11 件；改为第 12 件须写明理由。"},
		{"per request at position zero", received, fields{"method": "per-request", "nth": "0"}, "", 0, "", "本月第几件申请应为正整数。"},
		{"per page", received, fields{"method": "per-page", "pages": "120"}, rq.PerPage, 120, "", ""},
		{"per page without pages", received, fields{"method": "per-page"}, "", 0, "", "按量计收请填写页数。"},
		{"no method", received, nil, "", 0, "", "请选择计费方式（按件或按量）。"},
		{"received by the applicant before it was sent", received, fields{"method": "per-page", "pages": "120", "received_on": "2026-03-04"},
			"", 0, "", "申请人收到收费通知的日期无效，且不能早于发出日期。"},
		{"a request from before 国办函〔2020〕109号", stepTestDay("2020-12-30"), fields{"method": "per-page", "pages": "120"}, "", 0, "",
			"本申请于 2020-12-30 收到，早于国办函〔2020〕109号施行之日（2021年1月1日），不收取信息处理费，不发收费通知。"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ev, d, err := parseFeeForm(func(k string) string { return c.fields[k] }, c.received, day, pos)
			if msg := invalidMessage(err); msg != c.msg {
				t.Fatalf("error %q, want %q", msg, c.msg)
			}
			if c.msg != "" {
				return
			}
			n, ok := ev.(rq.FeeNoticeSent)
			if !ok || n.Date != day || n.Method != c.method || n.Count != c.count || n.Amount <= 0 {
				t.Fatalf("event %#v", ev)
			}
			if c.method == rq.PerRequest && (d.Fee == nil || d.Fee.Computed != 11 || d.Fee.Override != c.override || len(d.Fee.Counted) != 2) {
				t.Errorf("fee details %+v", d.Fee)
			}
		})
	}
}
