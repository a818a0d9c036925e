package store

import (
	"context"
	"database/sql"
	"fmt"
)

// txKey carries a write transaction of one store in a context (InTx).
type txKey struct{}

type ctxTx struct {
	s  *Store
	tx *sql.Tx
}

// InTx runs fn with a context carrying one write transaction: every
// method of this store called with that context joins it, and all of it
// commits when fn returns nil, or none of it. This is how a privileged
// change and its audit entry (AppendAudit) commit together. Inside, each
// method's writes sit in a savepoint, so a method that fails (say, a
// unique key clash its caller retries) undoes only its own part, on
// PostgreSQL as on SQLite. fn must pass the context on to every store
// call: on SQLite a write under another context would wait for the one
// writer connection fn holds. Nested InTx calls join the outer one.
func (s *Store) InTx(ctx context.Context, fn func(ctx context.Context) error) error {
	if s.txFrom(ctx) != nil {
		return fn(ctx)
	}
	return inTx(ctx, s.w, nil, func(tx *sql.Tx) error {
		return fn(context.WithValue(ctx, txKey{}, ctxTx{s: s, tx: tx}))
	})
}

// txFrom returns this store's transaction carried by ctx, if any.
func (s *Store) txFrom(ctx context.Context) *sql.Tx {
	if c, ok := ctx.Value(txKey{}).(ctxTx); ok && c.s == s {
		return c.tx
	}
	return nil
}

// inSavepoint runs fn inside the outer transaction tx, undoing fn's
// writes alone when it fails.
func inSavepoint(ctx context.Context, tx *sql.Tx, fn func(tx *sql.Tx) error) error {
	if _, err := tx.ExecContext(ctx, "SAVEPOINT store_write"); err != nil {
		return fmt.Errorf("store: savepoint: %w", err)
	}
	if err := fn(tx); err != nil {
		if _, rerr := tx.ExecContext(ctx, "ROLLBACK TO SAVEPOINT store_write"); rerr != nil {
			return fmt.Errorf("store: rollback to savepoint: %w (after %w)", rerr, err)
		}
		_, _ = tx.ExecContext(ctx, "RELEASE SAVEPOINT store_write")
		return err
	}
	if _, err := tx.ExecContext(ctx, "RELEASE SAVEPOINT store_write"); err != nil {
		return fmt.Errorf("store: release savepoint: %w", err)
	}
	return nil
}
