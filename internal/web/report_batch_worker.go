package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/gongkai/gongkai/internal/annualreport"
	"github.com/gongkai/gongkai/internal/parsejail"
	"github.com/gongkai/gongkai/internal/store"
)

const (
	// reportBatchLease is how long a worker holds a batch without
	// renewing it; it renews at every file, so this bounds one file's
	// read. A batch whose worker died is taken over after it.
	reportBatchLease = 2 * time.Minute
	// reportBatchMaxAttempts: a file whose read was begun this often
	// without being recorded took its reader (or the process) down each
	// time, and is given up instead of retried forever.
	reportBatchMaxAttempts = 2
	// ReportBatchPoll is how often serve looks for batches to work; a
	// progress page refreshes about as often.
	ReportBatchPoll = 2 * time.Second
)

// reportTooComplex is the row of a file given up on.
const reportTooComplex = "文件过于复杂或已损坏，无法读取。"

// ReportBatchWorker reads and checks the batches of the annual report
// check in the background. serve runs one on every instance; the lease
// on each batch lets several share one queue.
type ReportBatchWorker struct {
	store  *store.Store
	log    *slog.Logger
	holder string
	parser *parsejail.Jail // the files are parsed in its child processes
}

// NewReportBatchWorker makes a worker known to the others as holder,
// parsing through parser (nil: parsejail's defaults).
func NewReportBatchWorker(st *store.Store, log *slog.Logger, holder string, parser *parsejail.Jail) *ReportBatchWorker {
	if parser == nil {
		parser = parsejail.New(parsejail.Config{})
	}
	return &ReportBatchWorker{store: st, log: log, holder: holder, parser: parser}
}

// Run deletes the expired batches, then works every batch it can claim,
// one after another, until none is left or ctx ends. It says what it
// did, "" when nothing, for serve's job log.
func (w *ReportBatchWorker) Run(ctx context.Context) (string, error) {
	deleted, err := w.store.DeleteExpiredReportBatches(ctx)
	if err != nil {
		return "", err
	}
	checked := 0
	for ctx.Err() == nil {
		b, ok, err := w.store.ClaimReportBatch(ctx, w.holder, reportBatchLease)
		if err != nil || !ok {
			return w.summary(deleted, checked), err
		}
		if err := w.work(ctx, b); err != nil {
			return w.summary(deleted, checked), fmt.Errorf("report batch %d: %w", b.ID, err)
		}
		checked++
	}
	return w.summary(deleted, checked), nil
}

func (w *ReportBatchWorker) summary(deleted, checked int) string {
	if deleted == 0 && checked == 0 {
		return ""
	}
	return fmt.Sprintf("checked %d report batches, deleted %d expired", checked, deleted)
}

// work reads the batch's files still unread, then checks the batch as a
// whole. When ctx ends between two files the lease is given back, so the
// batch resumes at once elsewhere or at the next start.
func (w *ReportBatchWorker) work(ctx context.Context, b store.ReportBatch) error {
	for {
		if ctx.Err() != nil {
			rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
			defer cancel()
			return errors.Join(ctx.Err(), w.store.ReleaseReportBatch(rctx, b.ID, w.holder))
		}
		f, ok, err := w.store.NextReportBatchFile(ctx, b.ID, w.holder, reportBatchLease)
		if err != nil {
			return err
		}
		if !ok {
			break
		}
		out := store.ReportBatchFile{Seq: f.Seq}
		if f.Attempts > reportBatchMaxAttempts {
			w.log.Warn("report batch file given up after failed reads", "batch", b.ID, "file", f.Name, "attempts", f.Attempts-1)
			out.Unreadable = reportTooComplex
		} else {
			read, err := w.read(ctx, b.ID, f.Name, f.Data)
			if err != nil {
				return err
			}
			out.Unreadable = read.Unreadable
			if read.Report != nil {
				if out.Report, err = json.Marshal(read.Report); err != nil {
					return fmt.Errorf("encode report of %s: %w", f.Name, err)
				}
			}
		}
		if err := w.store.SaveReportBatchFile(ctx, b.ID, w.holder, reportBatchLease, out); err != nil {
			return err
		}
	}
	res, err := w.check(ctx, b)
	if err != nil {
		return err
	}
	data, err := json.Marshal(res)
	if err != nil {
		return err
	}
	if err := w.store.FinishReportBatch(ctx, b.ID, w.holder, data, reportBatchKeep); err != nil {
		return err
	}
	w.log.Info("annual report batch checked", "batch", b.ID, "files", res.Files, "with_errors", res.WithErrors,
		"unreadable", res.Unreadable, "paired", res.Paired)
	return nil
}

// read reads one file. A panic in a reader would end the whole process
// here, outside any request, so it is caught and the file reported.
func (w *ReportBatchWorker) read(ctx context.Context, batchID int64, name string, data []byte) (f batchFile, err error) {
	defer func() {
		if p := recover(); p != nil {
			w.log.Error("report reader panicked", "batch", batchID, "file", name, "panic", p)
			f, err = batchFile{Name: name, Unreadable: reportTooComplex}, nil
		}
	}()
	return readBatchFile(ctx, w.parser, w.log, name, data)
}

// check pairs and checks the reports read, as the batch check always did.
func (w *ReportBatchWorker) check(ctx context.Context, b store.ReportBatch) (reportCheckResult, error) {
	files, err := w.store.ReportBatchFiles(ctx, b.ID)
	if err != nil {
		return reportCheckResult{}, err
	}
	batch := make([]batchFile, len(files))
	for i, f := range files {
		batch[i] = batchFile{Name: f.Name, Unreadable: f.Unreadable}
		if f.Report != nil {
			if batch[i].Report, err = annualreport.DecodeJSON(f.Report); err != nil {
				return reportCheckResult{}, fmt.Errorf("decode report of %s: %w", f.Name, err)
			}
		}
	}
	return checkReportBatch(ctx, batch, b.Year)
}
