package store_test

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/disclosure"
	"github.com/gongkai/gongkai/internal/store"
	"github.com/gongkai/gongkai/internal/store/storetest"
	"github.com/gongkai/gongkai/internal/workday"
)

// TestMonitorFactsColumnsAndLate checks what the monitor reads of
// documents: a column's latest publication (and that it is not blank),
// and as late candidates exactly the documents published in the window
// more than 25 days after they were made (documents_late's predicate,
// which the query must repeat for the index to serve it).
func TestMonitorFactsColumnsAndLate(t *testing.T) {
	for _, tg := range storetest.Targets(t, os.Getenv) {
		t.Run(tg.Name, func(t *testing.T) {
			ctx := context.Background()
			c := &clock{t: time.Date(2026, 5, 6, 2, 0, 0, 0, time.UTC)}
			s := openTarget(t, tg, c)
			bid, col := docBody(t, s, "late", "000014349")
			at := func(d string) *time.Time {
				v := time.Date(2026, 1, 1, 2, 0, 0, 0, time.UTC)
				v = v.AddDate(0, 0, workday.MustParse("2026-01-01").DaysUntil(workday.MustParse(d)))
				return &v
			}
			docs := []struct {
				no, written, published string
				late                   bool
			}{
				{"000014349/2026-00001", "2026-01-05", "2026-01-30", false}, // 25 days
				{"000014349/2026-00002", "2026-01-05", "2026-02-01", true},  // 27 days
				{"000014349/2026-00003", "2026-03-01", "2026-04-20", true},
				{"000014349/2026-00004", "2026-04-01", "2026-04-02", false},
			}
			var batch []disclosure.Document
			want := map[string]bool{}
			for _, d := range docs {
				batch = append(batch, disclosure.Document{BodyID: bid, ColumnID: col, Title: d.no, IndexNo: d.no,
					Written: at(d.written), Published: at(d.published), State: disclosure.StatePublished,
					Kind: disclosure.KindOther, Format: disclosure.FormatHTML})
				want[d.no] = d.late
			}
			if err := s.ImportDocuments(ctx, bid, batch, store.Actor{Username: "test"}); err != nil {
				t.Fatal(err)
			}
			today := workday.MustParse("2026-05-06")
			f, err := s.SubtreeMonitorFacts(ctx, bid, false, today, today.AddDays(-88), *at("2026-01-15"))
			if err != nil {
				t.Fatal(err)
			}
			if st := f.Stats[col]; st.Published == 0 || !st.Last.Equal(*at("2026-04-20")) {
				t.Errorf("column stat %+v, want latest 2026-04-20", st)
			}
			got := map[string]bool{}
			for _, d := range f.LateCandidates[bid] {
				got[d.Title] = true
			}
			for no, late := range want {
				if got[no] != late {
					t.Errorf("%s: late candidate %v, want %v", no, got[no], late)
				}
			}
		})
	}
}
