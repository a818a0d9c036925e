package docimport

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/disclosure"
	"github.com/gongkai/gongkai/internal/store"
)

// watchingStore counts the batches prepared and, while writing each
// batch, waits for the next one to be prepared.
type watchingStore struct {
	Store
	total      int
	prepared   atomic.Int32
	written    int
	maxAhead   int
	sequential int
}

func (w *watchingStore) PrepareImport(bodyID int64, docs []disclosure.Document) (store.ImportDocs, error) {
	defer w.prepared.Add(1)
	return w.Store.PrepareImport(bodyID, docs)
}

func (w *watchingStore) ImportDocumentBatch(ctx context.Context, bodyID int64, b store.ImportBatch, a store.Actor) (store.ImportBatchResult, error) {
	w.written++
	if b.To < w.total {
		deadline := time.Now().Add(10 * time.Second)
		for int(w.prepared.Load()) <= w.written && time.Now().Before(deadline) {
			time.Sleep(time.Millisecond)
		}
		if int(w.prepared.Load()) <= w.written {
			w.sequential++
		}
	}
	w.maxAhead = max(w.maxAhead, int(w.prepared.Load())-w.written)
	return w.Store.ImportDocumentBatch(ctx, bodyID, b, a)
}

// TestBatchesOverlap: batch N+1 is read, checked and prepared while
// batch N is written, and never more than two batches ahead of the
// writer (one waiting, one being prepared).
func TestBatchesOverlap(t *testing.T) {
	ctx := context.Background()
	const n, batch = 40, 5
	data := sampleFile(t, false, SampleRows(n, code, "statutory", 100))
	for _, tg := range targets(t) {
		t.Run(tg.name, func(t *testing.T) {
			w := &watchingStore{Store: tg.st, total: n}
			res, err := Run(ctx, w, Options{BodyID: tg.body, FileName: "overlap.csv", Data: data, Batch: batch})
			if err != nil || res.Imported != n {
				t.Fatalf("run: %+v, %v", res.Progress, err)
			}
			if w.sequential > 0 {
				t.Errorf("%d of %d batches were written before the next was prepared", w.sequential, w.written)
			}
			if w.maxAhead > 2 {
				t.Errorf("preparation ran %d batches ahead of the writer, want at most 2", w.maxAhead)
			}
			if docs, _ := count(t, tg); docs != n {
				t.Errorf("%d documents, want %d", docs, n)
			}
		})
	}
}
