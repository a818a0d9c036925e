package benchdb

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// Rows per transaction: big enough that commits do not dominate.
const rowsPerTx = 50_000

// DropIndexes drops the secondary indexes of table that the
// migrations made (not the primary key or the unique code) and returns
// the statements that create them again, exactly as they were.
func DropIndexes(ctx context.Context, db *sql.DB, postgres bool, table string) ([]string, error) {
	q := `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = $1 AND sql IS NOT NULL`
	if postgres {
		q = `SELECT indexname, indexdef FROM pg_indexes WHERE tablename = $1
			AND indexdef NOT LIKE 'CREATE UNIQUE%'`
	}
	rows, err := db.QueryContext(ctx, q, table)
	if err != nil {
		return nil, err
	}
	var names, ddl []string
	for rows.Next() {
		var name, def string
		if err := rows.Scan(&name, &def); err != nil {
			rows.Close()
			return nil, err
		}
		names, ddl = append(names, name), append(ddl, def)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, name := range names {
		// Names come from the catalogue, not from input.
		if _, err := db.ExecContext(ctx, "DROP INDEX "+name); err != nil {
			return nil, err
		}
	}
	return ddl, nil
}

// Inserter batches rows into multi-row INSERT statements and the
// statements into transactions of rowsPerTx rows.
type Inserter struct {
	db      *sql.DB
	table   string
	cols    []string
	batch   int
	args    []any
	tx      *sql.Tx
	inTx    int
	fullSQL string
	dollar  bool // $N placeholders (PostgreSQL), else ?
}

// NewInserter inserts into table's cols, batch rows a statement, with
// $N placeholders (PostgreSQL) when dollar, else ? (modernc SQLite
// binds $N by name, which grows with the square of their number).
func NewInserter(db *sql.DB, table string, cols []string, batch int, dollar bool) *Inserter {
	in := &Inserter{db: db, table: table, cols: cols, batch: batch, dollar: dollar}
	in.fullSQL = in.sql(batch)
	return in
}

func (in *Inserter) sql(rows int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "INSERT INTO %s (%s) VALUES ", in.table, strings.Join(in.cols, ", "))
	p := 1
	for r := range rows {
		if r > 0 {
			b.WriteString(", ")
		}
		b.WriteByte('(')
		for c := range in.cols {
			if c > 0 {
				b.WriteString(", ")
			}
			if in.dollar {
				fmt.Fprintf(&b, "$%d", p)
			} else {
				b.WriteByte('?')
			}
			p++
		}
		b.WriteByte(')')
	}
	return b.String()
}

// Add queues one row.
func (in *Inserter) Add(ctx context.Context, values ...any) error {
	in.args = append(in.args, values...)
	if len(in.args) == in.batch*len(in.cols) {
		return in.flush(ctx, in.fullSQL)
	}
	return nil
}

func (in *Inserter) flush(ctx context.Context, query string) error {
	if in.tx == nil {
		tx, err := in.db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		in.tx = tx
	}
	if _, err := in.tx.ExecContext(ctx, query, in.args...); err != nil {
		_ = in.tx.Rollback()
		return fmt.Errorf("insert into %s: %w", in.table, err)
	}
	in.inTx += len(in.args) / len(in.cols)
	in.args = in.args[:0]
	if in.inTx >= rowsPerTx {
		return in.commit()
	}
	return nil
}

func (in *Inserter) commit() error {
	err := in.tx.Commit()
	in.tx, in.inTx = nil, 0
	return err
}

// Close writes the rows still queued and commits.
func (in *Inserter) Close(ctx context.Context) error {
	if n := len(in.args) / len(in.cols); n > 0 {
		if err := in.flush(ctx, in.sql(n)); err != nil {
			return err
		}
	}
	if in.tx != nil {
		return in.commit()
	}
	return nil
}
