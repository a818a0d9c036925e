package web

import (
	"context"
	"time"

	"github.com/gongkai/gongkai/internal/auth"
)

// calendarBanner warns the 系统管理员 and the handlers, from 1 November
// while next year's holiday schedule is missing, how many open requests
// have only a provisional answer deadline (the State Council publishes
// the notice in November or December).
type calendarBanner struct {
	Year     int  // the year without a schedule
	Affected int  // open requests whose deadline waits for it
	Admin    bool // the reader may add the year (/admin/calendar)
}

// calendarBannerFor is the banner for p today, or nil: before November,
// once next year is known, or for a role that neither adds years nor
// handles requests.
func (s *server) calendarBannerFor(ctx context.Context, p principal) (*calendarBanner, error) {
	today := s.today()
	next := today.Year() + 1
	if today.Month() < time.November {
		return nil, nil
	}
	if _, ok := s.cal.Schedule(next); ok {
		return nil, nil
	}
	b := &calendarBanner{Year: next, Admin: p.isSysAdmin()}
	var ids []int64
	if !b.Admin {
		bodies, err := s.scopedBodies(ctx, p, auth.PermRequestHandle)
		if err != nil {
			return nil, err
		}
		if len(bodies) == 0 {
			return nil, nil
		}
		ids = make([]int64, 0, len(bodies))
		for _, body := range bodies {
			ids = append(ids, body.ID)
		}
	}
	n, err := s.store.RequestsAwaitingCalendar(ctx, ids)
	if err != nil {
		return nil, err
	}
	b.Affected = n
	return b, nil
}
