package search

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
)

// dialect is everything that differs between SQLite FTS5 and PostgreSQL
// tsvector. Both receive the same token streams and the same parsed query,
// so they return the same matches; ordering, ranking and snippets happen in
// Go on top of them.
type dialect interface {
	schema() []string
	drop() []string
	optimize() []string
	upsert(ctx context.Context, ex Execer, d preparedDoc) error
	delete(ctx context.Context, ex Execer, id int64) error
	// match returns IDs of matching documents, newest (highest ID) first,
	// below the given ID when below > 0. titleOnly restricts the match to
	// titles.
	match(ctx context.Context, db *sql.DB, q ParsedQuery, meta []string, titleOnly bool, below int64, limit int) ([]int64, error)
	// oldest returns the lowest matching ID, 0 when nothing matches.
	oldest(ctx context.Context, db *sql.DB, q ParsedQuery, meta []string) (int64, error)
	// count counts matches, stopping at limit.
	count(ctx context.Context, db *sql.DB, q ParsedQuery, meta []string, limit int) (int, error)
	// loadDocs reads documents by ID, their text cut to the first
	// rankedRunes characters.
	loadDocs(ctx context.Context, db *sql.DB, ids []int64) (map[int64]Doc, error)
}

// idList renders IDs separated by commas for an array parameter.
func idList(ids []int64) string {
	var b strings.Builder
	for i, id := range ids {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.FormatInt(id, 10))
	}
	return b.String()
}

// queryIDs runs a query returning one int64 column.
func queryIDs(ctx context.Context, db *sql.DB, query string, args ...any) ([]int64, error) {
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// scanDocs runs a document query; the columns are the same in both
// dialects.
func scanDocs(ctx context.Context, db *sql.DB, query string, args ...any) (map[int64]Doc, error) {
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("load documents: %w", err)
	}
	defer rows.Close()
	out := make(map[int64]Doc)
	for rows.Next() {
		var d Doc
		if err := rows.Scan(&d.ID, &d.BodyID, &d.ColumnID, &d.Theme, &d.Year, &d.Kind, &d.Title, &d.Text); err != nil {
			return nil, fmt.Errorf("load documents: %w", err)
		}
		out[d.ID] = d
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("load documents: %w", err)
	}
	return out, nil
}
