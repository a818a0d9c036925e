package store_test

import (
	"context"
	"errors"
	"os"
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
