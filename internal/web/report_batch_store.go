package web

import (
	"context"
	"time"

	"github.com/gongkai/gongkai/internal/store"
)

// ReportBatchStore keeps the batches of the annual report check (年度报告
// 检查) as jobs: the upload writes the files, ReportBatchWorker reads and
// checks them under a lease, the pages read the progress and the result.
type ReportBatchStore interface {
	CreateReportBatch(ctx context.Context, userID int64, keep time.Duration) (int64, error)
	AddReportBatchFile(ctx context.Context, batchID int64, name string, data []byte, unreadable string) error
	QueueReportBatch(ctx context.Context, id int64, year int) error
	DeleteReportBatch(ctx context.Context, id int64) error
	// ReportBatch: an expired batch is not found.
	ReportBatch(ctx context.Context, id int64) (store.ReportBatch, error)
	ReportBatches(ctx context.Context, userID int64) ([]store.ReportBatch, error)

	ClaimReportBatch(ctx context.Context, holder string, ttl time.Duration) (store.ReportBatch, bool, error)
	NextReportBatchFile(ctx context.Context, batchID int64, holder string, ttl time.Duration) (store.ReportBatchFile, bool, error)
	SaveReportBatchFile(ctx context.Context, batchID int64, holder string, ttl time.Duration, f store.ReportBatchFile) error
	ReportBatchFiles(ctx context.Context, batchID int64) ([]store.ReportBatchFile, error)
	FinishReportBatch(ctx context.Context, batchID int64, holder string, result []byte, keep time.Duration) error
	ReleaseReportBatch(ctx context.Context, batchID int64, holder string) error
	DeleteExpiredReportBatches(ctx context.Context) (int, error)
}
