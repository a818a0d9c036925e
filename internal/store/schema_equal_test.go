package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/store"
	"github.com/gongkai/gongkai/internal/store/storetest"
)

// dialectOnly are the tables one dialect has by design: full-text
// search makes its own per dialect (FTS5 tables in SQLite, search/sqlite.go),
// and attachment content is a table only on PostgreSQL (files on SQLite,
// blob/file.go and blob/db.go).
func dialectOnly(table string) bool {
	return strings.Contains(table, "_fts") || table == "blobs"
}

// TestSchemasAgree migrates a fresh SQLite and a fresh PostgreSQL
// database and compares what they hold: tables, columns with their
// types (normalised: the dialects spell them differently), nullability,
// primary keys and indexes with their columns and uniqueness (a
// PostgreSQL index's INCLUDE columns count as columns: SQLite has no
// INCLUDE and lists them as keys). The
// migrations are written twice, once per dialect; this is what keeps
// them the same schema.
func TestSchemasAgree(t *testing.T) {
	server := storetest.PostgresServer(t, os.Getenv)
	if server == "" {
		t.Skip("needs " + storetest.EnvPostgres)
	}
	ctx := context.Background()
	schemas := map[string][]string{}
	for _, tg := range storetest.Targets(t, os.Getenv) {
		s, err := store.Open(ctx, tg.URL, store.Options{})
		if err != nil {
			t.Fatalf("open %s: %v", tg.Name, err)
		}
		defer s.Close()
		var lines []string
		if tg.Name == "sqlite" {
			lines, err = schemaOf(ctx, s.DB(), sqliteTables, sqliteTable)
		} else {
			lines, err = schemaOf(ctx, s.DB(), postgresTables, postgresTable)
		}
		if err != nil {
			t.Fatalf("%s schema: %v", tg.Name, err)
		}
		schemas[tg.Name] = lines
	}
	lite, pg := schemas["sqlite"], schemas["postgres"]
	if len(lite) < 100 {
		t.Fatalf("SQLite schema has only %d lines: the query reads nothing", len(lite))
	}
	for _, l := range lite {
		if !slices.Contains(pg, l) {
			t.Errorf("only in SQLite:     %s", l)
		}
	}
	for _, l := range pg {
		if !slices.Contains(lite, l) {
			t.Errorf("only in PostgreSQL: %s", l)
		}
	}
}

// normalType maps a column type of either dialect to one name. The
// store writes instants as text in SQLite and as timestamptz in
// PostgreSQL, booleans as 0/1 integers and as boolean (store/dialect.go),
// so those pairs are one type each.
func normalType(t string) string {
	t = strings.ToLower(strings.TrimSpace(t))
	switch {
	case strings.HasPrefix(t, "timestamp"):
		return "text"
	case strings.HasPrefix(t, "bool"):
		return "integer"
	case strings.Contains(t, "int") || t == "serial" || t == "bigserial":
		return "integer"
	case strings.Contains(t, "char") || t == "text":
		return "text"
	case t == "blob" || t == "bytea":
		return "bytes"
	case t == "real" || strings.HasPrefix(t, "double") || strings.HasPrefix(t, "numeric"):
		return "real"
	}
	return t
}

// sqliteTables lists SQLite's tables.
const sqliteTables = `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`

// postgresTables lists PostgreSQL's tables.
const postgresTables = `SELECT table_name FROM information_schema.tables
		WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`

// schemaOf describes every table the query lists, but those one dialect
// has by design, as sorted lines that compare across dialects.
func schemaOf(ctx context.Context, db *sql.DB, tablesQuery string, table func(context.Context, *sql.DB, string) ([]string, error)) ([]string, error) {
	tables, err := strings1(ctx, db, tablesQuery)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, tb := range tables {
		if dialectOnly(tb) {
			continue
		}
		lines, err := table(ctx, db, tb)
		if err != nil {
			return nil, fmt.Errorf("table %s: %w", tb, err)
		}
		out = append(out, "table "+tb)
		out = append(out, lines...)
	}
	slices.Sort(out)
	return out, nil
}

func sqliteTable(ctx context.Context, db *sql.DB, tb string) ([]string, error) {
	var out []string
	rows, err := db.QueryContext(ctx, `SELECT name, type, "notnull", pk FROM pragma_table_info($1)`, tb)
	if err != nil {
		return nil, err
	}
	var pk []string
	for rows.Next() {
		var name, typ string
		var notNull bool
		var pkPos int
		if err := rows.Scan(&name, &typ, &notNull, &pkPos); err != nil {
			rows.Close()
			return nil, err
		}
		if pkPos > 0 {
			notNull = true // SQLite lets a primary key hold NULL only by an old bug kept for rowid tables
			pk = append(pk, name)
		}
		out = append(out, columnLine(tb, name, normalType(typ), notNull))
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(pk) > 0 {
		out = append(out, fmt.Sprintf("primary key %s (%s)", tb, strings.Join(pk, ", ")))
	}
	idx, err := db.QueryContext(ctx, `SELECT name, "unique", origin FROM pragma_index_list($1)`, tb)
	if err != nil {
		return nil, err
	}
	type index struct {
		name, origin string
		unique       bool
	}
	var ixs []index
	for idx.Next() {
		var x index
		if err := idx.Scan(&x.name, &x.unique, &x.origin); err != nil {
			idx.Close()
			return nil, err
		}
		ixs = append(ixs, x)
	}
	idx.Close()
	for _, x := range ixs {
		if x.origin == "pk" {
			continue
		}
		cols, err := strings1(ctx, db, `SELECT coalesce(name, '<expr>') FROM pragma_index_xinfo($1) WHERE key = 1 ORDER BY seqno`, x.name)
		if err != nil {
			return nil, err
		}
		name := x.name
		if x.origin == "u" {
			name = "" // a UNIQUE constraint: the dialects name it differently
		}
		out = append(out, indexLine(tb, name, cols, x.unique))
	}
	return out, nil
}

func postgresTable(ctx context.Context, db *sql.DB, tb string) ([]string, error) {
	var out []string
	rows, err := db.QueryContext(ctx, `SELECT column_name, data_type, is_nullable = 'NO' FROM information_schema.columns
		WHERE table_schema = current_schema() AND table_name = $1`, tb)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var name, typ string
		var notNull bool
		if err := rows.Scan(&name, &typ, &notNull); err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, columnLine(tb, name, normalType(typ), notNull))
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	idx, err := db.QueryContext(ctx, `SELECT ic.relname, x.indisunique, x.indisprimary,
			EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid AND k.contype = 'u'),
			array_to_string(ARRAY(SELECT coalesce(a.attname, '<expr>') FROM unnest(x.indkey[0:x.indnatts-1]) WITH ORDINALITY AS k(n, i)
				LEFT JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.n ORDER BY k.i), ',')
		FROM pg_index x JOIN pg_class ic ON ic.oid = x.indexrelid JOIN pg_class tc ON tc.oid = x.indrelid
		WHERE tc.relname = $1 AND tc.relnamespace = current_schema()::regnamespace`, tb)
	if err != nil {
		return nil, err
	}
	for idx.Next() {
		var name, cols string
		var unique, primary, constraint bool
		if err := idx.Scan(&name, &unique, &primary, &constraint, &cols); err != nil {
			idx.Close()
			return nil, err
		}
		switch {
		case primary:
			out = append(out, fmt.Sprintf("primary key %s (%s)", tb, strings.ReplaceAll(cols, ",", ", ")))
		case constraint:
			out = append(out, indexLine(tb, "", strings.Split(cols, ","), unique))
		default:
			out = append(out, indexLine(tb, name, strings.Split(cols, ","), unique))
		}
	}
	idx.Close()
	if err := idx.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

func columnLine(table, column, typ string, notNull bool) string {
	null := "null"
	if notNull {
		null = "not null"
	}
	return fmt.Sprintf("column %s.%s %s %s", table, column, typ, null)
}

func indexLine(table, name string, cols []string, unique bool) string {
	kind := "index"
	if unique {
		kind = "unique index"
	}
	if name == "" {
		kind = "unique constraint"
	}
	return fmt.Sprintf("%s %s %s (%s)", kind, table, name, strings.Join(cols, ", "))
}

func strings1(ctx context.Context, db *sql.DB, q string, args ...any) ([]string, error) {
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}
