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

// ErrAlreadyDone is returned (wrapped) when a consultation is answered
// or a comment period closed a second time.
var ErrAlreadyDone = errors.New("store: already done")

const consultationCols = `id, body_id, name, contact, subject, question, asked, asked_day, answer, answered,
	answered_by, publish, withhold_reason`

func scanConsultation(sc interface{ Scan(...any) error }) (interact.Consultation, error) {
	var c interact.Consultation
	err := sc.Scan(&c.ID, &c.BodyID, &c.Name, &c.Contact, &c.Subject, &c.Question, timeScan{&c.Asked},
		dateScan{&c.AskedDay}, &c.Answer, nullTimeScan{&c.Answered}, &c.AnsweredBy, &c.Publish, &c.WithholdReason)
	return c, err
}

// CreateConsultation records a new question and returns its id.
func (s *Store) CreateConsultation(ctx context.Context, c interact.Consultation) (int64, error) {
	var id int64
	err := s.write(ctx, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, `INSERT INTO consultations (body_id, name, contact, subject, question, asked, asked_day)
			VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
			c.BodyID, c.Name, c.Contact, c.Subject, c.Question, s.ts(c.Asked), c.AskedDay.String()).Scan(&id)
	})
	if err != nil {
		return 0, fmt.Errorf("store: create consultation: %w", classify(err))
	}
	return id, nil
}

// Consultation returns consultation id of body bodyID; one of another
// body is ErrNotFound, so a path naming the wrong body reveals nothing.
func (s *Store) Consultation(ctx context.Context, bodyID, id int64) (interact.Consultation, error) {
	var c interact.Consultation
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		c, err = scanConsultation(tx.QueryRowContext(ctx, "SELECT "+consultationCols+
			" FROM consultations WHERE body_id = $1 AND id = $2", bodyID, id))
		return err
	})
	if err != nil {
		return interact.Consultation{}, notFound(err, "consultation", id)
	}
	return c, nil
}

// Consultations lists a body's consultations for staff: unanswered ones
// first, oldest first (they are the most urgent), then answered ones,
// newest answer first; with the total.
func (s *Store) Consultations(ctx context.Context, bodyID int64, offset, limit int) ([]interact.Consultation, int, error) {
	return s.consultationPage(ctx, "body_id = $1",
		"(answered IS NULL) DESC, CASE WHEN answered IS NULL THEN asked END ASC, answered DESC, id DESC", bodyID, offset, limit)
}

// PublishedConsultations lists a body's answered consultations that may
// be published, newest answer first; with the total.
func (s *Store) PublishedConsultations(ctx context.Context, bodyID int64, offset, limit int) ([]interact.Consultation, int, error) {
	return s.consultationPage(ctx, "body_id = $1 AND answered IS NOT NULL AND publish",
		"answered DESC, id DESC", bodyID, offset, limit)
}

func (s *Store) consultationPage(ctx context.Context, where, order string, bodyID int64, offset, limit int) ([]interact.Consultation, int, error) {
	var (
		out   []interact.Consultation
		total int
	)
	err := s.read(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM consultations WHERE "+where, bodyID).Scan(&total); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, "SELECT "+consultationCols+" FROM consultations WHERE "+where+
			" ORDER BY "+order+" LIMIT $2 OFFSET $3", bodyID, limit, offset)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			c, err := scanConsultation(rows)
			if err != nil {
				return err
			}
			out = append(out, c)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, 0, fmt.Errorf("store: list consultations of body %d: %w", bodyID, err)
	}
	return out, total, nil
}

// ConsultationAnswer is a staff member's reply.
type ConsultationAnswer struct {
	Text           string
	Publish        bool
	WithholdReason string // required by the caller when Publish is false
	By             int64
	At             time.Time
}

// AnswerConsultation records the answer to an unanswered consultation;
// an answered one is ErrAlreadyDone, so two staff members replying at
// once cannot overwrite each other.
func (s *Store) AnswerConsultation(ctx context.Context, bodyID, id int64, a ConsultationAnswer) error {
	err := s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE consultations SET answer = $1, answered = $2, answered_by = $3,
			publish = $4, withhold_reason = $5 WHERE body_id = $6 AND id = $7 AND answered IS NULL`,
			a.Text, s.ts(a.At), a.By, a.Publish, a.WithholdReason, bodyID, id)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 1 {
			return err
		}
		var answered bool
		err = tx.QueryRowContext(ctx, "SELECT answered IS NOT NULL FROM consultations WHERE body_id = $1 AND id = $2",
			bodyID, id).Scan(&answered)
		if err != nil {
			return notFound(err, "consultation", id)
		}
		return fmt.Errorf("consultation %d: %w", id, ErrAlreadyDone)
	})
	if err != nil {
		return fmt.Errorf("store: answer consultation: %w", err)
	}
	return nil
}

// UnansweredDay counts a body's consultations asked on one day and not
// yet answered; the web layer decides with interact.Overdue which of
// those days are past the 3-month limit.
type UnansweredDay struct {
	BodyID int64
	Day    workday.Date
	Count  int
}

// UnansweredConsultations groups every unanswered consultation by body
// and day of asking. The rows are few (one per body and day), and the
// rule stays in one pure function instead of being restated in SQL.
func (s *Store) UnansweredConsultations(ctx context.Context) ([]UnansweredDay, error) {
	var out []UnansweredDay
	err := s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT body_id, asked_day, count(*) FROM consultations
			WHERE answered IS NULL GROUP BY body_id, asked_day ORDER BY body_id, asked_day`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var u UnansweredDay
			if err := rows.Scan(&u.BodyID, dateScan{&u.Day}, &u.Count); err != nil {
				return err
			}
			out = append(out, u)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("store: unanswered consultations: %w", err)
	}
	return out, nil
}

// EnsureMeta returns the platform setting key, first recording value
// when the key is absent. Instances starting together agree on one
// value: the first insert wins and everyone reads it back.
func (s *Store) EnsureMeta(ctx context.Context, key, value string) (string, error) {
	var v string
	err := s.write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, "INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING", key, value); err != nil {
			return err
		}
		return tx.QueryRowContext(ctx, "SELECT value FROM meta WHERE key = $1", key).Scan(&v)
	})
	if err != nil {
		return "", fmt.Errorf("store: ensure meta %s: %w", key, err)
	}
	return v, nil
}
