package web

import (
	"crypto/subtle"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gongkai/gongkai/internal/store"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// metrics counts requests by route pattern (never by raw path, which
// would let a crawler create unbounded series) and exposes the
// database pool.
type metrics struct {
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
	handler  http.Handler
}

func newMetrics(reg prometheus.Registerer, g prometheus.Gatherer, st *store.Store) (*metrics, error) {
	m := &metrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "gongkai_http_requests_total",
			Help: "HTTP requests by route pattern, method and status code.",
		}, []string{"pattern", "method", "code"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "gongkai_http_request_duration_seconds",
			Help:    "HTTP request latency by route pattern.",
			Buckets: prometheus.DefBuckets,
		}, []string{"pattern"}),
	}
	cs := []prometheus.Collector{m.requests, m.latency}
	if db := st.DB(); db != nil {
		cs = append(cs, collectors.NewDBStatsCollector(db, "gongkai"))
	}
	for _, c := range cs {
		if err := reg.Register(c); err != nil {
			return nil, err
		}
	}
	if g == nil {
		g = prometheus.DefaultGatherer
	}
	m.handler = promhttp.HandlerFor(g, promhttp.HandlerOpts{})
	return m, nil
}

func (m *metrics) observe(pattern, method string, status int, d time.Duration) {
	if pattern == "" {
		pattern = "unmatched"
	}
	m.requests.WithLabelValues(pattern, method, strconv.Itoa(status)).Inc()
	m.latency.WithLabelValues(pattern).Observe(d.Seconds())
}

// routeSeries is one route's counter and latency histogram for one
// method and status, looked up once: the page cache keeps a page's
// series, so a hit counts itself without hashing label values.
type routeSeries struct {
	requests prometheus.Counter
	latency  prometheus.Observer
}

func (m *metrics) route(pattern, method string, status int) *routeSeries {
	if pattern == "" {
		pattern = "unmatched"
	}
	return &routeSeries{
		requests: m.requests.WithLabelValues(pattern, method, strconv.Itoa(status)),
		latency:  m.latency.WithLabelValues(pattern),
	}
}

func (rs *routeSeries) observe(d time.Duration) {
	rs.requests.Inc()
	rs.latency.Observe(d.Seconds())
}

// metricsPage serves the metrics to a holder of the token only: they
// name every route and the database pool's state, which is nobody
// else's business. Without a token configured it does not exist here.
func (s *server) metricsPage(w http.ResponseWriter, r *http.Request) error {
	if s.metricsToken == "" {
		return errNotFound()
	}
	got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok || subtle.ConstantTimeCompare([]byte(got), []byte(s.metricsToken)) != 1 {
		w.Header().Set("WWW-Authenticate", `Bearer realm="metrics"`)
		return &Error{Status: http.StatusUnauthorized, Code: "unauthorized", Message: "需要监控令牌。"}
	}
	s.metrics.handler.ServeHTTP(w, r)
	return nil
}
