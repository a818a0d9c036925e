package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"

	"github.com/gongkai/gongkai/internal/blob"
	"github.com/gongkai/gongkai/internal/config"
	"github.com/gongkai/gongkai/internal/store"
	"github.com/gongkai/gongkai/internal/workday"
)

// newFlagSet makes a command's flag set whose -h shows the usage line,
// the flags and the GONGKAI_* variables.
func newFlagSet(env *environment, name, usageText string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	fs.Usage = func() {
		fmt.Fprintln(env.stderr, usageText)
		fmt.Fprintln(env.stderr, "\n参数 / flags:")
		fs.PrintDefaults()
		fmt.Fprintln(env.stderr)
		fmt.Fprint(env.stderr, config.EnvHelp())
	}
	return fs
}

// loadConfig registers the shared settings on fs (next to the command's
// own flags), parses args and reports problems. ok is false when the
// command should exit with code.
func loadConfig(env *environment, fs *flag.FlagSet, args []string) (cfg config.Config, code int, ok bool) {
	cfg, err := config.Load(fs, args, env.getenv)
	if errors.Is(err, flag.ErrHelp) {
		return cfg, 0, false
	}
	if err != nil {
		fmt.Fprintf(env.stderr, "gongkai %s: %v\n", fs.Name(), err)
		return cfg, 2, false
	}
	return cfg, 0, true
}

// newLogger builds the process logger from the configuration.
func newLogger(w io.Writer, cfg config.Config) *slog.Logger {
	opts := &slog.HandlerOptions{Level: cfg.LogLevel}
	if cfg.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// openStore opens (and migrates) the configured database, creating the
// data directory for SQLite.
func openStore(ctx context.Context, cfg config.Config) (*store.Store, error) {
	return openStoreCounting(ctx, cfg, nil)
}

// openStoreCounting is openStore whose deadlines are counted on cal, the
// calendar serve shares with the web handler; nil means the embedded one.
func openStoreCounting(ctx context.Context, cfg config.Config, cal *workday.Calendar) (*store.Store, error) {
	if !cfg.IsPostgres() {
		if err := os.MkdirAll(filepath.Dir(cfg.DatabaseURL), 0o750); err != nil {
			return nil, fmt.Errorf("数据目录无法创建 (cannot create data directory): %w", err)
		}
	}
	return store.Open(ctx, cfg.DatabaseURL, store.Options{FeeWaitCounts: !cfg.FeePausesClock, Calendar: cal})
}

// openBlobs picks where attachments live: files in the data directory
// beside SQLite, the database itself on PostgreSQL so every instance
// serves every file.
func openBlobs(cfg config.Config, st *store.Store) (blob.Store, error) {
	if st.IsPostgres() {
		return blob.NewDBStore(st.WriterDB(), ""), nil
	}
	return blob.NewFileStore(filepath.Join(cfg.DataDir, "blobs"))
}
