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

// TestReferencedBlobs: the hashes request attachments name are in the
// set the blob collector keeps; unnamed ones are not. On both databases.
func TestReferencedBlobs(t *testing.T) {
	for _, tg := range storetest.Targets(t, os.Getenv) {
		t.Run(tg.Name, func(t *testing.T) {
			s := openTarget(t, tg, &clock{t: time.Date(2026, 4, 27, 2, 0, 0, 0, time.UTC)})
			ctx := context.Background()
			town := mustCreateBody(t, s, body.Body{Name: "吴城镇人民政府", Kind: body.Township, Slug: "s-town"})
			q := newRequest(town, "BLOBREFS0001", "2026-04-27")
			q.Attachments = []request.Attachment{{Hash: "aa", Name: "身份证.pdf", Size: 10, ContentType: "application/pdf"}}
			if _, err := s.CreateRequest(ctx, q, 0, ""); err != nil {
				t.Fatal(err)
			}
			refs, err := s.ReferencedBlobs(ctx)
			if err != nil || !refs["aa"] || refs["bb"] || len(refs) != 1 {
				t.Errorf("ReferencedBlobs = %v, %v; want only aa", refs, err)
			}
		})
	}
}
