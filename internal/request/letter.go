package request

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/gongkai/gongkai/internal/annualreport"
	"github.com/gongkai/gongkai/internal/workday"
)

// Letter is an answer letter (告知书) to a disclosure request: the
// outcome, its legal basis, the handler's reasons and the applicant's
// remedies (《政府信息公开条例》第三十六条、第五十一条). The wording per outcome comes from
// letters/outcomes.json; the outcome's name from the report format in
// force on the answer date.
type Letter struct {
	Body         string       // 机关名称, the answering body
	DocNo        string       // 文号, e.g. 吴政信告〔2026〕3号 (optional)
	Applicant    string       // 申请人, whom the letter is addressed to
	TrackingCode string       // 申请编号
	Received     workday.Date // 收到申请之日
	Answered     workday.Date // 答复日期
	// Outcome is the table 三 outcome row id the request closes with.
	Outcome string
	// Request describes what was asked for (申请内容), quoted (optional).
	Request string
	// Reasons are the handler's reasons (理由) or, for a disclosure, the
	// way to obtain the information; one paragraph per line.
	Reasons string
	// Basis is a legal basis the handler cites. It is required for the
	// outcomes without an article of their own (三.五.5, 三.六, 三.六.3)
	// and added after the template's basis otherwise.
	Basis string
	// ReviewOrgan and Court name where the applicant may turn (复议机关,
	// 人民法院); optional, the remedies are stated either way.
	ReviewOrgan string
	Court       string
	// Holder is set for an answer under Art. 36(5): the body responsible
	// for disclosing the information, which the letter names with its
	// contact (the outcome is then 三.四.1).
	Holder *Holder
	// Supplement is the applicant's 补正 (Art. 30), when the request was
	// supplemented: the letter answers the request as supplemented and
	// quotes what the applicant added.
	Supplement *SupplementQuote
}

// SupplementQuote is the applicant's supplement as a letter quotes it.
type SupplementQuote struct {
	Received workday.Date // 收到补正材料之日
	Text     string
}

// Holder is the body an Art. 36(5) letter names (负责公开该政府信息的行政
// 机关) and, when the application was forwarded to it on the platform,
// the day and the new request's tracking code.
type Holder struct {
	Name          string
	Contact       string
	Forwarded     workday.Date // zero: not forwarded
	ForwardedCode string
}

// paragraphs are the letter's sentences about the holder.
func (h Holder) paragraphs() []string {
	out := []string{"经查，您申请获取的政府信息由" + h.Name + "负责公开，联系方式：" + strings.TrimSuffix(h.Contact, "。") + "。您可以向该机关提出申请。"}
	if !h.Forwarded.IsZero() {
		out = append(out, "本机关已于"+chineseDate(h.Forwarded)+"将您的申请转送"+h.Name+"，该机关收到之日为其收到申请之日，由其依法另行答复；"+
			"转送后的申请编号为 "+h.ForwardedCode+"，可使用原查询密码查询办理进度。")
	}
	return out
}

// Remedy periods (行政复议法 Art. 20: 60 days; 行政诉讼法 Art. 46: 6
// months), both from the day the applicant receives the letter.
const (
	ReviewDays       = 60
	LitigationMonths = 6
)

// letterView is the letter as text, shared by the HTML and DOCX
// renderers so both say exactly the same.
type letterView struct {
	Body       string
	Title      string
	DocNo      string
	Salutation string
	Paragraphs []string
	Closing    string // 特此告知。
	Seal       string // 机关名称（盖章）
	Date       string // 答复日期 in Chinese
	// SealRight and DateRight are the right indents of the two signature
	// lines in characters: see signatureIndents.
	SealRight, DateRight float64
	Outcome              string // outcome name, for document properties
}

// regulationName is the 条例 the articles belong to.
const regulationName = "《中华人民共和国政府信息公开条例》"

// view checks the letter and composes its text.
func (l Letter) view() (letterView, error) {
	if err := l.validate(); err != nil {
		return letterView{}, err
	}
	f := annualreport.FormatForYear(l.Answered.Year())
	if f == nil {
		return letterView{}, ruleError(fmt.Sprintf("告知书：%d年没有年度报告格式，无法确定办理结果", l.Answered.Year()), fmt.Sprintf("no report format for %d", l.Answered.Year()))
	}
	id, err := OutcomeInFormat(f, l.Outcome)
	if err != nil {
		return letterView{}, publicPrefix("告知书：", err)
	}
	t, ok := letterTemplates[id]
	if !ok {
		return letterView{}, ruleError(fmt.Sprintf("告知书：办理结果 %s 没有告知书模板", id), "no letter template")
	}
	basis := t.basis(strings.TrimSpace(l.Basis))
	if basis == "" {
		return letterView{}, ruleError(fmt.Sprintf("告知书：办理结果 %s 须由承办人填写法律依据", id), "basis required")
	}
	name := OutcomeName(f, id)

	v := letterView{
		Body:       l.Body,
		Title:      t.Title,
		DocNo:      strings.TrimSpace(l.DocNo),
		Salutation: l.Applicant + "：",
		Closing:    "特此告知。",
		Seal:       l.Body + "（盖章）",
		Date:       chineseDate(l.Answered),
		Outcome:    name,
	}
	if l.Holder != nil {
		v.Title = HolderLetterTitle
	}
	v.SealRight, v.DateRight = signatureIndents(v.Seal, v.Date)
	v.Paragraphs = append(v.Paragraphs, receivedSentence(l.Received, l.TrackingCode, l.Request, "您"))
	if sq := l.Supplement; sq != nil && !sq.Received.IsZero() {
		p := "本机关依法通知您补正后，于" + chineseDate(sq.Received) + "收到您的补正材料"
		if t := quotable(strings.Join(paragraphs(sq.Text), " ")); t != "" {
			p += "，补正内容为：“" + t + "”"
		}
		v.Paragraphs = append(v.Paragraphs, p+"。")
	}
	v.Paragraphs = append(v.Paragraphs, "经审查，"+t.Decision)
	reasons := paragraphs(l.Reasons)
	if l.Holder != nil {
		if strings.TrimSpace(l.Reasons) == "" {
			reasons = l.Holder.paragraphs()
		} else {
			reasons = append(reasons, l.Holder.paragraphs()...)
		}
	}
	v.Paragraphs = append(v.Paragraphs, t.ReasonsLead+reasons[0])
	v.Paragraphs = append(v.Paragraphs, reasons[1:]...)
	v.Paragraphs = append(v.Paragraphs, "根据"+basis+"的规定，本申请的办理结果为："+name+"。")
	v.Paragraphs = append(v.Paragraphs, remedies(l.ReviewOrgan, l.Court))
	return v, nil
}

// Title is the letter's title; the general one when the letter cannot
// be composed.
func (l Letter) Title() string {
	if v, err := l.view(); err == nil {
		return v.Title
	}
	return "政府信息公开申请告知书"
}

// HolderLetterTitle is the title of the Art. 36(5) letter, which names
// the body responsible for the information: its own letter, not the
// general 无法提供 letter of 三.四.1.
const HolderLetterTitle = "非本机关负责公开政府信息告知书"

// receivedSentence opens a letter about a request: when it was received,
// its tracking code and, quoted, what was asked for. who is 您 in a
// letter to the applicant, 申请人 in one to a third party.
func receivedSentence(received workday.Date, code, request, who string) string {
	first := "本机关于" + chineseDate(received) + "收到" + who + "提出的政府信息公开申请（申请编号：" + code + "）"
	if r := quotable(request); r != "" {
		first += "，申请获取“" + r + "”"
	}
	return first + "。"
}

// remedies is the sentence on the applicant's remedies: reconsideration
// within ReviewDays, litigation within LitigationMonths, naming the
// 行政复议机关 and the court when known.
func remedies(reviewOrgan, court string) string {
	review, to := "", "向人民法院"
	if o := strings.TrimSpace(reviewOrgan); o != "" {
		review = "向" + o
	}
	if c := strings.TrimSpace(court); c != "" {
		to = "向" + c
	}
	return fmt.Sprintf("如对本告知不服，可以自收到本告知书之日起%d日内依法%s申请行政复议，或者自收到本告知书之日起%d个月内依法%s提起行政诉讼。",
		ReviewDays, review, LitigationMonths, to)
}

// quotable is the applicant's description as the letter quotes it
// inside a sentence: the sentence goes on after the closing quote, so the
// description's own final stop is dropped ("…招标文件”。", never
// "…招标文件。”。").
func quotable(s string) string {
	return strings.TrimSpace(strings.TrimRightFunc(strings.TrimSpace(s), func(r rune) bool {
		return strings.ContainsRune("。.，,；;、：:！!？?… ", r)
	}))
}

// basis is the legal basis sentence part: the template's articles, then
// the handler's.
func (t letterTemplate) basis(extra string) string {
	var parts []string
	if t.Regulation != "" {
		parts = append(parts, regulationName+t.Regulation)
	}
	if t.Other != "" {
		parts = append(parts, t.Other)
	}
	if !t.fixedBasis() && extra == "" {
		return ""
	}
	if extra != "" {
		parts = append(parts, extra)
	}
	return strings.Join(parts, "和")
}

func (l Letter) validate() error {
	var missing []string
	fields := []struct{ name, v string }{
		{"机关名称", l.Body}, {"申请人", l.Applicant}, {"申请编号", l.TrackingCode}, {"办理结果", l.Outcome},
	}
	if l.Holder == nil {
		fields = append(fields, struct{ name, v string }{"理由", l.Reasons})
	} else {
		fields = append(fields, struct{ name, v string }{"负责公开的机关", l.Holder.Name},
			struct{ name, v string }{"该机关的联系方式", l.Holder.Contact})
	}
	for _, f := range fields {
		if strings.TrimSpace(f.v) == "" {
			missing = append(missing, f.name)
		}
	}
	if l.Received.IsZero() {
		missing = append(missing, "收到申请日期")
	}
	if l.Answered.IsZero() {
		missing = append(missing, "答复日期")
	}
	if len(missing) > 0 {
		return ruleError(fmt.Sprintf("告知书缺少%s", strings.Join(missing, "、")), "letter incomplete")
	}
	if l.Answered.Before(l.Received) {
		return ruleError("告知书：答复日期早于收到申请日期", "answered before received")
	}
	if l.Holder != nil && l.Outcome != OutcomeNotHeld {
		return ruleError(fmt.Sprintf("告知书：写明负责公开机关的告知（第三十六条第（五）项）的办理结果应为 %s", OutcomeNotHeld), fmt.Sprintf("a referral closes as %s", OutcomeNotHeld))
	}
	return nil
}

// OutcomeName is the name of an outcome row for the applicant, from the
// format's labels without their numbering: 予以公开, 不予公开（属于国家秘密）.
// A trailing counting note in full-width brackets (三.二's 区分处理的…)
// is the statistician's, not the applicant's, and is dropped.
func OutcomeName(f *annualreport.Format, id string) string {
	r, ok := f.Row(id)
	if !ok {
		return id
	}
	name := plainLabel(r.Label)
	if p, ok := f.Row(r.Parent); ok && p.Group && p.ID != "三" {
		group := plainLabel(p.Label)
		if name == "其他" {
			return group
		}
		return group + "（" + name + "）"
	}
	return name
}

var (
	numbering    = regexp.MustCompile(`^(（[一二三四五六七八九十]+）|[0-9]+[.．、])`)
	trailingNote = regexp.MustCompile(`（[^（）]*）$`)
)

func plainLabel(s string) string {
	s = numbering.ReplaceAllString(strings.TrimSpace(s), "")
	if t := trailingNote.ReplaceAllString(s, ""); t != "" {
		s = t
	}
	return s
}

// paragraphs splits the handler's text into non-empty lines; there is at
// least one (validate requires text).
func paragraphs(s string) []string {
	var out []string
	for _, line := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, line)
		}
	}
	if len(out) == 0 {
		out = []string{""}
	}
	return out
}

// chineseDate writes 2026年3月2日, as letters date things.
func chineseDate(d workday.Date) string {
	return fmt.Sprintf("%d年%d月%d日", d.Year(), int(d.Month()), d.Day())
}

// dateRightChars: the date stands four characters from the right margin
// (成文日期右空四字, GB/T 9704-2012 7.3.5.1).
const dateRightChars = 4

// signatureIndents centres the body's name (where the seal goes) over
// the date, the date four characters from the margin; a name wider than
// that allows moves both left, keeping them centred on each other.
func signatureIndents(seal, date string) (sealRight, dateRight float64) {
	sw, dw := textWidth(seal), textWidth(date)
	sealRight = dateRightChars + (dw-sw)/2
	dateRight = dateRightChars
	if sealRight < 0 {
		dateRight -= sealRight
		sealRight = 0
	}
	return sealRight, dateRight
}

// textWidth measures s in full-width characters: ASCII is half-width.
func textWidth(s string) float64 {
	w := 0.0
	for _, r := range s {
		if r < 0x80 {
			w += 0.5
		} else {
			w++
		}
	}
	return w
}
