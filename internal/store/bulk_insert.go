package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// bulkInserter appends rows to a table within a bulk write's
// transaction: PostgreSQL's COPY, or SQLite's multi-row INSERT.
type bulkInserter interface {
	insert(ctx context.Context, table string, cols []string, rows [][]any) error
}

// bulkWrite is writePublic for writes of many rows: fn gets the
// transaction and an inserter that writes rows into it in bulk. On
// PostgreSQL the transaction runs on one connection held for it, so COPY
// (pgx CopyFrom, on the connection beneath database/sql) joins it.
func (s *Store) bulkWrite(ctx context.Context, fn func(tx *sql.Tx, ins bulkInserter) error) error {
	if s.dialect == sqlite || s.txFrom(ctx) != nil {
		return s.writePublic(ctx, func(tx *sql.Tx) error {
			if s.dialect == postgres {
				// Within InTx the connection is not ours to hold.
				return fn(tx, rowInserter{tx: tx})
			}
			return fn(tx, rowInserter{tx: tx, multi: true})
		})
	}
	conn, err := s.w.Conn(ctx)
	if err != nil {
		return fmt.Errorf("store: connection: %w", err)
	}
	defer conn.Close()
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: begin: %w", err)
	}
	err = s.bulkCompression(ctx, tx)
	if err == nil {
		err = fn(tx, copyInserter{conn: conn})
	}
	if err == nil {
		_, err = tx.ExecContext(ctx, "UPDATE content_generation SET gen = gen + 1 WHERE id = 1")
	}
	if err != nil {
		_ = tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: commit: %w", err)
	}
	return nil
}

// copyInserter runs COPY on the PostgreSQL connection that holds the
// transaction: the server runs it inside that transaction.
type copyInserter struct{ conn *sql.Conn }

func (c copyInserter) insert(ctx context.Context, table string, cols []string, rows [][]any) error {
	if len(rows) == 0 {
		return nil
	}
	return c.conn.Raw(func(dc any) error {
		pc, ok := dc.(*stdlib.Conn)
		if !ok {
			return fmt.Errorf("store: copy into %s: not a pgx connection (%T)", table, dc)
		}
		n, err := pc.Conn().CopyFrom(ctx, pgx.Identifier{table}, cols, pgx.CopyFromRows(rows))
		if err == nil && int(n) != len(rows) {
			err = fmt.Errorf("copied %d rows of %d", n, len(rows))
		}
		return err
	})
}

// sqliteMaxVars stays under SQLite's limit of bound variables per
// statement (32,766 since 3.32).
const sqliteMaxVars = 32000

// rowInserter writes rows with INSERT: many rows per statement when
// multi is set (SQLite), one per statement otherwise.
type rowInserter struct {
	tx    *sql.Tx
	multi bool
}

func (r rowInserter) insert(ctx context.Context, table string, cols []string, rows [][]any) error {
	per := 1
	if r.multi {
		per = max(1, sqliteMaxVars/len(cols))
	}
	for len(rows) > 0 {
		chunk := rows[:min(per, len(rows))]
		rows = rows[len(chunk):]
		var b strings.Builder
		b.WriteString("INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES ")
		args := make([]any, 0, len(chunk)*len(cols))
		for i, row := range chunk {
			if i > 0 {
				b.WriteString(", ")
			}
			if r.multi {
				// Plain ? marks: the driver looks up the name of every
				// $N mark in a list as long as the statement's, which
				// makes a statement of thousands of values quadratic.
				b.WriteString("(" + strings.Repeat("?, ", len(row)-1) + "?)")
			} else {
				b.WriteString("(" + placeholders(len(args)+1, len(row)) + ")")
			}
			args = append(args, row...)
		}
		if _, err := r.tx.ExecContext(ctx, b.String(), args...); err != nil {
			return err
		}
	}
	return nil
}
