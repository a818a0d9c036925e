package web

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/body"
	"github.com/gongkai/gongkai/internal/disclosure"
	"github.com/gongkai/gongkai/internal/interact"
	"github.com/gongkai/gongkai/internal/sitecheck"
	"github.com/gongkai/gongkai/internal/store"
	"github.com/gongkai/gongkai/internal/workday"
)

// TestMonitorCountsAgreeWithLists generates a county's tree (townships,
// departments, villages, a body publishing elsewhere) with documents
// published around their Art. 26 deadline — across the Spring Festival,
// near midnight in Beijing, made in a year the calendar lacks —,
// consultations around the 3-month limit and requests around their due
// dates, and checks on both databases that the subtree page's counts
// (MonitorCounts) are, body by body and indicator by indicator, the
// lengths of the lists Monitor reads, on the subtree and on each body.
func TestMonitorCountsAgreeWithLists(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, st *store.Store) {
		e := newTestEnvOn(t, st, true)
		ctx := context.Background()
		on := time.Date(2026, 3, 20, 23, 59, 59, 0, chinaTime)
		today := workday.DateOf(on)
		rng := rand.New(rand.NewPCG(11, 6))
		bodies := []body.Body{e.root, e.a, e.b}
		for i := range 4 {
			kind := []body.Kind{body.Department, body.Township, body.Village, body.Township}[i]
			parent := bodies[1+i%2]
			bodies = append(bodies, e.createBody(body.Body{ParentID: parent.ID, Name: fmt.Sprintf("下级单位%d", i),
				Kind: kind, Slug: fmt.Sprintf("sub%d", i)}))
		}
		if err := st.SetReportSettings(ctx, bodies[6].ID, store.BodyReportSettings{OffPlatform: true}, store.Actor{Username: "test"}); err != nil {
			t.Fatal(err)
		}
		candidates := 0
		for bi, b := range bodies {
			col, err := st.ColumnBySlug(ctx, b.ID, "statutory")
			if err != nil {
				t.Fatal(err)
			}
			var docs []disclosure.Document
			for i := range 40 {
				// Made any time in the 13 months before; published 18 to
				// 45 days later at any hour (UTC 16:00 onwards is the next
				// day in Beijing).
				written := on.AddDate(0, -13, 0).Add(time.Duration(rng.IntN(400*24)) * time.Hour)
				published := written.Add(time.Duration(18*24+rng.IntN(27*24)) * time.Hour).Add(time.Duration(rng.IntN(60)) * time.Minute)
				if i == 0 {
					// Made in a year the calendar has no schedule for: no
					// deadline, never counted.
					written = time.Date(2012, 5, 5, 1, 0, 0, 0, chinaTime)
				}
				if published.After(on) {
					continue
				}
				if published.Sub(written) > 25*24*time.Hour && published.After(on.Add(-sitecheck.LateWindow)) {
					candidates++
				}
				no := fmt.Sprintf("000014349/2025-%02d%03d", bi, i)
				docs = append(docs, disclosure.Document{BodyID: b.ID, ColumnID: col.ID, Title: no, IndexNo: no,
					Written: &written, Published: &published, State: disclosure.StatePublished,
					Kind: disclosure.KindOther, Format: disclosure.FormatHTML})
			}
			if err := st.ImportDocuments(ctx, b.ID, docs, store.Actor{Username: "test"}); err != nil {
				t.Fatal(err)
			}
			for i := range 6 {
				asked := today.AddDays(-86 - rng.IntN(10))
				id, err := st.CreateConsultation(ctx, interact.Consultation{BodyID: b.ID, Subject: fmt.Sprintf("咨询%d", i),
					Question: "问题", Asked: civil(asked), AskedDay: asked})
				if err != nil {
					t.Fatal(err)
				}
				if i == 0 {
					if err := st.AnswerConsultation(ctx, b.ID, id, store.ConsultationAnswer{Text: "答复", At: civil(today), Publish: true}); err != nil {
						t.Fatal(err)
					}
				}
			}
			for range 3 {
				e.storedRequest(t, b.ID, "11010519491231002X", today.AddDays(-20-rng.IntN(30)).String())
			}
		}

		counted, err := MonitorCounts(ctx, st, e.srv.cal, e.root.ID, on)
		if err != nil {
			t.Fatal(err)
		}
		listed, err := Monitor(ctx, st, e.srv.cal, e.root.ID, true, on)
		if err != nil {
			t.Fatal(err)
		}
		if len(counted) != len(listed) || len(listed) != len(bodies)-1 {
			t.Fatalf("%d rows counted, %d listed, want %d (the village left out)", len(counted), len(listed), len(bodies)-1)
		}
		total := map[string]int{}
		for i, l := range listed {
			c := counted[i]
			own, err := Monitor(ctx, st, e.srv.cal, l.Body.ID, false, on)
			if err != nil {
				t.Fatal(err)
			}
			if c.Body.ID != l.Body.ID || c.Veto() != l.Veto() || len(c.Result.Breaches) != len(l.Result.Breaches) {
				t.Errorf("%s: counted veto %v, %d breaches; listed %s veto %v, %d breaches", c.Body.Name, c.Veto(),
					len(c.Result.Breaches), l.Body.Name, l.Veto(), len(l.Result.Breaches))
			}
			for _, ind := range sitecheck.Indicators {
				n := l.Result.Count(ind.Code)
				if got := c.Result.Count(ind.Code); got != n || c.Result.Hit(ind.Code) != l.Result.Hit(ind.Code) {
					t.Errorf("%s %s: counted %d (hit %v), listed %d (hit %v)", l.Body.Name, ind.Code, got,
						c.Result.Hit(ind.Code), n, l.Result.Hit(ind.Code))
				}
				if got := own[0].Result.Count(ind.Code); got != n {
					t.Errorf("%s %s: the body's own page lists %d, the subtree %d", l.Body.Name, ind.Code, got, n)
				}
				total[ind.Code] += n
			}
		}
		// The tree must exercise what is counted: some candidates late,
		// some not, consultations and requests on both sides of a limit.
		late := total[sitecheck.IndicatorLate.Code]
		if late == 0 || late >= candidates {
			t.Errorf("%d late of %d candidates: the generated tree does not test the deadline", late, candidates)
		}
		answered, overdue := total[sitecheck.IndicatorAnswer.Code], total[sitecheck.IndicatorOverdue.Code]
		if answered == 0 || answered >= 5*(len(bodies)-2) || overdue == 0 || overdue >= 3*(len(bodies)-1) {
			t.Errorf("%d consultations and %d requests overdue: the tree does not test both sides", answered, overdue)
		}
	})
}
