package web

import (
	"context"
	"net/http"
	"time"
)

// healthz tells a load balancer whether this instance can reach its
// database; anything else it could check would not change the answer.
func (s *server) healthz(w http.ResponseWriter, r *http.Request) error {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	if err := s.store.Ping(ctx); err != nil {
		s.log.ErrorContext(ctx, "health check failed", "request_id", requestID(ctx), "err", err)
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = w.Write([]byte("database unavailable\n"))
		return nil
	}
	_, _ = w.Write([]byte("ok\n"))
	return nil
}
