// Package store keeps the platform's records in SQLite (one file, for a
// township) or PostgreSQL (shared by several instances, for a province).
// Every method takes ctx first and runs as one transaction. SQL is
// written once with $1 placeholders, which both drivers accept; the
// differences between the two databases live in dialect.go.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"runtime"
	"time"

	"github.com/gongkai/gongkai/internal/workday"
)

// ErrNotFound is returned (wrapped) when a row does not exist.
var ErrNotFound = errors.New("store: not found")

// Store is the database behind the platform.
type Store struct {
	dialect dialect
	// w takes every write. On SQLite it has exactly one connection, so
	// writers queue in Go instead of failing with SQLITE_BUSY; on
	// PostgreSQL w and r are the same pool.
	w   *sql.DB
	r   *sql.DB
	now func() time.Time
	// search, when set (UseSearchIndex), is kept in step with
	// publication inside the publishing transaction.
	search DocumentIndex
	// feeWaitCounts: see Options.FeeWaitCounts.
	feeWaitCounts bool
	// cal is the working-day calendar of every deadline the store
	// computes; see Options.Calendar.
	cal *workday.Calendar
	// toastLZ4: the PostgreSQL server compresses TOAST with lz4, which
	// bulk writes use (toast.go).
	toastLZ4 bool
}

// Options tune Open.
type Options struct {
	// Readers is the size of the SQLite reader pool; 0 picks a default
	// from the number of CPUs. PostgreSQL uses MaxConns instead.
	Readers  int
	MaxConns int              // PostgreSQL pool size; 0 means 20
	Now      func() time.Time // clock for timestamps; nil means time.Now
	// FeeWaitCounts: the wait for a fee payment counts toward the answer
	// period when the store computes a request's due date
	// (-fee-pauses-clock=false); the zero value stops the clock.
	FeeWaitCounts bool
	// Calendar counts the working days of every deadline the store
	// computes (a request's due date, a late publication). serve passes
	// the calendar it shares with the web handler, so a year added at
	// run time counts everywhere at once; nil means workday.Official().
	Calendar *workday.Calendar
}

// Open connects to url (a postgres:// URL or an SQLite file path) and
// applies any pending migrations before returning.
func Open(ctx context.Context, url string, opts Options) (*Store, error) {
	s, err := connect(ctx, url, opts)
	if err != nil {
		return nil, err
	}
	if err := s.migrate(ctx, 0); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// connect opens the pools of url and checks them, without migrating.
func connect(ctx context.Context, url string, opts Options) (*Store, error) {
	s := &Store{now: opts.Now, feeWaitCounts: opts.FeeWaitCounts, cal: opts.Calendar}
	if s.now == nil {
		s.now = time.Now
	}
	if s.cal == nil {
		s.cal = workday.Official()
	}
	var err error
	if isPostgres(url) {
		err = s.openPostgres(url, opts)
	} else {
		err = s.openSQLite(url, opts)
	}
	if err != nil {
		return nil, err
	}
	if err := s.Ping(ctx); err != nil {
		s.Close()
		return nil, err
	}
	if s.dialect == postgres {
		if s.toastLZ4, err = hasLZ4(ctx, s.w); err != nil {
			s.Close()
			return nil, fmt.Errorf("store: TOAST compression methods: %w", err)
		}
	}
	return s, nil
}

// defaultReaders sizes the SQLite reader pool. Reads are CPU-bound when
// the file is cached, but a cold page cache makes them wait on the disk,
// so a few connections per core keep the cores busy under 64 concurrent
// requests; MaxIdle equals MaxOpen (see openSQLite), since opening a
// connection costs far more than a query.
func defaultReaders() int { return max(8, 4*runtime.GOMAXPROCS(0)) }

// Close closes every connection. On SQLite it first lets the query
// planner refresh its statistics, as SQLite recommends at close.
func (s *Store) Close() error {
	if s.dialect == sqlite {
		_, _ = s.w.Exec("PRAGMA optimize")
	}
	err := s.w.Close()
	if s.r != s.w {
		err = errors.Join(err, s.r.Close())
	}
	return err
}

// DB returns the reader pool, for pool metrics and read-only helpers.
func (s *Store) DB() *sql.DB { return s.r }

// WriterDB returns the pool that takes writes (on PostgreSQL the same
// as DB), for components such as blob storage that keep their own table.
func (s *Store) WriterDB() *sql.DB { return s.w }

// IsPostgres reports whether the store runs on PostgreSQL.
func (s *Store) IsPostgres() bool { return s.dialect == postgres }

// Ping checks both pools.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.w.PingContext(ctx); err != nil {
		return fmt.Errorf("store: ping writer: %w", err)
	}
	if err := s.r.PingContext(ctx); err != nil {
		return fmt.Errorf("store: ping reader: %w", err)
	}
	return nil
}

// write runs fn in a transaction on the writer, committing when fn
// returns nil; within InTx it runs in a savepoint of InTx's transaction.
func (s *Store) write(ctx context.Context, fn func(tx *sql.Tx) error) error {
	if tx := s.txFrom(ctx); tx != nil {
		return inSavepoint(ctx, tx, fn)
	}
	return inTx(ctx, s.w, nil, fn)
}

// read runs fn in a read-only transaction on the reader pool, so the
// reads of one method see one snapshot; within InTx it reads in InTx's
// transaction, seeing the writes made there.
func (s *Store) read(ctx context.Context, fn func(tx *sql.Tx) error) error {
	if tx := s.txFrom(ctx); tx != nil {
		return fn(tx)
	}
	return inTx(ctx, s.r, &sql.TxOptions{ReadOnly: s.dialect == postgres}, fn)
}

func inTx(ctx context.Context, db *sql.DB, opts *sql.TxOptions, fn func(tx *sql.Tx) error) error {
	tx, err := db.BeginTx(ctx, opts)
	if err != nil {
		return fmt.Errorf("store: begin: %w", err)
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: commit: %w", err)
	}
	return nil
}

// notFound turns sql.ErrNoRows into ErrNotFound with context; other
// errors are wrapped with the same context.
func notFound(err error, what string, key any) error {
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("%s %v: %w", what, key, ErrNotFound)
	}
	return fmt.Errorf("store: %s %v: %w", what, key, err)
}

// mustAffect reports ErrNotFound when an update or delete touched no row.
func mustAffect(res sql.Result, what string, key any) error {
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("store: %s %v: %w", what, key, err)
	}
	if n == 0 {
		return fmt.Errorf("%s %v: %w", what, key, ErrNotFound)
	}
	return nil
}

// nullID stores 0 as NULL, for optional foreign keys.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// scanID reads an optional foreign key, NULL becoming 0.
type scanID struct{ p *int64 }

func (s scanID) Scan(v any) error {
	var n sql.NullInt64
	if err := n.Scan(v); err != nil {
		return err
	}
	*s.p = n.Int64
	return nil
}
