package web

import (
	"context"
	"sync"
	"sync/atomic"
	"time"
)

// generationSource is what the page cache needs from the store: the
// content generation, bumped in the same transaction as every change
// to a public page (see store.ContentGeneration).
type generationSource interface {
	ContentGeneration(ctx context.Context) (int64, error)
}

// defaultGenerationMaxAge is how long one reading of the generation is
// trusted. It is the staleness bound across instances: a change made
// through another instance (or a background job) shows here at most
// this late. Changes made through this instance show at once, because
// every unsafe request marks the reading stale (see route). One query
// a second instead of one per request keeps the cached path free of
// database round trips, which is what lets it approach nginx.
const defaultGenerationMaxAge = time.Second

// generation caches the store's content generation for maxAge.
type generation struct {
	src    generationSource
	maxAge time.Duration
	now    func() time.Time // monotonic clock; a test may replace it

	snap  atomic.Pointer[genReading]
	stale atomic.Bool
	mu    sync.Mutex // one refresh at a time
}

type genReading struct {
	gen int64
	at  time.Time
}

func newGeneration(src generationSource, maxAge time.Duration) *generation {
	return &generation{src: src, maxAge: maxAge, now: time.Now}
}

// current returns the generation, read from the store when the last
// reading is older than maxAge or was marked stale.
func (g *generation) current(ctx context.Context) (int64, error) {
	if s := g.snap.Load(); s != nil && !g.stale.Load() && g.now().Sub(s.at) < g.maxAge {
		return s.gen, nil
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	// Another request may have refreshed while this one waited.
	if s := g.snap.Load(); s != nil && !g.stale.Load() && g.now().Sub(s.at) < g.maxAge {
		return s.gen, nil
	}
	// Cleared before the query: a write finishing during it marks the
	// reading stale again instead of being lost.
	g.stale.Store(false)
	at := g.now()
	n, err := g.src.ContentGeneration(ctx)
	if err != nil {
		g.stale.Store(true)
		return 0, err
	}
	g.snap.Store(&genReading{gen: n, at: at})
	return n, nil
}

// invalidate makes the next current read the store: called after every
// request that may have changed data, so this instance never serves a
// page older than its own writes.
func (g *generation) invalidate() { g.stale.Store(true) }
