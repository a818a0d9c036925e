package store_test

import (
	"context"
	"errors"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/body"
	"github.com/gongkai/gongkai/internal/request"
	"github.com/gongkai/gongkai/internal/store"
	"github.com/gongkai/gongkai/internal/store/storetest"
	"github.com/gongkai/gongkai/internal/workday"
	"github.com/gongkai/gongkai/internal/workday/workdaytest"
)

// invented2027 is NOT the State Council's 2027 notice (unpublished when
// this was written): an invented schedule with 元旦 from Friday 2027-01-01 to
// Sunday 2027-01-03, one day off for each other statutory holiday
// and one Saturday worked, enough to tell a counted calendar from a
// guessed one.
var invented2027 = workdaytest.Year(2027,
	[]workday.Date{workday.MustParse("2027-01-02"), workday.MustParse("2027-01-03")},
	[]workday.Date{workday.MustParse("2027-01-09")})

// TestHolidaySchedules saves a year on one instance and checks that the
// other instance on the same database counts with it after a refresh,
// that an invalid schedule writes nothing, and that each save is audited.
func TestHolidaySchedules(t *testing.T) {
	for _, tg := range storetest.Targets(t, os.Getenv) {
		t.Run(tg.Name, func(t *testing.T) {
			ctx := context.Background()
			c := &clock{t: time.Date(2026, 11, 20, 8, 0, 0, 0, time.UTC)}
			one, two := openTarget(t, tg, c), openTarget(t, tg, c)
			start := workday.MustParse("2026-12-10")
			due := func(s *store.Store) (workday.Date, error) { return s.Calendar().AddWorkdays(start, 20) }

			var missing *workday.MissingYearError
			if _, err := due(one); !errors.As(err, &missing) || missing.Year != 2027 {
				t.Fatalf("before: err = %v, want MissingYearError for 2027", err)
			}
			town := mustCreateBody(t, one, body.Body{Name: "吴城镇人民政府", Kind: body.Township, Slug: "h-town"})
			pending, err := one.CreateRequest(ctx, newRequest(town, "HOLIDAYS2027", start.String()), 0, "")
			// The answer deadline runs into 2027 and stays open; the 7-day
			// 补正 notice (Art. 30) lies inside 2026 and is stored at once.
			if err != nil || !pending.Due.IsZero() || pending.SideDue.String() != "2026-12-21" {
				t.Fatalf("request running into 2027: due %s, side %s, %v; want no due, side 2026-12-21", pending.Due, pending.SideDue, err)
			}

			if n, err := one.RequestsAwaitingCalendar(ctx, nil); err != nil || n != 1 {
				t.Errorf("awaiting the calendar: %d, %v; want 1", n, err)
			}
			if n, err := one.RequestsAwaitingCalendar(ctx, []int64{town + 1000}); err != nil || n != 0 {
				t.Errorf("awaiting the calendar in another body: %d, %v; want 0", n, err)
			}
			invalid := []struct {
				name  string
				year  int
				sched workday.Schedule
			}{
				{"make-up workday on a weekday", 2027, workday.Schedule{Holidays: invented2027.Holidays,
					Workdays: []workday.Date{workday.MustParse("2027-01-04")}}},
				{"no holidays", 2027, workday.Schedule{}},
				{"date outside the notice year", 2027, workday.Schedule{Holidays: []workday.Date{workday.MustParse("2028-01-01")}}},
			}
			for _, tc := range invalid {
				if err := one.SaveHolidaySchedule(ctx, tc.year, tc.sched, store.Actor{Username: "admin"}); err == nil {
					t.Errorf("%s: saved, want a validation error", tc.name)
				}
			}
			if got, err := one.HolidaySchedules(ctx); err != nil || len(got) != 0 {
				t.Fatalf("after invalid saves: %v, %v; want nothing stored", got, err)
			}
			if _, err := due(one); err == nil {
				t.Fatal("an invalid schedule reached the calendar")
			}

			if err := one.SaveHolidaySchedule(ctx, 2027, invented2027, store.Actor{UserID: 1, Username: "admin"}); err != nil {
				t.Fatal(err)
			}
			// The saving instance counts with it at once (2027-01-01 is
			// a holiday, so the 20th working day is the 8th, not the 7th).
			if d, err := due(one); err != nil || d.String() != "2027-01-08" {
				t.Errorf("saving instance: due = %s, %v; want 2027-01-08", d, err)
			}
			// The request's stored due date was recounted with the year.
			if q, err := two.Request(ctx, pending.ID); err != nil || q.Due.String() != "2027-01-08" {
				t.Errorf("stored due of the pending request = %s, %v; want 2027-01-08", q.Due, err)
			}
			if n, err := one.RequestsAwaitingCalendar(ctx, []int64{town}); err != nil || n != 0 {
				t.Errorf("awaiting the calendar after 2027 was saved: %d, %v; want 0", n, err)
			}
			// Its history says so (request_recounts).
			if recs, err := two.RequestRecounts(ctx, pending.ID); err != nil || len(recs) != 1 || recs[0].Year != 2027 ||
				!recs[0].OldDue.IsZero() || recs[0].NewDue.String() != "2027-01-08" || recs[0].By != "admin" {
				t.Errorf("recounts = %+v, %v; want one, 2027, none → 2027-01-08 by admin", recs, err)
			}
			// And its side deadline with it: the 补正 notice, 7 working
			// days from receipt.
			if q, err := two.Request(ctx, pending.ID); err != nil || q.SideKind != request.SideSupplementNotice || q.SideDue.String() != "2026-12-21" {
				t.Errorf("stored side deadline of the pending request = %q %s, %v; want supplement-notice 2026-12-21", q.SideKind, q.SideDue, err)
			}
			// The other instance only after its refresh.
			if _, err := due(two); err == nil {
				t.Error("other instance knew 2027 before refreshing")
			}
			replaced := workdaytest.Year(2027, nil, nil)
			steps := []struct {
				name  string
				save  *workday.Schedule
				want  []int
				count int // holidays the other instance then has for 2027
			}{
				{"first refresh", nil, []int{2027}, 9},
				{"nothing new", nil, nil, 9},
				{"replaced", &replaced, []int{2027}, 7},
			}
			for _, st := range steps {
				if st.save != nil {
					if err := one.SaveHolidaySchedule(ctx, 2027, *st.save, store.Actor{Username: "admin"}); err != nil {
						t.Fatal(err)
					}
				}
				changed, err := two.ApplyHolidaySchedules(ctx, two.Calendar())
				if err != nil || !slices.Equal(changed, st.want) {
					t.Errorf("%s: changed %v, %v; want %v", st.name, changed, err, st.want)
				}
				if s, ok := two.Calendar().Schedule(2027); !ok || len(s.Holidays) != st.count {
					t.Errorf("%s: other instance has %v (%v), want %d holidays", st.name, s, ok, st.count)
				}
			}
			stored, err := two.HolidaySchedules(ctx)
			if err != nil || len(stored) != 1 || stored[0].Year != 2027 || stored[0].UpdatedBy != "admin" || !stored[0].Updated.Equal(c.Now()) {
				t.Errorf("stored = %+v, %v", stored, err)
			}
			entries, err := one.Audit(ctx, audit.Filter{Action: "calendar.year"})
			if err != nil || len(entries) != 2 || entries[0].Target != "holidays:2027" {
				t.Errorf("audit = %+v, %v; want two calendar.year entries", entries, err)
			} else if !strings.Contains(entries[1].Detail, "重新计算了 1 件申请") {
				t.Errorf("first save's audit detail %q does not count the recounted request", entries[1].Detail)
			}
		})
	}
}
