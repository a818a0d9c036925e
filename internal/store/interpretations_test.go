package store_test

import (
	"context"
	"errors"
	"os"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/disclosure"
	"github.com/gongkai/gongkai/internal/store/storetest"
)

// TestInterpretations: an interpretation (政策解读) links to a policy of
// its own body, cannot go out before it, and goes out with it.
func TestInterpretations(t *testing.T) {
	for _, tg := range storetest.Targets(t, os.Getenv) {
		t.Run(tg.Name, func(t *testing.T) {
			ctx := context.Background()
			c := &clock{t: time.Date(2026, 4, 1, 2, 0, 0, 0, time.UTC)}
			s := openTarget(t, tg, c)
			bid, col := docBody(t, s, "interp", "000014349")
			other, ocol := docBody(t, s, "interp-other", "000014350")
			policy, err := s.CreateDraft(ctx, disclosure.Document{BodyID: bid, ColumnID: col, Title: "政策"}, editor)
			if err != nil {
				t.Fatal(err)
			}
			foreign, err := s.CreateDraft(ctx, disclosure.Document{BodyID: other, ColumnID: ocol, Title: "外单位政策"}, editor)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.CreateDraft(ctx, disclosure.Document{BodyID: bid, ColumnID: col, Title: "错误解读", Interprets: foreign}, editor); !errors.Is(err, disclosure.ErrBadPolicy) {
				t.Errorf("interpretation of another body's document: %v", err)
			}
			interp, err := s.CreateDraft(ctx, disclosure.Document{BodyID: bid, ColumnID: col, Title: "解读", Interprets: policy}, editor)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.CreateDraft(ctx, disclosure.Document{BodyID: bid, ColumnID: col, Title: "解读的解读", Interprets: interp}, editor); !errors.Is(err, disclosure.ErrBadPolicy) {
				t.Errorf("interpretation of an interpretation: %v", err)
			}
			late, err := s.CreateDraft(ctx, disclosure.Document{BodyID: bid, ColumnID: col, Title: "后到的解读", Interprets: policy}, editor)
			if err != nil {
				t.Fatal(err)
			}
			for _, id := range []int64{interp, policy} {
				if err := s.SubmitDocument(ctx, id, editor); err != nil {
					t.Fatal(err)
				}
				if err := s.ApproveDocument(ctx, id, allChecked(), reviewer); err != nil {
					t.Fatal(err)
				}
			}
			if _, err := s.PublishDocument(ctx, interp, reviewer); !errors.Is(err, disclosure.ErrPolicyNotPublished) {
				t.Errorf("interpretation before its policy: %v", err)
			}
			if _, err := s.PublishDocument(ctx, policy, reviewer); err != nil {
				t.Fatal(err)
			}
			p, _ := s.Document(ctx, policy)
			x, _ := s.Document(ctx, interp)
			if x.State != disclosure.StatePublished || x.Published == nil || !x.Published.Equal(*p.Published) || x.IndexNo == "" || x.IndexNo == p.IndexNo {
				t.Errorf("interpretation not published with its policy: %+v / %+v", x, p)
			}
			xs, err := s.Interpretations(ctx, policy)
			if err != nil || len(xs) != 2 || xs[0].ID != interp || xs[1].ID != late {
				t.Errorf("Interpretations = %v, %v", xs, err)
			}
			// One approved after the policy is public goes out on its own.
			c.Advance(24 * time.Hour)
			if err := s.SubmitDocument(ctx, late, editor); err != nil {
				t.Fatal(err)
			}
			if err := s.ApproveDocument(ctx, late, allChecked(), reviewer); err != nil {
				t.Fatal(err)
			}
			if _, err := s.PublishDocument(ctx, late, reviewer); err != nil {
				t.Errorf("interpretation after its policy: %v", err)
			}
		})
	}
}
