package web

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/gongkai/gongkai/internal/search"
)

// A search is the one public page whose cost the visitor chooses: on
// PostgreSQL at a province's million documents most answer in tens of
// milliseconds, but a phrase of common two-character words (的的的的)
// checks candidates one by one and can take a second (bench/search's
// README). So searches run in a few slots, and each has a deadline: a
// burst of costly queries waits or is refused instead of taking every
// database connection from the rest of the portal.
const (
	defaultSearchWorkers = 4
	searchWait           = 3 * time.Second
	searchTimeout        = 10 * time.Second
)

// boundedSearch runs q in a search slot within the search deadline.
func (s *server) boundedSearch(ctx context.Context, q search.Query) (res search.Results, err error) {
	serr := s.searchSlots.run(ctx, func() {
		sctx, cancel := context.WithTimeout(ctx, s.searchTimeout)
		defer cancel()
		res, err = s.search.Search(sctx, q)
		if err != nil && ctx.Err() == nil && sctx.Err() != nil {
			err = errSearchTooSlow(err)
		}
	})
	if serr != nil {
		return res, serr
	}
	return res, err
}

// errSearchTooSlow is answered when a search ran out of its time; the
// cause stays in the log.
func errSearchTooSlow(cause error) *Error {
	return &Error{Status: http.StatusServiceUnavailable, Code: "search_timeout",
		Message: "检索用时过长，请换用更具体的检索词或增加筛选条件后重试。",
		Cause:   fmt.Errorf("search deadline exceeded: %w", cause)}
}
