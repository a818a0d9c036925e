package web

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func ptrTime() *time.Time {
	t := time.Date(2026, 4, 1, 9, 0, 0, 0, chinaTime)
	return &t
}

// TestOpenAPICoversRoutes checks the embedded OpenAPI document parses
// and lists every /api/v1 route of the route table, and no others.
func TestOpenAPICoversRoutes(t *testing.T) {
	var doc struct {
		OpenAPI string `json:"openapi"`
		Servers []struct {
			URL string `json:"url"`
		} `json:"servers"`
		Paths map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(openapiJSON, &doc); err != nil {
		t.Fatalf("openapi.json does not parse: %v", err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.0") || len(doc.Servers) != 1 || doc.Servers[0].URL != "/api/v1" {
		t.Fatalf("unexpected header: %s %+v", doc.OpenAPI, doc.Servers)
	}
	e := newTestEnvOn(t, openTestStore(t), false)
	documented := map[string]bool{}
	for p, ops := range doc.Paths {
		for m := range ops {
			if m != "parameters" {
				documented[strings.ToUpper(m)+" /api/v1"+p] = true
			}
		}
	}
	for _, rt := range e.srv.routes {
		// Public API routes (filing a request) are documented too.
		public := rt.surface == surfacePublic && strings.Contains(rt.pattern, " /api/v1/") && !strings.HasSuffix(rt.pattern, "/openapi.json")
		if rt.surface != surfaceAPI && !public {
			continue
		}
		if !documented[rt.pattern] {
			t.Errorf("route %s is not in openapi.json", rt.pattern)
		}
		delete(documented, rt.pattern)
	}
	for op := range documented {
		t.Errorf("openapi.json documents %s, which is not a route", op)
	}
	if w := e.serve(request("GET", "/api/v1/openapi.json", nil, nil)); w.Code != http.StatusOK ||
		!strings.HasPrefix(w.Header().Get("Content-Type"), "application/json") {
		t.Errorf("serving openapi.json: %d", w.Code)
	}
}

func TestNotFoundAndMethodNotAllowed(t *testing.T) {
	e := newTestEnv(t)
	w := e.serve(request("GET", "/no/such/page", nil, nil))
	if w.Code != http.StatusNotFound || !strings.Contains(w.Body.String(), `lang="zh-CN"`) ||
		!strings.Contains(w.Body.String(), "不存在") {
		t.Errorf("HTML 404: %d %.200s", w.Code, w.Body.String())
	}
	w = e.serve(request("DELETE", "/admin/tokens", nil, nil))
	if w.Code != http.StatusMethodNotAllowed || !strings.Contains(w.Header().Get("Allow"), "POST") ||
		!strings.Contains(w.Body.String(), "不支持该请求方法") {
		t.Errorf("HTML 405: %d allow=%q", w.Code, w.Header().Get("Allow"))
	}
	w = apiCall(e, "POST", "/api/v1/me", "", "")
	if w.Code != http.StatusMethodNotAllowed || decode[apiErrorBody](t, w).Error.Code != "method_not_allowed" {
		t.Errorf("JSON 405: %d %s", w.Code, w.Body.String())
	}
	if w.Header().Get("X-Request-Id") == "" {
		t.Errorf("no request id header")
	}
}

func TestHealthAndMetrics(t *testing.T) {
	st := openTestStore(t)
	e := newTestEnvOn(t, st, true)
	if code, body := get(e, "/healthz"); code != http.StatusOK || body != "ok\n" {
		t.Fatalf("healthz: %d %q", code, body)
	}
	get(e, "/b/chengguan/")
	get(e, "/b/chengguan/") // a page cache hit counts itself
	get(e, "/nowhere")
	// Closed without a token configured, and to a wrong token.
	if code, _ := get(e, "/metrics"); code != http.StatusNotFound {
		t.Errorf("metrics without a token configured: %d, want 404", code)
	}
	e.srv.metricsToken = "s3cret-metrics-token"
	for _, auth := range []string{"", "Bearer wrong", "Basic s3cret-metrics-token"} {
		r := httptest.NewRequest("GET", "/metrics", nil)
		if auth != "" {
			r.Header.Set("Authorization", auth)
		}
		if w := e.serve(r); w.Code != http.StatusUnauthorized {
			t.Errorf("metrics with %q: %d, want 401", auth, w.Code)
		}
	}
	r := httptest.NewRequest("GET", "/metrics", nil)
	r.Header.Set("Authorization", "Bearer s3cret-metrics-token")
	w := e.serve(r)
	code, body := w.Code, w.Body.String()
	if code != http.StatusOK {
		t.Fatalf("metrics: %d", code)
	}
	for _, want := range []string{
		`gongkai_http_requests_total{code="200",method="GET",pattern="GET /b/{slug}/{$}"} 2`,
		`gongkai_http_requests_total{code="404",method="GET",pattern="unmatched"} 1`,
		`gongkai_http_request_duration_seconds_bucket{pattern="GET /healthz"`,
		`go_sql_open_connections{db_name="gongkai"}`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
	st.Close()
	if code, _ := get(e, "/healthz"); code != http.StatusServiceUnavailable {
		t.Errorf("healthz with the database closed: %d, want 503", code)
	}
}

func TestSecurityHeaders(t *testing.T) {
	e := newTestEnv(t)
	// The first request renders the page, the second is a cache hit:
	// both must carry the same protections.
	for i := range 2 {
		w := e.serve(request("GET", "/b/chengguan/", nil, nil))
		h := w.Header()
		csp := h.Get("Content-Security-Policy")
		if !strings.Contains(csp, "script-src 'none'") || !strings.Contains(csp, "frame-ancestors 'none'") ||
			h.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("request %d: security headers: %v", i+1, h)
		}
		if !strings.Contains(w.Body.String(), `<meta name="referrer" content="same-origin">`) {
			t.Errorf("request %d: no referrer policy in the page", i+1)
		}
	}
}

func TestNewRejectsMissingOptions(t *testing.T) {
	if _, err := New(Options{}); err == nil {
		t.Error("New without a store succeeded")
	}
	st := openTestStore(t)
	if _, err := New(Options{Store: st}); err == nil {
		t.Error("New without sessions succeeded")
	}
	if _, err := New(Options{Store: st, Sessions: st.Sessions(), BaseURL: "not a url"}); err == nil {
		t.Error("New with a bad BaseURL succeeded")
	}
}
