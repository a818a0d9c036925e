package store

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"github.com/gongkai/gongkai/internal/request"
	"github.com/gongkai/gongkai/internal/workday"
)

// A province's table 三 for a year counts millions of requests. The
// counters in request_counts (migration 0200) hold the same numbers by
// body, year of receipt, year of closing (0 while open), applicant type
// and outcome — how many, how many answered on time, and how many were
// received in each month — and are kept in the transaction that writes
// the request: the report stays a query over the records, and reading a
// province's year costs counters instead of millions of rows.
// countSQL is the one definition of where a request counts, for keeping
// the counters and for filling them from the requests.

// countSQL selects, from a request's row in requests, its counter's key
// (countKeyColumns), whether it was answered on time, and its month of
// receipt.
const countSQL = `body_id AS b, CAST(substr(received, 1, 4) AS INTEGER) AS ry,
	CASE WHEN closed IS NULL THEN 0 ELSE CAST(substr(closed, 1, 4) AS INTEGER) END AS cy, applicant_type AS a,
	CASE WHEN closed IS NULL THEN '' ELSE outcome END AS o,
	CASE WHEN closed IS NOT NULL AND due <> '' AND closed <= due THEN 1 ELSE 0 END AS t,
	CAST(substr(received, 6, 2) AS INTEGER) AS m`

const countKeyColumns = `body_id, received_year, closed_year, applicant_type, outcome`

// monthColumns are the counters' columns of the months of receipt.
var monthColumns = func() []string {
	out := make([]string, 12)
	for i := range out {
		out[i] = fmt.Sprintf("m%02d", i+1)
	}
	return out
}()

// requestCount is where one request counts.
type requestCount struct {
	body                     int64
	receivedYear, closedYear int
	applicant, outcome       string
	onTime, month            int
}

func (k requestCount) compare(o requestCount) int {
	return cmp.Or(cmp.Compare(k.body, o.body), cmp.Compare(k.receivedYear, o.receivedYear),
		cmp.Compare(k.closedYear, o.closedYear), cmp.Compare(k.applicant, o.applicant),
		cmp.Compare(k.outcome, o.outcome), cmp.Compare(k.onTime, o.onTime), cmp.Compare(k.month, o.month))
}

// requestCountOf returns where request id counts now.
func requestCountOf(ctx context.Context, tx *sql.Tx, id int64) (requestCount, error) {
	var k requestCount
	err := tx.QueryRowContext(ctx, `SELECT `+countSQL+` FROM requests WHERE id = $1`, id).Scan(&k.body,
		&k.receivedYear, &k.closedYear, &k.applicant, &k.outcome, &k.onTime, &k.month)
	if err != nil {
		return k, fmt.Errorf("counter of request %d: %w", id, err)
	}
	if k.month < 1 || k.month > 12 {
		return k, fmt.Errorf("counter of request %d: month of receipt %d", id, k.month)
	}
	return k, nil
}

// upsertCount adds a counter row, or adds to the one with its key. The
// upsert adds in place, so concurrent transactions on PostgreSQL never
// lose an update.
var upsertCount = func() string {
	cols := countKeyColumns + `, n, on_time, ` + strings.Join(monthColumns, ", ")
	marks := make([]string, 7+len(monthColumns))
	sets := []string{"n = request_counts.n + excluded.n", "on_time = request_counts.on_time + excluded.on_time"}
	for i := range marks {
		marks[i] = fmt.Sprintf("$%d", i+1)
	}
	for _, m := range monthColumns {
		sets = append(sets, m+" = request_counts."+m+" + excluded."+m)
	}
	return `INSERT INTO request_counts (` + cols + `) VALUES (` + strings.Join(marks, ", ") + `)
		ON CONFLICT (` + countKeyColumns + `) DO UPDATE SET ` + strings.Join(sets, ", ")
}()

// addRequestCount adds delta requests counting at k.
func addRequestCount(ctx context.Context, tx *sql.Tx, k requestCount, delta int) error {
	args := []any{k.body, k.receivedYear, k.closedYear, k.applicant, k.outcome, delta, delta * k.onTime}
	for m := 1; m <= 12; m++ {
		args = append(args, delta*boolInt(m == k.month))
	}
	_, err := tx.ExecContext(ctx, upsertCount, args...)
	return err
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// yearDelta is a change to a body's requests received (in all and by
// month) and closed in a year: request_year_counts, sums of the
// counters for the trend and the months of receipt.
type yearDelta struct {
	year, received, closed int
	months                 [12]int
}

// yearDeltas are the changes to request_year_counts of delta requests
// counting at k.
func yearDeltas(k requestCount, delta int) []yearDelta {
	r := yearDelta{year: k.receivedYear, received: delta}
	r.months[k.month-1] = delta
	out := []yearDelta{r}
	if k.closedYear != 0 {
		out = append(out, yearDelta{year: k.closedYear, closed: delta})
	}
	return out
}

// upsertYearCount adds to a body's year, or creates it.
var upsertYearCount = func() string {
	cols := `body_id, year, received, closed, ` + strings.Join(monthColumns, ", ")
	marks := make([]string, 4+len(monthColumns))
	sets := []string{"received = request_year_counts.received + excluded.received",
		"closed = request_year_counts.closed + excluded.closed"}
	for i := range marks {
		marks[i] = fmt.Sprintf("$%d", i+1)
	}
	for _, m := range monthColumns {
		sets = append(sets, m+" = request_year_counts."+m+" + excluded."+m)
	}
	return `INSERT INTO request_year_counts (` + cols + `) VALUES (` + strings.Join(marks, ", ") + `)
		ON CONFLICT (body_id, year) DO UPDATE SET ` + strings.Join(sets, ", ")
}()

// addYearCounts applies body's year changes, in ascending year so two
// transactions never wait for each other's rows in opposite orders.
func addYearCounts(ctx context.Context, tx *sql.Tx, body int64, ds []yearDelta) error {
	sum := map[int]yearDelta{}
	for _, d := range ds {
		t := sum[d.year]
		t.year, t.received, t.closed = d.year, t.received+d.received, t.closed+d.closed
		for i, m := range d.months {
			t.months[i] += m
		}
		sum[d.year] = t
	}
	years := make([]int, 0, len(sum))
	for y, d := range sum {
		if d != (yearDelta{year: y}) {
			years = append(years, y)
		}
	}
	slices.Sort(years)
	for _, y := range years {
		d := sum[y]
		args := []any{body, y, d.received, d.closed}
		for _, m := range d.months {
			args = append(args, m)
		}
		if _, err := tx.ExecContext(ctx, upsertYearCount, args...); err != nil {
			return err
		}
	}
	return nil
}

// countNewRequest counts request id, just inserted.
func countNewRequest(ctx context.Context, tx *sql.Tx, id int64) error {
	k, err := requestCountOf(ctx, tx, id)
	if err != nil {
		return err
	}
	if err := addRequestCount(ctx, tx, k, 1); err != nil {
		return err
	}
	return addYearCounts(ctx, tx, k.body, yearDeltas(k, 1))
}

// recountRequest runs change, which updates request id, and moves the
// request from where it counted to where it counts now. The two
// counters are written in key order, so two transactions never wait
// for each other's counters in opposite orders.
func recountRequest(ctx context.Context, tx *sql.Tx, id int64, change func() error) error {
	before, err := requestCountOf(ctx, tx, id)
	if err != nil {
		return err
	}
	if err := change(); err != nil {
		return err
	}
	after, err := requestCountOf(ctx, tx, id)
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
		if err := addRequestCount(ctx, tx, after, 1); err != nil {
			return err
		}
	default:
		if err := addRequestCount(ctx, tx, after, 1); err != nil {
			return err
		}
		if err := addRequestCount(ctx, tx, before, -1); err != nil {
			return err
		}
	}
	if before.body == after.body {
		return addYearCounts(ctx, tx, after.body, append(yearDeltas(before, -1), yearDeltas(after, 1)...))
	}
	// Bodies in order too, as the counters.
	first, second := before, after
	firstDelta := -1
	if after.body < before.body {
		first, second, firstDelta = after, before, 1
	}
	if err := addYearCounts(ctx, tx, first.body, yearDeltas(first, firstDelta)); err != nil {
		return err
	}
	return addYearCounts(ctx, tx, second.body, yearDeltas(second, -firstDelta))
}

// fillRequestCounts sets every counter from the requests and gives the
// planner their statistics: migration 0200's Go step, and
// RebuildRequestCounts. The rows go in in key order, so a body's
// counters share a few pages instead of one page each (a hashed GROUP
// BY scatters them): half the time of a body-year's query on PostgreSQL
// when the table is larger than the buffer cache (bench/requests).
func fillRequestCounts(ctx context.Context, tx *sql.Tx) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM request_counts`); err != nil {
		return err
	}
	sums := make([]string, len(monthColumns))
	for i := range monthColumns {
		sums[i] = fmt.Sprintf("sum(CASE WHEN m = %d THEN 1 ELSE 0 END)", i+1)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO request_counts (`+countKeyColumns+`, n, on_time, `+strings.Join(monthColumns, ", ")+`)
		SELECT b, ry, cy, a, o, count(*), sum(t), `+strings.Join(sums, ", ")+`
		FROM (SELECT `+countSQL+` FROM requests) r
		GROUP BY b, ry, cy, a, o
		ORDER BY b, ry, cy, a, o`); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `ANALYZE request_counts`)
	return err
}

// fillYearCounts sets request_year_counts from the counters, as
// migration 0260 fills them.
func fillYearCounts(ctx context.Context, tx *sql.Tx) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM request_year_counts`); err != nil {
		return err
	}
	months := strings.Join(monthColumns, ", ")
	sums := make([]string, len(monthColumns))
	zeros := make([]string, len(monthColumns))
	for i, m := range monthColumns {
		sums[i], zeros[i] = "sum("+m+")", "0"
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO request_year_counts (body_id, year, received, closed, `+months+`)
		SELECT body_id, y, sum(r), sum(c), `+strings.Join(sums, ", ")+` FROM (
			SELECT body_id, received_year AS y, n AS r, 0 AS c, `+months+` FROM request_counts
			UNION ALL
			SELECT body_id, closed_year, 0, n, `+strings.Join(zeros, ", ")+` FROM request_counts WHERE closed_year <> 0) t
		GROUP BY body_id, y`); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `ANALYZE request_year_counts`)
	return err
}

// RebuildRequestCounts sets every counter and their yearly sums from
// the requests, for a database whose requests were loaded around the
// store (the benchmarks' bulk loads).
func (s *Store) RebuildRequestCounts(ctx context.Context) error {
	if err := s.write(ctx, func(tx *sql.Tx) error {
		if err := fillRequestCounts(ctx, tx); err != nil {
			return err
		}
		return fillYearCounts(ctx, tx)
	}); err != nil {
		return fmt.Errorf("store: rebuild request counts: %w", err)
	}
	return nil
}

// requestGroupsSQL selects year's table 三 groups from the counters of
// the bodies scope admits (SQL on rc.body_id; y is the year's
// parameter) in one statement: key (SQL: rc.body_id, or a constant),
// applicant type, carried in (1) or received in the year (0), outcome,
// and how many. The filter and the CASEs are those of the record query
// (RequestRecords): received in the year, or earlier and closed in it
// or later or still open; the outcome counts only when closed by the
// year's end. (A subtree's sums read three index ranges instead,
// countedRequests.)
func requestGroupsSQL(key, scope, y string) string {
	return `SELECT ` + key + `, rc.applicant_type,
			CASE WHEN rc.received_year < ` + y + ` THEN 1 ELSE 0 END,
			CASE WHEN rc.closed_year = 0 OR rc.closed_year > ` + y + ` THEN '' ELSE rc.outcome END,
			CAST(sum(rc.n) AS BIGINT)
		FROM request_counts rc
		WHERE ` + scope + ` AND (rc.received_year = ` + y + ` OR (rc.received_year < ` + y + `
			AND (rc.closed_year = 0 OR rc.closed_year >= ` + y + `)))
		GROUP BY 1, 2, 3, 4 HAVING sum(rc.n) > 0`
}

// groupRecord is the record that stands for n requests of a group of
// year (first to last day): received on 1 January, or on 31 December of
// the year before when carried in; closed on 31 December when it has an
// outcome, else open.
func groupRecord(first, last workday.Date, applicant string, carried int, outcome string, n int) request.RequestRecord {
	r := request.RequestRecord{Received: first, Applicant: applicant, Outcome: outcome, N: n}
	if carried == 1 {
		r.Received = first.AddDays(-1)
	}
	if outcome != "" {
		r.Closed = &last
	}
	return r
}

// countedRequests reads year's table 三 groups from the counters of the
// bodies scope admits (SQL on rc.body_id, with args, after the prefix
// cte): by body when byBody, else summed under key 0. What counts is
// what the record query (RequestRecords) counts: received in the year,
// or earlier and closed in it or later or still open; the outcome only
// when closed by the year's end.
func countedRequests(ctx context.Context, tx *sql.Tx, cte, scope string, args []any, year int, byBody bool, yearHint string) (RequestGroups, error) {
	out := RequestGroups{Records: map[int64][]request.RequestRecord{}, OnTime: map[int64]int{}}
	first, last, err := yearDates(year)
	if err != nil {
		return out, err
	}
	key, groups := "0", "rc.closed_year, rc.applicant_type, rc.outcome"
	if byBody {
		key, groups = "rc.body_id", "rc.body_id, "+groups
	}
	y := fmt.Sprintf("$%d", len(args)+1)
	// Three disjoint index ranges per body, grouped on the counters' own
	// columns (what a CASE would decide is decided below, on a few rows):
	// the year's counters (the primary key), and those it carries in,
	// received earlier and still open or closed in it or later
	// (request_counts_carried holds only counters closed in a later year
	// than received, or open, and the predicate repeats its condition).
	// Summed over many bodies, the year's counters are read in the order
	// of request_counts_year (yearHint names it to SQLite), which is the
	// order of the groups: no sort of 150,000 counters.
	ranges := []struct {
		from, cond string
		carried    bool
	}{
		{"request_counts rc" + yearHint, "rc.received_year = " + y, false},
		{"request_counts rc", "rc.closed_year = 0 AND rc.closed_year <> rc.received_year AND rc.received_year < " + y, true},
		{"request_counts rc", "rc.closed_year >= " + y + " AND rc.closed_year <> rc.received_year AND rc.received_year < " + y, true},
	}
	for _, rg := range ranges {
		err := eachRow(ctx, tx, cte+`SELECT `+key+`, rc.closed_year, rc.applicant_type, rc.outcome,
				CAST(sum(rc.n) AS BIGINT), CAST(sum(rc.on_time) AS BIGINT)
			FROM `+rg.from+` WHERE `+scope+` AND `+rg.cond+`
			GROUP BY `+groups, append(args, year), func(rows *sql.Rows) error {
			var bodyID int64
			var applicant, outcome string
			var closedYear, n, onTime int
			if err := rows.Scan(&bodyID, &closedYear, &applicant, &outcome, &n, &onTime); err != nil {
				return err
			}
			if n == 0 {
				return nil // counters emptied by changes
			}
			// The outcome counts only when closed by the year's end.
			if closedYear == 0 || closedYear > year {
				outcome = ""
			} else {
				out.OnTime[bodyID] += onTime
			}
			carried := 0
			if rg.carried {
				carried = 1
			}
			out.Records[bodyID] = append(out.Records[bodyID], groupRecord(first, last, applicant, carried, outcome, n))
			return nil
		})
		if err != nil {
			return out, err
		}
	}
	return out, nil
}

// RequestCounts returns what table 三 of the body's year counts, from
// the counters: the same tables as RequestRecords gives, as weighted
// records (request.RequestRecord.N) standing for the requests alike.
func (s *Store) RequestCounts(ctx context.Context, bodyID int64, year int) ([]request.RequestRecord, error) {
	var out RequestGroups
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		out, err = countedRequests(ctx, tx, "", "rc.body_id = $1", []any{bodyID}, year, false, "")
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: request counts of body %d for %d: %w", bodyID, year, err)
	}
	return out.Records[0], nil
}
