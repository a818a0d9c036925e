package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/gongkai/gongkai/internal/workday"
)

// holidaysMigration is the migration that created holiday_schedules.
const holidaysMigration = 70

// HolidayReader reads the holiday schedules stored in a database and
// nothing else, for tools that must count deadlines exactly as the
// server does without being the server (gongkai workdays). Open does
// not fit them: it creates a missing SQLite file, migrates, and
// optimizes on Close, and a staff member checking a deadline must not
// change the database, nor need the right to.
type HolidayReader struct{ s *Store }

// OpenHolidayReader opens the database at dbURL (a postgres:// URL or
// an SQLite file path) for reading only. An SQLite file must exist
// (it is never created) and its connection is query_only; a PostgreSQL
// session has default_transaction_read_only on. Nothing is migrated: a
// database older than the holiday_schedules table is an error that says
// to run gongkai migrate.
func OpenHolidayReader(ctx context.Context, dbURL string) (*HolidayReader, error) {
	s := &Store{now: time.Now, cal: workday.Official()}
	var db *sql.DB
	var err error
	if isPostgres(dbURL) {
		s.dialect = postgres
		var ro string
		if ro, err = readOnlyPostgresURL(dbURL); err == nil {
			db, err = sql.Open("pgx", ro)
		}
	} else {
		s.dialect = sqlite
		db, err = sql.Open("sqlite", readOnlySQLiteDSN(strings.TrimPrefix(dbURL, "sqlite:")))
	}
	if err != nil {
		return nil, fmt.Errorf("store: open %s read-only: %w", s.dialect, err)
	}
	// One connection is all a handful of reads needs.
	db.SetMaxOpenConns(1)
	s.w, s.r = db, db
	h := &HolidayReader{s: s}
	if err := h.checkSchema(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return h, nil
}

// checkSchema makes sure the database has the holiday_schedules table,
// so an old database is reported as such instead of as an SQL error.
func (h *HolidayReader) checkSchema(ctx context.Context) error {
	var n int
	err := h.s.read(ctx, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, "SELECT count(*) FROM schema_migrations WHERE version = $1", holidaysMigration).Scan(&n)
	})
	if err != nil {
		return fmt.Errorf("读取数据库结构版本失败，请确认这是 gongkai 的数据库并已运行 gongkai migrate (store: reading schema_migrations): %w", err)
	}
	if n == 0 {
		return fmt.Errorf("数据库尚无节假日安排表，请先运行 gongkai migrate (store: migration %04d not applied)", holidaysMigration)
	}
	return nil
}

// ApplyHolidaySchedules is Store.ApplyHolidaySchedules: the same reads
// and the same checks, so a tool's calendar is the server's.
func (h *HolidayReader) ApplyHolidaySchedules(ctx context.Context, cal *workday.Calendar) ([]int, error) {
	return h.s.ApplyHolidaySchedules(ctx, cal)
}

// Close closes the connection; unlike Store.Close it runs no PRAGMA
// optimize, which may write.
func (h *HolidayReader) Close() error { return h.s.r.Close() }

// readOnlySQLiteDSN is sqliteDSN for a reader that must not write:
// query_only refuses every write on the connection, and mode=rw opens
// an existing file only, never creating one. Not mode=ro: a read-only
// connection to a WAL database creates the -wal and -shm files when
// they are missing but cannot remove them at close, leaving them behind
// with the caller's owner, which can lock the server out of them.
// Opened read-write, the last connection to close removes them, as the
// server's connections do. WAL mode is the file's own, persistent
// setting, so it is not set here.
func readOnlySQLiteDSN(path string) string {
	q := url.Values{}
	q.Set("mode", "rw")
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "query_only(1)")
	return "file:" + path + "?" + q.Encode()
}

// readOnlyPostgresURL adds default_transaction_read_only=on to dbURL;
// pgx sends parameters it does not know to the server at connection
// start, so every transaction of the session is read-only.
func readOnlyPostgresURL(dbURL string) (string, error) {
	u, err := url.Parse(dbURL)
	if err != nil {
		// url.Parse's error quotes the URL, password included.
		return "", errors.New("invalid PostgreSQL URL")
	}
	q := u.Query()
	q.Set("default_transaction_read_only", "on")
	u.RawQuery = q.Encode()
	return u.String(), nil
}
