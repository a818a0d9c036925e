package search

import (
	"context"
	"database/sql"
	"fmt"
)

// postgresDialect keeps everything in one table: filter values, the
// original text, and tsvector columns built from literal token streams
// (see tsvectorLiteral) with GIN indexes.
//
// Limits of tsvector that SQLite does not share: positions stop at 16383
// and a lexeme keeps at most 256 positions, so in documents longer than
// about 15,000 characters phrase queries (3+ characters) can miss matches
// in their later part. Two-character words and single tokens are not
// affected.
type postgresDialect struct{ p string }

func (s postgresDialect) schema() []string {
	return []string{
		`CREATE TABLE IF NOT EXISTS ` + s.p + `_doc (
			id BIGINT PRIMARY KEY,
			body_id BIGINT NOT NULL DEFAULT 0,
			column_id BIGINT NOT NULL DEFAULT 0,
			theme TEXT NOT NULL DEFAULT '',
			year INTEGER NOT NULL DEFAULT 0,
			kind TEXT NOT NULL DEFAULT '',
			title TEXT NOT NULL,
			body TEXT NOT NULL,
			title_tsv TSVECTOR NOT NULL,
			text_tsv TSVECTOR NOT NULL,
			meta_tsv TSVECTOR NOT NULL
		)`,
		`CREATE INDEX IF NOT EXISTS ` + s.p + `_doc_title_tsv ON ` + s.p + `_doc USING gin (title_tsv)`,
		`CREATE INDEX IF NOT EXISTS ` + s.p + `_doc_text_tsv ON ` + s.p + `_doc USING gin (text_tsv)`,
		`CREATE INDEX IF NOT EXISTS ` + s.p + `_doc_meta_tsv ON ` + s.p + `_doc USING gin (meta_tsv)`,
	}
}

func (s postgresDialect) drop() []string {
	return []string{`DROP TABLE IF EXISTS ` + s.p + `_doc`}
}

// optimize refreshes statistics; GIN merges its pending list on its own.
func (s postgresDialect) optimize() []string {
	return []string{`ANALYZE ` + s.p + `_doc`}
}

func (s postgresDialect) upsert(ctx context.Context, ex Execer, d preparedDoc) error {
	_, err := ex.ExecContext(ctx, `INSERT INTO `+s.p+`_doc
		(id, body_id, column_id, theme, year, kind, title, body, title_tsv, text_tsv, meta_tsv)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::tsvector, $10::tsvector, $11::tsvector)
		ON CONFLICT (id) DO UPDATE SET
			body_id = excluded.body_id, column_id = excluded.column_id, theme = excluded.theme,
			year = excluded.year, kind = excluded.kind, title = excluded.title, body = excluded.body,
			title_tsv = excluded.title_tsv, text_tsv = excluded.text_tsv,
			meta_tsv = excluded.meta_tsv`,
		d.ID, d.BodyID, d.ColumnID, d.Theme, d.Year, d.Kind, d.Title, d.Text,
		tsvectorLiteral(d.title), tsvectorLiteral(d.title, d.body), tsvectorLiteral(d.meta))
	return err
}

// upsertBatch is upsert for many documents in one statement: the
// columns travel as arrays and unnest turns them back into rows.
func (s postgresDialect) upsertBatch(ctx context.Context, ex Execer, docs []preparedDoc) error {
	n := len(docs)
	var (
		ids, bodies, cols        = make([]int64, n), make([]int64, n), make([]int64, n)
		years                    = make([]int32, n)
		themes, kinds, titles    = make([]string, n), make([]string, n), make([]string, n)
		texts, titleTSV, textTSV = make([]string, n), make([]string, n), make([]string, n)
		metaTSV                  = make([]string, n)
	)
	for i, d := range docs {
		ids[i], bodies[i], cols[i], years[i] = d.ID, d.BodyID, d.ColumnID, int32(d.Year)
		themes[i], kinds[i], titles[i], texts[i] = d.Theme, d.Kind, d.Title, d.Text
		titleTSV[i], textTSV[i], metaTSV[i] = tsvectorLiteral(d.title), tsvectorLiteral(d.title, d.body), tsvectorLiteral(d.meta)
	}
	_, err := ex.ExecContext(ctx, `INSERT INTO `+s.p+`_doc
		(id, body_id, column_id, theme, year, kind, title, body, title_tsv, text_tsv, meta_tsv)
		SELECT id, body_id, column_id, theme, year, kind, title, body,
			title_tsv::tsvector, text_tsv::tsvector, meta_tsv::tsvector
		FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::text[], $5::integer[], $6::text[],
			$7::text[], $8::text[], $9::text[], $10::text[], $11::text[])
			AS t(id, body_id, column_id, theme, year, kind, title, body, title_tsv, text_tsv, meta_tsv)
		ON CONFLICT (id) DO UPDATE SET
			body_id = excluded.body_id, column_id = excluded.column_id, theme = excluded.theme,
			year = excluded.year, kind = excluded.kind, title = excluded.title, body = excluded.body,
			title_tsv = excluded.title_tsv, text_tsv = excluded.text_tsv,
			meta_tsv = excluded.meta_tsv`,
		ids, bodies, cols, themes, years, kinds, titles, texts, titleTSV, textTSV, metaTSV)
	return err
}

func (s postgresDialect) delete(ctx context.Context, ex Execer, id int64) error {
	_, err := ex.ExecContext(ctx, `DELETE FROM `+s.p+`_doc WHERE id = $1`, id)
	return err
}

// where builds the condition and its arguments, starting at $1.
func (s postgresDialect) where(q ParsedQuery, meta []string, titleOnly bool) (string, []any) {
	col := "text_tsv"
	if titleOnly {
		col = "title_tsv"
	}
	cond := col + ` @@ $1::tsquery`
	args := []any{q.TSQuery()}
	if len(meta) > 0 {
		cond += ` AND meta_tsv @@ $2::tsquery`
		args = append(args, tokenQuery(meta).TSQuery())
	}
	return cond, args
}

func (s postgresDialect) match(ctx context.Context, db *sql.DB, q ParsedQuery, meta []string, titleOnly bool, below int64, limit int) ([]int64, error) {
	cond, args := s.where(q, meta, titleOnly)
	if below > 0 {
		args = append(args, below)
		cond += fmt.Sprintf(` AND id < $%d`, len(args))
	}
	args = append(args, limit)
	ids, err := queryIDs(ctx, db, fmt.Sprintf(`SELECT id FROM %s_doc WHERE %s ORDER BY id DESC LIMIT $%d`,
		s.p, cond, len(args)), args...)
	if err != nil {
		return nil, fmt.Errorf("match: %w", err)
	}
	return ids, nil
}

func (s postgresDialect) count(ctx context.Context, db *sql.DB, q ParsedQuery, meta []string, limit int) (int, error) {
	cond, args := s.where(q, meta, false)
	args = append(args, limit)
	var n int
	err := db.QueryRowContext(ctx, fmt.Sprintf(`SELECT count(*) FROM (SELECT 1 FROM %s_doc WHERE %s LIMIT $%d) m`,
		s.p, cond, len(args)), args...).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count: %w", err)
	}
	return n, nil
}

// loadDocs passes the IDs as one array parameter.
func (s postgresDialect) loadDocs(ctx context.Context, db *sql.DB, ids []int64) (map[int64]Doc, error) {
	return scanDocs(ctx, db, `SELECT id, body_id, column_id, theme, year, kind, title, body FROM `+s.p+
		`_doc WHERE id = ANY($1::bigint[])`, "{"+idList(ids)+"}")
}
