package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/gongkai/gongkai/internal/disclosure"
	"github.com/gongkai/gongkai/internal/workday"
)

// MonitorSite is what the compliance monitor reads of a subtree's
// websites for the column and guide indicators, on both of its pages.
type MonitorSite struct {
	Columns map[int64][]disclosure.Column // by body
	// Stats by column, of columns with a published document: the latest
	// publication, and Published 1 (the monitor asks only whether a
	// column is blank, so the documents are not counted).
	Stats map[int64]ColumnStat
	// Edited: the last change of each body's record (its creation, or
	// the last body.edit in the audit log): what the 指南 is made from.
	Edited map[int64]time.Time
}

// MonitorFacts are the records the compliance monitor looks at, for
// every body of a subtree, read in one snapshot with one grouped query
// per kind of record, whatever the number of bodies.
type MonitorFacts struct {
	MonitorSite
	// Unanswered: consultations not answered and asked before the day
	// given (the monitor's 3-month cut-off), by body.
	Unanswered map[int64][]OpenConsultation
	// Overdue: open requests whose due date is before the day given.
	Overdue map[int64][]OverdueRequest
	// LateCandidates: documents published since the instant given more
	// than 25 days after they were made; 20 working days are never fewer
	// than 26 days, so the exact Art. 26 test needs only these.
	LateCandidates map[int64][]DocumentDates
}

// OpenConsultation is an unanswered consultation.
type OpenConsultation struct {
	ID      int64
	Subject string
	Asked   workday.Date
}

// OverdueRequest is an open request past its due date.
type OverdueRequest struct {
	ID   int64
	Code string
	Due  workday.Date
}

// DocumentDates are a published document's title and dates.
type DocumentDates struct {
	ID                 int64
	Title              string
	Written, Published time.Time
}

// lateGap is the SQL test "published more than 25 days after written",
// a dialect difference: date arithmetic on timestamps in PostgreSQL,
// Julian days of the stored text in SQLite.
// It is also the predicate of the index documents_late (migration 0201):
// change both together.
func (s *Store) lateGap() string {
	if s.dialect == postgres {
		return "published - written > interval '25 days'"
	}
	return "julianday(published) - julianday(written) > 25"
}

// lateCandidate is the SQL test on documents d of a late-publication
// candidate: the predicate of the index documents_late.
func (s *Store) lateCandidate() string {
	return "d.state = 'published' AND d.written IS NOT NULL AND " + s.lateGap()
}

// SubtreeMonitorFacts reads what the monitor needs of root's subtree (or
// of root alone when !subtree): consultations asked before askedBefore
// and still unanswered, requests open past a due date before today,
// and late-publication candidates published since.
func (s *Store) SubtreeMonitorFacts(ctx context.Context, rootID int64, subtree bool, today, askedBefore workday.Date, since time.Time) (MonitorFacts, error) {
	out := MonitorFacts{Unanswered: map[int64][]OpenConsultation{}, Overdue: map[int64][]OverdueRequest{},
		LateCandidates: map[int64][]DocumentDates{}}
	cte := monitorCTE(subtree)
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		if out.MonitorSite, err = monitorSite(ctx, tx, cte, rootID); err != nil {
			return err
		}
		if err := eachRow(ctx, tx, cte+`SELECT q.body_id, q.id, q.subject, q.asked_day FROM tree
			JOIN consultations q ON q.body_id = tree.bid WHERE q.answered IS NULL AND q.asked_day < $2
			ORDER BY q.body_id, q.asked_day, q.id`, []any{rootID, askedBefore.String()}, func(r *sql.Rows) error {
			var id int64
			var q OpenConsultation
			if err := r.Scan(&id, &q.ID, &q.Subject, dateScan{&q.Asked}); err != nil {
				return err
			}
			out.Unanswered[id] = append(out.Unanswered[id], q)
			return nil
		}); err != nil {
			return err
		}
		if err := eachRow(ctx, tx, cte+`SELECT r.body_id, r.id, r.code, r.due FROM tree
			JOIN requests r ON r.body_id = tree.bid WHERE r.closed IS NULL AND r.due <> '' AND r.due < $2
			ORDER BY r.body_id, r.due, r.id`, []any{rootID, today.String()}, func(r *sql.Rows) error {
			var id int64
			var q OverdueRequest
			if err := r.Scan(&id, &q.ID, &q.Code, dateScan{&q.Due}); err != nil {
				return err
			}
			out.Overdue[id] = append(out.Overdue[id], q)
			return nil
		}); err != nil {
			return err
		}
		return eachRow(ctx, tx, cte+`SELECT d.body_id, d.id, d.title, d.written, d.published FROM tree
			JOIN documents d ON d.body_id = tree.bid WHERE `+s.lateCandidate()+` AND d.published >= $2
			ORDER BY d.body_id, d.published, d.id`, []any{rootID, s.ts(since)}, func(r *sql.Rows) error {
			var id int64
			var d DocumentDates
			if err := r.Scan(&id, &d.ID, &d.Title, timeScan{&d.Written}, timeScan{&d.Published}); err != nil {
				return err
			}
			out.LateCandidates[id] = append(out.LateCandidates[id], d)
			return nil
		})
	})
	if err != nil {
		return MonitorFacts{}, fmt.Errorf("store: monitor facts of body %d (subtree %v): %w", rootID, subtree, err)
	}
	return out, nil
}

// monitorCTE defines tree(bid): the subtree of $1, or $1 alone.
func monitorCTE(subtree bool) string {
	if subtree {
		return treeCTE
	}
	return `WITH tree(bid) AS (SELECT id FROM bodies WHERE id = $1) `
}

// monitorSite reads the columns of the bodies of tree (cte, on $1 =
// rootID), each column's latest publication, and when each body's
// record last changed.
func monitorSite(ctx context.Context, tx *sql.Tx, cte string, rootID int64) (MonitorSite, error) {
	out := MonitorSite{Columns: map[int64][]disclosure.Column{}, Stats: map[int64]ColumnStat{}, Edited: map[int64]time.Time{}}
	rows, err := tx.QueryContext(ctx, cte+"SELECT "+columnColumns+` FROM site_columns
		WHERE body_id IN (SELECT bid FROM tree) ORDER BY body_id, parent_id IS NOT NULL, parent_id, position, id`, rootID)
	if err != nil {
		return out, err
	}
	for rows.Next() {
		c, err := scanColumn(rows)
		if err != nil {
			rows.Close()
			return out, err
		}
		out.Columns[c.BodyID] = append(out.Columns[c.BodyID], c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return out, err
	}
	// One index probe per column (documents_column_state) for its
	// latest publication, instead of counting every document.
	if err := eachRow(ctx, tx, cte+`SELECT c.id, (SELECT max(d.published) FROM documents d
			WHERE d.column_id = c.id AND d.state = 'published')
		FROM tree JOIN site_columns c ON c.body_id = tree.bid`, []any{rootID}, func(r *sql.Rows) error {
		var id int64
		var last *time.Time
		if err := r.Scan(&id, maxTimeScan{&last}); err != nil {
			return err
		}
		if last != nil {
			out.Stats[id] = ColumnStat{Published: 1, Last: *last}
		}
		return nil
	}); err != nil {
		return out, err
	}
	if err := eachRow(ctx, tx, cte+`SELECT b.id, b.created FROM tree JOIN bodies b ON b.id = tree.bid`,
		[]any{rootID}, func(r *sql.Rows) error {
			var id int64
			var at time.Time
			if err := r.Scan(&id, timeScan{&at}); err != nil {
				return err
			}
			out.Edited[id] = at
			return nil
		}); err != nil {
		return out, err
	}
	err = eachRow(ctx, tx, cte+`SELECT a.body_id, max(a.at) FROM tree JOIN audit_log a ON a.body_id = tree.bid
		WHERE a.action = 'body.edit' GROUP BY a.body_id`, []any{rootID}, func(r *sql.Rows) error {
		var id int64
		var at *time.Time
		if err := r.Scan(&id, maxTimeScan{&at}); err != nil {
			return err
		}
		if at != nil && at.After(out.Edited[id]) {
			out.Edited[id] = *at
		}
		return nil
	})
	return out, err
}

// eachRow runs q and calls fn on every row.
func eachRow(ctx context.Context, tx *sql.Tx, q string, args []any, fn func(*sql.Rows) error) error {
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}
