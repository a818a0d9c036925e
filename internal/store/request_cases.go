package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/gongkai/gongkai/internal/request"
	"github.com/gongkai/gongkai/internal/workday"
)

// Case is a reconsideration or lawsuit (行政复议 / 行政诉讼) against the
// handling of a request. Cases are never deleted: a decision is recorded
// on the case, which then leaves 尚未审结.
type Case struct {
	ID        int64
	RequestID int64
	BodyID    int64        // the body whose decision is challenged
	Kind      string       // a table 四 group id of the format
	Filed     workday.Date // 立案 / 受理
	Decided   workday.Date // zero while pending
	Result    string       // a table 四 result column; empty while pending
	Created   time.Time
}

const caseColumns = "id, request_id, body_id, kind, filed, decided, result, created"

func scanCase(row interface{ Scan(...any) error }) (Case, error) {
	var c Case
	err := row.Scan(&c.ID, &c.RequestID, &c.BodyID, &c.Kind, dateScan{&c.Filed}, dateScan{&c.Decided}, &c.Result, timeScan{&c.Created})
	return c, err
}

// CreateCase records a case against a request; its body is the
// request's.
func (s *Store) CreateCase(ctx context.Context, c Case) (int64, error) {
	if c.Created.IsZero() {
		c.Created = s.now()
	}
	var id int64
	err := s.write(ctx, func(tx *sql.Tx) error {
		var bodyID int64
		if err := tx.QueryRowContext(ctx, "SELECT body_id FROM requests WHERE id = $1", c.RequestID).Scan(&bodyID); err != nil {
			return notFound(err, "request", c.RequestID)
		}
		return tx.QueryRowContext(ctx, `INSERT INTO request_cases (request_id, body_id, kind, filed, decided, result, created)
			VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`, c.RequestID, bodyID, c.Kind, c.Filed.String(),
			nullDate(c.Decided), c.Result, s.ts(c.Created)).Scan(&id)
	})
	if err != nil {
		return 0, fmt.Errorf("store: create case: %w", err)
	}
	return id, nil
}

// DecideCase records the decision of a case.
func (s *Store) DecideCase(ctx context.Context, caseID int64, decided workday.Date, result string) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "UPDATE request_cases SET decided = $1, result = $2 WHERE id = $3",
			decided.String(), result, caseID)
		if err != nil {
			return fmt.Errorf("store: decide case %d: %w", caseID, err)
		}
		return mustAffect(res, "case", caseID)
	})
}

// Cases returns the cases against a request, in filing order.
func (s *Store) Cases(ctx context.Context, requestID int64) ([]Case, error) {
	var out []Case
	err := s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, "SELECT "+caseColumns+" FROM request_cases WHERE request_id = $1 ORDER BY filed, id", requestID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			c, err := scanCase(rows)
			if err != nil {
				return err
			}
			out = append(out, c)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("store: cases of request %d: %w", requestID, err)
	}
	return out, nil
}

// RequestRecords returns what table 三 of the body's year needs: every
// request received by 31 December and not closed before 1 January
// (carried in, received, carried out).
func (s *Store) RequestRecords(ctx context.Context, bodyID int64, year int) ([]request.RequestRecord, error) {
	first, last := fmt.Sprintf("%04d-01-01", year), fmt.Sprintf("%04d-12-31", year)
	var out []request.RequestRecord
	err := s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT received, closed, applicant_type, outcome FROM requests
			WHERE body_id = $1 AND received <= $2 AND (closed IS NULL OR closed >= $3)`, bodyID, last, first)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var r request.RequestRecord
			var closed workday.Date
			if err := rows.Scan(dateScan{&r.Received}, dateScan{&closed}, &r.Applicant, &r.Outcome); err != nil {
				return err
			}
			if !closed.IsZero() {
				r.Closed = &closed
			}
			out = append(out, r)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("store: request records of body %d for %d: %w", bodyID, year, err)
	}
	return out, nil
}

// CaseRecords returns what table 四 of the body's year needs: cases
// filed by 31 December and not decided before 1 January.
func (s *Store) CaseRecords(ctx context.Context, bodyID int64, year int) ([]request.CaseRecord, error) {
	first, last := fmt.Sprintf("%04d-01-01", year), fmt.Sprintf("%04d-12-31", year)
	var out []request.CaseRecord
	err := s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT kind, filed, decided, result FROM request_cases
			WHERE body_id = $1 AND filed <= $2 AND (decided IS NULL OR decided >= $3)`, bodyID, last, first)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var c request.CaseRecord
			var decided workday.Date
			if err := rows.Scan(&c.Kind, dateScan{&c.Filed}, dateScan{&decided}, &c.Result); err != nil {
				return err
			}
			if !decided.IsZero() {
				c.Decided = &decided
			}
			out = append(out, c)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("store: case records of body %d for %d: %w", bodyID, year, err)
	}
	return out, nil
}
