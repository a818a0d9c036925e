package web

import (
	"context"

	"github.com/gongkai/gongkai/internal/body"
	"github.com/gongkai/gongkai/internal/reportflow"
	"github.com/gongkai/gongkai/internal/store"
)

// AnnualReportStore keeps a body's annual report (政府信息公开工作年度报告):
// the narrative text per year and section, its way from draft to
// publication, the published versions and the bodies' report settings;
// part of Store. The tables are never stored while drafting: they are
// built from the records each time, and frozen in the JSON submitted.
type AnnualReportStore interface {
	ReportSections(ctx context.Context, bodyID int64, year int) (map[string]string, error)
	SetReportSections(ctx context.Context, bodyID int64, year int, sections map[string]string, check store.ReportCheck, a store.Actor) error
	ReportYearRecords(ctx context.Context, bodyID int64, year int) (store.ReportYearRecords, error)

	AnnualReport(ctx context.Context, bodyID int64, year int) (store.AnnualReportRecord, error)
	// AnnualReportStatuses is the one answer to "is this body's report
	// for year published, and when" over a set of bodies (the overview,
	// the roll-up and the compliance monitor ask it).
	AnnualReportStatuses(ctx context.Context, bodyIDs []int64, year int) (map[int64]store.ReportStatus, error)
	SubmitAnnualReport(ctx context.Context, sub store.Submission, a store.Actor) error
	ReturnAnnualReport(ctx context.Context, bodyID int64, year int, note string, comments []reportflow.Comment, a store.Actor) error
	ApproveAnnualReport(ctx context.Context, bodyID int64, year int, note, override string, c store.ReportCheck, a store.Actor) error
	CorrectAnnualReport(ctx context.Context, bodyID int64, year int, a store.Actor) error
	PublishAnnualReport(ctx context.Context, p store.Publication, a store.Actor) (store.ReportVersion, error)
	RecordPublishedReport(ctx context.Context, p store.Publication, source string, withDocument bool, a store.Actor) (store.ReportVersion, error)
	ReportVersionsOfDocument(ctx context.Context, documentID int64) ([]store.ReportVersion, error)

	ReportSettings(ctx context.Context) (map[int64]store.BodyReportSettings, error)
	SetReportSettings(ctx context.Context, bodyID int64, st store.BodyReportSettings, a store.Actor) error
	CreateOffPlatformBody(ctx context.Context, b body.Body, a store.Actor) (int64, error)
}
