package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/gongkai/gongkai/internal/disclosure"
)

// ThemeCounts counts a body's published documents per 主题分类 code as
// stored (a top-level or a second-level code; "" for none), for the
// portal's theme browsing.
func (s *Store) ThemeCounts(ctx context.Context, bodyID int64) (map[string]int, error) {
	out, err := s.themeCounts(ctx, "body_id = $1 AND ", bodyID)
	if err != nil {
		return nil, fmt.Errorf("store: theme counts of body %d: %w", bodyID, err)
	}
	return out, nil
}

// SiteThemeCounts is ThemeCounts over every body of the platform: what
// the site-wide search offers as 主题分类 filters.
func (s *Store) SiteThemeCounts(ctx context.Context) (map[string]int, error) {
	out, err := s.themeCounts(ctx, "")
	if err != nil {
		return nil, fmt.Errorf("store: theme counts of the site: %w", err)
	}
	return out, nil
}

// themeCounts counts published documents per stored theme code under a
// condition (ending in AND, or empty).
func (s *Store) themeCounts(ctx context.Context, where string, args ...any) (map[string]int, error) {
	out := map[string]int{}
	err := s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT theme, count(*) FROM documents
			WHERE `+where+`state = 'published' GROUP BY theme`, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var theme string
			var n int
			if err := rows.Scan(&theme, &n); err != nil {
				return err
			}
			out[theme] = n
		}
		return rows.Err()
	})
	return out, err
}

// ThemeDocuments returns one page of a body's published documents under
// a theme, newest first, and the total. Codes are positional ("03",
// "0302"), so a top-level code covers its second levels by prefix.
func (s *Store) ThemeDocuments(ctx context.Context, bodyID int64, code string, offset, limit int) ([]disclosure.Document, int, error) {
	if limit <= 0 || limit > 500 {
		limit = 20
	}
	offset = max(offset, 0)
	const where = " FROM documents WHERE body_id = $1 AND state = 'published' AND (theme = $2 OR theme LIKE $3)"
	var ds []disclosure.Document
	var total int
	err := s.read(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, "SELECT count(*)"+where, bodyID, code, code+"__").Scan(&total); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, "SELECT "+documentColumns+where+" ORDER BY published DESC, id DESC LIMIT $4 OFFSET $5",
			bodyID, code, code+"__", limit, offset)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			d, err := scanDocument(rows)
			if err != nil {
				return err
			}
			ds = append(ds, d)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, 0, fmt.Errorf("store: documents of body %d under theme %q: %w", bodyID, code, err)
	}
	return ds, total, nil
}
