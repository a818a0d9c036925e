package store_test

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/disclosure"
	"github.com/gongkai/gongkai/internal/store"
	"github.com/gongkai/gongkai/internal/store/storetest"
)

// TestContentGeneration checks that every change a public page shows
// moves the content generation, as seen by a second instance, and that
// reads do not: page caches on every instance depend on it.
func TestContentGeneration(t *testing.T) {
	for _, tg := range storetest.Targets(t, os.Getenv) {
		t.Run(tg.Name, func(t *testing.T) {
			ctx := context.Background()
			c := &clock{t: time.Date(2026, 3, 2, 2, 0, 0, 0, time.UTC)}
			s, other := openTarget(t, tg, c), openTarget(t, tg, c)
			bid, col := docBody(t, s, "gen", "11341702486344515H")
			written := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
			doc := disclosure.Document{BodyID: bid, ColumnID: col, Title: "规范性文件", Kind: disclosure.KindNormative,
				Written: &written, Format: disclosure.FormatHTML, BodyHTML: "<p>正文</p>"}
			var id int64
			steps := []struct {
				name   string
				change func() error
				moves  bool
			}{
				{"publish", func() (err error) { id, _, err = publishDraft(ctx, s, doc); return err }, true},
				{"read a document", func() error { _, err := s.Document(ctx, id); return err }, false},
				{"validity", func() error {
					return s.AddValidity(ctx, disclosure.ValidityEvent{DocumentID: id, Status: disclosure.ValidityAmended,
						Effective: time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)}, reviewer)
				}, true},
				{"withdraw", func() error { return s.WithdrawDocument(ctx, id, "内容有误，撤回", reviewer) }, true},
				{"body contact", func() error {
					b, err := s.Body(ctx, bid)
					if err != nil {
						return err
					}
					b.Contact.Phone = "0551-00000000"
					return s.UpdateBody(ctx, b)
				}, true},
				{"column", func() error {
					c, err := s.Column(ctx, col)
					if err != nil {
						return err
					}
					return s.UpdateColumn(ctx, c) // saved unchanged: still a write the portal shows
				}, true},
				{"setting", func() error { return s.SetMeta(ctx, "portal.home_body", "gen") }, true},
				{"read a setting", func() error { _, err := s.Meta(ctx, "portal.home_body"); return err }, false},
			}
			last := generation(t, other)
			for _, st := range steps {
				if err := st.change(); err != nil {
					t.Fatalf("%s: %v", st.name, err)
				}
				g := generation(t, other)
				if moved := g != last; moved != st.moves {
					t.Errorf("%s: generation %d -> %d, moved = %v, want %v", st.name, last, g, moved, st.moves)
				}
				last = g
			}
		})
	}
}

func generation(t *testing.T, s *store.Store) int64 {
	t.Helper()
	g, err := s.ContentGeneration(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return g
}
