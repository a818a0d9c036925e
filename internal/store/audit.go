package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/gongkai/gongkai/internal/audit"
)

// AppendAudit adds an entry to the append-only audit log. There is no
// method to change or delete entries, and database triggers refuse it.
func (s *Store) AppendAudit(ctx context.Context, e audit.Entry) error {
	if e.At.IsZero() {
		e.At = s.now()
	}
	err := s.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO audit_log (at, user_id, username, action, body_id, target, detail, remote)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
			s.ts(e.At), e.UserID, e.Username, e.Action, e.BodyID, e.Target, e.Detail, e.Remote)
		return err
	})
	if err != nil {
		return fmt.Errorf("store: append audit %s: %w", e.Action, err)
	}
	return nil
}

// Audit returns entries matching f, newest first; f.Before pages.
func (s *Store) Audit(ctx context.Context, f audit.Filter) ([]audit.Entry, error) {
	limit := f.Limit
	if limit <= 0 || limit > 500 {
		limit = 50
	}
	var where []string
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return fmt.Sprintf("$%d", len(args))
	}
	if f.BodyIDs != nil {
		if len(f.BodyIDs) == 0 {
			return []audit.Entry{}, nil
		}
		ph := make([]string, len(f.BodyIDs))
		for i, id := range f.BodyIDs {
			ph[i] = arg(id)
		}
		where = append(where, "body_id IN ("+strings.Join(ph, ", ")+")")
	}
	if f.UserID != 0 {
		where = append(where, "user_id = "+arg(f.UserID))
	}
	if f.Action != "" {
		where = append(where, "action = "+arg(f.Action))
	}
	if f.Before != 0 {
		where = append(where, "id < "+arg(f.Before))
	}
	q := "SELECT id, at, user_id, username, action, body_id, target, detail, remote FROM audit_log"
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += " ORDER BY id DESC LIMIT " + arg(limit)
	var es []audit.Entry
	err := s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, q, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var e audit.Entry
			if err := rows.Scan(&e.ID, timeScan{&e.At}, &e.UserID, &e.Username, &e.Action, &e.BodyID,
				&e.Target, &e.Detail, &e.Remote); err != nil {
				return err
			}
			es = append(es, e)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("store: audit: %w", err)
	}
	return es, nil
}
