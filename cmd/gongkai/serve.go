package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"text/tabwriter"
	"time"

	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/blob"
	"github.com/gongkai/gongkai/internal/config"
	"github.com/gongkai/gongkai/internal/demo"
	"github.com/gongkai/gongkai/internal/parsejail"
	"github.com/gongkai/gongkai/internal/store"
	"github.com/gongkai/gongkai/internal/web"
	"github.com/prometheus/client_golang/prometheus"
)

const serveUsage = `用法 / usage: gongkai serve [参数]
启动政府信息公开平台。空数据库首次启动时创建系统管理员 admin 并显示一次性密码
（或使用 GONGKAI_ADMIN_PASSWORD）；--demo 在全新数据目录中写入演示数据。
Run the platform. On an empty database the first sysadmin "admin" is created with a
one-time password shown once (or GONGKAI_ADMIN_PASSWORD); --demo seeds demo data.
生成的一次性密码必须在首次登录时修改；GONGKAI_ADMIN_PASSWORD 给出的密码由部署者自定，不强制修改。
A generated password must be changed at the first login; one given in
GONGKAI_ADMIN_PASSWORD was chosen by whoever deploys and is not forced to change.`

// shutdownGrace is how long in-flight requests get to finish on SIGTERM.
const shutdownGrace = 15 * time.Second

func runServe(ctx context.Context, env *environment, args []string) int {
	fs := newFlagSet(env, "serve", serveUsage)
	cfg, code, ok := loadConfig(env, fs, args)
	if !ok {
		return code
	}
	log := newLogger(env.stderr, cfg)
	if err := serve(ctx, env, cfg, log); err != nil {
		log.Error("serve failed", "err", err)
		return 1
	}
	return 0
}

func serve(ctx context.Context, env *environment, cfg config.Config, log *slog.Logger) error {
	cal, err := loadServeCalendar(cfg.DataDir)
	if err != nil {
		return err
	}
	st, err := openStoreCounting(ctx, cfg, cal.cal)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := cal.applyStored(ctx, st, log); err != nil {
		return err
	}
	// Requests filed before side deadlines were stored get theirs once,
	// now that the calendar holds every schedule. Serving does not depend
	// on it: the dashboards count from the live clock meanwhile.
	if n, err := st.CountSideDues(ctx); err != nil {
		log.Warn("counting the side deadlines of open requests failed; they are counted at their next step", "err", err)
	} else if n > 0 {
		log.Info("side deadlines of open requests counted", "changed", n)
	}
	version, err := st.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	log.Info("database ready", "dialect", map[bool]string{true: "postgres", false: "sqlite"}[st.IsPostgres()], "schema", version)

	blobs, err := openBlobs(cfg, st)
	if err != nil {
		return err
	}
	if cfg.Demo {
		if err := prepareDemo(ctx, env, st, blobs); err != nil {
			return err
		}
	} else if err := ensureAdmin(ctx, env, st, cfg.AdminPassword, log); err != nil {
		return err
	}
	index, err := openSearch(ctx, st, false)
	if err != nil {
		return err
	}
	reg := prometheus.NewRegistry()
	// One jail for the console's uploads and the batch worker: together
	// they run at most Workers parse children.
	parser := parsejail.New(parsejail.Config{Workers: cfg.ReportParse.Workers, Budget: parsejail.Budget{
		Wall: time.Duration(cfg.ReportParse.Seconds) * time.Second, Memory: int64(cfg.ReportParse.MB) << 20}})
	handler, err := web.New(web.Options{
		Metrics: reg, MetricsToken: cfg.MetricsToken,
		Store: st, Sessions: st.Sessions(), Blobs: blobs, Search: index, Logger: log,
		BaseURL: cfg.BaseURL, SecureCookies: cfg.SecureCookies(), Now: time.Now,
		Mailer: mailerOf(cfg.SMTP), FeeWaitCounts: !cfg.FeePausesClock, FilingLimit: cfg.APIFilingLimit,
		UploadBudget: int64(cfg.UploadMBPerDay) << 20,
		Calendar:     cal.cal, CalendarFiles: cal.files, PageCacheBytes: pageCacheBytes(cfg.PageCacheMB),
		TrustedProxies: cfg.TrustedProxies, PasswordHashWorkers: cfg.PasswordHashWorkers,
		SearchWorkers: cfg.SearchWorkers,
		ReportParser:  parser,
	})
	if err != nil {
		return fmt.Errorf("web: %w", err)
	}

	jobs := newJobRunner(st, log)
	jobs.start(ctx, cal.refreshJob(st))
	jobs.start(ctx, job{name: "session-cleanup", every: 10 * time.Minute, run: func(ctx context.Context) (string, error) {
		n, err := st.DeleteExpiredSessions(ctx)
		return fmt.Sprintf("deleted %d expired sessions", n), err
	}})
	if sw, ok := blobs.(blob.Sweeper); ok {
		jobs.start(ctx, blobGCJob(st, sw))
	}
	// Batches of the annual report check: every instance works the shared
	// queue, each batch under a lease of its own.
	jobs.start(ctx, job{name: "report-batches", every: web.ReportBatchPoll, everyInstance: true,
		run: web.NewReportBatchWorker(st, log, jobs.holder, parser).Run})

	if cfg.MetricsListen != "" {
		stopMetrics, err := serveMetrics(cfg.MetricsListen, reg, log)
		if err != nil {
			jobs.stop()
			return err
		}
		defer stopMetrics()
	}

	ln, err := net.Listen("tcp", cfg.Listen)
	if err != nil {
		return fmt.Errorf("listen %s: %w", cfg.Listen, err)
	}
	srv := &http.Server{
		Handler: handler,
		// No ReadTimeout: request bodies are read under deadlines that
		// grow with the bytes received, per kind of route (web's
		// bodyDeadlines), so a slow upload is served and a trickle is not.
		ReadHeaderTimeout: 10 * time.Second,
		WriteTimeout:      5 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	log.Info("listening", "addr", ln.Addr().String(), "base_url", cfg.BaseURL, "secure_cookies", cfg.SecureCookies())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		jobs.stop()
		return fmt.Errorf("http: %w", err)
	case <-ctx.Done():
	}
	log.Info("shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	err = srv.Shutdown(sctx)
	jobs.stop()
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		log.Warn("http server", "err", err)
	}
	return err
}

// ensureAdmin creates the first 系统管理员 on a database without
// accounts. Two instances starting together on PostgreSQL may both try;
// the unique username lets one win and the other see an account exists.
func ensureAdmin(ctx context.Context, env *environment, st *store.Store, password string, log *slog.Logger) error {
	users, err := st.Users(ctx)
	if err != nil || len(users) > 0 {
		return err
	}
	generated := password == ""
	if generated {
		if password, err = auth.GeneratePassword(); err != nil {
			return err
		}
	} else if err := auth.CheckPasswordPolicy(password); err != nil {
		return fmt.Errorf("GONGKAI_ADMIN_PASSWORD: %v", err)
	}
	hash, err := auth.HashPassword(password)
	if err != nil {
		return err
	}
	id, err := st.CreateUser(ctx, auth.User{Username: "admin", DisplayName: "系统管理员", PasswordHash: hash,
		MustChangePassword: generated}, []auth.Grant{{Role: auth.RoleSysAdmin}})
	if err != nil {
		if users, lerr := st.Users(ctx); lerr == nil && len(users) > 0 {
			log.Info("first administrator was created by another instance")
			return nil
		}
		return err
	}
	_ = st.AppendAudit(ctx, audit.Entry{Username: "system", Action: "user.create", Target: fmt.Sprintf("user:%d", id),
		Detail: "首次启动创建系统管理员 admin"})
	if generated {
		fmt.Fprintf(env.stdout, "\n已创建系统管理员 (first administrator created): admin\n一次性密码 (one-time password): %s\n首次登录时必须修改密码 (must be changed at the first login). 此密码不会再次显示 (shown only once).\n\n", password)
	} else {
		fmt.Fprintln(env.stdout, "已用 GONGKAI_ADMIN_PASSWORD 创建系统管理员 admin (first administrator created)")
	}
	return nil
}

// prepareDemo seeds a fresh database, accepts one that already holds the
// demo, and refuses anything else so real data is never mixed with it.
func prepareDemo(ctx context.Context, env *environment, st *store.Store, blobs blob.Store) error {
	isDemo, err := demo.IsDemo(ctx, st)
	if err != nil {
		return err
	}
	if !isDemo {
		if err := seedDemoOnce(ctx, st, blobs); err != nil {
			return err
		}
	}
	fmt.Fprintln(env.stdout, "\n演示数据 (demo data): 桐柏县人民政府 → 吴城镇人民政府。演示账号 (demo accounts):")
	tw := tabwriter.NewWriter(env.stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "  登录名\t密码\t角色\t范围")
	for _, a := range demo.Accounts() {
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", a.Username, a.Password, auth.RoleName(a.Role), a.Scope)
	}
	tw.Flush()
	fmt.Fprintln(env.stdout)
	return nil
}

// seedDemoOnce seeds the demo from one instance only. Instances started
// together on one PostgreSQL database race for a lease; the winner
// seeds (if the database is still empty), the others wait for it.
func seedDemoOnce(ctx context.Context, st *store.Store, blobs blob.Store) error {
	got, err := st.TryLease(ctx, "demo-seed", instanceID(), 5*time.Minute)
	if err != nil {
		return err
	}
	if got {
		if done, err := demo.IsDemo(ctx, st); err != nil || done {
			return err
		}
		empty, err := st.IsEmpty(ctx)
		if err != nil {
			return err
		}
		if !empty {
			return errors.New("--demo 只能用于全新的数据目录或已有的演示数据 (the database holds other data; use a fresh data directory for the demo)")
		}
		if _, err := demo.Seed(ctx, st, blobs, time.Now()); err != nil {
			return fmt.Errorf("%w (删除数据目录后重试 / remove the data directory and retry)", err)
		}
		return nil
	}
	for deadline := time.Now().Add(5 * time.Minute); time.Now().Before(deadline); {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(500 * time.Millisecond):
		}
		if done, err := demo.IsDemo(ctx, st); err != nil || done {
			return err
		}
	}
	return errors.New("另一个实例写入演示数据超时 (another instance did not finish seeding the demo)")
}

// pageCacheBytes turns the page-cache-mb setting into web.Options'
// bound, where 0 means the default and a negative number means off.
func pageCacheBytes(mb int) int64 {
	if mb == 0 {
		return -1
	}
	return int64(mb) << 20
}
