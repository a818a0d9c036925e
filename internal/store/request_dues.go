package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	"github.com/gongkai/gongkai/internal/request"
	"github.com/gongkai/gongkai/internal/workday"
)

// legalDues are the dates a request row stores from its clock: the
// answer deadline and the nearest pending side deadline, each only when
// it is the legal date. A date counted provisionally (its year has no
// holiday schedule yet, request.Status.MissingYear) is stored empty, so
// the follow-up lists never treat a guess as a deadline; an empty due on
// an open request is what the "next year's notice" banner counts, and
// what refreshDuesTx recounts when the year is saved.
func legalDues(clk request.Status) (due workday.Date, kind request.SideKind, side workday.Date) {
	if !clk.DueProvisional {
		due = clk.Due
	}
	kind, side = clk.NextSide()
	for _, d := range []request.Deadline{clk.SupplementNotice, clk.Supplement, clk.Consultation, clk.FeePayment} {
		if d.Due == side && d.Provisional {
			return due, request.SideNone, workday.Date{}
		}
	}
	return due, kind, side
}

// RequestsAwaitingCalendar counts the open requests of the given bodies
// (all bodies when nil) whose answer deadline is not stored because it
// runs into a year without a holiday schedule (legalDues): the requests
// the State Council's next notice will decide. Requests awaiting a
// supplement have no running clock (Art. 30) and are not counted.
func (s *Store) RequestsAwaitingCalendar(ctx context.Context, bodyIDs []int64) (int, error) {
	query := `SELECT count(*) FROM requests WHERE due = '' AND state IN ('` +
		strings.Join(openStateNames(), "', '") + `') AND state <> $1`
	args := []any{string(request.StateSupplementPending)}
	if bodyIDs != nil {
		if len(bodyIDs) == 0 {
			return 0, nil
		}
		marks := make([]string, len(bodyIDs))
		for i, id := range bodyIDs {
			args = append(args, id)
			marks[i] = "$" + strconv.Itoa(i+2)
		}
		query += " AND body_id IN (" + strings.Join(marks, ", ") + ")"
	}
	var n int
	err := s.read(ctx, func(tx *sql.Tx) error { return tx.QueryRowContext(ctx, query, args...).Scan(&n) })
	if err != nil {
		return 0, fmt.Errorf("store: requests awaiting the calendar: %w", err)
	}
	return n, nil
}
