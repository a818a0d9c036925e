package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/gongkai/gongkai/internal/disclosure"
	"github.com/gongkai/gongkai/internal/request"
	"github.com/gongkai/gongkai/internal/workday"
)

// The console home (工作台) lists each person's work across every body
// they hold a role in. Each list is one query over a set of bodies, so
// the page costs the same for one township as for a county's fifty.

// bodyIn is "column IN ($n, …)" over ids, numbering placeholders after
// the args already given; ids must not be empty.
func bodyIn(column string, ids []int64, args []any) (string, []any) {
	ph := make([]string, len(ids))
	for i, id := range ids {
		args = append(args, id)
		ph[i] = fmt.Sprintf("$%d", len(args))
	}
	return column + " IN (" + strings.Join(ph, ", ") + ")", args
}

func openStateList() string {
	return "('" + strings.Join(openStateNames(), "', '") + "')"
}

// PressingRequests lists the open requests of the bodies whose stored
// answer deadline or side deadline (补正通知, 补正, 征求意见答复, 缴费)
// falls on or before dueBy, most pressing first, and those whose latest
// event is a supplement the applicant sent online (补正材料, not yet
// followed by any step of staff). The stored dates are as of the last
// event; a running pause only moves the answer deadline later, so the
// caller re-runs the clock on these and drops what is not yet pressing.
func (s *Store) PressingRequests(ctx context.Context, bodyIDs []int64, dueBy workday.Date, limit int) ([]request.Request, error) {
	if len(bodyIDs) == 0 {
		return nil, nil
	}
	args := []any{dateText(dueBy), string(request.KindSupplementReceived)}
	in, args := bodyIn("body_id", bodyIDs, args)
	q := "SELECT " + requestColumns + " FROM requests WHERE " + in +
		" AND state IN " + openStateList() + ` AND ((due <> '' AND due <= $1) OR (side_due <> '' AND side_due <= $1)
		OR EXISTS (SELECT 1 FROM request_events e WHERE e.request_id = requests.id AND e.kind = $2 AND e.user_id = 0
			AND e.id = (SELECT max(x.id) FROM request_events x WHERE x.request_id = requests.id)))
		ORDER BY CASE WHEN side_due <> '' AND (due = '' OR side_due < due) THEN side_due ELSE due END, id` +
		fmt.Sprintf(" LIMIT %d", limit)
	var out []request.Request
	err := s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, q, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			r, err := scanRequest(rows)
			if err != nil {
				return err
			}
			out = append(out, r)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("store: pressing requests of %d bodies: %w", len(bodyIDs), err)
	}
	return out, nil
}

// EventsOfRequests returns the histories of the requests, each in the
// order it happened, in one query.
func (s *Store) EventsOfRequests(ctx context.Context, ids []int64) (map[int64][]request.EventRecord, error) {
	out := make(map[int64][]request.EventRecord, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	in, args := bodyIn("request_id", ids, nil)
	err := s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id, request_id, kind, payload, user_id, why, details, created
			FROM request_events WHERE `+in+` ORDER BY request_id, id`, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var e request.EventRecord
			var kind, payload string
			if err := rows.Scan(&e.ID, &e.RequestID, &kind, &payload, &e.UserID, &e.Why, &e.Details, timeScan{&e.Created}); err != nil {
				return err
			}
			if e.Event, err = decodeEvent(request.EventKind(kind), payload); err != nil {
				return err
			}
			out[e.RequestID] = append(out[e.RequestID], e)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("store: events of %d requests: %w", len(ids), err)
	}
	return out, nil
}

// WorkDocument is a document on someone's list of work: waiting for
// review (送审), or returned to its editor with the reviewer's reason.
type WorkDocument struct {
	ID           int64
	BodyID       int64
	Title        string
	ColumnName   string
	State        disclosure.State
	Updated      time.Time
	ReturnReason string
}

// DocumentsAwaiting lists the documents of the bodies in a state, oldest
// change first. For disclosure.StateDraft only the returned ones (with a
// reason from the reviewer) are listed: a draft nobody returned is its
// editor's ordinary work in progress, not something waiting.
func (s *Store) DocumentsAwaiting(ctx context.Context, bodyIDs []int64, state disclosure.State, limit int) ([]WorkDocument, error) {
	if len(bodyIDs) == 0 {
		return nil, nil
	}
	in, args := bodyIn("d.body_id", bodyIDs, []any{string(state)})
	where := in + " AND d.state = $1"
	if state == disclosure.StateDraft {
		where += " AND d.return_reason <> ''"
	}
	var out []WorkDocument
	err := s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT d.id, d.body_id, d.title, c.name, d.state, COALESCE(d.updated, d.created), d.return_reason
			FROM documents d JOIN site_columns c ON c.id = d.column_id WHERE `+where+
			fmt.Sprintf(" ORDER BY COALESCE(d.updated, d.created), d.id LIMIT %d", limit), args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var d WorkDocument
			if err := rows.Scan(&d.ID, &d.BodyID, &d.Title, &d.ColumnName, &d.State, timeScan{&d.Updated}, &d.ReturnReason); err != nil {
				return err
			}
			out = append(out, d)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("store: %s documents of %d bodies: %w", state, len(bodyIDs), err)
	}
	return out, nil
}

// RequestTrendRow is what the console's charts need of one request.
type RequestTrendRow struct {
	Received workday.Date
	Closed   workday.Date // zero while open
	Due      workday.Date // the answer deadline as of the last event
	Outcome  string       // table 三 row id once closed
}

// RequestTrend returns the requests of the bodies received on or after
// from, or closed on or after it, in one query.
func (s *Store) RequestTrend(ctx context.Context, bodyIDs []int64, from workday.Date) ([]RequestTrendRow, error) {
	if len(bodyIDs) == 0 {
		return nil, nil
	}
	in, args := bodyIn("body_id", bodyIDs, []any{dateText(from)})
	var out []RequestTrendRow
	err := s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT received, closed, due, outcome FROM requests
			WHERE `+in+` AND (received >= $1 OR closed >= $1)`, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var r RequestTrendRow
			if err := rows.Scan(dateScan{&r.Received}, dateScan{&r.Closed}, dateScan{&r.Due}, &r.Outcome); err != nil {
				return err
			}
			out = append(out, r)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("store: request trend of %d bodies: %w", len(bodyIDs), err)
	}
	return out, nil
}

// ColumnsOfBodies returns the columns of the bodies, each body's in the
// order Columns gives, and each column's published-document figures:
// what the website checks of a whole subtree need, in two queries.
func (s *Store) ColumnsOfBodies(ctx context.Context, bodyIDs []int64) (map[int64][]disclosure.Column, map[int64]ColumnStat, error) {
	cols := map[int64][]disclosure.Column{}
	stats := map[int64]ColumnStat{}
	if len(bodyIDs) == 0 {
		return cols, stats, nil
	}
	in, args := bodyIn("body_id", bodyIDs, nil)
	err := s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, "SELECT "+columnColumns+" FROM site_columns WHERE "+in+
			" ORDER BY body_id, parent_id IS NOT NULL, parent_id, position, id", args...)
		if err != nil {
			return err
		}
		for rows.Next() {
			c, err := scanColumn(rows)
			if err != nil {
				rows.Close()
				return err
			}
			cols[c.BodyID] = append(cols[c.BodyID], c)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		return columnStatsTx(ctx, tx, in, args, stats)
	})
	if err != nil {
		return nil, nil, fmt.Errorf("store: columns of %d bodies: %w", len(bodyIDs), err)
	}
	return cols, stats, nil
}

// WorkCounts are the documents waiting on someone, counted for the
// console navigation in one query.
type WorkCounts struct {
	ToReview int // documents 送审, waiting for the reviewer
	Returned int // drafts returned to their editor
}

// CountWork counts, in one query, the documents awaiting review in
// reviewIDs and the returned drafts in editIDs (either may be empty).
func (s *Store) CountWork(ctx context.Context, reviewIDs, editIDs []int64) (WorkCounts, error) {
	var out WorkCounts
	var args []any
	part := func(ids []int64, where string) string {
		if len(ids) == 0 {
			return "0"
		}
		var in string
		in, args = bodyIn("body_id", ids, args)
		return "(SELECT count(*) FROM documents WHERE " + in + " AND " + where + ")"
	}
	q := "SELECT " + part(reviewIDs, "state = 'submitted'") + ", " + part(editIDs, "state = 'draft' AND return_reason <> ''")
	err := s.read(ctx, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, q, args...).Scan(&out.ToReview, &out.Returned)
	})
	if err != nil {
		return out, fmt.Errorf("store: work counts: %w", err)
	}
	return out, nil
}
