package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/gongkai/gongkai/internal/request"
	"github.com/gongkai/gongkai/internal/workday"
)

// The year's records of every body at once, for a province's reports:
// one GROUP BY query each for requests (over their counters,
// request_counts) and cases instead of one query per body. Each group
// comes back as a record with dates that stand for the group (received
// on 1 January, or on 31 December of the year before when carried in;
// closed on 31 December, or open) weighted by its count (N), which
// request.BuildTables counts exactly as it counts the real records.

// YearRequestRecords returns, keyed by body, what RequestCounts returns
// for each body with requests in the year.
func (s *Store) YearRequestRecords(ctx context.Context, year int) (map[int64][]request.RequestRecord, error) {
	var out RequestGroups
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		out, err = countedRequests(ctx, tx, "", "1 = 1", nil, year, true, "")
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: request records of every body for %d: %w", year, err)
	}
	return out.Records, nil
}

// YearCaseRecords returns, keyed by body, what CaseRecords returns for
// each body with cases in the year.
func (s *Store) YearCaseRecords(ctx context.Context, year int) (map[int64][]request.CaseRecord, error) {
	first, last, err := yearDates(year)
	if err != nil {
		return nil, err
	}
	out := map[int64][]request.CaseRecord{}
	err = s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, caseGroupsSQL("body_id", "1 = 1", "$1", "$2"), first.String(), last.String())
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var bodyID int64
			var kind, result string
			var pending, n int
			if err := rows.Scan(&bodyID, &kind, &pending, &result, &n); err != nil {
				return err
			}
			out[bodyID] = appendCaseGroup(out[bodyID], first, last, kind, pending, result, n)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("store: case records of every body for %d: %w", year, err)
	}
	return out, nil
}

// caseGroupsSQL selects the table 四 groups of the cases scope admits
// (SQL on request_cases' columns) for the year from first to last
// (parameters): key (SQL), kind, still pending at the year's end (1) or
// decided in it (0), result (empty while pending), and how many. The
// filter is CaseRecords': filed by 31 December and not decided before
// 1 January.
func caseGroupsSQL(key, scope, first, last string) string {
	return `SELECT ` + key + `, kind,
			CASE WHEN decided IS NULL OR decided > ` + last + ` THEN 1 ELSE 0 END,
			CASE WHEN decided IS NULL OR decided > ` + last + ` THEN '' ELSE result END,
			count(*)
		FROM request_cases
		WHERE ` + scope + ` AND filed <= ` + last + ` AND (decided IS NULL OR decided >= ` + first + `)
		GROUP BY 1, 2, 3, 4`
}

// appendCaseGroup appends n records standing for a group of cases of
// the year from first to last: filed on 1 January, decided on 31
// December unless pending.
func appendCaseGroup(out []request.CaseRecord, first, last workday.Date, kind string, pending int, result string, n int) []request.CaseRecord {
	c := request.CaseRecord{Filed: first, Kind: kind, Result: result}
	if pending == 0 {
		c.Decided = &last
	}
	for range n {
		out = append(out, c)
	}
	return out
}

func yearDates(year int) (first, last workday.Date, err error) {
	if first, err = workday.NewDate(year, 1, 1); err != nil {
		return first, last, err
	}
	last, err = workday.NewDate(year, 12, 31)
	return first, last, err
}
