package request

import (
	"fmt"
	"io"
	"strings"

	"github.com/gongkai/gongkai/internal/workday"
)

// The formal notices (通知书、告知书) a request's history sends besides
// its answer: each is built from the recorded event that sent it, with
// the dates the clock computes for that moment, and rendered through
// the same letter page and 公文 document as the answer letters.

// NoticeKind names a kind of notice.
type NoticeKind string

const (
	NoticeSupplement   NoticeKind = "supplement"   // 补正告知书 (Art. 30)
	NoticeExtension    NoticeKind = "extension"    // 延长答复期限告知书 (Art. 33)
	NoticeConsultation NoticeKind = "consultation" // 征求第三方意见书 (Art. 32) or 征求意见函 (Art. 34)
	NoticeFee          NoticeKind = "fee"          // 收费通知书 (国办函〔2020〕109号)
	NoticeAbandoned    NoticeKind = "abandoned"    // 视为放弃申请告知书 (Art. 30, 109号)
)

// NoticeRequest is what the notices of one request share.
type NoticeRequest struct {
	Body         string       // 机关名称
	Applicant    string       // 申请人
	TrackingCode string       // 申请编号
	Request      string       // 申请内容, quoted
	Received     workday.Date // 收到申请之日 (Art. 31)
	// Contact is how to reach the body's disclosure office (address,
	// telephone), for a third party's reply and for paying a fee.
	Contact string
	// ReviewOrgan and Court are named in the 视为放弃 notice's remedies.
	ReviewOrgan, Court string
}

// NoticeEvent is a recorded event with what the handler wrote for its
// notice.
type NoticeEvent struct {
	Event Event
	DocNo string // 文号 (optional)
	// Text is the handler's part: what to supplement (补正), the reason
	// for the extension (延长), the information concerned and why its
	// disclosure may affect the party (征求意见), how to pay (收费).
	Text string
}

// Notice is one formal notice, ready to render.
type Notice struct {
	Kind  NoticeKind
	Index int // the event's position in the history
	Date  workday.Date
	// ToApplicant: addressed to the applicant (the applicant may
	// download it); a consultation is addressed to the third party or
	// agency and is for the file.
	ToApplicant bool
	Title       string
	code        string
	view        letterView
	// Err is why the notice cannot be written from the records (a 补正
	// notice recorded without what to supplement …), in Chinese.
	Err error
}

// RenderHTML writes the notice as a printable HTML page.
func (n Notice) RenderHTML(w io.Writer) error {
	if n.Err != nil {
		return n.Err
	}
	return n.view.renderHTML(w)
}

// RenderDOCX writes the notice as a Word document in 公文 layout with
// page numbers.
func (n Notice) RenderDOCX(w io.Writer) error {
	if n.Err != nil {
		return n.Err
	}
	return writeDOCX(n.view.document(n.code), w)
}

// Notices builds the notices of a history in order, one per event that
// sends one: 补正通知, 延长, 征求意见, 收费通知, 视为放弃. The events
// must be in date order and begin with Received, as for Clock; the
// dates each notice states are the clock's as of its event. A history
// the clock refuses leaves the notices it reaches unwritten (Err), not
// the others.
func Notices(r NoticeRequest, evs []NoticeEvent, cal *workday.Calendar, s Settings) []Notice {
	events := make([]Event, len(evs))
	for i, e := range evs {
		events[i] = e.Event
	}
	var out []Notice
	for i, e := range evs {
		kind, ok := noticeKindOf(e.Event)
		if !ok {
			continue
		}
		at := s
		at.AsOf, at.ForApplicant = e.Event.On(), false
		n := Notice{Kind: kind, Index: i, Date: e.Event.On(), ToApplicant: kind != NoticeConsultation, code: r.TrackingCode}
		st, err := Clock(events[:i+1], cal, at)
		if err == nil {
			n.view, n.Err = noticeView(r, e, events[:i+1], st, cal, s)
		} else {
			n.Err = err
		}
		if n.Err == nil {
			n.Title = n.view.Title
		} else {
			n.Title = kind.Title()
		}
		out = append(out, n)
	}
	return out
}

func noticeKindOf(e Event) (NoticeKind, bool) {
	switch e.(type) {
	case SupplementRequested:
		return NoticeSupplement, true
	case Extended:
		return NoticeExtension, true
	case ConsultationStarted:
		return NoticeConsultation, true
	case FeeNoticeSent:
		return NoticeFee, true
	case Abandoned:
		return NoticeAbandoned, true
	}
	return "", false
}

// Title is the notice's usual title.
func (k NoticeKind) Title() string {
	switch k {
	case NoticeSupplement:
		return "政府信息公开申请补正告知书"
	case NoticeExtension:
		return "延长政府信息公开答复期限告知书"
	case NoticeConsultation:
		return "政府信息公开征求第三方意见书"
	case NoticeFee:
		return "政府信息公开信息处理费收费通知书"
	case NoticeAbandoned:
		return "政府信息公开申请视为放弃告知书"
	}
	return string(k)
}

// noticeView composes a notice's text; history ends with e's event and
// st is the clock as of it.
func noticeView(r NoticeRequest, e NoticeEvent, history []Event, st Status, cal *workday.Calendar, s Settings) (letterView, error) {
	if ab, ok := e.Event.(Abandoned); ok {
		return abandonedView(r, e, ab, history, st)
	}
	kind, _ := noticeKindOf(e.Event)
	if strings.TrimSpace(r.Body) == "" || strings.TrimSpace(r.TrackingCode) == "" || r.Received.IsZero() {
		return letterView{}, ruleError("通知书缺少机关名称、申请编号或收到申请日期", "notice incomplete")
	}
	v := letterView{
		Body: r.Body, Title: kind.Title(), DocNo: strings.TrimSpace(e.DocNo),
		Salutation: r.Applicant + "：", Closing: "特此告知。",
		Seal: r.Body + "（盖章）", Date: chineseDate(e.Event.On()),
	}
	text := paragraphs(e.Text)
	if text[0] == "" {
		text = nil
	}
	var ps []string
	switch ev := e.Event.(type) {
	case SupplementRequested:
		if text == nil {
			return letterView{}, ruleError("补正告知书须写明需要补正的事项（第三十条）", "supplement notice without its content")
		}
		v.Outcome = regulationName + "第三十条"
		n, err := cal.WorkdaysBetween(ev.Date, ev.Due)
		period := ""
		if err == nil {
			period = fmt.Sprintf("（%d个工作日内）", n)
		}
		ps = append(ps, receivedSentence(r.Received, r.TrackingCode, r.Request, "您"),
			"经审查，您的申请内容不明确。根据"+regulationName+"第三十条的规定，现一次性告知您需要补正的事项如下：")
		ps = append(ps, text...)
		ps = append(ps, "请您于"+chineseDate(ev.Due)+"前"+period+"向本机关提交补正材料。答复期限自本机关收到补正的申请之日起计算。您无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。")
	case Extended:
		if text == nil {
			return letterView{}, ruleError("延长答复期限告知书须写明延长的理由（第三十三条第二款）", "extension notice without its reason")
		}
		v.Outcome = regulationName + "第三十三条第二款"
		reason := quotable(strings.Join(text, "；"))
		ps = append(ps, receivedSentence(r.Received, r.TrackingCode, r.Request, "您"),
			"因"+reason+"，本机关不能在收到申请之日起20个工作日内作出答复。经本机关政府信息公开工作机构负责人同意，根据"+regulationName+
				fmt.Sprintf("第三十三条第二款的规定，答复期限延长%d个工作日", ev.Days)+dueClause("，延长后的答复期限至", "", st.Due, st.DueProvisional, st.MissingYear)+"。")
		if st.Excluded > 0 || st.Paused {
			ps = append(ps, "征求第三方或者其他机关意见所需时间不计算在答复期限内（第三十二条、第三十四条）。")
		}
	case ConsultationStarted:
		return consultationView(r, e, ev, st, v, text)
	case FeeNoticeSent:
		return feeView(r, e, ev, st, v, text, s)
	}
	v.Paragraphs = ps
	if c := strings.TrimSpace(r.Contact); c != "" {
		v.Paragraphs = append(v.Paragraphs, "联系方式："+strings.TrimSuffix(c, "。")+"。")
	}
	v.SealRight, v.DateRight = signatureIndents(v.Seal, v.Date)
	return v, nil
}

// dueClause states a deadline: lead, the date and tail; or, while the
// year it falls in has no holiday schedule, that the date follows once
// the State Council publishes the year. A letter never states a date
// that may still move (the date counted on weekends alone is for staff).
func dueClause(lead, tail string, due workday.Date, provisional bool, missingYear int) string {
	if provisional {
		return fmt.Sprintf("（具体日期将在国务院办公厅公布%d年节假日安排后确定）", missingYear)
	}
	return lead + chineseDate(due) + tail
}

// consultationView is the letter to the consulted party (Art. 32: a third
// party, 15 working days to reply, silence leaves the decision to the
// body; Art. 34: another agency, silence is consent).
func consultationView(r NoticeRequest, e NoticeEvent, ev ConsultationStarted, st Status, v letterView, text []string) (letterView, error) {
	party := strings.TrimSpace(ev.Party)
	if party == "" {
		return letterView{}, ruleError("征求意见书须写明征求意见的对象（第三十二条）", "consultation letter without its addressee")
	}
	v.Salutation, v.Closing = party+"：", "特此函告。"
	art, what, silent := "第三十二条", "公开后可能损害贵方合法权益", "逾期未提出意见的，由本机关依照"+regulationName+"的规定决定是否公开；贵方不同意公开的，请说明理由。"
	if ev.With == OtherAgency {
		v.Title = "政府信息公开征求意见函"
		art, what, silent = "第三十四条", "由本机关与贵机关共同制作", "逾期未提出意见的，视为同意公开。"
	}
	v.Outcome = regulationName + art
	ps := []string{receivedSentence(r.Received, r.TrackingCode, r.Request, "申请人")}
	concerned := "经审查，该申请涉及的政府信息"
	if len(text) > 0 {
		concerned += "（" + quotable(strings.Join(text, "；")) + "）"
	}
	ps = append(ps, concerned+what+"。根据"+regulationName+art+"的规定，现书面征求贵方意见。",
		fmt.Sprintf("请贵方自收到本意见书之日起%d个工作日内", ConsultationPeriod)+dueClause("，即最迟于", "前", st.Consultation.Due, st.Consultation.Provisional, st.MissingYear)+
			"，向本机关提出书面意见。"+silent)
	if c := strings.TrimSpace(r.Contact); c != "" {
		ps = append(ps, "联系方式："+strings.TrimSuffix(c, "。")+"。")
	}
	v.Paragraphs = ps
	v.SealRight, v.DateRight = signatureIndents(v.Seal, v.Date)
	return v, nil
}

// feeRule is the decree the fee notice rests on.
const feeRule = "《国务院办公厅关于印发〈政府信息公开信息处理费管理办法〉的通知》（国办函〔2020〕109号）"

// feeView is the fee notice: the amount, the method and how it was
// computed, how to pay, and the 20 working days from the day after the
// notice is received.
func feeView(r NoticeRequest, e NoticeEvent, ev FeeNoticeSent, st Status, v letterView, text []string, s Settings) (letterView, error) {
	if ev.Method == "" || ev.Amount <= 0 {
		return letterView{}, ruleError("收费通知没有记录计费方式和金额，无法生成收费通知书", "fee notice without method and amount")
	}
	v.Title, v.Closing, v.Outcome = NoticeFee.Title(), "特此通知。", feeRule
	ps := []string{receivedSentence(r.Received, r.TrackingCode, r.Request, "您"),
		"根据" + feeRule + "的规定，本机关对您的申请收取信息处理费。"}
	switch ev.Method {
	case PerRequest:
		ps = append(ps, fmt.Sprintf("计收方式：按件计收。本件申请是您本自然月内向本机关提出的第%d件申请。同一申请人一个自然月内累计申请10件以下（含10件）的不收费；第11至30件每件100元；第31件起，每增加10件，每件收费标准提高100元。本件按每件%d元计收。", ev.Count, ev.Amount))
	case PerPage:
		charges, err := PerPageCharges(ev.Count)
		if err != nil {
			return letterView{}, err
		}
		var parts []string
		for _, c := range charges {
			band := fmt.Sprintf("第%d至%d页", c.Band.From, c.Band.From+c.Pages-1)
			if c.Band.Price == 0 {
				parts = append(parts, band+"免费")
				continue
			}
			parts = append(parts, fmt.Sprintf("%s共%d页，每页%d元，计%d元", band, c.Pages, c.Band.Price, c.Amount))
		}
		ps = append(ps, fmt.Sprintf("计收方式：按量计收。本件申请提供的政府信息共%d页，分段累进计算：", ev.Count)+strings.Join(parts, "；")+"。")
	}
	ps = append(ps, fmt.Sprintf("应缴金额：人民币%d元。", ev.Amount))
	how := "请与本机关政府信息公开工作机构联系缴纳"
	if len(text) > 0 {
		how = quotable(strings.Join(text, "；"))
	}
	ps = append(ps, "缴费方式："+how+"。")
	received := ev.ReceivedOn
	if received.IsZero() {
		received = ev.Date
	}
	pay := fmt.Sprintf("请您自收到本通知书之日的次日起%d个工作日内缴纳", FeePaymentPeriod) +
		dueClause("，即最迟于", "前", st.FeePayment.Due, st.FeePayment.Provisional, st.MissingYear) + "（本通知书于" + chineseDate(received) + "送达）。"
	if s.PauseForFee {
		pay += "等待缴费期间不计算在答复期限内。"
	}
	ps = append(ps, pay+"逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。")
	if c := strings.TrimSpace(r.Contact); c != "" {
		ps = append(ps, "联系方式："+strings.TrimSuffix(c, "。")+"。")
	}
	v.Paragraphs = ps
	v.SealRight, v.DateRight = signatureIndents(v.Seal, v.Date)
	return v, nil
}

// abandonedView is the 视为放弃 notice: an answer letter closing the
// request with the reason's outcome (三.六.1, 三.六.2), stating the notice
// that went unanswered and its deadline, with the applicant's remedies.
func abandonedView(r NoticeRequest, e NoticeEvent, ab Abandoned, history []Event, st Status) (letterView, error) {
	var reasons string
	switch ab.Reason {
	case NoSupplement:
		req, ok := lastOf[SupplementRequested](history)
		if !ok {
			return letterView{}, ruleError("没有补正通知的记录，不能以逾期不补正视为放弃", "no supplement notice recorded")
		}
		reasons = "本机关于" + chineseDate(req.Date) + "书面告知您补正申请，补正期限至" + chineseDate(req.Due) + "。截至" + chineseDate(ab.Date) + "，本机关未收到您的补正材料，您也未说明正当理由。"
	case NoPayment:
		fee, ok := lastOf[FeeNoticeSent](history)
		if !ok {
			return letterView{}, ruleError("没有收费通知的记录，不能以逾期未缴费视为放弃", "no fee notice recorded")
		}
		reasons = "本机关于" + chineseDate(fee.Date) + fmt.Sprintf("向您发出收费通知书，应缴信息处理费%d元，", fee.Amount) +
			dueClause("缴费期限至", "", st.FeePayment.Due, st.FeePayment.Provisional, st.MissingYear) + "。截至" + chineseDate(ab.Date) + "，本机关未收到您缴纳的费用。"
	}
	l := Letter{Body: r.Body, DocNo: e.DocNo, Applicant: r.Applicant, TrackingCode: r.TrackingCode,
		Received: r.Received, Answered: ab.Date, Outcome: ab.outcome(), Request: r.Request, Reasons: reasons,
		ReviewOrgan: r.ReviewOrgan, Court: r.Court}
	if t, ok := letterTemplates[l.Outcome]; ok && !t.fixedBasis() {
		// An outcome row without an article of its own (三.六 of the
		// 2019 format): the reason's rule is the basis.
		l.Basis = regulationName + "第三十条"
		if ab.Reason == NoPayment {
			l.Basis = feeRule
		}
	}
	return l.view()
}

// lastOf is the last event of type T in history.
func lastOf[T Event](history []Event) (T, bool) {
	for i := len(history) - 1; i >= 0; i-- {
		if x, ok := history[i].(T); ok {
			return x, true
		}
	}
	var zero T
	return zero, false
}
