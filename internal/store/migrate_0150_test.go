package store

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/request"
	"github.com/gongkai/gongkai/internal/store/storetest"
	"github.com/gongkai/gongkai/internal/workday"
)

// TestMigration0150Art36 opens a database at version 0110 holding a
// request closed by the old 转办 step and an open one, applies 0150 and
// checks the transfer became what Art. 36(5) makes it: answered 三.四.1
// on the same day, counted in 一 and 三.四.1 of its year, its history
// untouched and read by the clock as such an answer, the change noted in
// the audit log. On both databases.
func TestMigration0150Art36(t *testing.T) {
	for _, tg := range storetest.Targets(t, os.Getenv) {
		t.Run(tg.Name, func(t *testing.T) {
			ctx := context.Background()
			s, err := connect(ctx, tg.URL, Options{})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { s.Close() })
			if err := s.migrate(ctx, 110); err != nil {
				t.Fatal(err)
			}
			db := s.WriterDB()
			exec := func(q string, args ...any) {
				t.Helper()
				if _, err := db.ExecContext(ctx, q, args...); err != nil {
					t.Fatalf("%s: %v", q, err)
				}
			}
			exec(`INSERT INTO bodies (id, name, kind, slug, created) VALUES (1, '吴城镇人民政府', 'township', 'm-town', $1)`, s.ts(s.now()))
			insert := func(id int, code, state, closed, outcome string) {
				var closedAt any
				if closed != "" {
					closedAt = closed
				}
				exec(`INSERT INTO requests (id, body_id, code, secret_hash, applicant_type, applicant_name, sought, channel,
					received, state, outcome, closed, due, side_due, side_kind, created)
					VALUES ($1, 1, $2, 'h', '商业企业', '某公司', '县级预算', 'online', '2025-03-03', $3, $4, $5, '2025-03-31', '', '', $6)`,
					id, code, state, outcome, closedAt, s.ts(s.now()))
				exec(`INSERT INTO request_events (request_id, kind, day, payload, created) VALUES ($1, 'received', '2025-03-03',
					'{"Date":"2025-03-03","Channel":"online"}', $2)`, id, s.ts(s.now()))
			}
			insert(1, "TRANSFERRED1", "transferred", "2025-03-05", "")
			exec(`INSERT INTO request_events (request_id, kind, day, payload, created) VALUES (1, 'transferred', '2025-03-05',
				'{"Date":"2025-03-05","To":"桐柏县财政局"}', $1)`, s.ts(s.now()))
			insert(2, "STILLOPEN001", "received", "", "")

			if err := s.migrate(ctx, 0); err != nil {
				t.Fatal(err)
			}
			q, err := s.RequestByCode(ctx, "TRANSFERRED1")
			if err != nil || q.State != request.StateAnswered || q.Outcome != request.OutcomeNotHeld || q.Closed != workday.MustParse("2025-03-05") {
				t.Fatalf("migrated transfer: %+v, %v", q, err)
			}
			if open, err := s.RequestByCode(ctx, "STILLOPEN001"); err != nil || open.State != request.StateReceived {
				t.Errorf("an open request changed: %+v, %v", open, err)
			}
			evs, err := s.RequestEvents(ctx, q.ID)
			if err != nil || len(evs) != 2 || evs[1].Event.Kind() != request.KindTransferred {
				t.Fatalf("history: %+v, %v", evs, err)
			}
			set := s.clockSettings()
			set.AsOf = workday.MustParse("2025-12-31")
			st, err := request.Clock([]request.Event{evs[0].Event, evs[1].Event}, s.cal, set)
			if err != nil || st.State != q.State || st.Outcome != q.Outcome || !strings.Contains(st.Lines[1], "第三十六条第（五）项") {
				t.Errorf("the clock reads the old step as %s %s, %v: %q", st.State, st.Outcome, err, st.Lines)
			}
			recs, err := s.RequestRecords(ctx, 1, 2025)
			if err != nil {
				t.Fatal(err)
			}
			tables, err := request.BuildTables(2025, recs, nil)
			if err != nil {
				t.Fatal(err)
			}
			for row, want := range map[string]float64{"一": 2, "三.四.1": 1, "四": 1} {
				if got := tables.Three[row]["商业企业"].Num; got != want {
					t.Errorf("2025 三 %s/商业企业 = %v, want %v", row, got, want)
				}
			}
			var n int
			if err := db.QueryRowContext(ctx, `SELECT count(*) FROM audit_log WHERE action = 'request.migrated' AND target = 'TRANSFERRED1'
				AND body_id = 1 AND detail LIKE '%第三十六条第（五）项%'`).Scan(&n); err != nil || n != 1 {
				t.Errorf("audit notes: %d, %v; want 1", n, err)
			}
		})
	}
}
