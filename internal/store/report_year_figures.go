package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/gongkai/gongkai/internal/request"
	"github.com/gongkai/gongkai/internal/workday"
)

// NamedCount is a number of records under a name or code.
type NamedCount struct {
	Name string
	N    int
}

// ReportYearRecords are the counts of a body's records of a year that
// the annual report's narrative states beyond its tables (the prefill of
// sections 一 and 六, see reportflow.Narrative).
type ReportYearRecords struct {
	// Documents published in the year (Beijing time), by column name and
	// by theme code (主题分类, "" when none), most first; and the policy
	// interpretations among them.
	ByColumn        []NamedCount
	ByTheme         []NamedCount
	Interpretations int
	// Consultations answered in the year, and their waits from asking to
	// answer, in days.
	ConsultationWaits []float64
	// Comment periods opened in the year, the comments they received and
	// the number adopted.
	CommentPeriods, CommentsReceived, CommentsAdopted int
	// Requests answered in the year on or before their due date.
	AnsweredOnTime int
	// FeeNotices are the details of the last fee notice of every request
	// whose fee was paid in the year (the web layer owns their form).
	FeeNotices []string
}

// ReportYearRecords counts a body's records of a year in one snapshot,
// one query per kind of record.
func (s *Store) ReportYearRecords(ctx context.Context, bodyID int64, year int) (ReportYearRecords, error) {
	var out ReportYearRecords
	first, last, err := yearDates(year)
	if err != nil {
		return out, err
	}
	from := s.ts(time.Date(year, 1, 1, 0, 0, 0, 0, workday.China))
	to := s.ts(time.Date(year+1, 1, 1, 0, 0, 0, 0, workday.China))
	counts := func(tx *sql.Tx, q string, args ...any) ([]NamedCount, error) {
		rows, err := tx.QueryContext(ctx, q, args...)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		var cs []NamedCount
		for rows.Next() {
			var c NamedCount
			if err := rows.Scan(&c.Name, &c.N); err != nil {
				return nil, err
			}
			cs = append(cs, c)
		}
		return cs, rows.Err()
	}
	err = s.read(ctx, func(tx *sql.Tx) error {
		var err error
		if out.ByColumn, err = counts(tx, `SELECT c.name, count(*) FROM documents d JOIN site_columns c ON c.id = d.column_id
			WHERE d.body_id = $1 AND d.state = 'published' AND d.published >= $2 AND d.published < $3
			GROUP BY c.name ORDER BY count(*) DESC, c.name`, bodyID, from, to); err != nil {
			return err
		}
		if out.ByTheme, err = counts(tx, `SELECT theme, count(*) FROM documents
			WHERE body_id = $1 AND state = 'published' AND published >= $2 AND published < $3
			GROUP BY theme ORDER BY count(*) DESC, theme`, bodyID, from, to); err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM documents WHERE body_id = $1 AND state = 'published'
			AND published >= $2 AND published < $3 AND interprets IS NOT NULL`, bodyID, from, to).Scan(&out.Interpretations); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT asked, answered FROM consultations
			WHERE body_id = $1 AND answered >= $2 AND answered < $3`, bodyID, from, to)
		if err != nil {
			return err
		}
		for rows.Next() {
			var asked, answered time.Time
			if err := rows.Scan(timeScan{&asked}, timeScan{&answered}); err != nil {
				rows.Close()
				return err
			}
			out.ConsultationWaits = append(out.ConsultationWaits, answered.Sub(asked).Hours()/24)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, `SELECT count(*), coalesce(sum(adopted), 0),
			coalesce(sum((SELECT count(*) FROM comments c WHERE c.period_id = p.id)), 0)
			FROM comment_periods p WHERE body_id = $1 AND start_day >= $2 AND start_day <= $3`,
			bodyID, first.String(), last.String()).Scan(&out.CommentPeriods, &out.CommentsAdopted, &out.CommentsReceived); err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM requests WHERE body_id = $1 AND closed >= $2 AND closed <= $3
			AND outcome <> '' AND due <> '' AND closed <= due`,
			bodyID, first.String(), last.String()).Scan(&out.AnsweredOnTime); err != nil {
			return err
		}
		frows, err := tx.QueryContext(ctx, `SELECT n.details FROM request_events n
			JOIN requests r ON r.id = n.request_id
			WHERE r.body_id = $1 AND n.kind = $2
			AND n.id = (SELECT max(x.id) FROM request_events x WHERE x.request_id = n.request_id AND x.kind = $2)
			AND EXISTS (SELECT 1 FROM request_events p WHERE p.request_id = n.request_id AND p.kind = $3
				AND p.day >= $4 AND p.day <= $5)`,
			bodyID, string(request.KindFeeNoticeSent), string(request.KindFeePaid), first.String(), last.String())
		if err != nil {
			return err
		}
		defer frows.Close()
		for frows.Next() {
			var d string
			if err := frows.Scan(&d); err != nil {
				return err
			}
			out.FeeNotices = append(out.FeeNotices, d)
		}
		return frows.Err()
	})
	if err != nil {
		return out, fmt.Errorf("store: report year records of body %d for %d: %w", bodyID, year, err)
	}
	return out, nil
}
