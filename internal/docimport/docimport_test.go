package docimport

import (
	"bytes"
	"context"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/body"
	"github.com/gongkai/gongkai/internal/search"
	"github.com/gongkai/gongkai/internal/store"
	"github.com/gongkai/gongkai/internal/store/storetest"
	"golang.org/x/text/encoding/simplifiedchinese"
)

const code = "000014349"

// target is a fresh store with a body, its 政策文件 column and a search
// index.
type target struct {
	name string
	st   *store.Store
	ix   *search.Index
	body int64
}

func targets(t *testing.T) []target {
	t.Helper()
	ctx := context.Background()
	var out []target
	for _, tg := range storetest.Targets(t, os.Getenv) {
		st, err := store.Open(ctx, tg.URL, store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		id, err := st.CreateBody(ctx, body.Body{Name: "吴城镇人民政府", Kind: body.Township, Slug: "wucheng", Code: code})
		if err != nil {
			t.Fatal(err)
		}
		d := search.SQLite
		if st.IsPostgres() {
			d = search.Postgres
		}
		ix, err := search.NewIndex(st.DB(), d, nil, search.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if err := st.UseSearchIndex(ctx, ix); err != nil {
			t.Fatal(err)
		}
		out = append(out, target{tg.Name, st, ix, id})
	}
	return out
}

func sampleFile(t *testing.T, xlsx bool, rows [][]string) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := WriteSample(&b, xlsx, rows); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// count returns the body's documents and doc.import audit entries.
func count(t *testing.T, tg target) (docs, audited int) {
	t.Helper()
	ctx := context.Background()
	_, docs, err := tg.st.BodyDocuments(ctx, tg.body, "", 0, 1)
	if err != nil {
		t.Fatal(err)
	}
	entries, err := tg.st.Audit(ctx, audit.Filter{Action: "doc.import", Limit: 100000})
	if err != nil {
		t.Fatal(err)
	}
	return docs, len(entries)
}

// failingStore interrupts the import at one batch, as a crash would:
// the batch's transaction never commits.
type failingStore struct {
	Store
	failAt, calls int
}

var errCrash = errors.New("simulated crash")

func (f *failingStore) ImportDocumentBatch(ctx context.Context, bodyID int64, b store.ImportBatch, a store.Actor) (store.ImportBatchResult, error) {
	f.calls++
	if f.calls == f.failAt {
		// The batch runs into a cancelled context: it begins, and its
		// transaction is rolled back.
		cctx, cancel := context.WithCancel(ctx)
		cancel()
		if _, err := f.Store.ImportDocumentBatch(cctx, bodyID, b, a); err == nil {
			return store.ImportBatchResult{}, errors.New("batch committed under a cancelled context")
		}
		return store.ImportBatchResult{}, errCrash
	}
	return f.Store.ImportDocumentBatch(ctx, bodyID, b, a)
}

// TestResumeAfterInterruption: a run stopped at its third batch keeps
// the first two; the next run of the same file continues after them,
// and a third run finds the file done. No document is written twice.
func TestResumeAfterInterruption(t *testing.T) {
	ctx := context.Background()
	rows := SampleRows(23, code, "statutory", 200)
	rows = append(rows[:17], append([][]string{make([]string, 13)}, rows[17:]...)...) // a blank row counts as a row
	data := sampleFile(t, false, rows)
	for _, tg := range targets(t) {
		t.Run(tg.name, func(t *testing.T) {
			opts := Options{BodyID: tg.body, FileName: "legacy.csv", Data: data, Batch: 5, Actor: store.Actor{Username: "test"}}
			res, err := Run(ctx, &failingStore{Store: tg.st, failAt: 3}, opts)
			if !errors.Is(err, errCrash) || res.Done != 10 {
				t.Fatalf("interrupted run: done %d, %v", res.Done, err)
			}
			if docs, _ := count(t, tg); docs != 10 {
				t.Fatalf("after the interruption %d documents, want 10", docs)
			}
			var seen []Progress
			opts.Progress = func(p Progress) { seen = append(seen, p) }
			res, err = Run(ctx, tg.st, opts)
			if err != nil {
				t.Fatal(err)
			}
			if res.Start != 10 || res.Done != 24 || res.Imported != 13 || res.Total != 24 {
				t.Errorf("resumed run: %+v", res.Progress)
			}
			if len(seen) != 3 || seen[0].Done != 15 || seen[2].Done != 24 {
				t.Errorf("progress reports: %+v", seen)
			}
			if docs, audited := count(t, tg); docs != 23 || audited != 23 {
				t.Errorf("%d documents, %d audit entries; want 23 each", docs, audited)
			}
			res, err = Run(ctx, tg.st, opts)
			if err != nil || !res.AlreadyDone || res.Job.Imported != 23 || res.Job.Batches != 5 {
				t.Errorf("third run: %+v, %v", res, err)
			}
			r, err := tg.ix.Search(ctx, search.Query{Text: "第23号事项", Limit: 5})
			if err != nil || len(r.Hits) != 1 {
				t.Errorf("search for the last document: %+v, %v", r.Hits, err)
			}
		})
	}
}

// TestBadBatchRollsBack: a bad row refuses its whole batch, naming the
// row and the column; earlier batches stay. The fixed file, run with
// SkipExisting, completes the import without writing a row twice.
func TestBadBatchRollsBack(t *testing.T) {
	ctx := context.Background()
	rows := SampleRows(17, code, "statutory", 50)
	bad := make([][]string, len(rows))
	copy(bad, rows)
	bad[11] = append([]string(nil), rows[11]...)
	bad[11][4] = "2021-02-30" // 发布日期 of spreadsheet row 13
	for _, tg := range targets(t) {
		t.Run(tg.name, func(t *testing.T) {
			opts := Options{BodyID: tg.body, FileName: "legacy.csv", Data: sampleFile(t, false, bad), Batch: 5}
			_, err := Run(ctx, tg.st, opts)
			var rowsErr *RowsError
			if !errors.As(err, &rowsErr) || rowsErr.Committed != 10 || !strings.Contains(err.Error(), "第 13 行：发布日期“2021-02-30”") {
				t.Fatalf("bad row: %v", err)
			}
			if docs, audited := count(t, tg); docs != 10 || audited != 10 {
				t.Fatalf("after the refused batch: %d documents, %d audited; want 10", docs, audited)
			}
			opts.Data = sampleFile(t, false, rows)
			_, err = Run(ctx, tg.st, opts)
			if !errors.As(err, &rowsErr) || rowsErr.Committed != 0 || !strings.Contains(err.Error(), "第 2 行：索引号 "+code+"/2010-00001 已被系统中的文件使用") {
				t.Fatalf("fixed file without SkipExisting: %v", err)
			}
			opts.SkipExisting = true
			res, err := Run(ctx, tg.st, opts)
			if err != nil || res.Imported != 7 || res.Skipped != 10 {
				t.Fatalf("fixed file: %+v, %v", res.Progress, err)
			}
			if docs, audited := count(t, tg); docs != 17 || audited != 17 {
				t.Errorf("%d documents, %d audited; want 17", docs, audited)
			}
		})
	}
}

// TestFormats: a CSV with BOM, a GBK CSV and an .xlsx (through the
// console's reader) import alike; a dry run writes nothing and names
// the rows whose 索引号 is stored.
func TestFormats(t *testing.T) {
	ctx := context.Background()
	// Each file comes with its own 索引号 (years 2011, 2012, 2013).
	rows := func(year string) [][]string {
		rs := SampleRows(12, code, "法定主动公开内容", 30)
		for _, r := range rs {
			r[0] = strings.Replace(r[0], "/2010-", "/"+year+"-", 1)
		}
		return rs
	}
	gbk, err := simplifiedchinese.GBK.NewEncoder().Bytes(bytes.TrimPrefix(sampleFile(t, false, rows("2012")), []byte("\xEF\xBB\xBF")))
	if err != nil {
		t.Fatal(err)
	}
	files := []struct {
		name string
		data []byte
	}{
		{"bom.csv", sampleFile(t, false, rows("2011"))},
		{"gbk.csv", gbk},
		{"sheet.xlsx", sampleFile(t, true, rows("2013"))},
	}
	for _, tg := range targets(t) {
		t.Run(tg.name, func(t *testing.T) {
			for i, f := range files {
				opts := Options{BodyID: tg.body, FileName: f.name, Data: f.data, Batch: 4, DryRun: true}
				if res, err := Run(ctx, tg.st, opts); err != nil || res.Done != 12 {
					t.Fatalf("%s: dry run: %+v, %v", f.name, res.Progress, err)
				}
				if docs, _ := count(t, tg); docs != 12*i {
					t.Fatalf("%s: dry run wrote: %d documents", f.name, docs)
				}
				opts.DryRun = false
				if res, err := Run(ctx, tg.st, opts); err != nil || res.Imported != 12 {
					t.Fatalf("%s: %+v, %v", f.name, res.Progress, err)
				}
				opts.DryRun = true
				_, err := Run(ctx, tg.st, opts)
				var rowsErr *RowsError
				if !errors.As(err, &rowsErr) || len(rowsErr.Errors) != 12 || rowsErr.Errors[0].Row != 2 {
					t.Errorf("%s: dry run after the import: %v", f.name, err)
				}
			}
		})
	}
}

func TestProgressLine(t *testing.T) {
	tests := []struct {
		p    Progress
		want string
	}{
		{Progress{Done: 0, Total: 0}, "已处理 0/0 行（100%）"},
		{Progress{Done: 500, Total: 2000, Elapsed: time.Second}, "已处理 500/2000 行（25%），500 行/秒，预计还需 3 秒"},
		{Progress{Done: 2000, Total: 2000, Start: 1000, Elapsed: 2 * time.Second}, "已处理 2000/2000 行（100%），其中 1000 行为此前已导入，500 行/秒，用时 2 秒"},
		{Progress{Done: 1000, Total: 1000000, Elapsed: time.Second}, "已处理 1000/1000000 行（0%），1000 行/秒，预计还需 16 分 39 秒"},
		{Progress{Done: 1, Total: 1000000, Elapsed: time.Second}, "已处理 1/1000000 行（0%），1 行/秒，预计还需 277 小时 46 分"},
	}
	for _, tt := range tests {
		if got := ProgressLine(tt.p); got != tt.want {
			t.Errorf("ProgressLine(%+v) = %q, want %q", tt.p, got, tt.want)
		}
	}
}

// TestPrinter: a log gets a line per interval and always the last one.
func TestPrinter(t *testing.T) {
	var b bytes.Buffer
	show := Printer(&b, false, 5*time.Second)
	for i := 1; i <= 10; i++ {
		show(Progress{Done: i * 100, Total: 1000, Elapsed: time.Duration(i) * time.Second})
	}
	if lines := strings.Count(b.String(), "\n"); lines != 3 {
		t.Errorf("%d lines, want 3 (1 s, 6 s, the end):\n%s", lines, b.String())
	}
}

// TestResumeNamesEarlierDuplicate: after a resume, a row repeating the
// 索引号 of a row committed before the interruption is named as a
// repeat of that row, also with SkipExisting.
func TestResumeNamesEarlierDuplicate(t *testing.T) {
	ctx := context.Background()
	rows := SampleRows(12, code, "statutory", 20)
	rows[10][0] = rows[0][0] // spreadsheet row 12 repeats row 2
	data := sampleFile(t, false, rows)
	for _, tg := range targets(t) {
		t.Run(tg.name, func(t *testing.T) {
			opts := Options{BodyID: tg.body, FileName: "dup.csv", Data: data, Batch: 5, SkipExisting: true}
			if _, err := Run(ctx, &failingStore{Store: tg.st, failAt: 2}, opts); !errors.Is(err, errCrash) {
				t.Fatalf("interrupted run: %v", err)
			}
			_, err := Run(ctx, tg.st, opts)
			if err == nil || !strings.Contains(err.Error(), "第 12 行：索引号 "+rows[0][0]+" 与第 2 行重复") {
				t.Errorf("resumed run: %v", err)
			}
		})
	}
}
