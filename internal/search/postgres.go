package search

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// postgresDialect keeps everything in one table: filter values, the
// original text, and tsvector columns built from literal token streams
// (tsvector.go) under two GIN indexes, each pairing a text column with the
// meta column so one index scan intersects words, filters and ID windows.
//
// A document whose token stream does not fit in one tsvector (over 16383
// positions, or a lexeme more than 256 times: from about 15,000
// characters) is "long": its text_tsv holds its lexemes without
// positions, which finds the documents that have every token of a query,
// and its phrases are checked in the chunk table, one row per overlapping
// chunk that fits. Such documents are few, so the check per document is
// cheap, and results stay identical to SQLite's.
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
			meta_tsv TSVECTOR NOT NULL,
			long BOOLEAN NOT NULL DEFAULT false
		)`,
		// Tables created before long documents were chunked.
		`ALTER TABLE ` + s.p + `_doc ADD COLUMN IF NOT EXISTS long BOOLEAN NOT NULL DEFAULT false`,
		`CREATE TABLE IF NOT EXISTS ` + s.p + `_chunk (
			doc_id BIGINT NOT NULL,
			n INTEGER NOT NULL,
			tsv TSVECTOR NOT NULL,
			PRIMARY KEY (doc_id, n)
		)`,
		`CREATE INDEX IF NOT EXISTS ` + s.p + `_chunk_tsv ON ` + s.p + `_chunk USING gin (tsv)`,
		// The chunks holding a phrase, through the GIN index only. The
		// planner prefers a sequential scan of a table of a few hundred
		// rows, but each row is a tsvector of up to 16383 positions to
		// detoast and check: 352 chunks took 11–28 ms at 1,000,000
		// documents, the GIN index 0.3–6 ms. A function's SET is the one
		// way to steer a single query's plan.
		`CREATE OR REPLACE FUNCTION ` + s.p + `_chunk_docs(q tsquery) RETURNS SETOF bigint
			LANGUAGE sql STABLE SET enable_seqscan = off
			AS $$SELECT doc_id FROM ` + s.p + `_chunk WHERE tsv @@ q$$`,
		// One-column indexes of earlier versions.
		`DROP INDEX IF EXISTS ` + s.p + `_doc_title_tsv`,
		`DROP INDEX IF EXISTS ` + s.p + `_doc_text_tsv`,
		`DROP INDEX IF EXISTS ` + s.p + `_doc_meta_tsv`,
		`CREATE INDEX IF NOT EXISTS ` + s.p + `_doc_text_meta ON ` + s.p + `_doc USING gin (text_tsv, meta_tsv)`,
		`CREATE INDEX IF NOT EXISTS ` + s.p + `_doc_title_meta ON ` + s.p + `_doc USING gin (title_tsv, meta_tsv)`,
	}
}

func (s postgresDialect) drop() []string {
	return []string{`DROP FUNCTION IF EXISTS ` + s.p + `_chunk_docs(tsquery)`,
		`DROP TABLE IF EXISTS ` + s.p + `_chunk`, `DROP TABLE IF EXISTS ` + s.p + `_doc`}
}

// optimize refreshes statistics; GIN merges its pending list on its own.
func (s postgresDialect) optimize() []string {
	return []string{`ANALYZE ` + s.p + `_doc`, `ANALYZE ` + s.p + `_chunk`}
}

// pgLiterals are a prepared document's three tsvectors as PostgreSQL
// literals, and whether its text overflows one tsvector (long).
type pgLiterals struct {
	title, text, meta string
	long              bool
	positioned        []posToken
}

func literalsOf(d preparedDoc) pgLiterals {
	text := positioned(d.title, d.body)
	l := pgLiterals{long: !fitsTSVector(text), positioned: text}
	l.text = tsvectorLiteral(text)
	if l.long {
		l.text = lexemesLiteral(d.title, d.body)
	}
	l.title = tsvectorLiteral(positioned(d.title))
	l.meta = lexemesLiteral(d.meta, windowTokens(d.ID), charTokens(textCharMark, append(slices.Clone(d.title), d.body...)),
		charTokens(titleCharMark, d.title))
	return l
}

func (s postgresDialect) upsert(ctx context.Context, ex Execer, d preparedDoc) error {
	l := literalsOf(d)
	// The document's old chunks go in the same statement: one round trip
	// a document, as before chunks.
	_, err := ex.ExecContext(ctx, `WITH gone AS (DELETE FROM `+s.p+`_chunk WHERE doc_id = $1)
		INSERT INTO `+s.p+`_doc
		(id, body_id, column_id, theme, year, kind, title, body, title_tsv, text_tsv, meta_tsv, long)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::tsvector, $10::tsvector, $11::tsvector, $12)
		ON CONFLICT (id) DO UPDATE SET
			body_id = excluded.body_id, column_id = excluded.column_id, theme = excluded.theme,
			year = excluded.year, kind = excluded.kind, title = excluded.title, body = excluded.body,
			title_tsv = excluded.title_tsv, text_tsv = excluded.text_tsv,
			meta_tsv = excluded.meta_tsv, long = excluded.long`,
		d.ID, d.BodyID, d.ColumnID, d.Theme, d.Year, d.Kind, d.Title, d.Text, l.title, l.text, l.meta, l.long)
	if err != nil || !l.long {
		return err
	}
	for i, c := range splitChunks(l.positioned) {
		if _, err := ex.ExecContext(ctx, `INSERT INTO `+s.p+`_chunk (doc_id, n, tsv) VALUES ($1, $2, $3::tsvector)`,
			d.ID, i, chunkLiteral(d.ID, c)); err != nil {
			return err
		}
	}
	return nil
}

// upsertBatch is upsert for many documents in one statement: the
// columns travel as arrays and unnest turns them back into rows. Long
// documents (rare) go one by one through upsert, which writes their
// chunks; the batch's old chunks are cleared first.
func (s postgresDialect) upsertBatch(ctx context.Context, ex Execer, docs []preparedDoc) error {
	n := len(docs)
	var (
		ids, bodies, cols        = make([]int64, 0, n), make([]int64, 0, n), make([]int64, 0, n)
		years                    = make([]int32, 0, n)
		themes, kinds, titles    = make([]string, 0, n), make([]string, 0, n), make([]string, 0, n)
		texts, titleTSV, textTSV = make([]string, 0, n), make([]string, 0, n), make([]string, 0, n)
		metaTSV                  = make([]string, 0, n)
		long                     []preparedDoc
	)
	for _, d := range docs {
		l := literalsOf(d)
		if l.long {
			long = append(long, d)
			continue
		}
		ids, bodies, cols, years = append(ids, d.ID), append(bodies, d.BodyID), append(cols, d.ColumnID), append(years, int32(d.Year))
		themes, kinds, titles, texts = append(themes, d.Theme), append(kinds, d.Kind), append(titles, d.Title), append(texts, d.Text)
		titleTSV, textTSV, metaTSV = append(titleTSV, l.title), append(textTSV, l.text), append(metaTSV, l.meta)
	}
	if len(ids) > 0 {
		_, err := ex.ExecContext(ctx, `WITH gone AS (DELETE FROM `+s.p+`_chunk WHERE doc_id = ANY($1::bigint[]))
		INSERT INTO `+s.p+`_doc
		(id, body_id, column_id, theme, year, kind, title, body, title_tsv, text_tsv, meta_tsv, long)
		SELECT id, body_id, column_id, theme, year, kind, title, body,
			title_tsv::tsvector, text_tsv::tsvector, meta_tsv::tsvector, false
		FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::text[], $5::integer[], $6::text[],
			$7::text[], $8::text[], $9::text[], $10::text[], $11::text[])
			AS t(id, body_id, column_id, theme, year, kind, title, body, title_tsv, text_tsv, meta_tsv)
		ON CONFLICT (id) DO UPDATE SET
			body_id = excluded.body_id, column_id = excluded.column_id, theme = excluded.theme,
			year = excluded.year, kind = excluded.kind, title = excluded.title, body = excluded.body,
			title_tsv = excluded.title_tsv, text_tsv = excluded.text_tsv,
			meta_tsv = excluded.meta_tsv, long = excluded.long`,
			ids, bodies, cols, themes, years, kinds, titles, texts, titleTSV, textTSV, metaTSV)
		if err != nil {
			return err
		}
	}
	for _, d := range long {
		if err := s.upsert(ctx, ex, d); err != nil {
			return err
		}
	}
	return nil
}

func (s postgresDialect) delete(ctx context.Context, ex Execer, id int64) error {
	for _, t := range []string{"_chunk WHERE doc_id", "_doc WHERE id"} {
		if _, err := ex.ExecContext(ctx, `DELETE FROM `+s.p+t+` = $1`, id); err != nil {
			return err
		}
	}
	return nil
}

// pgQuery is a search condition with its arguments, numbered from $1.
// cond is what the GIN indexes answer, with the ID range; check, if not
// empty, is the phrase check that needs each candidate's tsvector.
type pgQuery struct {
	cond, check string
	args        []any
}

func (c *pgQuery) arg(v any) string {
	c.args = append(c.args, v)
	return fmt.Sprintf("$%d", len(c.args))
}

// condition builds the match condition. The GIN condition asks for every
// token of the query, with one-character terms as character tokens of the
// meta column (charTokens); for terms of one token, and for titles, that
// is the match. A phrase is then checked in text_tsv, or in the chunks of
// a long document. w, if not nil, is the ID range the match must fall in:
// its block tokens go to the GIN condition, its bounds to the row filter
// and to the chunks.
func (s postgresDialect) condition(q ParsedQuery, meta []string, titleOnly bool, w *window) pgQuery {
	var c pgQuery
	var words ParsedQuery
	mark := textCharMark
	if titleOnly {
		mark = titleCharMark
	}
	for _, t := range q.Terms {
		if t.Prefix {
			meta = append(meta, mark+t.Tokens[0])
		} else {
			words.Terms = append(words.Terms, t)
		}
	}
	var conds []string
	phrase := words.hasPhrase()
	switch {
	case len(words.Terms) == 0:
	case titleOnly:
		conds = append(conds, `title_tsv @@ `+c.arg(words.TSQuery())+`::tsquery`)
	case phrase:
		conds = append(conds, `text_tsv @@ `+c.arg(words.tokensQuery())+`::tsquery`)
	default:
		conds = append(conds, `text_tsv @@ `+c.arg(words.TSQuery())+`::tsquery`)
	}
	var cover []string
	if w != nil {
		cover = w.cover
	}
	if m := metaQuery(meta, cover); m != "" {
		conds = append(conds, `meta_tsv @@ `+c.arg(m)+`::tsquery`)
	}
	if phrase && !titleOnly {
		// Run once (a hashed subplan), and only when a long document is
		// among the candidates. The chunks carry their document's window
		// tokens, so within a range the GIN index returns only the chunks
		// of the long documents in it that hold the phrase's tokens: a
		// common phrase is in nearly every chunk, and checking all of them
		// (each up to 16383 positions) cost more than the rest of the
		// search.
		var inRange string
		if w != nil && len(w.cover) > 0 {
			inRange = " & " + metaQuery(nil, w.cover)
		}
		var chunks []string
		for _, t := range words.Terms {
			if len(t.Tokens) > 1 {
				chunks = append(chunks, `d.id IN (SELECT `+s.p+`_chunk_docs(`+
					c.arg(ParsedQuery{Terms: []Term{t}}.TSQuery()+inRange)+`::tsquery))`)
			}
		}
		c.check = `(NOT d.long AND d.text_tsv @@ ` + c.arg(words.TSQuery()) + `::tsquery OR d.long AND ` +
			strings.Join(chunks, ` AND `) + `)`
	}
	if w != nil {
		conds = append(conds, `d.id + 0 >= `+c.arg(w.lo)+` AND d.id + 0 < `+c.arg(w.hi))
	}
	c.cond = strings.Join(conds, ` AND `)
	return c
}

// metaQuery requires every filter token and one of the window blocks.
func metaQuery(meta, window []string) string {
	var b strings.Builder
	b.WriteString(tokenQuery(meta).TSQuery())
	if len(window) > 0 {
		if b.Len() > 0 {
			b.WriteString(" & ")
		}
		b.WriteByte('(')
		for i, w := range window {
			if i > 0 {
				b.WriteString(" | ")
			}
			writeLexeme(&b, w)
		}
		b.WriteByte(')')
	}
	return b.String()
}

// match walks back from the newest document in widening ID windows (see
// windowTokens) until it has limit matches or has reached the oldest;
// each window is read by inOrder.
func (s postgresDialect) match(ctx context.Context, db *sql.DB, q ParsedQuery, meta []string, titleOnly bool, below int64, limit int) ([]int64, error) {
	// Below a known match (the rest of a page) there is no need to ask
	// for the newest ID: one round trip less.
	top := below
	if top <= 0 {
		if err := db.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) + 1 FROM `+s.p+`_doc`).Scan(&top); err != nil {
			return nil, fmt.Errorf("match: %w", err)
		}
	}
	var ids []int64
	for w := range descendingWindows(top, limit, func() int { return len(ids) }) {
		c := s.condition(q, meta, titleOnly, &w)
		got, err := queryIDs(ctx, db, s.inOrder(c, "DESC", limit-len(ids)), c.args...)
		if err != nil {
			return nil, fmt.Errorf("match: %w", err)
		}
		ids = append(ids, got...)
	}
	return ids, nil
}

// inOrder returns the first limit matches of c in ID order (dir ASC or
// DESC). The GIN condition's candidates are read whole and sorted: a
// MATERIALIZED CTE keeps the planner from walking the primary key, and
// "id + 0" from scanning the key's range, both of which read every
// document's tsvector in the range (tens of µs each); the GIN scan reads
// only the candidates. A phrase is then checked candidate by candidate in
// that order (a lookup by primary key each) until limit have passed, so a window wider than needed costs sorting IDs, not checking
// tsvectors: 2 ms instead of 69 ms for a three-character phrase whose
// window held 300 candidates and 56 were wanted.
func (s postgresDialect) inOrder(c pgQuery, dir string, limit int) string {
	m := `WITH m AS MATERIALIZED (SELECT d.id FROM ` + s.p + `_doc d WHERE ` + c.cond + `) `
	if c.check == "" {
		return m + `SELECT id FROM m ORDER BY id ` + dir + ` LIMIT ` + strconv.Itoa(limit)
	}
	// OFFSET 0 keeps the check above the sort, and a scalar subquery
	// stays a per-row subplan (a join would be sorted after the check).
	return m + `SELECT o.id FROM (SELECT id FROM m ORDER BY id ` + dir + ` OFFSET 0) o WHERE (SELECT ` + c.check +
		` FROM ` + s.p + `_doc d WHERE d.id = o.id) ORDER BY o.id ` + dir + ` LIMIT ` + strconv.Itoa(limit)
}

// oldest returns the lowest matching ID, 0 when nothing matches, walking
// forward in widening windows.
func (s postgresDialect) oldest(ctx context.Context, db *sql.DB, q ParsedQuery, meta []string) (int64, error) {
	var lo, top int64
	if err := db.QueryRowContext(ctx, `SELECT coalesce(min(id), 0), coalesce(max(id), 0) + 1 FROM `+s.p+`_doc`).Scan(&lo, &top); err != nil {
		return 0, fmt.Errorf("oldest: %w", err)
	}
	span := int64(1) << windowFirstBlockLog
	lo &^= span - 1
	for lo < top {
		hi := min(lo+span, top)
		w := window{lo: lo, hi: hi}
		if hi < top {
			w.cover = windowCover(lo, hi)
		}
		c := s.condition(q, meta, false, &w)
		ids, err := queryIDs(ctx, db, s.inOrder(c, "ASC", 1), c.args...)
		if err != nil {
			return 0, fmt.Errorf("oldest: %w", err)
		}
		if len(ids) > 0 {
			return ids[0], nil
		}
		lo, span = hi, span*8
	}
	return 0, nil
}

func (s postgresDialect) count(ctx context.Context, db *sql.DB, q ParsedQuery, meta []string, limit int) (int, error) {
	c := s.condition(q, meta, false, nil)
	cond := c.cond
	if c.check != "" {
		cond += ` AND ` + c.check
	}
	var n int
	err := db.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT 1 FROM `+s.p+`_doc d WHERE `+cond+` LIMIT `+c.arg(limit)+`) m`, c.args...).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count: %w", err)
	}
	return n, nil
}

// loadDocs passes the IDs as one array parameter.
func (s postgresDialect) loadDocs(ctx context.Context, db *sql.DB, ids []int64) (map[int64]Doc, error) {
	return scanDocs(ctx, db, `SELECT id, body_id, column_id, theme, year, kind, title, substr(body, 1, $2) FROM `+s.p+
		`_doc WHERE id = ANY($1::bigint[])`, "{"+idList(ids)+"}", rankedRunes)
}
