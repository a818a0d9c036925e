package search

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
)

// Dialect names the database behind an Index.
type Dialect string

// Supported dialects.
const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// Doc is what the index needs of a published document. Title and Text are
// plain text; Text is kept in the index's own table so snippets can be cut
// from the original without reading the document store.
type Doc struct {
	ID       int64
	BodyID   int64
	ColumnID int64
	Theme    string
	Year     int
	Kind     string
	Title    string
	Text     string
}

// Execer is satisfied by *sql.DB and *sql.Tx, so Upsert and Delete can join
// the caller's transaction.
type Execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// Options tune an Index; zero values take the defaults.
type Options struct {
	// Table prefixes every table and index name (default "search").
	Table string
	// Candidates is how many of the newest matches (and, separately, of the
	// newest title matches) are ranked by relevance (default 100).
	Candidates int
	// CountCap is how many matches are counted exactly (default 100, as
	// many as relevance ranks); past it Results.Total is an estimate from
	// the newest CountCap+1 matches and the oldest one, the same on both
	// databases, shown as "约 N 条". Counting is the one step whose cost
	// grows with the cap: PostgreSQL reads each counted row, and re-checks
	// its tsvector for a phrase. At 200 a three-character phrase took
	// 20–30% longer than at 100 (bench/search README).
	CountCap int
	// NoPrefixIndex leaves out SQLite's one-character prefix index
	// (sqlite.go): a smaller index, slow one-character queries. It only
	// takes effect when the tables are created.
	NoPrefixIndex bool
}

// Index is the full-text index over one database.
type Index struct {
	db  *sql.DB
	d   dialect
	seg *Segmenter
	opt Options
}

var tableName = regexp.MustCompile(`^[a-z][a-z0-9_]{0,40}$`)

// NewIndex returns an index. seg may be nil: ranking then uses term counts
// only.
func NewIndex(db *sql.DB, d Dialect, seg *Segmenter, opt Options) (*Index, error) {
	if opt.Table == "" {
		opt.Table = "search"
	}
	if !tableName.MatchString(opt.Table) {
		return nil, fmt.Errorf("search: table prefix %q must match %s", opt.Table, tableName)
	}
	if opt.Candidates <= 0 {
		opt.Candidates = 100
	}
	if opt.CountCap <= 0 {
		opt.CountCap = 100
	}
	ix := &Index{db: db, seg: seg, opt: opt}
	switch d {
	case SQLite:
		ix.d = sqliteDialect{p: opt.Table, noPrefix: opt.NoPrefixIndex}
	case Postgres:
		ix.d = postgresDialect{p: opt.Table}
	default:
		return nil, fmt.Errorf("search: unknown dialect %q", d)
	}
	return ix, nil
}

// Schema returns the DDL that creates the index's tables, idempotently.
func (ix *Index) Schema() []string { return ix.d.schema() }

// DropSchema returns the DDL that removes the index's tables.
func (ix *Index) DropSchema() []string { return ix.d.drop() }

// CreateSchema runs Schema on the index's database.
func (ix *Index) CreateSchema(ctx context.Context) error {
	for _, stmt := range ix.Schema() {
		if _, err := ix.db.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("search: create schema: %w", err)
		}
	}
	return nil
}

// preparedDoc is a document turned into token streams.
type preparedDoc struct {
	Doc
	title, body, meta []string
}

func (ix *Index) prepare(doc Doc) preparedDoc {
	return preparedDoc{
		Doc:   doc,
		title: fieldTokens(doc.Title),
		body:  fieldTokens(doc.Text),
		meta: Filter{BodyID: doc.BodyID, ColumnID: doc.ColumnID, Theme: doc.Theme,
			Year: doc.Year, Kind: doc.Kind}.tokens(),
	}
}

// Upsert indexes doc, replacing any earlier version with the same ID. Run
// it in the transaction that publishes or changes the document, so the
// index never shows what the site does not.
func (ix *Index) Upsert(ctx context.Context, ex Execer, doc Doc) error {
	if doc.ID <= 0 {
		return errors.New("search: upsert: document ID must be positive")
	}
	if err := ix.d.upsert(ctx, ex, ix.prepare(doc)); err != nil {
		return fmt.Errorf("search: upsert document %d: %w", doc.ID, err)
	}
	return nil
}

// Delete removes a document from the index; deleting an absent one is not
// an error (unpublishing twice is harmless).
func (ix *Index) Delete(ctx context.Context, ex Execer, id int64) error {
	if err := ix.d.delete(ctx, ex, id); err != nil {
		return fmt.Errorf("search: delete document %d: %w", id, err)
	}
	return nil
}

// Optimize compacts the index after a bulk load: SQLite's FTS5 merges its
// segments into one, so each query term is one b-tree lookup instead of one
// per segment (a bulk load leaves many); PostgreSQL
// refreshes planner statistics. It rewrites the whole FTS index, so run it
// after imports, not after every document.
func (ix *Index) Optimize(ctx context.Context) error {
	for _, stmt := range ix.d.optimize() {
		if _, err := ix.db.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("search: optimize: %w", err)
		}
	}
	return nil
}
