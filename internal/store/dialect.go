package store

import (
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	sqlitedriver "modernc.org/sqlite"  // registers the "sqlite" driver
)

// dialect names the database. Every place where SQLite and PostgreSQL
// differ is in this file or in the per-dialect migration directories.
type dialect int

const (
	sqlite dialect = iota
	postgres
)

func (d dialect) String() string {
	if d == postgres {
		return "postgres"
	}
	return "sqlite"
}

func isPostgres(url string) bool {
	return strings.HasPrefix(url, "postgres://") || strings.HasPrefix(url, "postgresql://")
}

// sqliteDSN builds a modernc DSN. busy_timeout makes a reader wait for a
// checkpoint instead of failing; WAL lets readers run beside the writer;
// foreign keys are off by default in SQLite. _txlock=immediate makes the
// writer take its lock at BEGIN, so a transaction never fails half-way
// with SQLITE_BUSY when it upgrades from read to write.
// synchronous(FULL) syncs the WAL at every commit: an acknowledged
// application survives a power cut, not only a crash of the process.
// It costs a few hundred microseconds a commit (measured: about 1,500
// submissions/s against 4,500/s with NORMAL, BenchmarkCreateRequest).
func sqliteDSN(path string, writer bool) string {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "synchronous(FULL)")
	if writer {
		q.Set("_txlock", "immediate")
	} else {
		q.Add("_pragma", "query_only(1)")
	}
	return "file:" + path + "?" + q.Encode()
}

func (s *Store) openSQLite(path string, opts Options) error {
	path = strings.TrimPrefix(path, "sqlite:")
	s.dialect = sqlite
	// Both pools keep each connection's prepared statements, see
	// stmtCacheConnector.
	wc, err := newStmtCacheConnector(sqliteDSN(path, true), stmtCacheSize)
	if err != nil {
		return fmt.Errorf("store: open sqlite %s: %w", path, err)
	}
	w := sql.OpenDB(wc)
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxLifetime(0)
	w.SetConnMaxIdleTime(0)
	// The file (and WAL mode, which is persistent) must exist before a
	// query_only reader opens it.
	if err := firstConnect(w); err != nil {
		w.Close()
		return fmt.Errorf("store: open sqlite %s: %w", path, err)
	}
	rc, err := newStmtCacheConnector(sqliteDSN(path, false), stmtCacheSize)
	if err != nil {
		w.Close()
		return fmt.Errorf("store: open sqlite reader %s: %w", path, err)
	}
	r := sql.OpenDB(rc)
	n := opts.Readers
	if n <= 0 {
		n = defaultReaders()
	}
	r.SetMaxOpenConns(n)
	r.SetMaxIdleConns(n)
	s.w, s.r = w, r
	return nil
}

func (s *Store) openPostgres(url string, opts Options) error {
	s.dialect = postgres
	db, err := sql.Open("pgx", url)
	if err != nil {
		return fmt.Errorf("store: open postgres: %w", err)
	}
	n := opts.MaxConns
	if n <= 0 {
		n = 20
	}
	db.SetMaxOpenConns(n)
	// Every connection may idle: with fewer idle than open, a burst of
	// concurrent requests closes and reopens connections on every swing
	// (measured 20% slower at 64 connections with the default of 2).
	db.SetMaxIdleConns(n)
	db.SetConnMaxIdleTime(5 * time.Minute)
	s.w, s.r = db, db
	return nil
}

// sqliteTimeLayout is fixed-width UTC with microseconds, so SQLite's
// text comparison orders instants correctly.
const sqliteTimeLayout = "2006-01-02 15:04:05.000000Z"

// ts converts an instant to the value stored: a timestamptz on
// PostgreSQL, fixed-width UTC text on SQLite.
func (s *Store) ts(t time.Time) any {
	t = t.UTC().Truncate(time.Microsecond)
	if s.dialect == postgres {
		return t
	}
	return t.Format(sqliteTimeLayout)
}

// tsPtr is ts for an optional instant.
func (s *Store) tsPtr(t *time.Time) any {
	if t == nil {
		return nil
	}
	return s.ts(*t)
}

// timeScan reads what ts wrote, from either driver, into a time.Time.
type timeScan struct{ p *time.Time }

func (t timeScan) Scan(v any) error {
	switch v := v.(type) {
	case time.Time:
		*t.p = v.UTC()
	case string:
		return t.parse(v)
	case []byte:
		return t.parse(string(v))
	case nil:
		*t.p = time.Time{}
	default:
		return fmt.Errorf("store: cannot read %T as a time", v)
	}
	return nil
}

func (t timeScan) parse(v string) error {
	p, err := time.Parse(sqliteTimeLayout, v)
	if err != nil {
		return fmt.Errorf("store: bad time %q: %w", v, err)
	}
	*t.p = p
	return nil
}

// nullTimeScan reads an optional instant; NULL leaves *p nil.
type nullTimeScan struct{ p **time.Time }

func (t nullTimeScan) Scan(v any) error {
	if v == nil {
		*t.p = nil
		return nil
	}
	var x time.Time
	if err := (timeScan{&x}).Scan(v); err != nil {
		return err
	}
	*t.p = &x
	return nil
}

// ErrConflict is returned (wrapped) when a write would duplicate a
// unique value: a body slug, a username, a column slug, an 索引号.
var ErrConflict = errors.New("store: already exists")

// SQLite extended result codes for unique and primary key violations.
const (
	sqliteConstraintPrimaryKey = 1555
	sqliteConstraintUnique     = 2067
)

// classify marks unique violations from either database as ErrConflict,
// keeping the driver's message for the log.
func classify(err error) error {
	if err == nil {
		return nil
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Code == "23505" {
		return fmt.Errorf("%w: %v", ErrConflict, err)
	}
	var liteErr *sqlitedriver.Error
	if errors.As(err, &liteErr) {
		if c := liteErr.Code(); c == sqliteConstraintUnique || c == sqliteConstraintPrimaryKey {
			return fmt.Errorf("%w: %v", ErrConflict, err)
		}
	}
	return err
}

// firstConnect opens the writer's connection. Switching a new file to
// WAL needs an exclusive lock and SQLite does not wait for it through
// busy_timeout, so a process opening the file while another one is
// migrating it gets SQLITE_BUSY at once; it retries for a while instead.
func firstConnect(w *sql.DB) error {
	var err error
	for wait := 10 * time.Millisecond; ; wait *= 2 {
		if _, err = w.Exec("SELECT 1"); err == nil || !isBusy(err) || wait > 5*time.Second {
			return err
		}
		time.Sleep(wait)
	}
}

// isBusy reports whether err is SQLite's SQLITE_BUSY (5), in any of its
// extended forms.
func isBusy(err error) bool {
	var coded interface{ Code() int }
	return errors.As(err, &coded) && coded.Code()&0xff == 5
}

// chinaDay is the SQL for the civil date in Beijing (workday.China,
// UTC+8 all year) of the instant in column col, as YYYY-MM-DD text.
func (s *Store) chinaDay(col string) string {
	if s.dialect == postgres {
		return "to_char((" + col + " AT TIME ZONE 'UTC') + interval '8 hours', 'YYYY-MM-DD')"
	}
	return "date(" + col + ", '+8 hours')"
}

// lateIndex makes SQLite read late-publication candidates from their
// own index, documents_late (a covering index of the candidates alone):
// its planner otherwise prefers documents_body_published, which holds
// every document and costs four times as much at a province's scale.
// PostgreSQL chooses by its statistics.
func (s *Store) lateIndex() string {
	if s.dialect == postgres {
		return ""
	}
	return " INDEXED BY documents_late"
}

// countsByYear makes SQLite sum a subtree's year of request counters
// from request_counts_year, whose order is that of the groups: its
// planner otherwise reads the primary key body by body and sorts the
// 150,000 counters of a province's year (three times the cost).
// PostgreSQL chooses by its statistics.
func (s *Store) countsByYear() string {
	if s.dialect == postgres {
		return ""
	}
	return " INDEXED BY request_counts_year"
}
