package store

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"

	"github.com/gongkai/gongkai/internal/request"
)

// A province's table 三 for a year counts millions of requests. The
// counters in request_counts (migration 0200) hold the same numbers by
// body, year and month of receipt, year of closing (0 while open),
// applicant type, outcome and whether answered on time, and are kept in
// the transaction that writes the request: the report stays a query
// over the records, and reading it costs thousands of counters instead
// of millions of rows. countKeySQL is the one definition of which
// counter a request belongs to, for keeping the counters and for
// filling them from the requests.

// countKeySQL selects a request's counter from its row in requests, in
// the order of countColumns.
const countKeySQL = `body_id, CAST(substr(received, 1, 4) AS INTEGER), CAST(substr(received, 6, 2) AS INTEGER),
	CASE WHEN closed IS NULL THEN 0 ELSE CAST(substr(closed, 1, 4) AS INTEGER) END, applicant_type,
	CASE WHEN closed IS NULL THEN '' ELSE outcome END,
	CASE WHEN closed IS NOT NULL AND due <> '' AND closed <= due THEN 1 ELSE 0 END`

const countColumns = `body_id, received_year, received_month, closed_year, applicant_type, outcome, on_time`

// countKey is one counter of request_counts.
type countKey struct {
	body                                    int64
	receivedYear, receivedMonth, closedYear int
	applicant, outcome                      string
	onTime                                  int
}

func (k countKey) compare(o countKey) int {
	return cmp.Or(cmp.Compare(k.body, o.body), cmp.Compare(k.receivedYear, o.receivedYear),
		cmp.Compare(k.receivedMonth, o.receivedMonth), cmp.Compare(k.closedYear, o.closedYear),
		cmp.Compare(k.applicant, o.applicant), cmp.Compare(k.outcome, o.outcome), cmp.Compare(k.onTime, o.onTime))
}

// requestCountKey returns the counter request id belongs to now.
func requestCountKey(ctx context.Context, tx *sql.Tx, id int64) (countKey, error) {
	var k countKey
	err := tx.QueryRowContext(ctx, `SELECT `+countKeySQL+` FROM requests WHERE id = $1`, id).Scan(&k.body,
		&k.receivedYear, &k.receivedMonth, &k.closedYear, &k.applicant, &k.outcome, &k.onTime)
	if err != nil {
		return k, fmt.Errorf("counter of request %d: %w", id, err)
	}
	return k, nil
}

// addRequestCount adds delta to counter k. The upsert adds to the row
// in place, so concurrent transactions on PostgreSQL never lose an
// update.
func addRequestCount(ctx context.Context, tx *sql.Tx, k countKey, delta int) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO request_counts (`+countColumns+`, n)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
		ON CONFLICT (body_id, received_year, closed_year, received_month, applicant_type, outcome, on_time)
		DO UPDATE SET n = request_counts.n + excluded.n`,
		k.body, k.receivedYear, k.receivedMonth, k.closedYear, k.applicant, k.outcome, k.onTime, delta)
	return err
}

// countNewRequest counts request id, just inserted.
func countNewRequest(ctx context.Context, tx *sql.Tx, id int64) error {
	k, err := requestCountKey(ctx, tx, id)
	if err != nil {
		return err
	}
	return addRequestCount(ctx, tx, k, 1)
}

// recountRequest runs change, which updates request id, and moves the
// request from its old counter to its new one. The two counters are
// written in key order, so two transactions never wait for each other's
// counters in opposite orders.
func recountRequest(ctx context.Context, tx *sql.Tx, id int64, change func() error) error {
	before, err := requestCountKey(ctx, tx, id)
	if err != nil {
		return err
	}
	if err := change(); err != nil {
		return err
	}
	after, err := requestCountKey(ctx, tx, id)
	if err != nil {
		return err
	}
	switch before.compare(after) {
	case 0:
		return nil
	case -1:
		if err := addRequestCount(ctx, tx, before, -1); err != nil {
			return err
		}
		return addRequestCount(ctx, tx, after, 1)
	default:
		if err := addRequestCount(ctx, tx, after, 1); err != nil {
			return err
		}
		return addRequestCount(ctx, tx, before, -1)
	}
}

// fillRequestCounts sets every counter from the requests: migration
// 0200's Go step, and RebuildRequestCounts.
func fillRequestCounts(ctx context.Context, tx *sql.Tx) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM request_counts`); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO request_counts (`+countColumns+`, n)
		SELECT `+countKeySQL+`, count(*) FROM requests GROUP BY 1, 2, 3, 4, 5, 6, 7`)
	return err
}

// RebuildRequestCounts sets every counter from the requests, for a
// database whose requests were loaded around the store (the
// benchmarks' bulk loads).
func (s *Store) RebuildRequestCounts(ctx context.Context) error {
	if err := s.write(ctx, func(tx *sql.Tx) error { return fillRequestCounts(ctx, tx) }); err != nil {
		return fmt.Errorf("store: rebuild request counts: %w", err)
	}
	return nil
}

// countedRequests reads year's table 三 groups from the counters of the
// bodies scope admits (SQL on rc.body_id, with args, after the prefix
// cte): by body when byBody, else summed under key 0. The filter and
// the CASEs are those of the record query (RequestRecords): received in
// the year, or earlier and closed in it or later or still open; the
// outcome counts only when closed by the year's end.
func countedRequests(ctx context.Context, tx *sql.Tx, cte, scope string, args []any, year int, byBody bool) (RequestGroups, error) {
	out := RequestGroups{Records: map[int64][]request.RequestRecord{}, OnTime: map[int64]int{}}
	first, last, err := yearDates(year)
	if err != nil {
		return out, err
	}
	key := "0"
	if byBody {
		key = "rc.body_id"
	}
	y := fmt.Sprintf("$%d", len(args)+1)
	rows, err := tx.QueryContext(ctx, cte+`SELECT `+key+`, rc.applicant_type,
			CASE WHEN rc.received_year < `+y+` THEN 1 ELSE 0 END,
			CASE WHEN rc.received_year = `+y+` THEN rc.received_month ELSE 0 END,
			CASE WHEN rc.closed_year = 0 OR rc.closed_year > `+y+` THEN '' ELSE rc.outcome END,
			CASE WHEN rc.closed_year <> 0 AND rc.closed_year <= `+y+` AND rc.on_time = 1 THEN 1 ELSE 0 END,
			CAST(sum(rc.n) AS BIGINT)
		FROM request_counts rc
		WHERE `+scope+` AND (rc.received_year = `+y+` OR (rc.received_year < `+y+`
			AND (rc.closed_year = 0 OR rc.closed_year >= `+y+`)))
		GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(rc.n) > 0`, append(args, year)...)
	if err != nil {
		return out, err
	}
	defer rows.Close()
	before, closedOn := first.AddDays(-1), last
	for rows.Next() {
		var bodyID int64
		var carried, month, onTime, n int
		r := request.RequestRecord{Received: first}
		if err := rows.Scan(&bodyID, &r.Applicant, &carried, &month, &r.Outcome, &onTime, &n); err != nil {
			return out, err
		}
		if carried == 1 {
			r.Received = before
		} else if month >= 1 && month <= 12 {
			out.Received[month-1] += n
		}
		if r.Outcome != "" {
			r.Closed = &closedOn
		}
		r.N = n
		out.Records[bodyID] = append(out.Records[bodyID], r)
		if onTime == 1 {
			out.OnTime[bodyID] += n
		}
	}
	return out, rows.Err()
}

// RequestCounts returns what table 三 of the body's year counts, from
// the counters: the same tables as RequestRecords gives, as weighted
// records (request.RequestRecord.N) standing for the requests alike.
func (s *Store) RequestCounts(ctx context.Context, bodyID int64, year int) ([]request.RequestRecord, error) {
	var out RequestGroups
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		out, err = countedRequests(ctx, tx, "", "rc.body_id = $1", []any{bodyID}, year, false)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: request counts of body %d for %d: %w", bodyID, year, err)
	}
	return out.Records[0], nil
}
