package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/gongkai/gongkai/internal/annualreport"
	"github.com/gongkai/gongkai/internal/disclosure"
	"github.com/gongkai/gongkai/internal/request"
)

// A supervisor's roll-up of a subtree for a year (tables 二/三/四 summed)
// asks the database a few grouped questions over the subtree's records,
// never one per body: the subtree is a recursive CTE joined to the
// per-body indexes, so a county and a province cost the same number of
// queries. Bodies that publish elsewhere (off_platform) keep no records
// here; their figures come from the reports uploaded for them.

// treeCTE defines tree(bid): the body $1 and every body below it.
const treeCTE = `WITH RECURSIVE tree(bid) AS (
		SELECT id FROM bodies WHERE id = $1
		UNION ALL SELECT b.id FROM bodies b JOIN tree t ON b.parent_id = t.bid) `

// subtreeCTE adds sub(id): the bodies of tree except those whose
// reports are uploaded ($2 is true).
const subtreeCTE = treeCTE + `, sub(id) AS (SELECT bid FROM tree
		WHERE bid NOT IN (SELECT body_id FROM body_report_settings WHERE off_platform = $2)) `

// RequestGroups are a subtree's requests of a year as weighted records
// (request.RequestRecord.N) that request.BuildTables counts exactly as
// it counts one record per request.
type RequestGroups struct {
	// Records by body, or all under key 0 when not asked by body.
	Records map[int64][]request.RequestRecord
	// OnTime: requests closed in the year on or before their due date.
	OnTime map[int64]int
}

// SubtreeRequests groups the requests that count in year's table 三 for
// root's subtree, by body when byBody (a cell's contributions), else
// summed (the roll-up): one grouped query over the subtree's counters
// (request_counts), which hold what the records hold.
func (s *Store) SubtreeRequests(ctx context.Context, rootID int64, year int, byBody bool) (RequestGroups, error) {
	var out RequestGroups
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		hint := ""
		if !byBody {
			hint = s.countsByYear()
		}
		out, err = countedRequests(ctx, tx, subtreeCTE, "rc.body_id IN (SELECT id FROM sub)", []any{rootID, true}, year, byBody, hint)
		return err
	})
	if err != nil {
		return RequestGroups{}, fmt.Errorf("store: requests of subtree %d for %d: %w", rootID, year, err)
	}
	return out, nil
}

// SubtreeCases returns what CaseRecords returns, for root's subtree:
// weighted records by body when byBody, else all under key 0.
func (s *Store) SubtreeCases(ctx context.Context, rootID int64, year int, byBody bool) (map[int64][]request.CaseRecord, error) {
	first, last, err := yearDates(year)
	if err != nil {
		return nil, err
	}
	key := "0"
	if byBody {
		key = "c.body_id"
	}
	out := map[int64][]request.CaseRecord{}
	err = s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, subtreeCTE+`SELECT `+key+` AS k, c.kind,
				CASE WHEN c.decided IS NULL OR c.decided > $4 THEN '' ELSE c.result END AS res, count(*)
			FROM sub JOIN request_cases c ON c.body_id = sub.id
			WHERE c.filed <= $4 AND (c.decided IS NULL OR c.decided >= $3)
			GROUP BY 1, 2, 3`, rootID, true, first.String(), last.String())
		if err != nil {
			return err
		}
		defer rows.Close()
		decidedOn := last
		for rows.Next() {
			var bodyID int64
			c := request.CaseRecord{Filed: first}
			if err := rows.Scan(&bodyID, &c.Kind, &c.Result, &c.N); err != nil {
				return err
			}
			if c.Result != "" {
				c.Decided = &decidedOn
			}
			out[bodyID] = append(out[bodyID], c)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("store: cases of subtree %d for %d: %w", rootID, year, err)
	}
	return out, nil
}

// YearTrend is one year of a subtree's trend: requests received, and
// reconsiderations and lawsuits filed.
type YearTrend struct {
	Year                    int
	Received, Cases, Closed int
	Months                  [12]int // received by month (index 0 is January)
}

// SubtreeTrend counts, for each year from first to last, the requests
// the subtree received (in all and by month) and closed, from the
// counters' yearly sums, and the cases filed against it: two grouped
// queries.
func (s *Store) SubtreeTrend(ctx context.Context, rootID int64, firstYear, lastYear int) ([]YearTrend, error) {
	from, _, err := yearDates(firstYear)
	if err != nil {
		return nil, err
	}
	_, to, err := yearDates(lastYear)
	if err != nil {
		return nil, err
	}
	byYear := map[int]*YearTrend{}
	out := make([]YearTrend, 0, lastYear-firstYear+1)
	for y := firstYear; y <= lastYear; y++ {
		out = append(out, YearTrend{Year: y})
	}
	for i := range out {
		byYear[out[i].Year] = &out[i]
	}
	err = s.read(ctx, func(tx *sql.Tx) error {
		// The yearly sums of the counters (request_year_counts): a few
		// rows a body, where the counters are hundreds.
		sums := []string{"CAST(sum(y.received) AS BIGINT)", "CAST(sum(y.closed) AS BIGINT)"}
		for _, m := range monthColumns {
			sums = append(sums, "CAST(sum(y."+m+") AS BIGINT)")
		}
		if err := eachRow(ctx, tx, subtreeCTE+`SELECT y.year, `+strings.Join(sums, ", ")+`
			FROM sub JOIN request_year_counts y ON y.body_id = sub.id WHERE y.year >= $3 AND y.year <= $4 GROUP BY 1`,
			[]any{rootID, true, firstYear, lastYear}, func(rows *sql.Rows) error {
				var y YearTrend
				dest := []any{&y.Year, &y.Received, &y.Closed}
				for i := range y.Months {
					dest = append(dest, &y.Months[i])
				}
				if err := rows.Scan(dest...); err != nil {
					return err
				}
				if t := byYear[y.Year]; t != nil {
					t.Received, t.Closed, t.Months = y.Received, y.Closed, y.Months
				}
				return nil
			}); err != nil {
			return err
		}
		return eachRow(ctx, tx, subtreeCTE+`SELECT CAST(substr(c.filed, 1, 4) AS INTEGER), count(*) FROM sub
			JOIN request_cases c ON c.body_id = sub.id WHERE c.filed >= $3 AND c.filed <= $4 GROUP BY 1`,
			[]any{rootID, true, from.String(), to.String()}, func(rows *sql.Rows) error {
				var y, n int
				if err := rows.Scan(&y, &n); err != nil {
					return err
				}
				if t := byYear[y]; t != nil {
					t.Cases += n
				}
				return nil
			})
	})
	if err != nil {
		return nil, fmt.Errorf("store: trend of subtree %d for %d–%d: %w", rootID, firstYear, lastYear, err)
	}
	return out, nil
}

// SubtreeTableTwoInputs returns, by body of root's subtree, what table
// 二 is built from (disclosure.TableTwo): the published and withdrawn
// 规章 and 规范性文件 with their 有效性 history, and the cells entered
// for year. Three queries, whatever the number of bodies.
func (s *Store) SubtreeTableTwoInputs(ctx context.Context, rootID int64, year int) (map[int64][]disclosure.Document, map[int64]disclosure.Figures, error) {
	docs := map[int64][]disclosure.Document{}
	figs := map[int64]disclosure.Figures{}
	err := s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, subtreeCTE+`SELECT d.id, d.body_id, d.kind, d.state, d.written, d.published
			FROM sub JOIN documents d ON d.body_id = sub.id
			WHERE d.kind IN ('rule', 'normative') AND d.state IN ('published', 'withdrawn')`, rootID, true)
		if err != nil {
			return err
		}
		at := map[int64][2]int{} // document → body, index
		// Table 二's counts do not depend on the order of documents.
		for rows.Next() {
			var d disclosure.Document
			if err := rows.Scan(&d.ID, &d.BodyID, &d.Kind, &d.State, nullTimeScan{&d.Written}, nullTimeScan{&d.Published}); err != nil {
				rows.Close()
				return err
			}
			at[d.ID] = [2]int{int(d.BodyID), len(docs[d.BodyID])}
			docs[d.BodyID] = append(docs[d.BodyID], d)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		vrows, err := tx.QueryContext(ctx, subtreeCTE+`SELECT v.id, v.document_id, v.status, v.effective, v.replaced_by, v.note, v.recorded
			FROM sub JOIN documents d ON d.body_id = sub.id JOIN document_validity v ON v.document_id = d.id
			WHERE d.kind IN ('rule', 'normative') ORDER BY v.effective, v.id`, rootID, true)
		if err != nil {
			return err
		}
		for vrows.Next() {
			var e disclosure.ValidityEvent
			if err := vrows.Scan(&e.ID, &e.DocumentID, &e.Status, timeScan{&e.Effective}, scanID{&e.ReplacedBy},
				&e.Note, timeScan{&e.Recorded}); err != nil {
				vrows.Close()
				return err
			}
			if p, ok := at[e.DocumentID]; ok {
				d := &docs[int64(p[0])][p[1]]
				d.Validity = append(d.Validity, e)
			}
		}
		vrows.Close()
		if err := vrows.Err(); err != nil {
			return err
		}
		frows, err := tx.QueryContext(ctx, subtreeCTE+`SELECT f.body_id, f.row_label, f.col_label, f.state, f.num, f.unit
			FROM sub JOIN report_figures f ON f.body_id = sub.id WHERE f.year = $3`, rootID, true, year)
		if err != nil {
			return err
		}
		defer frows.Close()
		for frows.Next() {
			var id int64
			var row, col, unit string
			var c annualreport.Cell
			if err := frows.Scan(&id, &row, &col, &c.State, &c.Num, &unit); err != nil {
				return err
			}
			fig, ok := figs[id]
			if !ok {
				fig = disclosure.Figures{Cells: map[string]map[string]annualreport.Cell{}, Units: map[string]string{}}
				figs[id] = fig
			}
			if fig.Cells[row] == nil {
				fig.Cells[row] = map[string]annualreport.Cell{}
			}
			fig.Cells[row][col] = c
			if unit != "" {
				fig.Units[disclosure.UnitKey(row, col)] = unit
			}
		}
		return frows.Err()
	})
	if err != nil {
		return nil, nil, fmt.Errorf("store: table 二 inputs of subtree %d for %d: %w", rootID, year, err)
	}
	return docs, figs, nil
}

// PublishedReportJSON returns, for each body of ids with a published
// report of year, the canonical JSON of its last version: what the
// roll-up takes for bodies whose reports were uploaded.
func (s *Store) PublishedReportJSON(ctx context.Context, ids []int64, year int) (map[int64][]byte, error) {
	want := make(map[int64]bool, len(ids))
	for _, id := range ids {
		want[id] = true
	}
	out := map[int64][]byte{}
	if len(ids) == 0 {
		return out, nil
	}
	err := s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT v.body_id, v.canonical FROM annual_report_versions v
			WHERE v.year = $1 AND v.version = (SELECT max(x.version) FROM annual_report_versions x
				WHERE x.body_id = v.body_id AND x.year = v.year)`, year)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			var js string
			if err := rows.Scan(&id, &js); err != nil {
				return err
			}
			if want[id] {
				out[id] = []byte(js)
			}
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("store: published report JSON of %d bodies for %d: %w", len(ids), year, err)
	}
	return out, nil
}

// OpenReport is one published version of an annual report on this site,
// for the open-data listing.
type OpenReport struct {
	BodyID     int64
	BodySlug   string
	BodyName   string
	Year       int
	Version    int
	DocumentID int64
	SHA256     string
	Published  time.Time
}

// OpenReports lists every version of every annual report published on
// this site (those with a document in a 年度报告 column; reports uploaded
// for bodies that publish elsewhere are not published here), by body,
// year and version.
func (s *Store) OpenReports(ctx context.Context) ([]OpenReport, error) {
	var out []OpenReport
	err := s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT v.body_id, b.slug, b.name, v.year, v.version, v.document_id, v.sha256, v.published
			FROM annual_report_versions v JOIN bodies b ON b.id = v.body_id
			JOIN documents d ON d.id = v.document_id
			WHERE d.state = 'published'
			ORDER BY b.id, v.year, v.version`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var o OpenReport
			if err := rows.Scan(&o.BodyID, &o.BodySlug, &o.BodyName, &o.Year, &o.Version, &o.DocumentID, &o.SHA256, timeScan{&o.Published}); err != nil {
				return err
			}
			out = append(out, o)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("store: open reports: %w", err)
	}
	return out, nil
}
