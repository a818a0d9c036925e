package web

import (
	"context"
	"time"

	rq "github.com/gongkai/gongkai/internal/request"
	"github.com/gongkai/gongkai/internal/store"
	"github.com/gongkai/gongkai/internal/workday"
)

// RequestStore is what disclosure on request (依申请公开) needs from
// persistence; part of Store.
type RequestStore interface {
	CreateRequest(ctx context.Context, q rq.Request, userID int64, why string) (rq.Request, error)
	Request(ctx context.Context, id int64) (rq.Request, error)
	RequestByCode(ctx context.Context, code string) (rq.Request, error)
	RecentSameRequest(ctx context.Context, bodyID int64, idNumber, sought string, since time.Time) (rq.Request, error)
	RequestsForBody(ctx context.Context, bodyID int64, f store.RequestFilter) ([]rq.Request, error)
	AppendRequestEvent(ctx context.Context, requestID int64, e rq.EventRecord) (rq.Request, error)
	RequestEvents(ctx context.Context, requestID int64) ([]rq.EventRecord, error)
	// RequestRecounts is the request's deadline recounts after a year's
	// holidays were added (part of its history).
	RequestRecounts(ctx context.Context, requestID int64) ([]store.RequestRecount, error)
	// RequestsAwaitingCalendar counts open requests whose answer deadline
	// waits for next year's holiday notice (nil bodies: all).
	RequestsAwaitingCalendar(ctx context.Context, bodyIDs []int64) (int, error)
	ForwardRequest(ctx context.Context, fromID int64, e rq.EventRecord, to rq.Request) (rq.Request, rq.Request, error)
	ApplicantMonth(ctx context.Context, q rq.Request) ([]rq.MonthRequest, error)

	CreateCase(ctx context.Context, c store.Case) (int64, error)
	DecideCase(ctx context.Context, caseID int64, decided workday.Date, result string) error
	Cases(ctx context.Context, requestID int64) ([]store.Case, error)

	RequestRecords(ctx context.Context, bodyID int64, year int) ([]rq.RequestRecord, error)
	CaseRecords(ctx context.Context, bodyID int64, year int) ([]rq.CaseRecord, error)
}
