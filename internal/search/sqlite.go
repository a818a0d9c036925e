package search

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// sqliteDialect keeps filter values and the original text in a plain
// table, and the token streams in two
// contentless FTS5 tables: the main one (title, body, meta columns) and a
// small title-only one, so "newest title matches" does not walk the body
// postings of a common word.
//
// The 'ascii' tokenizer splits only on ASCII separators and keeps every
// non-ASCII byte inside tokens, so FTS5 sees exactly the tokens Go made;
// unicode61 would apply its own (older) Unicode tables and case folding.
//
// The main table also keeps a one-character prefix index (prefix='1'):
// a one-character query is a prefix query over bigrams, which without it
// merges every bigram starting with that character (~45 ms at 100k
// documents, growing with the corpus); with it, one posting list. It adds
// about half to the FTS size; Options.NoPrefixIndex leaves it out.
type sqliteDialect struct {
	p        string
	noPrefix bool
}

func (s sqliteDialect) schema() []string {
	prefix := ", prefix='1'"
	if s.noPrefix {
		prefix = ""
	}
	return []string{
		`CREATE TABLE IF NOT EXISTS ` + s.p + `_doc (
			id INTEGER PRIMARY KEY,
			body_id INTEGER NOT NULL DEFAULT 0,
			column_id INTEGER NOT NULL DEFAULT 0,
			theme TEXT NOT NULL DEFAULT '',
			year INTEGER NOT NULL DEFAULT 0,
			kind TEXT NOT NULL DEFAULT '',
			title TEXT NOT NULL,
			body TEXT NOT NULL
		)`,
		`CREATE VIRTUAL TABLE IF NOT EXISTS ` + s.p + `_fts USING fts5(
			title_tokens, body_tokens, meta,
			content='', contentless_delete=1, tokenize='ascii'` + prefix + `)`,
		`CREATE VIRTUAL TABLE IF NOT EXISTS ` + s.p + `_title_fts USING fts5(
			title_tokens, meta,
			content='', contentless_delete=1, tokenize='ascii')`,
	}
}

func (s sqliteDialect) drop() []string {
	return []string{
		`DROP TABLE IF EXISTS ` + s.p + `_title_fts`,
		`DROP TABLE IF EXISTS ` + s.p + `_fts`,
		`DROP TABLE IF EXISTS ` + s.p + `_doc`,
	}
}

func (s sqliteDialect) optimize() []string {
	return []string{
		`INSERT INTO ` + s.p + `_fts (` + s.p + `_fts) VALUES ('optimize')`,
		`INSERT INTO ` + s.p + `_title_fts (` + s.p + `_title_fts) VALUES ('optimize')`,
	}
}

func (s sqliteDialect) upsert(ctx context.Context, ex Execer, d preparedDoc) error {
	if err := s.delete(ctx, ex, d.ID); err != nil {
		return err
	}
	stmts := []struct {
		q    string
		args []any
	}{
		{`INSERT INTO ` + s.p + `_doc (id, body_id, column_id, theme, year, kind, title, body)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
			[]any{d.ID, d.BodyID, d.ColumnID, d.Theme, d.Year, d.Kind, d.Title, d.Text}},
		{`INSERT INTO ` + s.p + `_fts (rowid, title_tokens, body_tokens, meta) VALUES ($1, $2, $3, $4)`,
			[]any{d.ID, joinTokens(d.title), joinTokens(d.body), joinTokens(d.meta)}},
		{`INSERT INTO ` + s.p + `_title_fts (rowid, title_tokens, meta) VALUES ($1, $2, $3)`,
			[]any{d.ID, joinTokens(d.title), joinTokens(d.meta)}},
	}
	for _, st := range stmts {
		if _, err := ex.ExecContext(ctx, st.q, st.args...); err != nil {
			return err
		}
	}
	return nil
}

// upsertBatch is upsert for many documents: one delete per table for
// the whole batch, then multi-row inserts.
func (s sqliteDialect) upsertBatch(ctx context.Context, ex Execer, docs []preparedDoc) error {
	for len(docs) > 0 {
		chunk := docs[:min(len(docs), batchRows)]
		docs = docs[len(chunk):]
		ids := make([]int64, len(chunk))
		for i, d := range chunk {
			ids[i] = d.ID
		}
		list := "[" + idList(ids) + "]"
		for _, t := range []string{"_doc WHERE id", "_fts WHERE rowid", "_title_fts WHERE rowid"} {
			if _, err := ex.ExecContext(ctx, `DELETE FROM `+s.p+t+` IN (SELECT value FROM json_each($1))`, list); err != nil {
				return err
			}
		}
		var doc, fts, title [][]any
		for _, d := range chunk {
			doc = append(doc, []any{d.ID, d.BodyID, d.ColumnID, d.Theme, d.Year, d.Kind, d.Title, d.Text})
			fts = append(fts, []any{d.ID, joinTokens(d.title), joinTokens(d.body), joinTokens(d.meta)})
			title = append(title, []any{d.ID, joinTokens(d.title), joinTokens(d.meta)})
		}
		for _, st := range []struct {
			table string
			rows  [][]any
		}{
			{s.p + `_doc (id, body_id, column_id, theme, year, kind, title, body)`, doc},
			{s.p + `_fts (rowid, title_tokens, body_tokens, meta)`, fts},
			{s.p + `_title_fts (rowid, title_tokens, meta)`, title},
		} {
			q, args := multiRowInsert(st.table, st.rows)
			if _, err := ex.ExecContext(ctx, q, args...); err != nil {
				return err
			}
		}
	}
	return nil
}

// multiRowInsert builds one INSERT of rows (all of one width) into
// table, given with its column list.
func multiRowInsert(table string, rows [][]any) (string, []any) {
	var b strings.Builder
	b.WriteString("INSERT INTO " + table + " VALUES ")
	args := make([]any, 0, len(rows)*len(rows[0]))
	for i, r := range rows {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('(')
		// Plain ? marks: the driver looks up the name of every $N mark
		// in a list as long as the statement's (quadratic here).
		for j, v := range r {
			if j > 0 {
				b.WriteByte(',')
			}
			args = append(args, v)
			b.WriteByte('?')
		}
		b.WriteByte(')')
	}
	return b.String(), args
}

func (s sqliteDialect) delete(ctx context.Context, ex Execer, id int64) error {
	for _, t := range []string{"_doc WHERE id", "_fts WHERE rowid", "_title_fts WHERE rowid"} {
		if _, err := ex.ExecContext(ctx, `DELETE FROM `+s.p+t+` = $1`, id); err != nil {
			return err
		}
	}
	return nil
}

// expr builds the MATCH expression: the text query on the given columns,
// ANDed with the filter tokens on the meta column.
func (s sqliteDialect) expr(q ParsedQuery, meta []string, titleOnly bool) string {
	e := q.FTS5("title_tokens", "body_tokens")
	if titleOnly {
		e = q.FTS5("title_tokens")
	}
	if len(meta) > 0 {
		e = "(" + e + ") AND (" + tokenQuery(meta).FTS5("meta") + ")"
	}
	return e
}

func (s sqliteDialect) match(ctx context.Context, db *sql.DB, q ParsedQuery, meta []string, titleOnly bool, below int64, limit int) ([]int64, error) {
	table := s.p + "_fts"
	if titleOnly {
		table = s.p + "_title_fts"
	}
	query := `SELECT rowid FROM ` + table + ` WHERE ` + table + ` MATCH $1`
	args := []any{s.expr(q, meta, titleOnly)}
	if below > 0 {
		query += ` AND rowid < $2 ORDER BY rowid DESC LIMIT $3`
		args = append(args, below, limit)
	} else {
		query += ` ORDER BY rowid DESC LIMIT $2`
		args = append(args, limit)
	}
	ids, err := queryIDs(ctx, db, query, args...)
	if err != nil {
		return nil, fmt.Errorf("match: %w", err)
	}
	return ids, nil
}

func (s sqliteDialect) count(ctx context.Context, db *sql.DB, q ParsedQuery, meta []string, limit int) (int, error) {
	var n int
	err := db.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT rowid FROM `+s.p+`_fts WHERE `+s.p+`_fts MATCH $1 LIMIT $2)`,
		s.expr(q, meta, false), limit).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count: %w", err)
	}
	return n, nil
}

func (s sqliteDialect) oldest(ctx context.Context, db *sql.DB, q ParsedQuery, meta []string) (int64, error) {
	ids, err := queryIDs(ctx, db, `SELECT rowid FROM `+s.p+`_fts WHERE `+s.p+`_fts MATCH $1 ORDER BY rowid LIMIT 1`, s.expr(q, meta, false))
	if err != nil || len(ids) == 0 {
		return 0, err
	}
	return ids[0], nil
}

// loadDocs passes the IDs as one JSON array, so the statement text stays
// the same from query to query and SQLite can reuse its plan.
func (s sqliteDialect) loadDocs(ctx context.Context, db *sql.DB, ids []int64) (map[int64]Doc, error) {
	return scanDocs(ctx, db, `SELECT id, body_id, column_id, theme, year, kind, title, substr(body, 1, $2) FROM `+s.p+
		`_doc WHERE id IN (SELECT value FROM json_each($1))`, "["+idList(ids)+"]", rankedRunes)
}
