package main

import (
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
)

// TestServeMetricsSeparately: -metrics-listen serves /metrics, and only
// it, on its own address.
func TestServeMetricsSeparately(t *testing.T) {
	reg := prometheus.NewRegistry()
	c := prometheus.NewCounter(prometheus.CounterOpts{Name: "gongkai_test_total", Help: "test"})
	reg.MustRegister(c)
	c.Inc()
	stop, err := serveMetrics("127.0.0.1:8141", reg, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	res, err := http.Get("http://127.0.0.1:8141/metrics")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK || !strings.Contains(string(body), "gongkai_test_total 1") {
		t.Errorf("metrics: %d %.300s", res.StatusCode, body)
	}
	res, err = http.Get("http://127.0.0.1:8141/apply")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusNotFound {
		t.Errorf("another path on the metrics address: %d, want 404", res.StatusCode)
	}
}
