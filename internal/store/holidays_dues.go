package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
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
// Each request whose answer deadline changed gets a row in
// request_recounts, which its history shows.
func (s *Store) refreshDuesTx(ctx context.Context, tx *sql.Tx, cal *workday.Calendar, rec recount) (int, error) {
	from, err := workday.NewDate(rec.year-1, time.December, 1)
	if err != nil {
		return 0, err
	}
	return s.recountDuesTx(ctx, tx, cal, &rec, `AND (due = '' OR due >= $1 OR side_due >= $1)`, from.String())
}

// recount is why deadlines are counted again: a year's schedule saved
// by a sysadmin.
type recount struct {
	year int
	at   time.Time
	by   string
}

// sideDuesCountedKey marks (in meta) that the open requests' side
// deadlines have been counted once for all.
const sideDuesCountedKey = "requests.side_dues_counted"

// CountSideDues counts, once for the life of the database, the due and
// side dates of every open request on the store's calendar, and returns
// how many changed. Requests filed before the side deadline was stored
// (migration 0080) have none until their next step, so the dashboards'
// follow-up lists would miss them. serve calls it at start, once the
// calendar holds every schedule; later calls find the mark and return.
// Two instances starting together may both count: the result is the
// same, and the mark is written once.
func (s *Store) CountSideDues(ctx context.Context) (int, error) {
	// Every start but the first finds the mark: read it without taking
	// the write lock.
	if _, err := s.Meta(ctx, sideDuesCountedKey); err == nil {
		return 0, nil
	} else if !errors.Is(err, ErrNotFound) {
		return 0, fmt.Errorf("store: count side deadlines: %w", err)
	}
	var changed int
	err := s.write(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM meta WHERE key = $1", sideDuesCountedKey).Scan(&n); err != nil || n > 0 {
			return err
		}
		var err error
		if changed, err = s.recountDuesTx(ctx, tx, s.cal, nil, ""); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, "INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING",
			sideDuesCountedKey, s.now().UTC().Format(time.RFC3339))
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("store: count side deadlines: %w", err)
	}
	return changed, nil
}

// recountDuesTx recounts the stored dates of the open requests that
// also meet cond (SQL appended to the WHERE clause, with args). With rec,
// a changed answer deadline is recorded in request_recounts.
func (s *Store) recountDuesTx(ctx context.Context, tx *sql.Tx, cal *workday.Calendar, rec *recount, cond string, args ...any) (int, error) {
	type stored struct {
		id              int64
		due, side, kind string
	}
	// Read every id first: on SQLite the transaction has one connection,
	// so the rows must be closed before the next query.
	var open []stored
	rows, err := tx.QueryContext(ctx, `SELECT id, due, side_due, side_kind FROM requests WHERE state IN ('`+
		strings.Join(openStateNames(), "', '")+`') `+cond+` ORDER BY id`, args...)
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
		due, kind, side := legalDues(clk)
		if dateText(due) == r.due && dateText(side) == r.side && string(kind) == r.kind {
			continue
		}
		// On time counts closed requests only, so an open request keeps
		// its counter; recountRequest keeps that true by construction.
		if err := recountRequest(ctx, tx, r.id, func() error {
			_, err := tx.ExecContext(ctx, `UPDATE requests SET due = $1, side_due = $2, side_kind = $3 WHERE id = $4`,
				dateText(due), dateText(side), string(kind), r.id)
			return err
		}); err != nil {
			return 0, err
		}
		if rec != nil && dateText(due) != r.due {
			if _, err := tx.ExecContext(ctx, `INSERT INTO request_recounts (request_id, at, year, old_due, new_due, username)
				VALUES ($1, $2, $3, $4, $5, $6)`, r.id, s.ts(rec.at), rec.year, r.due, dateText(due), rec.by); err != nil {
				return 0, err
			}
		}
		changed++
	}
	return changed, nil
}

// RequestRecount is one recount of a request's answer deadline after a
// year's holiday schedule was saved: part of its history.
type RequestRecount struct {
	At     time.Time
	Year   int          // the notice year that was saved
	OldDue workday.Date // zero: there was no legal deadline yet
	NewDue workday.Date // zero: none (still a year short)
	By     string       // the sysadmin who saved the year
}

// RequestRecounts returns the request's recounts, oldest first.
func (s *Store) RequestRecounts(ctx context.Context, requestID int64) ([]RequestRecount, error) {
	var out []RequestRecount
	err := s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT at, year, old_due, new_due, username FROM request_recounts
			WHERE request_id = $1 ORDER BY id`, requestID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var r RequestRecount
			if err := rows.Scan(timeScan{&r.At}, &r.Year, dateScan{&r.OldDue}, dateScan{&r.NewDue}, &r.By); err != nil {
				return err
			}
			out = append(out, r)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("store: recounts of request %d: %w", requestID, err)
	}
	return out, nil
}
