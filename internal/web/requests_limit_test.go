package web

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
)

// TestFilingLimit: POST /api/v1/requests allows Options.FilingLimit
// filings per client address and hour (20 when unset), then 429.
func TestFilingLimit(t *testing.T) {
	tests := []struct {
		limit, allowed int
	}{
		{limit: 0, allowed: defaultFilingLimit},
		{limit: 3, allowed: 3},
		{limit: 25, allowed: 25},
	}
	for _, tt := range tests {
		t.Run(strconv.Itoa(tt.limit), func(t *testing.T) {
			e := newTestEnv(t)
			srv, err := newServer(Options{Store: e.st, Sessions: e.st.Sessions(), BaseURL: "http://example.com",
				Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), FilingLimit: tt.limit})
			if err != nil {
				t.Fatal(err)
			}
			e.srv, e.h = srv, srv.handler()
			js := `{"body_id":` + strconv.FormatInt(e.a.ID, 10) + `,"applicant_type":"自然人","name":"张三","id_type":"护照",` +
				`"id_number":"E12345678","email":"zhang@example.com","sought":"预算","delivery":"电子邮件"}`
			for i := 1; i <= tt.allowed+1; i++ {
				r := httptest.NewRequest("POST", "/api/v1/requests", strings.NewReader(js))
				r.Header.Set("Content-Type", "application/json")
				w := e.serve(r)
				want := http.StatusCreated
				if i > tt.allowed {
					want = http.StatusTooManyRequests
				}
				if w.Code != want {
					t.Fatalf("filing %d: %d, want %d: %s", i, w.Code, want, w.Body.String())
				}
			}
		})
	}
}
