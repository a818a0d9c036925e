// Package config loads the server's settings from command-line flags
// and GONGKAI_* environment variables (flags win). The settings are a
// table (Settings) so the -h text and the README table come from one
// source.
package config

import (
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net/netip"
	"path/filepath"
	"strings"
)

// Config is every setting the platform reads at start.
type Config struct {
	Listen  string // host:port to listen on
	DataDir string // where SQLite, blobs and operator data live
	// DatabaseURL is a postgres:// URL, or the path of the SQLite file
	// (default <DataDir>/gongkai.db).
	DatabaseURL string
	// BaseURL is the public address, e.g. https://gk.example.gov.cn; an
	// https URL turns on Secure cookies.
	BaseURL   string
	LogLevel  slog.Level
	LogFormat string // "text" or "json"
	SMTP      SMTP
	// AdminPassword is the first 系统管理员's password on an empty
	// database; empty means generate one and print it once.
	AdminPassword string
	Demo          bool // seed demo data into a fresh data directory
	// FeePausesClock: waiting for a fee payment stops the answer clock
	// (request.Settings.PauseForFee); the sources do not settle it.
	FeePausesClock bool
	// APIFilingLimit is how many applications one client address (and
	// one applicant identity) may file per hour, form and API together.
	APIFilingLimit int
	// UploadMBPerDay bounds the attachments one client address may send
	// through the public forms per day.
	UploadMBPerDay int
	// MetricsListen is a separate address serving only /metrics; ""
	// serves none.
	MetricsListen string
	// MetricsToken opens /metrics on the main address to a client that
	// sends it as a bearer token; "" keeps it closed there.
	MetricsToken string
	// PageCacheMB bounds the memory of rendered public pages kept to
	// serve again; 0 turns the page cache off.
	PageCacheMB int
	// TrustedProxies are the reverse proxies whose X-Forwarded-For is
	// believed for the client's address; empty believes none.
	TrustedProxies []netip.Prefix
	// PasswordHashWorkers caps argon2id password checks running at once
	// across the server, so a login burst cannot exhaust memory.
	PasswordHashWorkers int
	// SearchWorkers caps site searches running at once (portal and API).
	SearchWorkers int
	// ReportParse bounds the parsing of uploaded report files: how many
	// children at once, and each one's wall/CPU seconds and memory.
	ReportParse ReportParse

	resolved []Resolved
}

// ReportParse is the budget of untrusted report parsing (parsejail).
type ReportParse struct {
	Workers int
	Seconds int
	MB      int
}

// Resolved is where one setting's value came from, for `gongkai config`
// and the start-up log.
type Resolved struct {
	Setting Setting
	Value   string // "******" for secrets that are set
	Source  string // "default", "env" or "flag"
}

// Resolved lists every setting with its effective value and source.
func (c Config) Resolved() []Resolved { return c.resolved }

// SMTP is the outgoing mail server (used by later features).
type SMTP struct {
	Host     string
	Port     int
	User     string
	Password string
	From     string
}

// IsPostgres reports whether the database is PostgreSQL.
func (c Config) IsPostgres() bool { return IsPostgresURL(c.DatabaseURL) }

// IsPostgresURL reports whether url selects PostgreSQL.
func IsPostgresURL(url string) bool {
	return strings.HasPrefix(url, "postgres://") || strings.HasPrefix(url, "postgresql://")
}

// SecureCookies reports whether cookies must carry the Secure flag:
// when the public address is https.
func (c Config) SecureCookies() bool { return strings.HasPrefix(c.BaseURL, "https://") }

// Load registers every setting as a flag on fs, parses args and fills
// the Config from defaults, then the environment (through getenv), then
// the flags that were given. Commands add their own flags to fs before
// calling Load and read fs.Args() after. An invalid value is an error
// naming both the flag and the environment variable.
func Load(fs *flag.FlagSet, args []string, getenv func(string) string) (Config, error) {
	settings := Settings()
	for _, s := range settings {
		if s.Bool {
			fs.Bool(s.Flag, s.Default == "true", s.Usage)
		} else {
			fs.String(s.Flag, "", s.Usage+" (默认 default: "+s.DefaultShown()+")")
		}
	}
	if err := fs.Parse(args); err != nil {
		return Config{}, err
	}
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })

	var c Config
	var errs []error
	for _, s := range settings {
		v, src := s.Default, "default"
		if e := getenv(s.Env); e != "" {
			v, src = e, "env"
		}
		if given[s.Flag] {
			v, src = fs.Lookup(s.Flag).Value.String(), "flag"
		}
		v = strings.TrimSpace(v)
		if err := s.set(&c, v); err != nil {
			errs = append(errs, fmt.Errorf("配置项 -%s / %s 无效: %w", s.Flag, s.Env, err))
		}
		shown := v
		if s.Secret && v != "" {
			shown = "******"
		} else if s.Flag == "db" && IsPostgresURL(v) {
			shown = redact(v)
		}
		c.resolved = append(c.resolved, Resolved{Setting: s, Value: shown, Source: src})
	}
	if len(errs) > 0 {
		return Config{}, errors.Join(errs...)
	}
	if c.DatabaseURL == "" {
		c.DatabaseURL = filepath.Join(c.DataDir, "gongkai.db")
		for i := range c.resolved {
			if c.resolved[i].Setting.Flag == "db" {
				c.resolved[i].Value = c.DatabaseURL
			}
		}
	}
	if err := c.checkSMTP(); err != nil {
		errs = append(errs, err)
	}
	return c, errors.Join(errs...)
}

// checkSMTP checks the settings that only make sense together.
func (c Config) checkSMTP() error {
	if c.SMTP.Host != "" && c.SMTP.From == "" {
		return errors.New("配置项 -smtp-from / GONGKAI_SMTP_FROM 无效: 设置了邮件服务器时必须填写发件人地址")
	}
	return nil
}
