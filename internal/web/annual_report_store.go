package web

import (
	"context"

	"github.com/gongkai/gongkai/internal/store"
)

// AnnualReportStore keeps the narrative text of a body's annual report
// (政府信息公开工作年度报告) per year and section; part of Store. The
// tables are never stored: they are built from the records each time.
type AnnualReportStore interface {
	ReportSections(ctx context.Context, bodyID int64, year int) (map[string]string, error)
	SetReportSections(ctx context.Context, bodyID int64, year int, sections map[string]string, a store.Actor) error
}
