package store

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"github.com/gongkai/gongkai/internal/request"
	"github.com/gongkai/gongkai/internal/workday"
)

// refreshDuesTx recounts, on cal, the stored due and side due dates of
// the open requests a change to year's schedule can move, and returns
// how many changed. Those are the requests without a due date (their
// count ran into a year without a schedule: the reason a year is added)
// and those due, or with a side deadline, on or after 1 December of the
// year before, the first day a notice may name. Without this the
// dashboards' "due soon" lists would miss them until their next step.
func (s *Store) refreshDuesTx(ctx context.Context, tx *sql.Tx, cal *workday.Calendar, year int) (int, error) {
	from, err := workday.NewDate(year-1, time.December, 1)
	if err != nil {
		return 0, err
	}
	type stored struct {
		id              int64
		due, side, kind string
	}
	// Read every id first: on SQLite the transaction has one connection,
	// so the rows must be closed before the next query.
	var open []stored
	rows, err := tx.QueryContext(ctx, `SELECT id, due, side_due, side_kind FROM requests WHERE state IN ('`+
		strings.Join(openStateNames(), "', '")+`') AND (due = '' OR due >= $1 OR side_due >= $1) ORDER BY id`, from.String())
	if err != nil {
		return 0, err
	}
	for rows.Next() {
		var r stored
		if err := rows.Scan(&r.id, &r.due, &r.side, &r.kind); err != nil {
			rows.Close()
			return 0, err
		}
		open = append(open, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	changed := 0
	for _, r := range open {
		history, err := eventsTx(ctx, tx, r.id)
		if err != nil {
			return 0, err
		}
		evs := make([]request.Event, len(history))
		for i, h := range history {
			evs[i] = h.Event
		}
		clk, err := request.Clock(evs, cal, s.clockSettings())
		if err != nil {
			// Still a year short: the stored dates stay.
			continue
		}
		kind, side := clk.NextSide()
		if dateText(clk.Due) == r.due && dateText(side) == r.side && string(kind) == r.kind {
			continue
		}
		if _, err := tx.ExecContext(ctx, `UPDATE requests SET due = $1, side_due = $2, side_kind = $3 WHERE id = $4`,
			dateText(clk.Due), dateText(side), string(kind), r.id); err != nil {
			return 0, err
		}
		changed++
	}
	return changed, nil
}
