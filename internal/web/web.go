// Package web is the HTTP face of the platform: the public portal, the
// staff console, the JSON API, and the middleware and error rendering
// they share. Everything is served from one ServeMux built in New.
package web

import (
	"context"
	"errors"
	"html/template"
	"log/slog"
	"net/http"
	"net/netip"
	"net/url"
	"time"

	"github.com/alexedwards/scs/v2"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/blob"
	"github.com/gongkai/gongkai/internal/parsejail"
	"github.com/gongkai/gongkai/internal/store"
	"github.com/gongkai/gongkai/internal/workday"
	"github.com/prometheus/client_golang/prometheus"
)

// Options configure the handler returned by New.
type Options struct {
	Store    *store.Store
	Sessions scs.Store  // where sessions live; shared by every instance
	Blobs    blob.Store // attachments; the portal's document downloads come from here
	Search   Searcher   // full-text search of published documents; nil: the portal offers none
	Logger   *slog.Logger
	// BaseURL is the public address of the site (scheme://host[:port]).
	// Its origin is trusted for cross-origin checks, so a proxy that
	// rewrites Host does not break form posts.
	BaseURL       string
	SecureCookies bool
	Now           func() time.Time
	Metrics       prometheus.Registerer // nil: a fresh registry
	// MetricsToken, when set, opens GET /metrics to a client sending
	// "Authorization: Bearer <token>"; when empty /metrics is not served
	// here (serve can offer it on a separate listen address instead).
	MetricsToken string
	// TrustedProxies are the reverse proxies whose X-Forwarded-For is
	// believed when finding the client's address; empty trusts none.
	TrustedProxies []netip.Prefix
	// Mailer sends applicants their receipt; nil sends nothing.
	Mailer Mailer
	// FeeWaitCounts: the wait for a fee payment counts toward the answer
	// period (-fee-pauses-clock=false). The zero value stops the clock
	// while a fee is awaited, the platform default.
	FeeWaitCounts bool
	// FilingLimit is how many applications one client address may file
	// through POST /api/v1/requests per hour; 0 means 20.
	FilingLimit int
	// UploadBudget is how many bytes of attachments one client address
	// may send through the public forms per day; 0 means 100 MiB.
	UploadBudget int64
	// Calendar counts every working-day deadline the pages show; serve
	// passes the one it shares with the store, so a year a sysadmin adds
	// (/admin/calendar) counts at once. nil means workday.Official().
	Calendar *workday.Calendar
	// CalendarFiles names, by notice year, the <data-dir>/holidays file
	// that gave a year, so /admin/calendar can show each year's source.
	CalendarFiles map[int]string
	// PageCacheBytes bounds the cache of rendered public pages; 0 means
	// 64 MB, negative turns the cache off.
	PageCacheBytes int64
	// PasswordHashWorkers caps argon2id password checks and hashes
	// running at once across the server; 0 means 2.
	PasswordHashWorkers int
	// SearchWorkers caps site searches (portal and API) running at once
	// across the server; 0 means 4.
	SearchWorkers int
	// ReportParser parses uploaded report files, and converts Word files
	// uploaded as a document's body, in child processes; nil means
	// parsejail's defaults with this binary as the child.
	ReportParser *parsejail.Jail
}

// server holds what every handler needs. It is built once by New and
// never changed afterwards, so handlers may use it concurrently.
type server struct {
	store *store.Store
	// auditLog takes the audit entries (s.record): the store, or in a
	// test a log whose write fails inside the change's transaction.
	auditLog interface {
		AppendAudit(ctx context.Context, e audit.Entry) error
	}
	blobs    blob.Store
	search   Searcher
	log      *slog.Logger
	now      func() time.Time
	baseURL  string
	sessions *scs.SessionManager
	pages    map[string]*template.Template
	static   *staticFiles
	metrics  *metrics
	// bodyLimits bound how long a request body may take (body_deadline.go).
	bodyLimits bodyLimits
	// metricsToken opens /metrics (Options.MetricsToken).
	metricsToken string
	mux          *http.ServeMux
	routes       []route
	cop          *http.CrossOriginProtection
	// trustedProxies may set X-Forwarded-For (see clientAddr).
	trustedProxies []netip.Prefix
	mailer         Mailer
	feeWaitCounts  bool       // see Options.FeeWaitCounts
	filingLimit    int        // public filings per address (and per identity) per hour
	uploadBudget   int64      // attachment bytes per address per day
	pageCache      *pageCache // rendered public pages; nil: off
	// gen is the store's content generation; structures is the portal
	// structure read under it.
	gen        *generation
	structures structureCache
	// build names the templates and code that render pages, for the
	// validators of pages rendered outside the cache (content_validator.go).
	build string

	// cal is the working-day calendar (Options.Calendar): the one thing
	// that changes after New, when a year is added through
	// /admin/calendar or by a refresh; Calendar locks itself.
	cal           *workday.Calendar
	calendarFiles map[int]string // see Options.CalendarFiles

	// hashSlots bounds concurrent argon2 work (Options.PasswordHashWorkers);
	// passwordCheck is checkPassword, replaceable by tests that count.
	hashSlots     slots
	passwordCheck func(hash, password string) (bool, error)
	// searchSlots bounds concurrent searches (Options.SearchWorkers), and
	// searchTimeout each one's time; both replaceable by tests.
	searchSlots   slots
	searchTimeout time.Duration
	parser        *parsejail.Jail // see Options.ReportParser
}

// New builds the whole web handler. It fails when a template does not
// parse or an option is missing, so a broken build never serves.
func New(opts Options) (http.Handler, error) {
	s, err := newServer(opts)
	if err != nil {
		return nil, err
	}
	return s.handler(), nil
}

func newServer(opts Options) (*server, error) {
	if opts.Store == nil {
		return nil, errors.New("web: Options.Store is required")
	}
	if opts.Sessions == nil {
		return nil, errors.New("web: Options.Sessions is required")
	}
	s := &server{
		store:    opts.Store,
		auditLog: opts.Store,
		blobs:    opts.Blobs,
		search:   opts.Search,
		log:      opts.Logger,
		now:      opts.Now,
		baseURL:  opts.BaseURL,
		mux:      http.NewServeMux(),
		cop:      http.NewCrossOriginProtection(),

		metricsToken:   opts.MetricsToken,
		bodyLimits:     defaultBodyLimits,
		trustedProxies: opts.TrustedProxies,
		mailer:         opts.Mailer,
		feeWaitCounts:  opts.FeeWaitCounts,
		filingLimit:    opts.FilingLimit,
		uploadBudget:   opts.UploadBudget,
		cal:            opts.Calendar,
		calendarFiles:  opts.CalendarFiles,
		parser:         opts.ReportParser,
	}
	if s.parser == nil {
		s.parser = parsejail.New(parsejail.Config{})
	}
	if s.cal == nil {
		s.cal = workday.Official()
	}
	workers := opts.PasswordHashWorkers
	if workers <= 0 {
		workers = defaultPasswordHashWorkers
	}
	s.hashSlots = newSlots(workers, hashWait)
	searchWorkers := opts.SearchWorkers
	if searchWorkers <= 0 {
		searchWorkers = defaultSearchWorkers
	}
	s.searchSlots, s.searchTimeout = newSlots(searchWorkers, searchWait), searchTimeout
	s.passwordCheck = checkPassword
	if s.filingLimit <= 0 {
		s.filingLimit = defaultFilingLimit
	}
	if s.uploadBudget <= 0 {
		s.uploadBudget = defaultUploadBudget
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if s.now == nil {
		s.now = time.Now
	}
	if opts.BaseURL != "" {
		u, err := url.Parse(opts.BaseURL)
		if err != nil || u.Scheme == "" || u.Host == "" {
			return nil, errors.New("web: Options.BaseURL must look like https://host")
		}
		if err := s.cop.AddTrustedOrigin(u.Scheme + "://" + u.Host); err != nil {
			return nil, err
		}
	}
	s.sessions = newSessionManager(opts.Sessions, opts.SecureCookies)
	s.sessions.ErrorFunc = s.renderError

	var err error
	if s.static, err = loadStatic(); err != nil {
		return nil, err
	}
	if s.pages, err = parsePages(s.static); err != nil {
		return nil, err
	}
	if s.build, err = buildIdentity(); err != nil {
		return nil, err
	}
	reg := opts.Metrics
	gatherer := prometheus.Gatherer(nil)
	if reg == nil {
		r := prometheus.NewRegistry()
		reg, gatherer = r, r
	} else if g, ok := reg.(prometheus.Gatherer); ok {
		gatherer = g
	}
	if s.metrics, err = newMetrics(reg, gatherer, opts.Store); err != nil {
		return nil, err
	}
	s.gen = newGeneration(opts.Store, defaultGenerationMaxAge)
	if n := opts.PageCacheBytes; n >= 0 {
		if n == 0 {
			n = defaultPageCacheBytes
		}
		s.pageCache = newPageCache(n, s.gen)
	}
	s.routes = s.routeTable()
	for _, rt := range s.routes {
		s.mux.Handle(rt.pattern, s.guard(rt))
	}
	return s, nil
}
