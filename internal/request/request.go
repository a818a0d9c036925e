package request

import (
	"time"

	"github.com/gongkai/gongkai/internal/workday"
)

// Request is one disclosure request (依申请公开) as recorded. Applicant
// identity and contact details are personal information: only staff of
// the handling body may see them.
type Request struct {
	ID     int64
	BodyID int64
	// Code is the public tracking code (申请编号); SecretHash the hash of
	// the lookup secret handed to the applicant once.
	Code       string
	SecretHash string

	ApplicantType string // a table 三 applicant column label of the format
	ApplicantName string
	IDType        string // 证件类型, e.g. 居民身份证, 统一社会信用代码
	IDNumber      string
	Phone         string
	Email         string
	Address       string
	Sought        string // 所需信息的描述
	Delivery      string // 获取方式: 纸质、电子邮件、光盘、自行领取…
	FeeWaiver     bool   // 申请减免费用

	Channel  Channel
	Received workday.Date // 收到申请之日 (Art. 31)
	State    State
	Outcome  string       // table 三 row id once closed
	Closed   workday.Date // zero while open
	// Due is the answer deadline as of the last event (zero while a
	// supplement is awaited); the console recomputes it with the clock.
	Due workday.Date
	// SideDue is the nearest side deadline still pending (补正通知, 补正,
	// 征求意见答复, 缴费) and SideKind which one, from the same clock as Due;
	// zero and SideNone when none is.
	SideDue  workday.Date
	SideKind SideKind
	Created  time.Time
	// ForwardedFrom is the request of another body on the platform that
	// answered under Art. 36(5) and forwarded the application here
	// (Channel Forwarded); 0 for the others.
	ForwardedFrom int64

	// Attachments are every file the applicant sent, in the order they
	// arrived: with the application (EventID 0), then with a supplement.
	Attachments []Attachment
}

// Attachment is a file the applicant sent with a request, kept in blob
// storage under its hash. EventID is the event it came with (a
// supplement received online); 0 for the application itself.
type Attachment struct {
	Hash        string
	Name        string
	Size        int64
	ContentType string
	EventID     int64
}

// EventRecord is one entry of a request's history: what happened (the
// domain event), who recorded it and why.
type EventRecord struct {
	ID        int64
	RequestID int64
	Event     Event
	UserID    int64 // 0: the applicant, through the public form
	Why       string
	Details   string // JSON owned by the caller, e.g. an answer letter's text
	Created   time.Time
	// Attachments are stored with the event, in its transaction (a
	// supplement's files); they are read back through
	// Request.Attachments, whose EventID names the event. Reading a
	// request's history leaves this empty.
	Attachments []Attachment
}
