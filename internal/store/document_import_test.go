package store_test

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/disclosure"
	"github.com/gongkai/gongkai/internal/store"
	"github.com/gongkai/gongkai/internal/store/storetest"
)

// TestImportDocuments: a batch keeps its 索引号 and 有效性 and moves
// the counter; a batch with a 索引号 already stored writes nothing and
// names it.
func TestImportDocuments(t *testing.T) {
	for _, tg := range storetest.Targets(t, os.Getenv) {
		t.Run(tg.Name, func(t *testing.T) {
			ctx := context.Background()
			c := &clock{t: time.Date(2026, 5, 6, 2, 0, 0, 0, time.UTC)}
			s := openTarget(t, tg, c)
			bid, col := docBody(t, s, "batch", "000014349")
			p := c.Now()
			doc := func(no string, kind disclosure.Kind) disclosure.Document {
				return disclosure.Document{BodyID: bid, ColumnID: col, Title: no, IndexNo: no, Published: &p,
					State: disclosure.StatePublished, Kind: kind, Format: disclosure.FormatHTML}
			}
			a := store.Actor{Username: "importer"}
			if err := s.ImportDocuments(ctx, bid, []disclosure.Document{doc("000014349/2026-00030", disclosure.KindRule),
				doc("11341702486344515H/202110-00013", disclosure.KindOther)}, a); err != nil {
				t.Fatal(err)
			}
			_, before, err := s.BodyDocuments(ctx, bid, "", 0, 1)
			if err != nil || before != 2 {
				t.Fatalf("after import: %d documents, %v", before, err)
			}
			err = s.ImportDocuments(ctx, bid, []disclosure.Document{doc("000014349/2026-00031", disclosure.KindOther),
				doc("000014349/2026-00030", disclosure.KindOther)}, a)
			var taken *store.IndexTakenError
			if !errors.As(err, &taken) || len(taken.IndexNos) != 1 || taken.IndexNos[0] != "000014349/2026-00030" {
				t.Fatalf("duplicate import: %v", err)
			}
			if _, n, _ := s.BodyDocuments(ctx, bid, "", 0, 1); n != before {
				t.Errorf("refused batch wrote: %d documents, want %d", n, before)
			}
			if _, no, err := publishDraft(ctx, s, disclosure.Document{BodyID: bid, ColumnID: col, Title: "新"}); err != nil || no != "000014349/2026-00031" {
				t.Errorf("next 索引号 = %q, %v; want 000014349/2026-00031", no, err)
			}
		})
	}
}

// TestImportDocumentBatchMoved: a batch is written only where its job
// stands, so two runs of one file cannot both write a batch; a stale
// batch writes nothing.
func TestImportDocumentBatchMoved(t *testing.T) {
	for _, tg := range storetest.Targets(t, os.Getenv) {
		t.Run(tg.Name, func(t *testing.T) {
			ctx := context.Background()
			c := &clock{t: time.Date(2026, 5, 6, 2, 0, 0, 0, time.UTC)}
			s := openTarget(t, tg, c)
			bid, col := docBody(t, s, "bulk", "000014349")
			p := c.Now()
			doc := func(no string) disclosure.Document {
				return disclosure.Document{BodyID: bid, ColumnID: col, Title: no, IndexNo: no, Published: &p,
					State: disclosure.StatePublished, Kind: disclosure.KindRule, Format: disclosure.FormatHTML}
			}
			job, err := s.ImportJobFor(ctx, "feed", bid, "a.csv", 3)
			if err != nil {
				t.Fatal(err)
			}
			a := store.Actor{Username: "importer"}
			prepare := func(docs ...disclosure.Document) store.ImportDocs {
				t.Helper()
				p, err := s.PrepareImport(bid, docs)
				if err != nil {
					t.Fatal(err)
				}
				return p
			}
			b := store.ImportBatch{JobID: job.ID, From: 0, To: 2, Docs: prepare(doc("000014349/2026-00007"), doc("000014349/2026-00008"))}
			if res, err := s.ImportDocumentBatch(ctx, bid, b, a); err != nil || res.Imported != 2 {
				t.Fatalf("first batch: %+v, %v", res, err)
			}
			if _, err := s.ImportDocumentBatch(ctx, bid, b, a); !errors.Is(err, store.ErrImportMoved) {
				t.Fatalf("the same batch again: %v, want ErrImportMoved", err)
			}
			last := store.ImportBatch{JobID: job.ID, From: 2, To: 3, Docs: prepare(doc("000014349/2026-00009"))}
			if _, err := s.ImportDocumentBatch(ctx, bid, last, a); err != nil {
				t.Fatal(err)
			}
			job, err = s.ImportJobFor(ctx, "feed", bid, "a.csv", 3)
			if err != nil || job.RowsDone != 3 || job.Imported != 3 || job.Batches != 2 || job.Finished == nil {
				t.Errorf("job after the last batch: %+v, %v", job, err)
			}
			if _, n, _ := s.BodyDocuments(ctx, bid, "", 0, 1); n != 3 {
				t.Errorf("%d documents, want 3", n)
			}
			if _, no, err := publishDraft(ctx, s, disclosure.Document{BodyID: bid, ColumnID: col, Title: "新"}); err != nil || no != "000014349/2026-00010" {
				t.Errorf("next 索引号 = %q, %v; want 000014349/2026-00010", no, err)
			}
		})
	}
}

// TestImportCompressesWithLZ4: on a PostgreSQL server built with lz4, an
// imported document's long body is compressed with lz4 (bulk writes).
func TestImportCompressesWithLZ4(t *testing.T) {
	url := storetest.PostgresServer(t, os.Getenv)
	if url == "" {
		t.Skip("GONGKAI_TEST_POSTGRES not set")
	}
	for _, tg := range storetest.Targets(t, os.Getenv) {
		if tg.Name != "postgres" {
			continue
		}
		ctx := context.Background()
		c := &clock{t: time.Date(2026, 5, 6, 2, 0, 0, 0, time.UTC)}
		s := openTarget(t, tg, c)
		var lz4 bool
		if err := s.DB().QueryRowContext(ctx, `SELECT 'lz4' = ANY(enumvals) FROM pg_settings
			WHERE name = 'default_toast_compression'`).Scan(&lz4); err != nil {
			t.Fatal(err)
		}
		if !lz4 {
			t.Skip("the server has no lz4")
		}
		bid, col := docBody(t, s, "lz4", "000014349")
		p := c.Now()
		body := "<p>" + strings.Repeat("本县财政预算执行情况良好，教育支出稳步增长。", 200) + "</p>"
		if err := s.ImportDocuments(ctx, bid, []disclosure.Document{{BodyID: bid, ColumnID: col, Title: "长文", IndexNo: "000014349/2026-00040",
			Published: &p, State: disclosure.StatePublished, Kind: disclosure.KindOther, Format: disclosure.FormatHTML, BodyHTML: body}},
			store.Actor{Username: "importer"}); err != nil {
			t.Fatal(err)
		}
		var method string
		if err := s.DB().QueryRowContext(ctx, `SELECT coalesce(pg_column_compression(body_html), '') FROM documents
			WHERE index_no = '000014349/2026-00040'`).Scan(&method); err != nil {
			t.Fatal(err)
		}
		if method != "lz4" {
			t.Errorf("imported body compressed with %q, want lz4", method)
		}
	}
}
