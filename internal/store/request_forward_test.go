package store_test

import (
	"context"
	"errors"
	"os"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/body"
	"github.com/gongkai/gongkai/internal/request"
	"github.com/gongkai/gongkai/internal/store"
	"github.com/gongkai/gongkai/internal/store/storetest"
)

// TestForwardRequest: an Art. 36(5) answer and the application it
// forwards are stored together or not at all.
func TestForwardRequest(t *testing.T) {
	for _, tg := range storetest.Targets(t, os.Getenv) {
		t.Run(tg.Name, func(t *testing.T) {
			s := openTarget(t, tg, &clock{t: time.Date(2026, 3, 6, 2, 0, 0, 0, time.UTC)})
			ctx := context.Background()
			town := mustCreateBody(t, s, body.Body{Name: "吴城镇人民政府", Kind: body.Township, Slug: "f-town"})
			county := mustCreateBody(t, s, body.Body{Name: "桐柏县人民政府", Kind: body.County, Slug: "f-county"})
			from, err := s.CreateRequest(ctx, newRequest(town, "FROMFROMFROM", "2026-03-02"), 0, "")
			if err != nil {
				t.Fatal(err)
			}
			referred := request.EventRecord{Event: request.Referred{Date: day("2026-03-05"), Holder: "桐柏县人民政府", Contact: "0377-1"}, UserID: 3}
			to := newRequest(county, "TOTOTOTOTOTO", "2026-03-06")
			to.Channel, to.ForwardedFrom = request.Forwarded, from.ID

			// To its own body: refused, nothing kept.
			own := to
			own.BodyID = town
			if _, _, err := s.ForwardRequest(ctx, from.ID, referred, own); err == nil {
				t.Error("forwarded to its own body")
			}
			if q, _ := s.Request(ctx, from.ID); q.State != request.StateReceived {
				t.Errorf("a refused forward left the answer: %s", q.State)
			}

			answered, created, err := s.ForwardRequest(ctx, from.ID, referred, to)
			if err != nil {
				t.Fatal(err)
			}
			if answered.State != request.StateAnswered || answered.Outcome != request.OutcomeNotHeld ||
				created.ForwardedFrom != from.ID || created.Received != day("2026-03-06") || created.State != request.StateReceived {
				t.Errorf("forward: %+v / %+v", answered, created)
			}
			back, err := s.RequestByCode(ctx, "TOTOTOTOTOTO")
			if err != nil || back.ForwardedFrom != from.ID || back.Channel != request.Forwarded {
				t.Errorf("forwarded request read back: %+v, %v", back, err)
			}
			// Once answered, a second forward fails whole.
			again := to
			again.Code = "AGAINAGAINAG"
			var te *request.TransitionError
			if _, _, err := s.ForwardRequest(ctx, from.ID, referred, again); !errors.As(err, &te) {
				t.Errorf("second forward: %v", err)
			}
			if _, err := s.RequestByCode(ctx, "AGAINAGAINAG"); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("a refused forward stored the new request: %v", err)
			}
		})
	}
}
