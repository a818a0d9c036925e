// Package request is the pure domain logic of disclosure on request
// (依申请公开): the events of a request, its state machine, its statutory
// clock with side deadlines and an explanation, the receipt-date rules
// of Art. 31 and the fees of 国办函〔2020〕109号. No I/O, no database.
package request

import (
	"fmt"
	"strings"

	"github.com/gongkai/gongkai/internal/workday"
)

// EventKind is the stable id of an event kind, for storage.
type EventKind string

const (
	KindReceived            EventKind = "received"
	KindAccepted            EventKind = "accepted"
	KindSupplementRequested EventKind = "supplement-requested"
	KindSupplementReceived  EventKind = "supplement-received"
	KindConsultationStarted EventKind = "consultation-started"
	KindConsultationEnded   EventKind = "consultation-ended"
	KindExtended            EventKind = "extended"
	KindFeeNoticeSent       EventKind = "fee-notice-sent"
	KindFeePaid             EventKind = "fee-paid"
	KindAnswered            EventKind = "answered"
	KindReferred            EventKind = "referred"
	KindTransferred         EventKind = "transferred"
	KindWithdrawn           EventKind = "withdrawn"
	KindAbandoned           EventKind = "abandoned"
)

// Label is the Chinese name of the event kind.
func (k EventKind) Label() string {
	switch k {
	case KindReceived:
		return "收到申请"
	case KindAccepted:
		return "受理申请"
	case KindSupplementRequested:
		return "发出补正通知"
	case KindSupplementReceived:
		return "收到补正材料"
	case KindConsultationStarted:
		return "开始征求意见"
	case KindConsultationEnded:
		return "征求意见结束"
	case KindExtended:
		return "延长答复期限"
	case KindFeeNoticeSent:
		return "发出收费通知"
	case KindFeePaid:
		return "收到缴费"
	case KindAnswered:
		return "作出答复"
	case KindReferred:
		return "告知负责公开的机关"
	case KindTransferred:
		return "转办（旧记录）"
	case KindWithdrawn:
		return "申请人撤回申请"
	case KindAbandoned:
		return "视为放弃申请"
	}
	return string(k)
}

// Event is one thing that happened to a request. The set is closed:
// only the types of this package are events.
type Event interface {
	On() workday.Date // the day it happened
	Kind() EventKind
	check() error // field validation independent of history
}

// Received: the application was received (收到申请) on the date Art. 31
// gives for its channel (see ReceiptDate).
type Received struct {
	Date    workday.Date
	Channel Channel
}

// Accepted: the office accepted the application for handling (受理)
// after checking it, the first step of the flow 受理 → 补正 … 答复.
// It is optional (an application answered on the spot needs none) and
// leaves the answer period as it is: that runs from receipt (Art. 33).
type Accepted struct {
	Date workday.Date
}

// SupplementRequested: the office told the applicant, once and
// completely, what to supplement (补正通知) and by when (Due).
type SupplementRequested struct {
	Date workday.Date
	Due  workday.Date // the applicant's deadline stated in the notice
}

// SupplementReceived: the supplemented application arrived; the clock
// restarts on this day. Channel is how it arrived, when recorded (the
// online form records Online; empty: not recorded): the day counts as
// ReceiptDate gives it for that channel (Art. 31), as for the
// application itself.
type SupplementReceived struct {
	Date    workday.Date
	Channel Channel
}

// Consultee is whom the office consults.
type Consultee string

const (
	ThirdParty  Consultee = "third-party"  // 第三方 (Art. 32)
	OtherAgency Consultee = "other-agency" // 其他机关 (co-producers, Art. 34)
)

// Label is the Chinese name used in explanations.
func (c Consultee) Label() string {
	switch c {
	case ThirdParty:
		return "第三方"
	case OtherAgency:
		return "有关行政机关"
	}
	return string(c)
}

// ConsultationStarted: written consultation sent (征求意见). The time it
// takes is not counted towards the answer period.
type ConsultationStarted struct {
	Date  workday.Date
	With  Consultee
	Party string // who was consulted, for the explanation (optional)
}

// ConsultationEnded: the reply arrived, or the reply period ran out.
type ConsultationEnded struct {
	Date workday.Date
}

// MaxExtension is the longest extension of the answer period (Art. 33).
const MaxExtension = 20

// Extended: the answer period was extended (延长答复期限) with the
// consent of the head of the disclosure office, once, by at most 20
// working days.
type Extended struct {
	Date     workday.Date
	Days     int
	Approver string // 批准人
}

// FeeNoticeSent: the fee notice (收费通知) was sent. ReceivedOn is the
// day the applicant received it (zero: the same day, as for a notice
// handed over or sent electronically).
//
// Method, Count and Amount are the fee of 国办函〔2020〕109号: the
// method, the request's position in the applicant's month (按件) or its
// pages (按量), and the amount in 元 they give (FeeFor). A notice is
// only sent for an amount above 0 on a request received from
// 2021-01-01 (FeesFrom). A notice recorded before the fee was kept with
// the event has no Method: the clock replays it as it was recorded.
type FeeNoticeSent struct {
	Date       workday.Date
	ReceivedOn workday.Date
	Method     FeeMethod
	Count      int
	Amount     int
}

// FeePaid: the applicant paid.
type FeePaid struct {
	Date workday.Date
}

// Answered: the office answered (答复). Outcome is the id of the table
// 三 data row of the annual report the request counts in (三.一 …).
type Answered struct {
	Date    workday.Date
	Outcome string
}

// OutcomeNotHeld is the table 三 row of Art. 36(4)(5): 本机关不掌握相关
// 政府信息 (三.四.1), the same id in the 2019 and 2021 formats.
const OutcomeNotHeld = "三.四.1"

// Referred: the office answered under Art. 36(5) that the information is
// not this body's to disclose, telling the applicant which body is
// (Holder) and how to reach it (Contact). It is an answer like any other:
// the request counts as received (一) and closes with OutcomeNotHeld. The
// 条例 has no transfer; whether the application was also forwarded to a
// body on the platform, where it becomes a new request received on the
// day it arrives, is recorded beside the event, not in it.
type Referred struct {
	Date    workday.Date
	Holder  string // 负责公开该政府信息的行政机关
	Contact string // its contact details (address, telephone …)
}

// Transferred is a record of the earlier 转办 step, kept because records
// are never rewritten (Art. 45). The 条例 has no transfer: such a request
// was in truth answered under Art. 36(5), so the clock closes it as
// Referred, with OutcomeNotHeld. No new one is recorded.
type Transferred struct {
	Date workday.Date
	To   string // the receiving body
}

// Withdrawn: the applicant withdrew the request (撤回). Outcome is the
// table 三 row it counts in.
type Withdrawn struct {
	Date    workday.Date
	Outcome string
}

// AbandonReason is why a request is deemed abandoned (视为放弃).
type AbandonReason string

const (
	NoSupplement AbandonReason = "no-supplement" // 逾期不补正 (Art. 30)
	NoPayment    AbandonReason = "no-payment"    // 逾期未缴费 (国办函〔2020〕109号)
)

// Label is the Chinese description used in explanations.
func (r AbandonReason) Label() string {
	switch r {
	case NoSupplement:
		return "申请人无正当理由逾期不补正"
	case NoPayment:
		return "申请人逾期未按收费通知要求缴纳费用"
	}
	return string(r)
}

// DefaultOutcome is the table 三 row of the 2021 format that the reason
// is counted in (三.六, 其他处理, with the reason as its sub-row).
func (r AbandonReason) DefaultOutcome() string {
	switch r {
	case NoSupplement:
		return "三.六.1"
	case NoPayment:
		return "三.六.2"
	}
	return ""
}

// Abandoned: the request is deemed abandoned. Outcome defaults to the
// reason's DefaultOutcome when empty.
type Abandoned struct {
	Date    workday.Date
	Reason  AbandonReason
	Outcome string
}

func (e Received) On() workday.Date            { return e.Date }
func (e Accepted) On() workday.Date            { return e.Date }
func (e SupplementRequested) On() workday.Date { return e.Date }
func (e SupplementReceived) On() workday.Date  { return e.Date }
func (e ConsultationStarted) On() workday.Date { return e.Date }
func (e ConsultationEnded) On() workday.Date   { return e.Date }
func (e Extended) On() workday.Date            { return e.Date }
func (e FeeNoticeSent) On() workday.Date       { return e.Date }
func (e FeePaid) On() workday.Date             { return e.Date }
func (e Answered) On() workday.Date            { return e.Date }
func (e Referred) On() workday.Date            { return e.Date }
func (e Transferred) On() workday.Date         { return e.Date }
func (e Withdrawn) On() workday.Date           { return e.Date }
func (e Abandoned) On() workday.Date           { return e.Date }

func (Received) Kind() EventKind            { return KindReceived }
func (Accepted) Kind() EventKind            { return KindAccepted }
func (SupplementRequested) Kind() EventKind { return KindSupplementRequested }
func (SupplementReceived) Kind() EventKind  { return KindSupplementReceived }
func (ConsultationStarted) Kind() EventKind { return KindConsultationStarted }
func (ConsultationEnded) Kind() EventKind   { return KindConsultationEnded }
func (Extended) Kind() EventKind            { return KindExtended }
func (FeeNoticeSent) Kind() EventKind       { return KindFeeNoticeSent }
func (FeePaid) Kind() EventKind             { return KindFeePaid }
func (Answered) Kind() EventKind            { return KindAnswered }
func (Referred) Kind() EventKind            { return KindReferred }
func (Transferred) Kind() EventKind         { return KindTransferred }
func (Withdrawn) Kind() EventKind           { return KindWithdrawn }
func (Abandoned) Kind() EventKind           { return KindAbandoned }

func (e Received) check() error {
	if !e.Channel.valid() {
		return ruleError(fmt.Sprintf("未知的提交渠道 %q", e.Channel), "unknown channel")
	}
	return nil
}

func (Accepted) check() error { return nil }

func (e SupplementRequested) check() error {
	if e.Due.IsZero() || !e.Due.After(e.Date) {
		return ruleError("补正期限应晚于补正通知日期", "supplement due date must be after the notice")
	}
	return nil
}

func (e SupplementReceived) check() error {
	if e.Channel != "" && !e.Channel.valid() {
		return ruleError(fmt.Sprintf("未知的补正材料提交渠道 %q", e.Channel), "unknown channel")
	}
	return nil
}

func (e ConsultationStarted) check() error {
	if e.With != ThirdParty && e.With != OtherAgency {
		return ruleError(fmt.Sprintf("未知的征求意见对象 %q", e.With), "unknown consultee")
	}
	return nil
}

func (ConsultationEnded) check() error { return nil }

func (e Extended) check() error {
	if e.Days < 1 || e.Days > MaxExtension {
		return ruleError(fmt.Sprintf("延长 %d 个工作日无效：应为 1 至 %d", e.Days, MaxExtension), fmt.Sprintf("extension must be 1–%d working days", MaxExtension))
	}
	if strings.TrimSpace(e.Approver) == "" {
		return ruleError("延长答复期限须记录批准人", "extension needs an approver")
	}
	return nil
}

func (e FeeNoticeSent) check() error {
	if !e.ReceivedOn.IsZero() && e.ReceivedOn.Before(e.Date) {
		return ruleError("申请人收到收费通知的日期早于发出日期", "notice received before it was sent")
	}
	return nil
}

// checkFee is 国办函〔2020〕109号 for a notice on a request received on
// received: no fee before FeesFrom, the amount the rules give, and no
// notice for 0 元. A notice without Method (recorded before the fee was
// kept with the event) passes: the clock replays it as it was.
func (e FeeNoticeSent) checkFee(received workday.Date) error {
	if e.Method == "" {
		return nil
	}
	if received.Before(FeesFrom) {
		return ruleError(fmt.Sprintf("本申请于 %s 收到，早于国办函〔2020〕109号施行之日 %s，不收取信息处理费，不发收费通知", received, FeesFrom),
			fmt.Sprintf("no fees on requests received before %s", FeesFrom))
	}
	amount, err := FeeFor(e.Method, e.Count)
	if err != nil {
		return err
	}
	if e.Amount != amount {
		return ruleError(fmt.Sprintf("收费金额 %d 元与%s计算的 %d 元不符", e.Amount, e.Method.Label(), amount), "amount does not match the fee rules")
	}
	if amount == 0 {
		return ruleError(fmt.Sprintf("%s，金额为 0 元：不发收费通知，答复期限也不暂停（国办函〔2020〕109号）", e.Method.Describe(e.Count)), "no fee notice for a zero amount")
	}
	return nil
}

// NewFeeNotice is the fee notice for a request received on received,
// sent on sent and received by the applicant on receivedOn (zero: the
// same day), under method m for count (the position in the month, or the
// pages): its amount computed, or the Chinese reason none may be sent.
func NewFeeNotice(received, sent, receivedOn workday.Date, m FeeMethod, count int) (FeeNoticeSent, error) {
	amount, err := FeeFor(m, count)
	if err != nil {
		return FeeNoticeSent{}, err
	}
	e := FeeNoticeSent{Date: sent, ReceivedOn: receivedOn, Method: m, Count: count, Amount: amount}
	if err := e.check(); err != nil {
		return FeeNoticeSent{}, err
	}
	if err := e.checkFee(received); err != nil {
		return FeeNoticeSent{}, err
	}
	return e, nil
}

func (FeePaid) check() error { return nil }

func (e Answered) check() error { return requireOutcome(e.Outcome) }

func (e Referred) check() error {
	if strings.TrimSpace(e.Holder) == "" || strings.TrimSpace(e.Contact) == "" {
		return ruleError("依第三十六条第（五）项告知，须写明负责公开该信息的机关及其联系方式", "referral needs the holder and its contact")
	}
	return nil
}

func (e Transferred) check() error {
	if strings.TrimSpace(e.To) == "" {
		return ruleError("转办须记录接收机关", "transfer needs the receiving body")
	}
	return nil
}

func (e Withdrawn) check() error { return requireOutcome(e.Outcome) }

func (e Abandoned) check() error {
	if e.Reason != NoSupplement && e.Reason != NoPayment {
		return ruleError(fmt.Sprintf("未知的放弃原因 %q", e.Reason), "unknown abandon reason")
	}
	return nil
}

// outcome is the table 三 row id the event closes the request with.
func (e Abandoned) outcome() string {
	if e.Outcome != "" {
		return e.Outcome
	}
	return e.Reason.DefaultOutcome()
}

func requireOutcome(id string) error {
	if strings.TrimSpace(id) == "" {
		return ruleError("须记录办理结果（年度报告表三的行，如 三.一）", "outcome row id required")
	}
	return nil
}
