// Package benchdb holds what the benchmarks under bench/ share to fill
// a database fast: a fresh PostgreSQL database, multi-row INSERTs in
// big transactions, and dropping a table's indexes for the load.
package benchdb

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver
)

// FreshPostgres creates database gongkai_bench_<random> on the server
// and returns its URL and what drops it (nothing with keep).
// A URL that already names a kept benchmark database (gongkai_bench_…)
// is used as it is, and kept: seeding ten million rows is slow.
func FreshPostgres(ctx context.Context, serverURL string, keep bool) (string, func(), error) {
	if u, err := url.Parse(serverURL); err == nil && strings.HasPrefix(u.Path, "/gongkai_bench_") {
		fmt.Printf("reusing database %s\n", strings.TrimPrefix(u.Path, "/"))
		return serverURL, func() {}, nil
	}
	admin, err := sql.Open("pgx", serverURL)
	if err != nil {
		return "", nil, err
	}
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	name := "gongkai_bench_" + hex.EncodeToString(b)
	// A name built from hex digits needs no quoting.
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		admin.Close()
		return "", nil, fmt.Errorf("create database %s: %w", name, err)
	}
	u, err := url.Parse(serverURL)
	if err != nil {
		admin.Close()
		return "", nil, err
	}
	u.Path = "/" + name
	drop := func() {
		defer admin.Close()
		if keep {
			fmt.Printf("database %s kept\n", name)
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		if _, err := admin.ExecContext(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			fmt.Printf("drop database %s: %v\n", name, err)
		}
	}
	return u.String(), drop, nil
}
