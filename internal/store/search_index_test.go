package store_test

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/disclosure"
	"github.com/gongkai/gongkai/internal/search"
	"github.com/gongkai/gongkai/internal/store"
	"github.com/gongkai/gongkai/internal/store/storetest"
)

func searchIndexFor(t *testing.T, s *store.Store) *search.Index {
	t.Helper()
	d := search.SQLite
	if s.IsPostgres() {
		d = search.Postgres
	}
	ix, err := search.NewIndex(s.DB(), d, nil, search.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

func hits(t *testing.T, ix *search.Index, q string, body int64) []int64 {
	t.Helper()
	res, err := ix.Search(context.Background(), search.Query{Text: q, Filter: search.Filter{BodyID: body}})
	if err != nil {
		t.Fatalf("search %q: %v", q, err)
	}
	var ids []int64
	for _, h := range res.Hits {
		ids = append(ids, h.ID)
	}
	return ids
}

// TestSearchIndexFollowsPublication: documents published before the
// index existed are backfilled once; publishing adds, withdrawing
// removes, drafts never appear.
func TestSearchIndexFollowsPublication(t *testing.T) {
	for _, tg := range storetest.Targets(t, os.Getenv) {
		t.Run(tg.Name, func(t *testing.T) {
			ctx := context.Background()
			c := &clock{t: time.Date(2026, 6, 1, 2, 0, 0, 0, time.UTC)}
			s := openTarget(t, tg, c)
			bid, col := docBody(t, s, "srch", "000014349")
			p := c.Now()
			old, err := s.CreateDocument(ctx, disclosure.Document{BodyID: bid, ColumnID: col, Title: "岚溪镇防汛应急预案",
				BodyHTML: "<p>汛期值班安排</p>", Published: &p, IndexNo: "000014349/2025-00001"})
			if err != nil {
				t.Fatal(err)
			}
			ix := searchIndexFor(t, s)
			if err := s.UseSearchIndex(ctx, ix); err != nil {
				t.Fatal(err)
			}
			if got := hits(t, ix, "防汛", bid); len(got) != 1 || got[0] != old {
				t.Errorf("backfilled search = %v, want [%d]", got, old)
			}
			// A second start does not backfill again, and does not fail.
			if err := s.UseSearchIndex(ctx, ix); err != nil {
				t.Fatal(err)
			}
			id, _, err := publishDraft(ctx, s, disclosure.Document{BodyID: bid, ColumnID: col, Title: "关于秸秆禁烧的通告",
				BodyHTML: "<p>全面禁止露天焚烧</p><p>秸秆综合利用</p>", Keywords: []string{"环保"}})
			if err != nil {
				t.Fatal(err)
			}
			draft, err := s.CreateDraft(ctx, disclosure.Document{BodyID: bid, ColumnID: col, Title: "秸秆草稿"}, editor)
			if err != nil {
				t.Fatal(err)
			}
			if got := hits(t, ix, "秸秆", bid); len(got) != 1 || got[0] != id {
				t.Errorf("search after publication = %v, want [%d] (draft %d must not appear)", got, id, draft)
			}
			if got := hits(t, ix, "焚烧", bid); len(got) != 1 {
				t.Errorf("body text not indexed: %v", got)
			}
			if got := hits(t, ix, "环保", bid); len(got) != 1 {
				t.Errorf("keywords not indexed: %v", got)
			}
			if err := s.WithdrawDocument(ctx, id, "有误", reviewer); err != nil {
				t.Fatal(err)
			}
			if got := hits(t, ix, "秸秆", bid); len(got) != 0 {
				t.Errorf("withdrawn document still found: %v", got)
			}
		})
	}
}
