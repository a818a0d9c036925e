package web

import (
	"context"
	"time"

	"github.com/gongkai/gongkai/internal/store"
	"github.com/gongkai/gongkai/internal/workday"
)

// CalendarRefreshEvery bounds how long an instance counts without a
// holiday schedule another instance saved: serve refreshes every
// instance's calendar from the database this often, and /admin/calendar
// tells the sysadmin so.
const CalendarRefreshEvery = time.Minute

// CalendarStore keeps the holiday schedules (节假日安排) sysadmins add
// through the console; part of Store.
type CalendarStore interface {
	HolidaySchedules(ctx context.Context) ([]store.HolidaySchedule, error)
	// SaveHolidaySchedule validates, stores and audits a year in one
	// transaction; nothing is written when it fails.
	SaveHolidaySchedule(ctx context.Context, year int, sched workday.Schedule, a store.Actor) error
	// ApplyHolidaySchedules brings cal up to date with what is stored.
	ApplyHolidaySchedules(ctx context.Context, cal *workday.Calendar) ([]int, error)
}
