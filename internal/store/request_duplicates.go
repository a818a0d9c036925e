package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/gongkai/gongkai/internal/request"
)

// RecentSameRequest returns the newest request to the body from the
// same applicant (证件号码) seeking the same information that was stored
// at or after since: an application sent twice (a double click, a
// resubmitted form) is refused with a link to the first. ErrNotFound
// when there is none.
func (s *Store) RecentSameRequest(ctx context.Context, bodyID int64, idNumber, sought string, since time.Time) (request.Request, error) {
	var q request.Request
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		q, err = scanRequest(tx.QueryRowContext(ctx, "SELECT "+requestColumns+` FROM requests
			WHERE body_id = $1 AND id_number = $2 AND sought = $3 AND created >= $4 ORDER BY id DESC LIMIT 1`,
			bodyID, idNumber, sought, s.ts(since)))
		return err
	})
	if errors.Is(err, sql.ErrNoRows) {
		return request.Request{}, fmt.Errorf("store: no recent request like this: %w", ErrNotFound)
	}
	if err != nil {
		return request.Request{}, fmt.Errorf("store: recent requests of body %d: %w", bodyID, err)
	}
	return q, nil
}
