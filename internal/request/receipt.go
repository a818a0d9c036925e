package request

import (
	"fmt"
	"time"

	"github.com/gongkai/gongkai/internal/workday"
)

// Channel is how an application was submitted (Art. 29, 31).
type Channel string

const (
	InPerson       Channel = "in-person"       // 当面提交 (an oral application written down by the office too)
	RegisteredPost Channel = "registered-post" // 邮寄，需签收 (挂号信、EMS …)
	OrdinaryLetter Channel = "letter"          // 平常信函等无需签收的邮寄方式
	Online         Channel = "online"          // 互联网渠道 (online form, e-mail)
	Fax            Channel = "fax"             // 传真
	// Forwarded: another body on the platform answered that the
	// information is held here (Art. 36(5)) and forwarded the
	// application; it is a new request of this body, received on the
	// day it arrived (转送).
	Forwarded Channel = "forwarded"
)

// Label is the Chinese name of the channel.
func (c Channel) Label() string {
	switch c {
	case InPerson:
		return "当面提交"
	case RegisteredPost:
		return "邮寄（签收）"
	case OrdinaryLetter:
		return "平常信函"
	case Online:
		return "网络提交"
	case Fax:
		return "传真"
	case Forwarded:
		return "其他机关转送"
	}
	return string(c)
}

func (c Channel) valid() bool {
	switch c {
	case InPerson, RegisteredPost, OrdinaryLetter, Online, Fax, Forwarded:
		return true
	}
	return false
}

// ReceiptFacts are the dates that may decide the date of receipt; only
// the one the channel names is used.
type ReceiptFacts struct {
	HandedIn               workday.Date // in person: the day it was handed in
	SignedFor              workday.Date // registered post: the day the office signed for it
	ConfirmedWithApplicant workday.Date // ordinary letter: the day the office confirmed with the applicant
	BothConfirmed          workday.Date // online / fax: the day both sides confirmed (online form: OnlineReceiptDate)
	Arrived                workday.Date // forwarded on the platform: the day it arrived here (OnlineReceiptDate)
}

// ReceiptDate is Art. 31: the date of receipt (收到申请之日) by channel —
// in person, the day it is handed in; registered post, the day the office
// signs for it; ordinary letter, the day the office confirms with the
// applicant; online or fax, the day both sides confirm.
func ReceiptDate(ch Channel, f ReceiptFacts) (workday.Date, error) {
	var d workday.Date
	var need string
	switch ch {
	case InPerson:
		d, need = f.HandedIn, "提交日期"
	case RegisteredPost:
		d, need = f.SignedFor, "签收日期"
	case OrdinaryLetter:
		d, need = f.ConfirmedWithApplicant, "与申请人确认的日期"
	case Online, Fax:
		d, need = f.BothConfirmed, "双方确认的日期"
	case Forwarded:
		d, need = f.Arrived, "转送到达本机关的日期"
	default:
		return workday.Date{}, ruleError(fmt.Sprintf("未知的提交渠道 %q", ch), "unknown channel")
	}
	if d.IsZero() {
		return workday.Date{}, ruleError(fmt.Sprintf("%s的申请以%s为收到申请之日，尚未记录该日期", ch.Label(), need), "missing the date that decides receipt")
	}
	return d, nil
}

// OnlineReceiptDate is Art. 31(3) for what the platform receives by
// itself — an online form, an online 补正, an application forwarded
// from another body: the system acknowledges it the moment it is
// stored, so that moment is when both sides confirm, and its date is
// the Beijing date of that instant whatever the server's time zone
// (23:59:59 CST is still that day; 00:00:00 CST is the next). Every
// online receipt date is computed here and nowhere else.
func OnlineReceiptDate(stored time.Time) workday.Date {
	return workday.Today(stored)
}
