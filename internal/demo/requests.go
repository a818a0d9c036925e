package demo

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/gongkai/gongkai/internal/request"
	"github.com/gongkai/gongkai/internal/store"
	"github.com/gongkai/gongkai/internal/web"
	"github.com/gongkai/gongkai/internal/workday"
)

// RequestSecret is the lookup secret of every demo request: the demo's
// status page can be tried with any demo code (WCDEMO…) and this.
const RequestSecret = "DEMO-SECRET"

// demoRequest is an application to 吴城镇 and what happened to it, in
// calendar days after receipt.
type demoRequest struct {
	code      string
	ago       int // received this many days before the demo's start
	applicant string
	name      string
	idType    string
	idNumber  string
	sought    string
	steps     []demoStep
	caseKind  string // a pending 行政复议 / 行政诉讼 against the answer
}

type demoStep struct {
	after   int // days after receipt
	event   func(d workday.Date) request.Event
	why     string
	reasons string // answer letter text
	// forward: an Art. 36(5) answer that also forwards the application
	// to 桐柏县民政局, where it becomes request forwardCode.
	forward     bool
	forwardCode string
}

func demoRequests() []demoRequest {
	return []demoRequest{
		{code: "WCDEMOAAAAAA", ago: 60, applicant: "自然人", name: "王某某", idType: "居民身份证", idNumber: "11010519491231002X",
			sought: "2025年吴城镇村道硬化工程的招标文件和竣工验收报告",
			steps: []demoStep{
				{after: 3, event: func(d workday.Date) request.Event {
					return request.SupplementRequested{Date: d, Due: d.AddDays(14)}
				}, why: "申请未写明具体村道名称，通知补正"},
				{after: 9, event: func(d workday.Date) request.Event { return request.SupplementReceived{Date: d} }, why: "申请人补充了村道名称"},
				{after: 30, event: func(d workday.Date) request.Event { return request.Answered{Date: d, Outcome: "三.二"} },
					why: "验收报告含个人信息，区分处理", reasons: "招标文件予以公开，随本告知书提供。\n竣工验收报告中施工人员的身份证号码等个人信息不予公开，其余部分予以公开。"},
			}, caseKind: "行政复议"},
		{code: "WCDEMOAAAAAB", ago: 26, applicant: "商业企业", name: "桐柏县某建材有限公司", idType: "统一社会信用代码", idNumber: "91350100M000100Y43",
			sought: "吴城镇2026年度政府采购意向公开情况"},
		// The third parties have not replied in their 15 working days:
		// the clock has resumed by itself (Art. 32), the office decides.
		{code: "WCDEMOAAAAAC", ago: 40, applicant: "自然人", name: "李某", idType: "居民身份证", idNumber: "11010519491231002X",
			sought: "本人所在村2025年度低保评审会议记录",
			steps: []demoStep{
				{after: 4, event: func(d workday.Date) request.Event {
					return request.ConsultationStarted{Date: d, With: request.ThirdParty}
				}, why: "会议记录涉及其他低保户，书面征求其意见"},
			}},
		// Unpaid 20 working days after the notice: 逾期未缴费, one step
		// from 视为放弃 (三.六.2).
		{code: "WCDEMOAAAAAD", ago: 45, applicant: "自然人", name: "赵某", idType: "居民身份证", idNumber: "11010519491231002X",
			sought: "吴城镇2024年至2026年全部行政处罚决定书（纸质复印件）",
			steps: []demoStep{
				{after: 2, event: func(d workday.Date) request.Event {
					// 120 pages: 70 at 10 元, 20 at 20 元 (国办函〔2020〕109号).
					return request.FeeNoticeSent{Date: d, Method: request.PerPage, Count: 120, Amount: 1100}
				}, why: "复印件 120 页，按量计收"},
			}},
		{code: "WCDEMOAAAAAF", ago: 12, applicant: "自然人", name: "陈某", idType: "居民身份证", idNumber: "11010519491231002X",
			sought: "桐柏县2025年城乡低保资金发放明细",
			steps: []demoStep{
				{after: 3, event: func(d workday.Date) request.Event {
					return request.Referred{Date: d, Holder: "桐柏县民政局", Contact: "桐柏县民政局办公室，地址：河南省南阳市桐柏县民政局，电话：0377-68300000"}
				}, why: "全县低保资金由县民政局发放和公开", reasons: "本机关不掌握全县城乡低保资金发放明细。",
					forward: true, forwardCode: "WCDEMOAAAAAG"},
			}},
		{code: "WCDEMOAAAAAE", ago: 2, applicant: "社会公益组织", name: "桐柏县某环保志愿者协会", idType: "统一社会信用代码", idNumber: "91350100M000100Y43",
			sought: "吴城镇辖区内河道采砂许可及监管情况"},
	}
}

// seedRequests files the demo requests to 吴城镇 with histories recorded
// by its handler, so the console shows every kind of state.
func seedRequests(ctx context.Context, st *store.Store, bodyID, holderID int64, now time.Time) error {
	handler, err := st.UserByName(ctx, "wc-handler")
	if err != nil {
		return fmt.Errorf("demo: requests: %w", err)
	}
	today := workday.DateOf(now.In(time.FixedZone("CST", 8*3600)))
	for _, d := range demoRequests() {
		received := today.AddDays(-d.ago)
		q := request.Request{BodyID: bodyID, Code: d.code, SecretHash: web.HashRequestSecret(RequestSecret),
			ApplicantType: d.applicant, ApplicantName: d.name, IDType: d.idType, IDNumber: d.idNumber,
			Phone: "0377-8888888", Address: "河南省桐柏县吴城镇", Sought: d.sought, Delivery: "纸质（邮寄）",
			Channel: request.Online, Received: received}
		created, err := st.CreateRequest(ctx, q, 0, "网上申请")
		if err != nil {
			return fmt.Errorf("demo: request %s: %w", d.code, err)
		}
		for _, s := range d.steps {
			day := received.AddDays(s.after)
			e := request.EventRecord{Event: s.event(day), UserID: handler.ID, Why: s.why}
			// The web layer's step details: the answer letter's text,
			// and where an Art. 36(5) answer forwarded the application.
			details := map[string]any{}
			if s.reasons != "" {
				details["letter"] = map[string]string{"reasons": s.reasons}
			}
			if s.forward {
				details["referral"] = map[string]any{"holder_body_id": holderID, "forwarded_code": s.forwardCode, "forwarded": day.String()}
			}
			if len(details) > 0 {
				b, _ := json.Marshal(details)
				e.Details = string(b)
			}
			if !s.forward {
				if _, err := st.AppendRequestEvent(ctx, created.ID, e); err != nil {
					return fmt.Errorf("demo: request %s: %w", d.code, err)
				}
				continue
			}
			// Forwarded on the day of the answer: a request of the
			// holder received that day, with the applicant's secret.
			to := q
			to.BodyID, to.Code, to.Channel, to.Received, to.ForwardedFrom = holderID, s.forwardCode, request.Forwarded, day, created.ID
			if _, _, err := st.ForwardRequest(ctx, created.ID, e, to); err != nil {
				return fmt.Errorf("demo: request %s: %w", d.code, err)
			}
		}
		if d.caseKind != "" {
			filed := received.AddDays(45)
			if _, err := st.CreateCase(ctx, store.Case{RequestID: created.ID, Kind: d.caseKind, Filed: filed}); err != nil {
				return fmt.Errorf("demo: case of %s: %w", d.code, err)
			}
		}
	}
	return nil
}
