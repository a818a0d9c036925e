package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/gongkai/gongkai/internal/workday"
)

// HolidaySchedule is a notice year's holiday schedule (节假日安排) that a
// sysadmin added through the console. It lives in the database so that
// every instance on it counts with it, and it takes precedence over the
// embedded data and <data-dir>/holidays: it is the latest, explicit
// decision.
type HolidaySchedule struct {
	Year      int
	Schedule  workday.Schedule
	Updated   time.Time
	UpdatedBy string
}

// Calendar is the working-day calendar the store counts deadlines with
// (Options.Calendar).
func (s *Store) Calendar() *workday.Calendar { return s.cal }

// HolidaySchedules returns the stored schedules by year. A row that no
// longer validates (edited by hand) is an error naming its year, never
// skipped: a deadline must not be counted on a silently wrong calendar.
func (s *Store) HolidaySchedules(ctx context.Context) ([]HolidaySchedule, error) {
	var out []HolidaySchedule
	err := s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT year, schedule, updated, updated_by FROM holiday_schedules ORDER BY year`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var h HolidaySchedule
			var text string
			if err := rows.Scan(&h.Year, &text, timeScan{&h.Updated}, &h.UpdatedBy); err != nil {
				return err
			}
			scheds, err := workday.ParseSchedules([]byte(text))
			if err != nil {
				return fmt.Errorf("数据库中 %d 年节假日安排无效 (stored holiday schedule invalid): %w", h.Year, err)
			}
			sched, ok := scheds[h.Year]
			if !ok || len(scheds) != 1 {
				return fmt.Errorf("数据库中 %d 年节假日安排的年份不符 (stored holiday schedule names another year)", h.Year)
			}
			h.Schedule = sched
			out = append(out, h)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("store: holiday schedules: %w", err)
	}
	return out, nil
}

// SaveHolidaySchedule validates sched as the schedule of year and stores
// it, adding the year or replacing what was stored, in one transaction
// with its audit entry and the recounted due dates of the open requests
// the year can move (refreshDuesTx). Once committed it is applied to the
// store's calendar; other instances apply it at their next refresh
// (ApplyHolidaySchedules). An invalid schedule, or one without all
// seven statutory holidays, is an error and nothing is written.
func (s *Store) SaveHolidaySchedule(ctx context.Context, year int, sched workday.Schedule, a Actor) error {
	text, err := workday.Marshal(map[int]workday.Schedule{year: sched})
	if err != nil {
		return err
	}
	// A year without all seven holidays would not be read back.
	if err := sched.Complete(year); err != nil {
		return err
	}
	// The open requests' due dates are recounted in the same transaction
	// on a copy of the calendar with the year, so the year and what it
	// changes commit together.
	next := s.cal.Clone()
	if err := next.AddYear(year, sched); err != nil {
		return err
	}
	at := s.now()
	err = s.write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO holiday_schedules (year, schedule, updated, updated_by)
			VALUES ($1, $2, $3, $4)
			ON CONFLICT (year) DO UPDATE SET schedule = excluded.schedule, updated = excluded.updated, updated_by = excluded.updated_by`,
			year, string(text), s.ts(at), a.Username); err != nil {
			return err
		}
		recounted, err := s.refreshDuesTx(ctx, tx, next, recount{year: year, at: at, by: a.Username})
		if err != nil {
			return err
		}
		detail := fmt.Sprintf("%d 年节假日安排：节假日 %d 天，调休上班 %d 天", year, len(sched.Holidays), len(sched.Workdays))
		if recounted > 0 {
			detail += fmt.Sprintf("；重新计算了 %d 件申请的答复期限", recounted)
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO audit_log (at, user_id, username, action, body_id, target, detail, remote)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
			s.ts(at), a.UserID, a.Username, "calendar.year", 0, "holidays:"+strconv.Itoa(year), detail, a.Remote)
		return err
	})
	if err != nil {
		return fmt.Errorf("store: save holiday schedule %d: %w", year, err)
	}
	return s.cal.AddYear(year, sched)
}

// ApplyHolidaySchedules brings cal up to date with the stored schedules
// and returns the years it changed. Every instance calls it at start and
// then periodically, so a year one instance saved reaches the others
// without a restart; a year cal already has unchanged is left alone, so
// a refresh with nothing new takes no write lock.
func (s *Store) ApplyHolidaySchedules(ctx context.Context, cal *workday.Calendar) ([]int, error) {
	stored, err := s.HolidaySchedules(ctx)
	if err != nil {
		return nil, err
	}
	var changed []int
	for _, h := range stored {
		if cur, ok := cal.Schedule(h.Year); ok && sameSchedule(cur, h.Schedule) {
			continue
		}
		if err := cal.AddYear(h.Year, h.Schedule); err != nil {
			return changed, fmt.Errorf("数据库中 %d 年节假日安排无效：%w", h.Year, err)
		}
		changed = append(changed, h.Year)
	}
	return changed, nil
}

// sameSchedule compares two schedules as sets of dates.
func sameSchedule(a, b workday.Schedule) bool {
	same := func(x, y []workday.Date) bool {
		x, y = slices.Clone(x), slices.Clone(y)
		slices.SortFunc(x, workday.Date.Compare)
		slices.SortFunc(y, workday.Date.Compare)
		return slices.Equal(x, y)
	}
	return same(a.Holidays, b.Holidays) && same(a.Workdays, b.Workdays)
}
