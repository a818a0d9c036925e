package main

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/gongkai/gongkai/bench/internal/benchdb"
	"github.com/gongkai/gongkai/internal/annualreport"
	"github.com/gongkai/gongkai/internal/request"
	"github.com/gongkai/gongkai/internal/store"
)

// created is the same instant for every generated row: nothing reads it.
const created = "2026-11-01T00:00:00Z"

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
	newInserter := func(db *sql.DB, table string, cols []string, batch int) *benchdb.Inserter {
		return benchdb.NewInserter(db, table, cols, batch, st.IsPostgres())
	}
	bodies := newInserter(db, "bodies", []string{"id", "name", "kind", "slug", "created"}, cfg.batch)
	for i := 1; i <= cfg.bodies; i++ {
		if err := bodies.Add(ctx, i, fmt.Sprintf("第%d号镇人民政府", i), "township", fmt.Sprintf("bench-%d", i), created); err != nil {
			return 0, err
		}
	}
	if err := bodies.Close(ctx); err != nil {
		return 0, err
	}

	// Building the statistics indexes once at the end sorts the keys;
	// keeping them during the load inserts them one by one at random.
	indexes, err := benchdb.DropIndexes(ctx, db, st.IsPostgres(), "requests")
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
		if err := requests.Add(ctx, id, r.body, fmt.Sprintf("B%011d", id), "bench", r.applicant, "申请人",
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
	if err := requests.Close(ctx); err != nil {
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
		if err := cases.Add(ctx, i+1, c.request, c.body, c.kind, c.filed, c.decided, c.result, created); err != nil {
			return 0, err
		}
	}
	if err := cases.Close(ctx); err != nil {
		return 0, err
	}
	// The requests went in around the store: count them as it would.
	start = time.Now()
	if err := st.RebuildRequestCounts(ctx); err != nil {
		return 0, err
	}
	fmt.Printf("  request counters filled in %v\n", time.Since(start).Round(time.Millisecond))
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
