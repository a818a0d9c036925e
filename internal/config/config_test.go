package config

import (
	"flag"
	"io"
	"log/slog"
	"strings"
	"testing"
)

func TestLoad(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		env     map[string]string
		check   func(t *testing.T, c Config)
		wantErr []string
	}{
		{name: "defaults", check: func(t *testing.T, c Config) {
			if c.Listen != "127.0.0.1:8080" || c.DataDir != "./gongkai-data" || c.LogFormat != "text" || c.LogLevel != slog.LevelInfo {
				t.Errorf("defaults: %+v", c)
			}
			if c.DatabaseURL != "gongkai-data/gongkai.db" || c.IsPostgres() || c.SecureCookies() || c.Demo || c.SMTP.Port != 587 {
				t.Errorf("defaults: %+v", c)
			}
		}},
		{name: "env", env: map[string]string{"GONGKAI_LISTEN": ":9000", "GONGKAI_DATA_DIR": "/srv/gk", "GONGKAI_BASE_URL": "https://gk.example.gov.cn/",
			"GONGKAI_LOG_FORMAT": "json", "GONGKAI_DEMO": "1", "GONGKAI_ADMIN_PASSWORD": "s3cret-pass"},
			check: func(t *testing.T, c Config) {
				if c.Listen != ":9000" || c.DatabaseURL != "/srv/gk/gongkai.db" || !c.SecureCookies() || c.BaseURL != "https://gk.example.gov.cn" || !c.Demo || c.AdminPassword != "s3cret-pass" || c.LogFormat != "json" {
					t.Errorf("env: %+v", c)
				}
			}},
		{name: "flags win over env", args: []string{"-listen", "0.0.0.0:80", "-db", "postgres://u:hunter2@db/gk", "-log-level", "debug"},
			env: map[string]string{"GONGKAI_LISTEN": ":9000", "GONGKAI_LOG_LEVEL": "error", "GONGKAI_SMTP_PASSWORD": "hunter2"},
			check: func(t *testing.T, c Config) {
				if c.Listen != "0.0.0.0:80" || !c.IsPostgres() || c.LogLevel != slog.LevelDebug || c.SMTP.Password != "hunter2" {
					t.Errorf("flags: %+v", c)
				}
				sources := map[string]string{}
				for _, r := range c.Resolved() {
					sources[r.Setting.Flag] = r.Source + "=" + r.Value
					if strings.Contains(r.Value, "hunter2") {
						t.Errorf("Resolved shows a secret: %+v", r)
					}
				}
				for flag, want := range map[string]string{"listen": "flag=0.0.0.0:80", "log-format": "default=text", "smtp-password": "env=******"} {
					if sources[flag] != want {
						t.Errorf("Resolved %s = %q, want %q", flag, sources[flag], want)
					}
				}
			}},
		{name: "demo flag", args: []string{"--demo", "rest"}, check: func(t *testing.T, c Config) {
			if !c.Demo {
				t.Error("demo not set")
			}
		}},
		{name: "request defaults", check: func(t *testing.T, c Config) {
			if !c.FeePausesClock || c.APIFilingLimit != 20 {
				t.Errorf("fee pauses clock %v, filing limit %d; want true, 20", c.FeePausesClock, c.APIFilingLimit)
			}
		}},
		{name: "fee wait counts, by flag", args: []string{"-fee-pauses-clock=false", "-api-filing-limit", "5000"},
			env: map[string]string{"GONGKAI_FEE_PAUSES_CLOCK": "true"}, check: func(t *testing.T, c Config) {
				if c.FeePausesClock || c.APIFilingLimit != 5000 {
					t.Errorf("fee pauses clock %v, filing limit %d; want false, 5000", c.FeePausesClock, c.APIFilingLimit)
				}
			}},
		{name: "fee wait counts, by env", env: map[string]string{"GONGKAI_FEE_PAUSES_CLOCK": "false"}, check: func(t *testing.T, c Config) {
			if c.FeePausesClock {
				t.Error("GONGKAI_FEE_PAUSES_CLOCK=false ignored")
			}
		}},
		{name: "bad request settings", env: map[string]string{"GONGKAI_FEE_PAUSES_CLOCK": "sometimes", "GONGKAI_API_FILING_LIMIT": "0"},
			wantErr: []string{"GONGKAI_FEE_PAUSES_CLOCK", "GONGKAI_API_FILING_LIMIT"}},
		{name: "trusted proxies", env: map[string]string{"GONGKAI_TRUSTED_PROXIES": "10.0.0.0/8, 192.168.1.7,::ffff:172.16.0.1,fd00::/8"},
			check: func(t *testing.T, c Config) {
				var got []string
				for _, p := range c.TrustedProxies {
					got = append(got, p.String())
				}
				if want := "10.0.0.0/8 192.168.1.7/32 172.16.0.1/32 fd00::/8"; strings.Join(got, " ") != want {
					t.Errorf("trusted proxies %v, want %s", got, want)
				}
				if c.PasswordHashWorkers != 2 {
					t.Errorf("password hash workers %d, want default 2", c.PasswordHashWorkers)
				}
			}},
		{name: "bad trusted proxies", args: []string{"-trusted-proxies", "10.0.0.0/8,proxy.local", "-password-hash-workers", "0"},
			wantErr: []string{"-trusted-proxies / GONGKAI_TRUSTED_PROXIES", "proxy.local", "GONGKAI_PASSWORD_HASH_WORKERS"}},
		{name: "bad listen", args: []string{"-listen", "8080"}, wantErr: []string{"-listen / GONGKAI_LISTEN"}},
		{name: "bad everything", env: map[string]string{"GONGKAI_LOG_FORMAT": "xml", "GONGKAI_LOG_LEVEL": "loud", "GONGKAI_BASE_URL": "ftp://x",
			"GONGKAI_DATABASE_URL": "mysql://u:hunter2@h/db", "GONGKAI_SMTP_PORT": "0", "GONGKAI_DEMO": "maybe"},
			wantErr: []string{"GONGKAI_LOG_FORMAT", "GONGKAI_LOG_LEVEL", "GONGKAI_BASE_URL", "-db / GONGKAI_DATABASE_URL", "GONGKAI_SMTP_PORT", "GONGKAI_DEMO"}},
		{name: "smtp needs from", env: map[string]string{"GONGKAI_SMTP_HOST": "mail.example.gov.cn"}, wantErr: []string{"GONGKAI_SMTP_FROM"}},
		{name: "bad from", args: []string{"-smtp-from", "not an address"}, wantErr: []string{"-smtp-from"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := flag.NewFlagSet("test", flag.ContinueOnError)
			fs.SetOutput(io.Discard)
			c, err := Load(fs, tt.args, func(k string) string { return tt.env[k] })
			if tt.wantErr != nil {
				if err == nil {
					t.Fatalf("Load = %+v, want error", c)
				}
				for _, w := range tt.wantErr {
					if !strings.Contains(err.Error(), w) {
						t.Errorf("error %q does not name %q", err, w)
					}
				}
				if strings.Contains(err.Error(), "hunter2") {
					t.Errorf("error leaks a password: %q", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, c)
		})
	}
}

func TestTableCoversEverySetting(t *testing.T) {
	table := MarkdownTable()
	seen := map[string]bool{}
	for _, s := range Settings() {
		if seen[s.Flag] || seen[s.Env] {
			t.Errorf("duplicate setting %s / %s", s.Flag, s.Env)
		}
		seen[s.Flag], seen[s.Env] = true, true
		if !strings.HasPrefix(s.Env, "GONGKAI_") || s.set == nil || s.Usage == "" {
			t.Errorf("setting %+v incomplete", s.Name)
		}
		if !strings.Contains(table, "`"+s.Env+"`") {
			t.Errorf("table misses %s", s.Env)
		}
	}
}
