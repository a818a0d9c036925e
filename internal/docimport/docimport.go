// Package docimport imports a file of already published documents (存量
// 政府信息) in batches: the rows are read and checked as the console's
// import checks them (disclosure.SheetParser), each batch is written all
// or nothing by the store, and the file's import job records the last
// committed batch so a run that is interrupted resumes after it.
// `gongkai import documents` and bench/import run it.
package docimport

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/gongkai/gongkai/internal/disclosure"
	"github.com/gongkai/gongkai/internal/store"
)

// Store is what an import needs of the store.
type Store interface {
	Columns(ctx context.Context, bodyID int64) ([]disclosure.Column, error)
	ImportJobFor(ctx context.Context, sha string, bodyID int64, fileName string, total int) (store.ImportJob, error)
	PrepareImport(bodyID int64, docs []disclosure.Document) (store.ImportDocs, error)
	ImportDocumentBatch(ctx context.Context, bodyID int64, b store.ImportBatch, a store.Actor) (store.ImportBatchResult, error)
	StoredIndexNos(ctx context.Context, docs []disclosure.Document) (map[string]bool, error)
}

// DefaultBatch is the batch size when none is given: large enough that
// a batch's fixed costs (commit, statements) are small per document,
// small enough that a refused batch is easy to find and fix.
const DefaultBatch = 500

// MaxBatch bounds -batch.
const MaxBatch = 20000

// inflateLimit bounds an .xlsx's inflated size. A file given on the
// command line is the operator's own, so the bound is far above the
// console's, only a guard against a damaged file.
const inflateLimit = 4 << 30

// Options describe one run.
type Options struct {
	BodyID   int64
	FileName string // for the job and the messages; its extension picks the format
	Data     []byte // the file's contents
	Batch    int    // rows per batch; 0 means DefaultBatch
	// DryRun checks every row (and whether its 索引号 is already stored)
	// and writes nothing.
	DryRun bool
	// SkipExisting leaves out rows whose 索引号 is already stored
	// instead of refusing their batch.
	SkipExisting bool
	Actor        store.Actor
	// Progress, when set, is told after every batch.
	Progress func(Progress)
}

// Progress is where a run is.
type Progress struct {
	Done, Total int // data rows of the file, committed (or checked)
	Start       int // rows already done when this run began
	Imported    int // documents written by this run
	Skipped     int // rows skipped by this run (SkipExisting)
	Elapsed     time.Duration
}

// Result is what a run did.
type Result struct {
	Progress
	Job         store.ImportJob // the job as it started (zero for a dry run)
	AlreadyDone bool            // the file had been imported completely before
}

// RowsError is a refused batch (or, in a dry run, the whole file): the
// rows' problems, each naming its row and column. Batches before it are
// committed; Committed says up to which data row.
type RowsError struct {
	Errors    []disclosure.SheetError
	Committed int
}

func (e *RowsError) Error() string {
	msgs := make([]string, len(e.Errors))
	for i, se := range e.Errors {
		msgs[i] = se.Error()
	}
	return strings.Join(msgs, "\n")
}

// Run imports (or, with DryRun, checks) the file into the body.
func Run(ctx context.Context, st Store, opts Options) (Result, error) {
	began := time.Now()
	batch := opts.Batch
	if batch <= 0 {
		batch = DefaultBatch
	}
	if batch > MaxBatch {
		return Result{}, fmt.Errorf("每批最多 %d 行 (batch too large)", MaxBatch)
	}
	records, err := disclosure.ReadSheet(opts.Data, opts.FileName, inflateLimit)
	if err != nil {
		return Result{}, &RowsError{Errors: []disclosure.SheetError{{Msg: err.Error()}}}
	}
	if len(records) == 0 {
		return Result{}, &RowsError{Errors: []disclosure.SheetError{{Msg: "文件为空，第一行应为表头"}}}
	}
	cols, err := st.Columns(ctx, opts.BodyID)
	if err != nil {
		return Result{}, err
	}
	parser, headErrs := disclosure.NewSheetParser(records[0], cols)
	if len(headErrs) > 0 {
		return Result{}, &RowsError{Errors: headErrs}
	}
	data := records[1:]
	if len(data) == 0 {
		return Result{}, &RowsError{Errors: []disclosure.SheetError{{Msg: "表头下没有任何数据行"}}}
	}
	res := Result{Progress: Progress{Total: len(data)}}
	report := func() {
		res.Elapsed = time.Since(began)
		if opts.Progress != nil {
			opts.Progress(res.Progress)
		}
	}
	if opts.DryRun {
		return res, check(ctx, st, parser, data, batch, opts.BodyID, &res, report)
	}
	sum := sha256.Sum256(opts.Data)
	job, err := st.ImportJobFor(ctx, hex.EncodeToString(sum[:]), opts.BodyID, filepath.Base(opts.FileName), len(data))
	if err != nil {
		return res, err
	}
	res.Job = job
	res.Start, res.Done = job.RowsDone, job.RowsDone
	if job.Finished != nil {
		res.AlreadyDone = true
		return res, nil
	}
	// The committed rows are read again, unchecked, only so that a later
	// row repeating one of their 索引号 is named as such.
	for i := range job.RowsDone {
		parser.Row(i+2, data[i])
	}
	ctx, cancel := context.WithCancel(ctx)
	batches := prepareBatches(ctx, st, parser, data, job.RowsDone, batch, opts.BodyID)
	defer func() {
		cancel()
		for range batches { // wait for the preparing goroutine to stop
		}
	}()
	for b := range batches {
		if len(b.errs) > 0 {
			return res, &RowsError{Errors: b.errs, Committed: b.from}
		}
		if b.err != nil {
			return res, b.err
		}
		out, err := st.ImportDocumentBatch(ctx, opts.BodyID, store.ImportBatch{JobID: job.ID, From: b.from, To: b.to,
			Docs: b.docs, SkipExisting: opts.SkipExisting}, opts.Actor)
		if taken := (*store.IndexTakenError)(nil); errors.As(err, &taken) {
			return res, &RowsError{Errors: takenErrors(taken.IndexNos, b.rows, true), Committed: b.from}
		}
		if err != nil {
			return res, err
		}
		res.Done = b.to
		res.Imported += out.Imported
		res.Skipped += len(out.Skipped)
		report()
	}
	return res, nil
}

// preparedBatch is data rows [from, to) checked and prepared for the
// store, or their problems (errs), or the store's refusal (err).
type preparedBatch struct {
	from, to int
	docs     store.ImportDocs
	rows     map[string]int // spreadsheet row by 索引号
	errs     []disclosure.SheetError
	err      error
}

// prepareBatches checks and prepares the batches from data row start on
// in a goroutine, one batch ahead of the writer: batch N+1 is read,
// checked and tokenised while the database writes batch N, and no more
// than one prepared batch waits. Each batch is still written all or
// nothing, in order, so a run stopped anywhere resumes after the last
// committed batch as before. It stops after a batch with problems, and
// when ctx is cancelled; the channel closes when it has stopped.
func prepareBatches(ctx context.Context, st Store, parser *disclosure.SheetParser, data [][]string, start, batch int, bodyID int64) <-chan preparedBatch {
	out := make(chan preparedBatch, 1)
	go func() {
		defer close(out)
		for from := start; from < len(data); from += batch {
			b := preparedBatch{from: from, to: min(from+batch, len(data))}
			var docs []disclosure.Document
			docs, b.rows, b.errs = parseRows(parser, data, b.from, b.to, bodyID)
			if len(b.errs) == 0 {
				b.docs, b.err = st.PrepareImport(bodyID, docs)
			}
			select {
			case out <- b:
			case <-ctx.Done():
				return
			}
			if len(b.errs) > 0 || b.err != nil {
				return
			}
		}
	}()
	return out
}

// check is a dry run: every row parsed, every 索引号 looked up, all
// problems returned together.
func check(ctx context.Context, st Store, parser *disclosure.SheetParser, data [][]string, batch int, bodyID int64, res *Result, report func()) error {
	var all []disclosure.SheetError
	for from := 0; from < len(data); from += batch {
		to := min(from+batch, len(data))
		docs, rows, errs := parseRows(parser, data, from, to, bodyID)
		all = append(all, errs...)
		if len(docs) > 0 {
			taken, err := st.StoredIndexNos(ctx, docs)
			if err != nil {
				return err
			}
			var nos []string
			for _, d := range docs {
				if taken[d.IndexNo] {
					nos = append(nos, d.IndexNo)
				}
			}
			all = append(all, takenErrors(nos, rows, false)...)
		}
		res.Done = to
		report()
	}
	if len(all) > 0 {
		return &RowsError{Errors: all}
	}
	return nil
}

// parseRows checks data rows [from, to): their documents (of body) and
// each one's spreadsheet row by 索引号, or the problems.
func parseRows(p *disclosure.SheetParser, data [][]string, from, to int, bodyID int64) ([]disclosure.Document, map[string]int, []disclosure.SheetError) {
	var docs []disclosure.Document
	rows := map[string]int{}
	var errs []disclosure.SheetError
	for i := from; i < to; i++ {
		// Data row i is spreadsheet row i+2: row 1 is the header.
		row, rowErrs, ok := p.Row(i+2, data[i])
		if !ok {
			continue
		}
		if len(rowErrs) > 0 {
			errs = append(errs, rowErrs...)
			continue
		}
		row.Doc.BodyID = bodyID
		docs = append(docs, row.Doc)
		rows[row.Doc.IndexNo] = row.Row
	}
	return docs, rows, errs
}

// takenErrors names the rows whose 索引号 is already stored.
func takenErrors(nos []string, rows map[string]int, hint bool) []disclosure.SheetError {
	var out []disclosure.SheetError
	for _, no := range nos {
		msg := "索引号 " + no + " 已被系统中的文件使用"
		if hint {
			msg += "（修改文件后重新导入时，可加 -skip-existing 跳过已导入的行）"
		}
		out = append(out, disclosure.SheetError{Row: rows[no], Msg: msg})
	}
	return out
}
