package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/gongkai/gongkai/bench/internal/benchdb"
	"github.com/gongkai/gongkai/internal/body"
	"github.com/gongkai/gongkai/internal/store"
)

// The tree: one province (body 1), 16 cities, 10 counties each, and the
// remaining bodies as townships spread over the counties.
const (
	cities          = 16
	countiesPerCity = 10
)

// columns every body has, by type: what the monitor checks.
var columns = []struct{ slug, name, typ string }{
	{"news", "工作动态", "news"}, {"notice", "通知公告", "notice"}, {"policy", "政策文件", "policy"},
	{"personnel", "人事信息", "personnel"}, {"planning", "规划计划", "planning"}, {"other", "其他信息", "other"},
}

// Outcomes present in both the 2019 and the 2021 formats.
var outcomes = []string{"三.一", "三.一", "三.一", "三.二", "三.四.1", "三.五.2"}

var applicants = []string{"自然人", "自然人", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"}

// seed fills the database: bodies and columns, then requests, cases,
// documents and consultations with the secondary indexes of requests
// and documents dropped, rebuilt at the end.
func seed(ctx context.Context, st *store.Store, cfg config) error {
	db := st.WriterDB()
	pg := st.IsPostgres()
	if !pg {
		if _, err := db.ExecContext(ctx, "PRAGMA cache_size = -524288"); err != nil {
			return err
		}
	}
	rng := rand.New(rand.NewPCG(1, 2026))
	now := time.Now().UTC()
	ts := func(t time.Time) string {
		if pg {
			return t.UTC().Format(time.RFC3339)
		}
		return t.UTC().Format("2006-01-02 15:04:05.000000Z")
	}
	created := ts(now.AddDate(-10, 0, 0))
	ins := func(table string, cols ...string) *benchdb.Inserter {
		return benchdb.NewInserter(db, table, cols, cfg.batch, pg)
	}
	bodies := ins("bodies", "id", "parent_id", "name", "kind", "slug", "address", "hours", "phone", "created")
	add := func(id int, parent any, name string, kind body.Kind) error {
		return bodies.Add(ctx, id, parent, name, string(kind), fmt.Sprintf("b%d", id), "人民路 1 号", "工作日 9:00–17:00", "0371-1234567", created)
	}
	if err := add(1, nil, "某省人民政府", body.Province); err != nil {
		return err
	}
	id := 1
	var counties []int
	for c := range cities {
		id++
		city := id
		if err := add(city, 1, fmt.Sprintf("第%d市人民政府", c+1), body.City); err != nil {
			return err
		}
		for k := range countiesPerCity {
			id++
			counties = append(counties, id)
			if err := add(id, city, fmt.Sprintf("第%d市第%d县人民政府", c+1, k+1), body.County); err != nil {
				return err
			}
		}
	}
	for t := 0; id < cfg.bodies; t++ {
		id++
		if err := add(id, counties[t%len(counties)], fmt.Sprintf("第%d号镇人民政府", t+1), body.Township); err != nil {
			return err
		}
	}
	if err := bodies.Close(ctx); err != nil {
		return err
	}
	n := id
	cols := ins("site_columns", "id", "body_id", "slug", "name", "position", "column_type")
	for b := 1; b <= n; b++ {
		for i, c := range columns {
			if err := cols.Add(ctx, (b-1)*len(columns)+i+1, b, c.slug, c.name, i, c.typ); err != nil {
				return err
			}
		}
	}
	if err := cols.Close(ctx); err != nil {
		return err
	}
	fmt.Printf("  %d bodies, %d columns\n", n, n*len(columns))

	var rebuild []string
	for _, table := range []string{"requests", "documents"} {
		ddl, err := benchdb.DropIndexes(ctx, db, pg, table)
		if err != nil {
			return err
		}
		rebuild = append(rebuild, ddl...)
	}
	if err := seedRequests(ctx, ins, rng, cfg, n, now, created); err != nil {
		return err
	}
	docs := ins("documents", "id", "body_id", "column_id", "title", "state", "kind", "written", "published", "created", "updated")
	for d := 1; d <= cfg.documents; d++ {
		b := 1 + rng.IntN(n)
		col := (b-1)*len(columns) + 1 + rng.IntN(len(columns))
		pub := now.Add(-time.Duration(rng.Float64() * float64(3*365*24*time.Hour)))
		written := pub.AddDate(0, 0, -rng.IntN(35))
		kind := "other"
		if rng.IntN(50) == 0 {
			kind = "normative"
		}
		if err := docs.Add(ctx, d, b, col, fmt.Sprintf("关于第%d项工作的通知", d), "published", kind, ts(written), ts(pub), ts(pub), ts(pub)); err != nil {
			return err
		}
	}
	if err := docs.Close(ctx); err != nil {
		return err
	}
	fmt.Printf("  %d documents\n", cfg.documents)
	consult := ins("consultations", "id", "body_id", "subject", "question", "asked", "asked_day")
	for c := 1; c <= n/10; c++ {
		asked := now.AddDate(0, -4, -rng.IntN(60))
		if err := consult.Add(ctx, c, 1+rng.IntN(n), "咨询", "问题", ts(asked), asked.Format("2006-01-02")); err != nil {
			return err
		}
	}
	if err := consult.Close(ctx); err != nil {
		return err
	}
	start := time.Now()
	for _, ddl := range rebuild {
		if _, err := db.ExecContext(ctx, ddl); err != nil {
			return fmt.Errorf("%s: %w", ddl, err)
		}
	}
	fmt.Printf("  %d indexes rebuilt in %v\n", len(rebuild), time.Since(start).Round(time.Millisecond))
	// The requests went in around the store: count them as it would.
	start = time.Now()
	if err := st.RebuildRequestCounts(ctx); err != nil {
		return err
	}
	fmt.Printf("  request counters filled in %v\n", time.Since(start).Round(time.Millisecond))
	q := "ANALYZE"
	if pg {
		q = "VACUUM ANALYZE"
	}
	_, err := db.ExecContext(ctx, q)
	return err
}

// seedRequests writes requests received uniformly over the ten years to
// today, most answered within their 20 working days (about 28 days), a
// tenth late, the last weeks' still open (some overdue), and a case for
// one in three hundred.
func seedRequests(ctx context.Context, ins func(string, ...string) *benchdb.Inserter, rng *rand.Rand, cfg config, bodies int, now time.Time, created string) error {
	reqs := ins("requests", "id", "body_id", "code", "secret_hash", "applicant_type", "applicant_name", "sought",
		"channel", "received", "state", "outcome", "closed", "due", "created")
	// Cases wait until the requests are written: the SQLite writer is
	// one connection, held by the requests' open transaction.
	var cases [][]any
	first := time.Date(cfg.lastYear-9, 1, 1, 0, 0, 0, 0, time.UTC)
	days := int(now.Sub(first).Hours() / 24)
	day := func(t time.Time) string { return t.Format("2006-01-02") }
	for r := 1; r <= cfg.requests; r++ {
		b := 1 + rng.IntN(bodies)
		received := first.AddDate(0, 0, rng.IntN(days))
		due := received.AddDate(0, 0, 28)
		took := 1 + rng.IntN(27)
		if rng.IntN(10) == 0 {
			took = 29 + rng.IntN(15)
		}
		closedOn := received.AddDate(0, 0, took)
		var closed any
		state, outcome := "accepted", ""
		if closedOn.Before(now) {
			closed, state, outcome = day(closedOn), "answered", outcomes[rng.IntN(len(outcomes))]
		}
		if err := reqs.Add(ctx, r, b, fmt.Sprintf("S%011d", r), "bench", applicants[rng.IntN(len(applicants))], "申请人",
			"政府信息", "online", day(received), state, outcome, closed, day(due), created); err != nil {
			return err
		}
		if closed != nil && rng.IntN(300) == 0 {
			filed := closedOn.AddDate(0, 0, 10+rng.IntN(40))
			var decided any
			result := ""
			if d := filed.AddDate(0, 0, 60); d.Before(now) {
				decided, result = day(d), []string{"结果维持", "结果纠正", "其他结果"}[rng.IntN(3)]
			}
			kind := []string{"行政复议", "行政诉讼/未经复议直接起诉", "行政诉讼/复议后起诉"}[rng.IntN(3)]
			cases = append(cases, []any{len(cases) + 1, r, b, kind, day(filed), decided, result, created})
		}
		if r%1_000_000 == 0 {
			fmt.Printf("  %d requests written\n", r)
		}
	}
	if err := reqs.Close(ctx); err != nil {
		return err
	}
	in := ins("request_cases", "id", "request_id", "body_id", "kind", "filed", "decided", "result", "created")
	for _, c := range cases {
		if err := in.Add(ctx, c...); err != nil {
			return err
		}
	}
	fmt.Printf("  %d requests, %d cases\n", cfg.requests, len(cases))
	return in.Close(ctx)
}
