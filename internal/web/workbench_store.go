package web

import (
	"context"

	"github.com/gongkai/gongkai/internal/disclosure"
	rq "github.com/gongkai/gongkai/internal/request"
	"github.com/gongkai/gongkai/internal/store"
	"github.com/gongkai/gongkai/internal/workday"
)

// WorkbenchStore reads each role's work for the console home and the
// counts beside the console navigation: every method reads a whole set
// of bodies in one query (or two), never one query per body or request.
type WorkbenchStore interface {
	PressingRequests(ctx context.Context, bodyIDs []int64, dueBy workday.Date, limit int) ([]rq.Request, error)
	EventsOfRequests(ctx context.Context, ids []int64) (map[int64][]rq.EventRecord, error)
	DocumentsAwaiting(ctx context.Context, bodyIDs []int64, state disclosure.State, limit int) ([]store.WorkDocument, error)
	ColumnsOfBodies(ctx context.Context, bodyIDs []int64) (map[int64][]disclosure.Column, map[int64]store.ColumnStat, error)
	RequestTrend(ctx context.Context, bodyIDs []int64, from workday.Date) ([]store.RequestTrendRow, error)
	CountWork(ctx context.Context, reviewIDs, editIDs []int64) (store.WorkCounts, error)
}
