package store_test

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/body"
	"github.com/gongkai/gongkai/internal/request"
	"github.com/gongkai/gongkai/internal/store/storetest"
)

// TestCountSideDues: a request stored before side deadlines were (its
// side_due blank, as migration 0080 left every request) gets its side
// deadline from the one count at start; the count runs once.
func TestCountSideDues(t *testing.T) {
	for _, tg := range storetest.Targets(t, os.Getenv) {
		t.Run(tg.Name, func(t *testing.T) {
			ctx := context.Background()
			s := openTarget(t, tg, &clock{t: time.Date(2026, 4, 27, 2, 0, 0, 0, time.UTC)})
			town := mustCreateBody(t, s, body.Body{Name: "吴城镇人民政府", Kind: body.Township, Slug: "sd-town"})
			q, err := s.CreateRequest(ctx, newRequest(town, "SIDEDUE0001", "2026-04-20"), 0, "")
			if err != nil {
				t.Fatal(err)
			}
			if q.SideKind != request.SideSupplementNotice || q.SideDue.IsZero() {
				t.Fatalf("new request: side deadline %q %s; want the 补正 notice's", q.SideKind, q.SideDue)
			}
			if _, err := s.WriterDB().ExecContext(ctx, "UPDATE requests SET side_due = '', side_kind = '' WHERE id = $1", q.ID); err != nil {
				t.Fatal(err)
			}
			for i, want := range []int{1, 0} {
				n, err := s.CountSideDues(ctx)
				if err != nil || n != want {
					t.Fatalf("count %d: %d changed, %v; want %d", i+1, n, err, want)
				}
			}
			got, err := s.Request(ctx, q.ID)
			if err != nil || got.SideKind != q.SideKind || got.SideDue != q.SideDue {
				t.Errorf("after the count: side deadline %q %s, %v; want %q %s", got.SideKind, got.SideDue, err, q.SideKind, q.SideDue)
			}
			// The mark holds: a request blanked again is left for its
			// next step, as the count is for upgrades, not a repair job.
			if _, err := s.WriterDB().ExecContext(ctx, "UPDATE requests SET side_due = '' WHERE id = $1", q.ID); err != nil {
				t.Fatal(err)
			}
			if n, err := s.CountSideDues(ctx); err != nil || n != 0 {
				t.Errorf("third count: %d, %v; want 0", n, err)
			}
		})
	}
}
