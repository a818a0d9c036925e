package config

import (
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/mail"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
)

// Setting is one row of the configuration table.
type Setting struct {
	Name    string // short English name
	Flag    string // flag name without the dash
	Env     string // environment variable
	Default string // "" when none
	Usage   string // meaning, Chinese / English
	Bool    bool   // a switch: the flag takes no value
	Secret  bool   // never echo the value
	set     func(c *Config, v string) error
}

// DefaultShown is the default as a person should read it.
func (s Setting) DefaultShown() string {
	switch {
	case s.Flag == "db":
		return "<数据目录>/gongkai.db"
	case s.Default == "":
		return "无 none"
	}
	return s.Default
}

// Settings is the configuration table, in the order shown to people.
func Settings() []Setting {
	return []Setting{
		{Name: "listen", Flag: "listen", Env: "GONGKAI_LISTEN", Default: "127.0.0.1:8080",
			Usage: "监听地址 / listen address (host:port)", set: setListen},
		{Name: "data directory", Flag: "data-dir", Env: "GONGKAI_DATA_DIR", Default: "./gongkai-data",
			Usage: "数据目录：SQLite 数据库、附件 / data directory: SQLite database, attachments",
			set: func(c *Config, v string) error {
				if v == "" {
					return errors.New("不能为空")
				}
				c.DataDir = v
				return nil
			}},
		{Name: "database URL", Flag: "db", Env: "GONGKAI_DATABASE_URL",
			Usage: "数据库：SQLite 文件路径或 postgres:// 地址 / SQLite file path or postgres:// URL", set: setDatabaseURL},
		{Name: "public base URL", Flag: "base-url", Env: "GONGKAI_BASE_URL",
			Usage: "对外访问地址，https 时 Cookie 带 Secure / public base URL; https makes cookies Secure", set: setBaseURL},
		{Name: "log level", Flag: "log-level", Env: "GONGKAI_LOG_LEVEL", Default: "info",
			Usage: "日志级别 / log level: debug|info|warn|error", set: setLogLevel},
		{Name: "log format", Flag: "log-format", Env: "GONGKAI_LOG_FORMAT", Default: "text",
			Usage: "日志格式 / log format: text|json", set: func(c *Config, v string) error {
				if v != "text" && v != "json" {
					return fmt.Errorf("“%s”不是 text 或 json", v)
				}
				c.LogFormat = v
				return nil
			}},
		{Name: "SMTP host", Flag: "smtp-host", Env: "GONGKAI_SMTP_HOST",
			Usage: "邮件服务器 / SMTP server host", set: func(c *Config, v string) error { c.SMTP.Host = v; return nil }},
		{Name: "SMTP port", Flag: "smtp-port", Env: "GONGKAI_SMTP_PORT", Default: "587",
			Usage: "邮件服务器端口 / SMTP port", set: func(c *Config, v string) error {
				p, err := strconv.Atoi(v)
				if err != nil || p < 1 || p > 65535 {
					return fmt.Errorf("“%s”不是1至65535之间的端口号", v)
				}
				c.SMTP.Port = p
				return nil
			}},
		{Name: "SMTP user", Flag: "smtp-user", Env: "GONGKAI_SMTP_USER",
			Usage: "邮件账号 / SMTP user", set: func(c *Config, v string) error { c.SMTP.User = v; return nil }},
		{Name: "SMTP password", Flag: "smtp-password", Env: "GONGKAI_SMTP_PASSWORD", Secret: true,
			Usage: "邮件密码（建议用环境变量）/ SMTP password (prefer the environment)",
			set:   func(c *Config, v string) error { c.SMTP.Password = v; return nil }},
		{Name: "SMTP from", Flag: "smtp-from", Env: "GONGKAI_SMTP_FROM",
			Usage: "发件人地址 / sender address", set: func(c *Config, v string) error {
				if v != "" {
					if _, err := mail.ParseAddress(v); err != nil {
						return fmt.Errorf("“%s”不是有效的邮件地址", v)
					}
				}
				c.SMTP.From = v
				return nil
			}},
		{Name: "admin password", Flag: "admin-password", Env: "GONGKAI_ADMIN_PASSWORD", Secret: true,
			Usage: "空数据库首个系统管理员的密码，不填则随机生成并显示一次 / first sysadmin's password on an empty database; generated and shown once when empty",
			set:   func(c *Config, v string) error { c.AdminPassword = v; return nil }},
		{Name: "demo", Flag: "demo", Env: "GONGKAI_DEMO", Bool: true,
			Usage: "在全新数据目录中写入演示数据 / seed demo data into a fresh data directory", set: setDemo},
		{Name: "fee pauses clock", Flag: "fee-pauses-clock", Env: "GONGKAI_FEE_PAUSES_CLOCK", Default: "true", Bool: true,
			Usage: "等待缴费期间答复期限暂停计算；-fee-pauses-clock=false 则计入答复期限 / the answer clock stops while a fee is awaited; =false counts the wait",
			set:   func(c *Config, v string) error { return setBool(&c.FeePausesClock, v) }},
		{Name: "API filing limit", Flag: "api-filing-limit", Env: "GONGKAI_API_FILING_LIMIT", Default: "20",
			Usage: "每个客户端地址、每个申请人证件号码每小时提交申请（/apply 表单与 API 合计）的上限 / applications per client address, and per applicant ID number, per hour through /apply and POST /api/v1/requests together",
			set:   setFilingLimit},
		{Name: "trusted proxies", Flag: "trusted-proxies", Env: "GONGKAI_TRUSTED_PROXIES",
			Usage: "可信反向代理（CIDR 列表，逗号分隔）；只采信来自这些地址的 X-Forwarded-For / reverse proxies (comma-separated CIDRs) whose X-Forwarded-For is believed",
			set:   setTrustedProxies},
		{Name: "password hashing", Flag: "password-hash-workers", Env: "GONGKAI_PASSWORD_HASH_WORKERS", Default: "2",
			Usage: "同时进行的密码哈希（argon2id，每个约 19 MB 内存）上限 / concurrent argon2id password checks server-wide (about 19 MB each)",
			set:   func(c *Config, v string) error { return setIntRange(&c.PasswordHashWorkers, v, 1, 256) }},
		{Name: "search workers", Flag: "search-workers", Env: "GONGKAI_SEARCH_WORKERS", Default: "4",
			Usage: "同时进行的站内检索上限；其余最多等待 3 秒，每次检索限时 10 秒 / concurrent site searches server-wide; others wait up to 3 s, each search has 10 s",
			set:   func(c *Config, v string) error { return setIntRange(&c.SearchWorkers, v, 1, 256) }},
		{Name: "upload budget", Flag: "upload-mb-per-day", Env: "GONGKAI_UPLOAD_MB_PER_DAY", Default: "100",
			Usage: "每个客户端地址每天经公开表单（申请、网上补正）上传附件的总量上限（MB）/ attachment megabytes one client address may send per day through the public forms (application, online 补正)",
			set:   func(c *Config, v string) error { return setIntRange(&c.UploadMBPerDay, v, 1, 1<<20) }},
		{Name: "metrics listen", Flag: "metrics-listen", Env: "GONGKAI_METRICS_LISTEN",
			Usage: "单独提供 /metrics 的监听地址（如 127.0.0.1:9090），不对公众开放 / separate listen address for /metrics, e.g. 127.0.0.1:9090",
			set: func(c *Config, v string) error {
				if v == "" {
					return nil
				}
				if err := setListen(&Config{}, v); err != nil {
					return err
				}
				c.MetricsListen = v
				return nil
			}},
		{Name: "metrics token", Flag: "metrics-token", Env: "GONGKAI_METRICS_TOKEN", Secret: true,
			Usage: "主监听地址上的 /metrics 需要此令牌（Authorization: Bearer），不设置则不在主地址提供 / bearer token for /metrics on the main address; empty: not served there",
			set:   func(c *Config, v string) error { c.MetricsToken = v; return nil }},
		{Name: "page cache", Flag: "page-cache-mb", Env: "GONGKAI_PAGE_CACHE_MB", Default: "64",
			Usage: "公开页面缓存的内存上限（MB），0 为不缓存 / memory for rendered public pages kept to serve again, in MB; 0 turns the cache off",
			set:   func(c *Config, v string) error { return setIntRange(&c.PageCacheMB, v, 0, 1<<20) }},
		{Name: "report parse workers", Flag: "report-parse-workers", Env: "GONGKAI_REPORT_PARSE_WORKERS", Default: "2",
			Usage: "同时读取上传年报的子进程数，其余排队 / uploaded report files parsed at once, each in a child process; the rest wait",
			set:   func(c *Config, v string) error { return setIntRange(&c.ReportParse.Workers, v, 1, 64) }},
		{Name: "report parse time", Flag: "report-parse-seconds", Env: "GONGKAI_REPORT_PARSE_SECONDS", Default: "30",
			Usage: "读取一份上传年报的时间上限（秒，亦为 CPU 时间上限）/ wall and CPU seconds to parse one uploaded report",
			set:   func(c *Config, v string) error { return setIntRange(&c.ReportParse.Seconds, v, 1, 3600) }},
		{Name: "report parse memory", Flag: "report-parse-mb", Env: "GONGKAI_REPORT_PARSE_MB", Default: "512",
			Usage: "读取一份上传年报的内存上限（MB）/ memory to parse one uploaded report, in MB",
			set:   func(c *Config, v string) error { return setIntRange(&c.ReportParse.MB, v, 64, 1<<16) }},
	}
}

// setIntRange reads a whole number from lo to hi into dst.
func setIntRange(dst *int, v string, lo, hi int) error {
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		return fmt.Errorf("“%s”不是%d至%d之间的整数", v, lo, hi)
	}
	*dst = n
	return nil
}

func setListen(c *Config, v string) error {
	host, port, err := net.SplitHostPort(v)
	if err != nil {
		return fmt.Errorf("“%s”不是 主机:端口 形式", v)
	}
	if p, err := strconv.Atoi(port); err != nil || p < 0 || p > 65535 {
		return fmt.Errorf("端口“%s”无效", port)
	}
	_ = host // empty host means all interfaces, which is allowed
	c.Listen = v
	return nil
}

func setDatabaseURL(c *Config, v string) error {
	if strings.Contains(v, "://") && !IsPostgresURL(v) {
		return fmt.Errorf("只支持 postgres:// 地址或 SQLite 文件路径，而不是“%s”", redact(v))
	}
	if IsPostgresURL(v) {
		if u, err := url.Parse(v); err != nil || u.Host == "" {
			return fmt.Errorf("PostgreSQL 地址“%s”无效", redact(v))
		}
	}
	c.DatabaseURL = v
	return nil
}

func setBaseURL(c *Config, v string) error {
	if v == "" {
		return nil
	}
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("“%s”不是 http:// 或 https:// 开头的地址", v)
	}
	c.BaseURL = strings.TrimRight(v, "/")
	return nil
}

func setLogLevel(c *Config, v string) error {
	var l slog.Level
	if err := l.UnmarshalText([]byte(v)); err != nil {
		return fmt.Errorf("“%s”不是 debug、info、warn 或 error", v)
	}
	c.LogLevel = l
	return nil
}

func setDemo(c *Config, v string) error { return setBool(&c.Demo, v) }

// setBool reads a switch; "" leaves dst as it is.
func setBool(dst *bool, v string) error {
	if v == "" {
		return nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return fmt.Errorf("“%s”不是 true 或 false", v)
	}
	*dst = b
	return nil
}

func setFilingLimit(c *Config, v string) error {
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		return fmt.Errorf("“%s”不是正整数", v)
	}
	c.APIFilingLimit = n
	return nil
}

// setTrustedProxies reads a comma-separated list of CIDR prefixes; a
// bare address stands for itself (/32 or /128).
func setTrustedProxies(c *Config, v string) error {
	c.TrustedProxies = nil
	for f := range strings.SplitSeq(v, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		p, err := netip.ParsePrefix(f)
		if err != nil {
			a, aerr := netip.ParseAddr(f)
			if aerr != nil {
				return fmt.Errorf("“%s”不是 IP 地址或 CIDR（如 10.0.0.0/8）", f)
			}
			a = a.Unmap()
			p = netip.PrefixFrom(a, a.BitLen())
		}
		c.TrustedProxies = append(c.TrustedProxies, p.Masked())
	}
	return nil
}

// redact hides a password inside a URL before it goes into a message.
func redact(v string) string {
	u, err := url.Parse(v)
	if err != nil {
		return "(无法解析)"
	}
	return u.Redacted()
}
