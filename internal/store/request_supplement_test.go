package store_test

import (
	"context"
	"errors"
	"os"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/body"
	"github.com/gongkai/gongkai/internal/request"
	"github.com/gongkai/gongkai/internal/store/storetest"
)

// TestSupplementAttachments: a supplement received online is stored with
// its channel, its text (the caller's details) and its files in one
// transaction; the files come back with the request, naming the event;
// a refused step keeps none of its files. On both databases.
func TestSupplementAttachments(t *testing.T) {
	for _, tg := range storetest.Targets(t, os.Getenv) {
		t.Run(tg.Name, func(t *testing.T) {
			c := &clock{t: time.Date(2026, 4, 27, 2, 0, 0, 0, time.UTC)}
			s := openTarget(t, tg, c)
			ctx := context.Background()
			town := mustCreateBody(t, s, body.Body{Name: "吴城镇人民政府", Kind: body.Township, Slug: "s-town"})
			q := newRequest(town, "SUPPLEMENT01", "2026-04-27")
			q.Attachments = []request.Attachment{{Hash: "aa", Name: "身份证.pdf", Size: 10, ContentType: "application/pdf"}}
			q, err := s.CreateRequest(ctx, q, 0, "")
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.AppendRequestEvent(ctx, q.ID, request.EventRecord{Event: request.SupplementRequested{
				Date: day("2026-04-28"), Due: day("2026-05-12")}, UserID: 7}); err != nil {
				t.Fatal(err)
			}
			files := []request.Attachment{{Hash: "bb", Name: "补正说明.pdf", Size: 20, ContentType: "application/pdf"},
				{Hash: "cc", Name: "授权书.png", Size: 30, ContentType: "image/png"}}
			got, err := s.AppendRequestEvent(ctx, q.ID, request.EventRecord{Event: request.SupplementReceived{
				Date: day("2026-05-06"), Channel: request.Online}, Details: `{"supplement":{"text":"补充说明"}}`,
				Attachments: files})
			if err != nil {
				t.Fatal(err)
			}
			if got.State != request.StateAccepted || got.Due != day("2026-06-02") {
				t.Errorf("after the supplement: state %s due %s, want accepted 2026-06-02", got.State, got.Due)
			}
			evs, err := s.RequestEvents(ctx, q.ID)
			if err != nil || len(evs) != 3 {
				t.Fatalf("events: %d, %v", len(evs), err)
			}
			last := evs[2]
			if ev, ok := last.Event.(request.SupplementReceived); !ok || ev.Channel != request.Online || ev.Date != day("2026-05-06") ||
				last.Details != `{"supplement":{"text":"补充说明"}}` || last.UserID != 0 {
				t.Errorf("stored event: %+v", last)
			}
			check := func(what string, atts []request.Attachment) {
				t.Helper()
				if len(atts) != 3 || atts[0].EventID != 0 || atts[0].Hash != "aa" ||
					atts[1].EventID != last.ID || atts[1].Name != "补正说明.pdf" ||
					atts[2].EventID != last.ID || atts[2].ContentType != "image/png" || atts[2].Size != 30 {
					t.Errorf("%s attachments: %+v (event %d)", what, atts, last.ID)
				}
			}
			check("returned", got.Attachments)
			back, err := s.Request(ctx, q.ID)
			if err != nil {
				t.Fatal(err)
			}
			check("read back", back.Attachments)

			// A second supplement is refused by the state machine, and its
			// files are not kept.
			_, err = s.AppendRequestEvent(ctx, q.ID, request.EventRecord{Event: request.SupplementReceived{
				Date: day("2026-05-07"), Channel: request.Online}, Attachments: []request.Attachment{{Hash: "dd", Name: "x.pdf"}}})
			var te *request.TransitionError
			if !errors.As(err, &te) {
				t.Errorf("second supplement: %v, want a transition error", err)
			}
			if back, err = s.Request(ctx, q.ID); err != nil || len(back.Attachments) != 3 {
				t.Errorf("after the refused step: %d attachments, %v", len(back.Attachments), err)
			}
		})
	}
}
