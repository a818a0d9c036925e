package web

import "time"

// CalendarRefreshEvery bounds how long an instance counts without a
// holiday schedule another instance saved: serve refreshes every
// instance's calendar from the database this often, and /admin/calendar
// tells the sysadmin so.
const CalendarRefreshEvery = time.Minute
