package interact

import (
	"time"

	"github.com/gongkai/gongkai/internal/workday"
)

// Consultation is a question from the public (咨询) and, once given,
// its answer. Contact is for the reply only: it is never published.
type Consultation struct {
	ID       int64
	BodyID   int64
	Name     string
	Contact  string
	Subject  string
	Question string
	Asked    time.Time
	AskedDay workday.Date // the day of asking in China Standard Time; the 3-month limit counts from it
	Answer   string
	Answered *time.Time
	// AnsweredBy is the staff account that answered; 0 while unanswered.
	AnsweredBy int64
	// Publish: the question and answer appear in the public list.
	// WithholdReason says why not, when staff kept a personal matter off it.
	Publish        bool
	WithholdReason string
}

// CommentPeriod is a draft put out for public comment (征求意见): open
// from Start through End (both days accept comments), then closed by
// staff with the adoption summary (采纳情况), which is published.
type CommentPeriod struct {
	ID       int64
	BodyID   int64
	Title    string
	Draft    string // the draft's text, published while open and after
	Kind     string // a DraftKind
	Start    workday.Date
	End      workday.Date
	Opened   time.Time
	OpenedBy int64
	Closed   *time.Time
	ClosedBy int64
	Adoption string // 采纳情况, published on closing
	Adopted  int    // how many comments were adopted
	Received int    // comments received (counted, not stored)
}
