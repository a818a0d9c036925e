package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/gongkai/gongkai/internal/interact"
	"github.com/gongkai/gongkai/internal/workday"
)

// ErrNotOpen is returned (wrapped) when a comment arrives outside its
// period, or a period is closed before its end.
var ErrNotOpen = errors.New("store: comment period not open")

const periodCols = `id, body_id, title, draft, kind, start_day, end_day, opened, opened_by, closed, closed_by, adoption, adopted,
	(SELECT count(*) FROM comments WHERE comments.period_id = comment_periods.id)`

func scanPeriod(sc interface{ Scan(...any) error }) (interact.CommentPeriod, error) {
	var p interact.CommentPeriod
	err := sc.Scan(&p.ID, &p.BodyID, &p.Title, &p.Draft, &p.Kind, dateScan{&p.Start}, dateScan{&p.End},
		timeScan{&p.Opened}, &p.OpenedBy, nullTimeScan{&p.Closed}, &p.ClosedBy, &p.Adoption, &p.Adopted, &p.Received)
	return p, err
}

// CreateCommentPeriod records a new period; the caller has checked its
// length against the draft kind's minimum (interact.ValidatePeriod).
func (s *Store) CreateCommentPeriod(ctx context.Context, p interact.CommentPeriod) (int64, error) {
	var id int64
	err := s.write(ctx, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, `INSERT INTO comment_periods (body_id, title, draft, kind, start_day, end_day, opened, opened_by)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
			p.BodyID, p.Title, p.Draft, p.Kind, p.Start.String(), p.End.String(), s.ts(p.Opened), p.OpenedBy).Scan(&id)
	})
	if err != nil {
		return 0, fmt.Errorf("store: create comment period: %w", classify(err))
	}
	return id, nil
}

// CommentPeriod returns period id of body bodyID with its count of
// comments; one of another body is ErrNotFound.
func (s *Store) CommentPeriod(ctx context.Context, bodyID, id int64) (interact.CommentPeriod, error) {
	var p interact.CommentPeriod
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		p, err = scanPeriod(tx.QueryRowContext(ctx, "SELECT "+periodCols+
			" FROM comment_periods WHERE body_id = $1 AND id = $2", bodyID, id))
		return err
	})
	if err != nil {
		return interact.CommentPeriod{}, notFound(err, "comment period", id)
	}
	return p, nil
}

// CommentPeriods lists a body's periods, the latest opening first.
func (s *Store) CommentPeriods(ctx context.Context, bodyID int64) ([]interact.CommentPeriod, error) {
	var out []interact.CommentPeriod
	err := s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, "SELECT "+periodCols+
			" FROM comment_periods WHERE body_id = $1 ORDER BY start_day DESC, id DESC", bodyID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			p, err := scanPeriod(rows)
			if err != nil {
				return err
			}
			out = append(out, p)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("store: list comment periods of body %d: %w", bodyID, err)
	}
	return out, nil
}

// PeriodComment is one comment received; never published individually.
type PeriodComment struct {
	ID       int64
	PeriodID int64
	Name     string
	Contact  string
	Text     string
	Created  time.Time
}

// AddComment records a comment on period id of body bodyID, but only
// while the period is open on today: the check and the insert are one
// statement, so a comment cannot slip in after closing.
func (s *Store) AddComment(ctx context.Context, bodyID, periodID int64, c PeriodComment, today workday.Date) error {
	err := s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO comments (period_id, name, contact, text, created)
			SELECT id, $1, $2, $3, $4 FROM comment_periods
			WHERE id = $5 AND body_id = $6 AND closed IS NULL AND start_day <= $7 AND end_day >= $7`,
			c.Name, c.Contact, c.Text, s.ts(c.Created), periodID, bodyID, today.String())
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 1 {
			return err
		}
		return s.periodExists(ctx, tx, bodyID, periodID)
	})
	if err != nil {
		return fmt.Errorf("store: add comment: %w", err)
	}
	return nil
}

// periodExists explains a write that touched nothing: ErrNotFound for a
// missing period, ErrNotOpen for one outside its dates or closed.
func (s *Store) periodExists(ctx context.Context, tx *sql.Tx, bodyID, id int64) error {
	var one int
	err := tx.QueryRowContext(ctx, "SELECT 1 FROM comment_periods WHERE body_id = $1 AND id = $2", bodyID, id).Scan(&one)
	if err != nil {
		return notFound(err, "comment period", id)
	}
	return fmt.Errorf("comment period %d: %w", id, ErrNotOpen)
}

// Comments lists the comments of a period, in order of arrival.
func (s *Store) Comments(ctx context.Context, bodyID, periodID int64) ([]PeriodComment, error) {
	var out []PeriodComment
	err := s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT c.id, c.period_id, c.name, c.contact, c.text, c.created
			FROM comments c JOIN comment_periods p ON p.id = c.period_id
			WHERE p.body_id = $1 AND c.period_id = $2 ORDER BY c.id`, bodyID, periodID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var c PeriodComment
			if err := rows.Scan(&c.ID, &c.PeriodID, &c.Name, &c.Contact, &c.Text, timeScan{&c.Created}); err != nil {
				return err
			}
			out = append(out, c)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("store: comments of period %d: %w", periodID, err)
	}
	return out, nil
}

// PeriodClosing is what staff enter when closing a period.
type PeriodClosing struct {
	Adoption string
	Adopted  int
	By       int64
	At       time.Time
}

// CloseCommentPeriod publishes the adoption summary of a period whose
// end has passed on today. A period not yet past its end is ErrNotOpen
// (closing early would shorten the statutory period), a closed one
// ErrAlreadyDone, and an adopted count outside 0…received is
// ErrTooManyAdopted, checked in the same transaction as the count, so
// the published figures always agree.
func (s *Store) CloseCommentPeriod(ctx context.Context, bodyID, id int64, c PeriodClosing, today workday.Date) error {
	err := s.write(ctx, func(tx *sql.Tx) error {
		p, err := scanPeriod(tx.QueryRowContext(ctx, "SELECT "+periodCols+
			" FROM comment_periods WHERE body_id = $1 AND id = $2", bodyID, id))
		if err != nil {
			return notFound(err, "comment period", id)
		}
		switch {
		case p.Closed != nil:
			return fmt.Errorf("comment period %d: %w", id, ErrAlreadyDone)
		case !today.After(p.End):
			return fmt.Errorf("comment period %d: %w", id, ErrNotOpen)
		case c.Adopted < 0 || c.Adopted > p.Received:
			return fmt.Errorf("comment period %d: %d adopted of %d: %w", id, c.Adopted, p.Received, ErrTooManyAdopted)
		}
		_, err = tx.ExecContext(ctx, `UPDATE comment_periods SET closed = $1, closed_by = $2, adoption = $3, adopted = $4
			WHERE id = $5`, s.ts(c.At), c.By, c.Adoption, c.Adopted, id)
		return err
	})
	if err != nil {
		return fmt.Errorf("store: close comment period: %w", err)
	}
	return nil
}

// ErrTooManyAdopted is an adopted count above the comments received.
var ErrTooManyAdopted = errors.New("store: more comments adopted than received")
