package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/gongkai/gongkai/internal/request"
)

// BodyYear is what tables 三 and 四 of one body's year are built from
// (request.BuildTables): the request groups of its counters, as
// RequestCounts returns them, and its cases grouped as YearCaseRecords
// groups them.
type BodyYear struct {
	Requests []request.RequestRecord
	Cases    []request.CaseRecord
}

// bodyYearSQL reads both in one statement: the report page's query.
// Two queries, each in a read-only transaction of its own, were six
// round trips on PostgreSQL (BEGIN, query, COMMIT, twice) against one,
// and most of a body-year's time (bench/requests). The first column
// tells the parts apart: 0 for a request group, 1 for a case group.
var bodyYearSQL = requestGroupsSQL("0", "rc.body_id = $1", "$2") +
	"\n\t\tUNION ALL\n\t\t" + caseGroupsSQL("1", "body_id = $1", "$3", "$4")

// BodyYearRecords returns what tables 三 and 四 of the body's year
// count, in one statement: one snapshot without a transaction.
func (s *Store) BodyYearRecords(ctx context.Context, bodyID int64, year int) (BodyYear, error) {
	var out BodyYear
	first, last, err := yearDates(year)
	if err != nil {
		return out, err
	}
	err = s.readOne(ctx, func(q queryer) error {
		rows, err := q.QueryContext(ctx, bodyYearSQL, bodyID, year, first.String(), last.String())
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var part, flag, n int
			var name, outcome string
			if err := rows.Scan(&part, &name, &flag, &outcome, &n); err != nil {
				return err
			}
			if part == 0 {
				out.Requests = append(out.Requests, groupRecord(first, last, name, flag, outcome, n))
			} else {
				out.Cases = appendCaseGroup(out.Cases, first, last, name, flag, outcome, n)
			}
		}
		return rows.Err()
	})
	if err != nil {
		return BodyYear{}, fmt.Errorf("store: tables 三 and 四 of body %d for %d: %w", bodyID, year, err)
	}
	return out, nil
}

// queryer is what a one-statement read needs: a pool or a transaction.
type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// readOne runs fn, which must issue a single statement, on the reader
// pool without a transaction: one statement sees one snapshot on both
// databases, and it is one round trip instead of three. Within InTx it
// reads in InTx's transaction, seeing the writes made there.
func (s *Store) readOne(ctx context.Context, fn func(q queryer) error) error {
	if tx := s.txFrom(ctx); tx != nil {
		return fn(tx)
	}
	return fn(s.r)
}
