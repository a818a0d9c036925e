package web

import (
	"context"
	"net/http"
	"time"

	"github.com/gongkai/gongkai/internal/disclosure"
	"github.com/gongkai/gongkai/internal/store"
)

// DocumentStore is what proactive disclosure (主动公开) needs from
// persistence beyond the portal shell; part of Store. Each workflow step
// writes its audit entry in the same transaction.
type DocumentStore interface {
	CreateDraft(ctx context.Context, d disclosure.Document, a store.Actor) (int64, error)
	SaveDraft(ctx context.Context, d disclosure.Document, a store.Actor) error
	SubmitDocument(ctx context.Context, id int64, a store.Actor) error
	ApproveDocument(ctx context.Context, id int64, r disclosure.Review, a store.Actor) error
	ReturnDocument(ctx context.Context, id int64, reason string, a store.Actor) error
	PublishDocument(ctx context.Context, id int64, a store.Actor) (string, error)
	WithdrawDocument(ctx context.Context, id int64, reason string, a store.Actor) error
	AddValidity(ctx context.Context, ev disclosure.ValidityEvent, a store.Actor) error
	AddAttachment(ctx context.Context, at disclosure.Attachment, a store.Actor) (int64, error)
	RemoveAttachment(ctx context.Context, docID, attID int64, a store.Actor) error

	Interpretations(ctx context.Context, policyID int64) ([]disclosure.Document, error)
	BodyDocuments(ctx context.Context, bodyID int64, state disclosure.State, offset, limit int) ([]disclosure.Document, int, error)
	DocumentVersions(ctx context.Context, id int64) ([]store.Version, error)
	DocumentVersion(ctx context.Context, id int64, version int) (store.Version, error)
	DocumentReviews(ctx context.Context, id int64) ([]store.ReviewRecord, error)
	SitemapEntries(ctx context.Context, limit int) ([]store.SitemapEntry, error)
	ColumnUpdated(ctx context.Context, columnID int64) (time.Time, error)

	CountedDocuments(ctx context.Context, bodyID int64) ([]disclosure.Document, error)
	ReportFigures(ctx context.Context, bodyID int64, year int) (disclosure.Figures, error)
	SetReportFigures(ctx context.Context, bodyID int64, year int, fig disclosure.Figures, a store.Actor) error
}

// actor is the signed-in principal as the store records it.
func (s *server) actor(r *http.Request) store.Actor {
	p := principalFrom(r.Context())
	return store.Actor{UserID: p.user.ID, Username: p.user.Username, Remote: s.clientAddr(r)}
}

// documentFromPath reads the document named by {id}.
func (s *server) documentFromPath(r *http.Request) (disclosure.Document, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return disclosure.Document{}, err
	}
	d, err := s.store.Document(r.Context(), id)
	return d, notFoundOr(err)
}
