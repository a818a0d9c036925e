package main

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/gongkai/gongkai/internal/annualreport"
	"github.com/gongkai/gongkai/internal/request"
	"github.com/gongkai/gongkai/internal/store"
)

// created is the same instant for every generated row: nothing reads it.
const created = "2026-11-01T00:00:00Z"

// Rows per transaction: big enough that commits do not dominate.
const rowsPerTx = 50_000

// generate writes the bodies, the requests and the cases through the
// writer pool in multi-row INSERTs, and returns the number of cases.
func generate(ctx context.Context, st *store.Store, cfg config) (int, error) {
	db := st.WriterDB()
	if !st.IsPostgres() {
		// The writer is one connection, so the pragma holds for the load:
		// the indexes take keys in random body order, and a cache that
		// holds them spares most page reads.
		if _, err := db.ExecContext(ctx, fmt.Sprintf("PRAGMA cache_size = -%d", cfg.cacheMB*1024)); err != nil {
			return 0, err
		}
	}
	// modernc SQLite binds $N placeholders by name, which grows with the
	// square of their number in one statement; ? binds by position.
	newInserter := func(db *sql.DB, table string, cols []string, batch int) *inserter {
		return newInserterFor(db, table, cols, batch, st.IsPostgres())
	}
	bodies := newInserter(db, "bodies", []string{"id", "name", "kind", "slug", "created"}, cfg.batch)
	for i := 1; i <= cfg.bodies; i++ {
		if err := bodies.add(ctx, i, fmt.Sprintf("第%d号镇人民政府", i), "township", fmt.Sprintf("bench-%d", i), created); err != nil {
			return 0, err
		}
	}
	if err := bodies.close(ctx); err != nil {
		return 0, err
	}

	// Building the statistics indexes once at the end sorts the keys;
	// keeping them during the load inserts them one by one at random.
	indexes, err := dropIndexes(ctx, db, st.IsPostgres())
	if err != nil {
		return 0, err
	}
	g := newGenerator(cfg)
	requests := newInserter(db, "requests", []string{"id", "body_id", "code", "secret_hash", "applicant_type",
		"applicant_name", "sought", "channel", "received", "state", "outcome", "closed", "due", "created"}, cfg.batch)
	cases := newInserter(db, "request_cases", []string{"id", "request_id", "body_id", "kind", "filed", "decided",
		"result", "created"}, cfg.batch)
	var pending []caseRow
	for id := 1; id <= cfg.n; id++ {
		r := g.request()
		if err := requests.add(ctx, id, r.body, fmt.Sprintf("B%011d", id), "bench", r.applicant, "申请人",
			"政府信息", "online", r.received, r.state, r.outcome, r.closed, r.due, created); err != nil {
			return 0, err
		}
		if c, ok := g.caseOf(r); ok {
			c.request = id
			pending = append(pending, c)
		}
		if id%1_000_000 == 0 {
			fmt.Printf("  %d requests written\n", id)
		}
	}
	if err := requests.close(ctx); err != nil {
		return 0, err
	}
	start := time.Now()
	for _, ddl := range indexes {
		if _, err := db.ExecContext(ctx, ddl); err != nil {
			return 0, fmt.Errorf("%s: %w", ddl, err)
		}
	}
	fmt.Printf("  %d indexes of requests rebuilt in %v\n", len(indexes), time.Since(start).Round(time.Millisecond))
	for i, c := range pending {
		if err := cases.add(ctx, i+1, c.request, c.body, c.kind, c.filed, c.decided, c.result, created); err != nil {
			return 0, err
		}
	}
	if err := cases.close(ctx); err != nil {
		return 0, err
	}
	// Fresh statistics for the planner, as PRAGMA optimize at close or
	// autovacuum would give a database that grew over years. On
	// PostgreSQL, VACUUM also sets the visibility map that autovacuum
	// keeps in a database that grew over years: without it every
	// index-only scan visits the table's pages.
	analyze := "ANALYZE"
	if st.IsPostgres() {
		analyze = "VACUUM (ANALYZE)"
	}
	if _, err := db.ExecContext(ctx, analyze); err != nil {
		return 0, err
	}
	return len(pending), nil
}

// dropIndexes drops the secondary indexes of requests that the
// migrations made (not the primary key or the unique code) and returns
// the statements that create them again, exactly as they were.
func dropIndexes(ctx context.Context, db *sql.DB, postgres bool) ([]string, error) {
	q := `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'requests' AND sql IS NOT NULL`
	if postgres {
		q = `SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'requests'
			AND indexdef NOT LIKE 'CREATE UNIQUE%'`
	}
	rows, err := db.QueryContext(ctx, q)
	if err != nil {
		return nil, err
	}
	var names, ddl []string
	for rows.Next() {
		var name, def string
		if err := rows.Scan(&name, &def); err != nil {
			rows.Close()
			return nil, err
		}
		names, ddl = append(names, name), append(ddl, def)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, name := range names {
		// Names come from the catalogue, not from input.
		if _, err := db.ExecContext(ctx, "DROP INDEX "+name); err != nil {
			return nil, err
		}
	}
	return ddl, nil
}

// inserter batches rows into multi-row INSERT statements and the
// statements into transactions of rowsPerTx rows.
type inserter struct {
	db      *sql.DB
	table   string
	cols    []string
	batch   int
	args    []any
	tx      *sql.Tx
	inTx    int
	fullSQL string
	dollar  bool // $N placeholders (PostgreSQL), else ?
}

func newInserterFor(db *sql.DB, table string, cols []string, batch int, dollar bool) *inserter {
	in := &inserter{db: db, table: table, cols: cols, batch: batch, dollar: dollar}
	in.fullSQL = in.sql(batch)
	return in
}

func (in *inserter) sql(rows int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "INSERT INTO %s (%s) VALUES ", in.table, strings.Join(in.cols, ", "))
	p := 1
	for r := range rows {
		if r > 0 {
			b.WriteString(", ")
		}
		b.WriteByte('(')
		for c := range in.cols {
			if c > 0 {
				b.WriteString(", ")
			}
			if in.dollar {
				fmt.Fprintf(&b, "$%d", p)
			} else {
				b.WriteByte('?')
			}
			p++
		}
		b.WriteByte(')')
	}
	return b.String()
}

func (in *inserter) add(ctx context.Context, values ...any) error {
	in.args = append(in.args, values...)
	if len(in.args) == in.batch*len(in.cols) {
		return in.flush(ctx, in.fullSQL)
	}
	return nil
}

func (in *inserter) flush(ctx context.Context, query string) error {
	if in.tx == nil {
		tx, err := in.db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		in.tx = tx
	}
	if _, err := in.tx.ExecContext(ctx, query, in.args...); err != nil {
		_ = in.tx.Rollback()
		return fmt.Errorf("insert into %s: %w", in.table, err)
	}
	in.inTx += len(in.args) / len(in.cols)
	in.args = in.args[:0]
	if in.inTx >= rowsPerTx {
		return in.commit()
	}
	return nil
}

func (in *inserter) commit() error {
	err := in.tx.Commit()
	in.tx, in.inTx = nil, 0
	return err
}

func (in *inserter) close(ctx context.Context) error {
	if n := len(in.args) / len(in.cols); n > 0 {
		if err := in.flush(ctx, in.sql(n)); err != nil {
			return err
		}
	}
	if in.tx != nil {
		return in.commit()
	}
	return nil
}

// generator draws requests: receipts uniform over the years, mostly
// 自然人, mostly answered within weeks; only the last weeks' requests are
// still open, as in a platform that keeps its deadlines.
type generator struct {
	rng        *rand.Rand
	bodies     int
	start      time.Time
	days       int
	applicants []string
	outcomes   map[int][]string // by year of closing
	kinds      []string
	results    []string
}

type requestRow struct {
	body                                     int
	applicant, received, state, outcome, due string
	closed                                   any // nil while open
	closedOn                                 time.Time
}

type caseRow struct {
	request, body       int
	kind, filed, result string
	decided             any
}

func newGenerator(cfg config) *generator {
	g := &generator{rng: rand.New(rand.NewPCG(cfg.seed, 2019)), bodies: cfg.bodies,
		start: time.Date(cfg.lastYear-cfg.years+1, 1, 1, 0, 0, 0, 0, time.UTC), outcomes: map[int][]string{},
		kinds:   []string{"行政复议", "行政诉讼/未经复议直接起诉", "行政诉讼/复议后起诉"},
		results: []string{"结果维持", "结果纠正", "其他结果"}}
	g.days = int(time.Date(cfg.lastYear, 12, 31, 0, 0, 0, 0, time.UTC).Sub(g.start).Hours()/24) + 1
	f := latestFormat()
	g.applicants = f.ApplicantColumns()
	for y := cfg.lastYear - cfg.years; y <= cfg.lastYear+1; y++ {
		fy := annualreport.FormatForYear(y)
		if fy == nil {
			fy = annualreport.Formats()[0] // before the national formats: the first one's rows
		}
		for _, r := range fy.OutcomeRows() {
			g.outcomes[y] = append(g.outcomes[y], r.ID)
		}
	}
	return g
}

func latestFormat() *annualreport.Format {
	fs := annualreport.Formats()
	return fs[len(fs)-1]
}

const dateLayout = "2006-01-02"

func (g *generator) request() requestRow {
	rcv := g.start.AddDate(0, 0, g.rng.IntN(g.days))
	r := requestRow{body: 1 + g.rng.IntN(g.bodies), received: rcv.Format(dateLayout), applicant: g.applicants[0]}
	if g.rng.IntN(5) == 0 {
		r.applicant = g.applicants[1+g.rng.IntN(len(g.applicants)-1)]
	}
	if rcv.After(g.start.AddDate(0, 0, g.days-40)) && g.rng.IntN(2) == 0 {
		r.state, r.due = "accepted", rcv.AddDate(0, 0, 28).Format(dateLayout)
		return r
	}
	closed := rcv.AddDate(0, 0, 1+g.rng.IntN(45))
	r.closedOn, r.closed = closed, closed.Format(dateLayout)
	outcomes := g.outcomes[closed.Year()]
	switch p := g.rng.IntN(100); {
	case p == 0:
		// Another body's information: answered under Art. 36(5).
		r.state, r.outcome = "answered", request.OutcomeNotHeld
		return r
	case p < 4:
		r.state = "withdrawn"
	case p < 6:
		r.state = "abandoned"
	default:
		r.state = "answered"
	}
	r.outcome = outcomes[0]
	if g.rng.IntN(2) == 0 {
		r.outcome = outcomes[g.rng.IntN(len(outcomes))]
	}
	return r
}

// caseOf: one request in two hundred is challenged.
func (g *generator) caseOf(r requestRow) (caseRow, bool) {
	if r.closed == nil || g.rng.IntN(200) != 0 {
		return caseRow{}, false
	}
	filed := r.closedOn.AddDate(0, 0, 5+g.rng.IntN(55))
	c := caseRow{body: r.body, kind: g.kinds[g.rng.IntN(len(g.kinds))], filed: filed.Format(dateLayout)}
	if g.rng.IntN(7) > 0 {
		c.decided = filed.AddDate(0, 0, 20+g.rng.IntN(180)).Format(dateLayout)
		c.result = g.results[g.rng.IntN(len(g.results))]
	}
	return c, true
}
