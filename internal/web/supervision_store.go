package web

import (
	"context"
	"time"

	"github.com/gongkai/gongkai/internal/disclosure"
	rq "github.com/gongkai/gongkai/internal/request"
	"github.com/gongkai/gongkai/internal/store"
	"github.com/gongkai/gongkai/internal/workday"
)

// SupervisionStore answers a supervisor's questions over a subtree in a
// few grouped queries, whatever its size: the roll-up's tables, trend
// and uploaded reports, the open-data listing and the compliance
// monitor's facts; part of Store.
type SupervisionStore interface {
	SubtreeRequests(ctx context.Context, rootID int64, year int, byBody bool) (store.RequestGroups, error)
	SubtreeCases(ctx context.Context, rootID int64, year int, byBody bool) (map[int64][]rq.CaseRecord, error)
	SubtreeTrend(ctx context.Context, rootID int64, firstYear, lastYear int) ([]store.YearTrend, error)
	SubtreeTableTwoInputs(ctx context.Context, rootID int64, year int) (map[int64][]disclosure.Document, map[int64]disclosure.Figures, error)
	PublishedReportJSON(ctx context.Context, ids []int64, year int) (map[int64][]byte, error)
	OpenReports(ctx context.Context) ([]store.OpenReport, error)
	SubtreeMonitorFacts(ctx context.Context, rootID int64, subtree bool, today, askedBefore workday.Date, since time.Time) (store.MonitorFacts, error)
}
