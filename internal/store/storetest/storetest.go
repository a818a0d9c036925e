// Package storetest gives tests fresh databases: an SQLite file in a
// temporary directory always, and a fresh PostgreSQL database when
// GONGKAI_TEST_POSTGRES holds a server URL.
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"path/filepath"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver
)

// EnvPostgres names the variable holding the PostgreSQL server URL.
const EnvPostgres = "GONGKAI_TEST_POSTGRES"

// Target is one database to run tests against.
type Target struct {
	Name string // "sqlite" or "postgres"
	URL  string // what store.Open takes
}

// Targets returns a fresh SQLite file and, when configured, a fresh
// PostgreSQL database; both are removed when the test ends.
func Targets(t testing.TB, getenv func(string) string) []Target {
	ts := []Target{{Name: "sqlite", URL: filepath.Join(t.TempDir(), "gongkai.db")}}
	if server := PostgresServer(t, getenv); server != "" {
		ts = append(ts, Target{Name: "postgres", URL: FreshPostgres(t, server)})
	}
	return ts
}

// PostgresServer returns the PostgreSQL server URL for tests, or "" when
// none is configured and the PostgreSQL half of a test is skipped. Under
// CI (CI=true) a missing server fails the test instead: there the
// PostgreSQL tests must run, never silently skip.
func PostgresServer(t testing.TB, getenv func(string) string) string {
	t.Helper()
	server := getenv(EnvPostgres)
	if server == "" && getenv("CI") == "true" {
		t.Fatalf("%s is not set, and CI=true requires the PostgreSQL tests", EnvPostgres)
	}
	return server
}

// FreshPostgres creates database gongkai_test_<random> on the server
// named by serverURL, drops it when the test ends, and returns its URL.
func FreshPostgres(t testing.TB, serverURL string) string {
	t.Helper()
	admin, err := sql.Open("pgx", serverURL)
	if err != nil {
		t.Fatalf("postgres %s: %v", redacted(serverURL), err)
	}
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	name := "gongkai_test_" + hex.EncodeToString(b)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	// A name built from hex digits needs no quoting.
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		admin.Close()
		t.Fatalf("create database %s: %v", name, err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if _, err := admin.ExecContext(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			t.Errorf("drop database %s: %v", name, err)
		}
		admin.Close()
	})
	u, err := url.Parse(serverURL)
	if err != nil {
		t.Fatalf("postgres URL: %v", err)
	}
	u.Path = "/" + name
	return u.String()
}

func redacted(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return "(unparseable URL)"
	}
	return u.Redacted()
}
