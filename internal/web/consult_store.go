package web

import (
	"context"

	"github.com/gongkai/gongkai/internal/interact"
	"github.com/gongkai/gongkai/internal/store"
	"github.com/gongkai/gongkai/internal/workday"
)

// InteractStore is what public interaction (互动交流) needs: consultations
// (咨询) and comment periods on drafts (征求意见). Records of one body are
// always fetched through that body, so a path naming another body's
// record is a 404.
type InteractStore interface {
	CreateConsultation(ctx context.Context, c interact.Consultation) (int64, error)
	Consultation(ctx context.Context, bodyID, id int64) (interact.Consultation, error)
	Consultations(ctx context.Context, bodyID int64, offset, limit int) ([]interact.Consultation, int, error)
	PublishedConsultations(ctx context.Context, bodyID int64, offset, limit int) ([]interact.Consultation, int, error)
	AnswerConsultation(ctx context.Context, bodyID, id int64, a store.ConsultationAnswer) error
	UnansweredConsultations(ctx context.Context) ([]store.UnansweredDay, error)
	// EnsureMeta keeps the challenge secret: generated once, shared by
	// every instance.
	EnsureMeta(ctx context.Context, key, value string) (string, error)

	CreateCommentPeriod(ctx context.Context, p interact.CommentPeriod) (int64, error)
	CommentPeriod(ctx context.Context, bodyID, id int64) (interact.CommentPeriod, error)
	CommentPeriods(ctx context.Context, bodyID int64) ([]interact.CommentPeriod, error)
	AddComment(ctx context.Context, bodyID, periodID int64, c store.PeriodComment, today workday.Date) error
	Comments(ctx context.Context, bodyID, periodID int64) ([]store.PeriodComment, error)
	CloseCommentPeriod(ctx context.Context, bodyID, id int64, c store.PeriodClosing, today workday.Date) error
}
