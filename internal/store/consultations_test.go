package store_test

import (
	"context"
	"errors"
	"os"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/body"
	"github.com/gongkai/gongkai/internal/interact"
	"github.com/gongkai/gongkai/internal/store"
	"github.com/gongkai/gongkai/internal/store/storetest"
)

// TestInteraction runs consultations and comment periods against SQLite
// and, when configured, PostgreSQL.
func TestInteraction(t *testing.T) {
	for _, tg := range storetest.Targets(t, os.Getenv) {
		t.Run(tg.Name, func(t *testing.T) {
			c := &clock{t: time.Date(2026, 6, 1, 2, 0, 0, 0, time.UTC)}
			s := openTarget(t, tg, c)
			ctx := context.Background()
			town := mustCreateBody(t, s, body.Body{Name: "吴城镇人民政府", Kind: body.Township, Slug: "i-town"})
			other := mustCreateBody(t, s, body.Body{Name: "河口镇人民政府", Kind: body.Township, Slug: "i-other"})
			testConsultations(t, ctx, s, c, town, other)
			testCommentPeriods(t, ctx, s, c, town, other)

			v1, err := s.EnsureMeta(ctx, "interact.secret", "first")
			v2, err2 := s.EnsureMeta(ctx, "interact.secret", "second")
			if err != nil || err2 != nil || v1 != "first" || v2 != "first" {
				t.Errorf("EnsureMeta = %q %v, %q %v; want first twice", v1, err, v2, err2)
			}
		})
	}
}

func testConsultations(t *testing.T, ctx context.Context, s *store.Store, c *clock, town, other int64) {
	ids := map[string]int64{}
	for _, q := range []struct{ key, day string }{{"old", "2026-01-10"}, {"new", "2026-05-30"}, {"mid", "2026-03-01"}} {
		id, err := s.CreateConsultation(ctx, interact.Consultation{BodyID: town, Name: "李四", Contact: "13900000000",
			Subject: "咨询" + q.key, Question: "问题" + q.key, Asked: c.Now(), AskedDay: day(q.day)})
		if err != nil {
			t.Fatal(err)
		}
		ids[q.key] = id
	}
	if _, err := s.Consultation(ctx, other, ids["old"]); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("consultation through another body: %v, want ErrNotFound", err)
	}
	got, err := s.Consultation(ctx, town, ids["old"])
	if err != nil || got.Contact != "13900000000" || got.AskedDay != day("2026-01-10") || got.Answered != nil {
		t.Errorf("Consultation = %+v, %v", got, err)
	}
	ans := store.ConsultationAnswer{Text: "周六不办公。", Publish: true, By: 7, At: c.Now()}
	if err := s.AnswerConsultation(ctx, town, ids["mid"], ans); err != nil {
		t.Fatal(err)
	}
	if err := s.AnswerConsultation(ctx, town, ids["mid"], ans); !errors.Is(err, store.ErrAlreadyDone) {
		t.Errorf("second answer: %v, want ErrAlreadyDone", err)
	}
	if err := s.AnswerConsultation(ctx, other, ids["new"], ans); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("answer through another body: %v, want ErrNotFound", err)
	}
	private := store.ConsultationAnswer{Text: "已电话答复。", WithholdReason: "涉及个人事项", By: 7, At: c.Now()}
	if err := s.AnswerConsultation(ctx, town, ids["new"], private); err != nil {
		t.Fatal(err)
	}

	list, total, err := s.Consultations(ctx, town, 0, 10)
	if err != nil || total != 3 || len(list) != 3 || list[0].ID != ids["old"] || list[0].Answered != nil {
		t.Errorf("Consultations: unanswered first; got %d/%d %v", len(list), total, err)
	}
	pub, total, err := s.PublishedConsultations(ctx, town, 0, 10)
	if err != nil || total != 1 || len(pub) != 1 || pub[0].ID != ids["mid"] || pub[0].Answer != "周六不办公。" || pub[0].AnsweredBy != 7 {
		t.Errorf("PublishedConsultations = %+v (%d), %v", pub, total, err)
	}
	if page, total, err := s.PublishedConsultations(ctx, town, 1, 10); err != nil || total != 1 || len(page) != 0 {
		t.Errorf("second page = %d rows of %d, %v", len(page), total, err)
	}
	un, err := s.UnansweredConsultations(ctx)
	if err != nil || len(un) != 1 || un[0].BodyID != town || un[0].Day != day("2026-01-10") || un[0].Count != 1 {
		t.Errorf("UnansweredConsultations = %+v, %v", un, err)
	}
}

func testCommentPeriods(t *testing.T, ctx context.Context, s *store.Store, c *clock, town, other int64) {
	p := interact.CommentPeriod{BodyID: town, Title: "关于村道养护的办法（征求意见稿）", Draft: "第一条 ……", Kind: "normative",
		Start: day("2026-06-01"), End: day("2026-06-10"), Opened: c.Now(), OpenedBy: 3}
	id, err := s.CreateCommentPeriod(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	comment := store.PeriodComment{Name: "王五", Contact: "ww@example.com", Text: "建议增加公示环节。", Created: c.Now()}
	steps := []struct {
		name  string
		body  int64
		today string
		want  error
	}{
		{"before opening", town, "2026-05-31", store.ErrNotOpen},
		{"first day", town, "2026-06-01", nil},
		{"last day", town, "2026-06-10", nil},
		{"after the end", town, "2026-06-11", store.ErrNotOpen},
		{"another body", other, "2026-06-05", store.ErrNotFound},
	}
	for _, st := range steps {
		err := s.AddComment(ctx, st.body, id, comment, day(st.today))
		if st.want == nil && err != nil || st.want != nil && !errors.Is(err, st.want) {
			t.Errorf("AddComment %s: %v, want %v", st.name, err, st.want)
		}
	}
	cl := store.PeriodClosing{Adoption: "采纳 1 条：增加公示环节。", Adopted: 1, By: 3, At: c.Now()}
	if err := s.CloseCommentPeriod(ctx, town, id, cl, day("2026-06-10")); !errors.Is(err, store.ErrNotOpen) {
		t.Errorf("close on the last day: %v, want ErrNotOpen", err)
	}
	if err := s.CloseCommentPeriod(ctx, town, id, store.PeriodClosing{Adopted: 3, At: c.Now()}, day("2026-06-11")); !errors.Is(err, store.ErrTooManyAdopted) {
		t.Errorf("3 adopted of 2: %v, want ErrTooManyAdopted", err)
	}
	if err := s.CloseCommentPeriod(ctx, town, id, cl, day("2026-06-11")); err != nil {
		t.Fatal(err)
	}
	if err := s.CloseCommentPeriod(ctx, town, id, cl, day("2026-06-12")); !errors.Is(err, store.ErrAlreadyDone) {
		t.Errorf("second close: %v, want ErrAlreadyDone", err)
	}
	got, err := s.CommentPeriod(ctx, town, id)
	if err != nil || got.Received != 2 || got.Adopted != 1 || got.Closed == nil || got.Adoption != cl.Adoption || got.End != day("2026-06-10") {
		t.Errorf("CommentPeriod = %+v, %v", got, err)
	}
	if _, err := s.CommentPeriod(ctx, other, id); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("period through another body: %v", err)
	}
	list, err := s.CommentPeriods(ctx, town)
	if err != nil || len(list) != 1 || list[0].Received != 2 {
		t.Errorf("CommentPeriods = %+v, %v", list, err)
	}
	cs, err := s.Comments(ctx, town, id)
	if err != nil || len(cs) != 2 || cs[0].Contact != "ww@example.com" {
		t.Errorf("Comments = %+v, %v", cs, err)
	}
	if cs, err := s.Comments(ctx, other, id); err != nil || len(cs) != 0 {
		t.Errorf("Comments through another body = %+v, %v", cs, err)
	}
}
