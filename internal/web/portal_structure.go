package web

import (
	"context"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/gongkai/gongkai/internal/body"
	"github.com/gongkai/gongkai/internal/disclosure"
	"github.com/gongkai/gongkai/internal/store"
)

// portalStructure is what every portal page reads besides its own
// content: the bodies of the site and each body's columns. Every change
// to either bumps the content generation in the same transaction
// (store.writePublic), so one reading per generation serves every page
// rendered under it, instead of three queries a page. Its slices are
// shared by concurrent requests and must not be modified (they are
// clipped, so an append copies).
type portalStructure struct {
	gen    int64
	bodies []body.Body
	bySlug map[string]int // index into bodies
	site   body.Site      // the identity every portal page shows at its foot

	mu      sync.Mutex
	columns map[int64][]disclosure.Column // filled as bodies are visited
}

// structureCache holds the reading for the current generation.
type structureCache struct {
	cur atomic.Pointer[portalStructure]
}

// structure returns the site's structure under the current content
// generation, read from the store when the generation moved.
func (s *server) structure(ctx context.Context) (*portalStructure, error) {
	gen, err := s.gen.current(ctx)
	if err != nil {
		return nil, err
	}
	if p := s.structures.cur.Load(); p != nil && p.gen == gen {
		return p, nil
	}
	bodies, err := s.store.Bodies(ctx)
	if err != nil {
		return nil, err
	}
	site, err := s.siteIdentity(ctx)
	if err != nil {
		return nil, err
	}
	p := &portalStructure{gen: gen, bodies: slices.Clip(bodies), bySlug: make(map[string]int, len(bodies)),
		columns: map[int64][]disclosure.Column{}, site: site}
	for i, b := range bodies {
		p.bySlug[b.Slug] = i
	}
	// Read under gen or a later one: never older than its label, so
	// keeping it for gen serves nothing stale.
	s.structures.cur.Store(p)
	return p, nil
}

// body finds a body by its slug.
func (p *portalStructure) body(slug string) (body.Body, bool) {
	i, ok := p.bySlug[slug]
	if !ok {
		return body.Body{}, false
	}
	return p.bodies[i], true
}

// columnsOf returns a body's columns, read once per structure.
func (p *portalStructure) columnsOf(ctx context.Context, st *store.Store, bodyID int64) ([]disclosure.Column, error) {
	p.mu.Lock()
	cols, ok := p.columns[bodyID]
	p.mu.Unlock()
	if ok {
		return cols, nil
	}
	cols, err := st.Columns(ctx, bodyID)
	if err != nil {
		return nil, err
	}
	cols = slices.Clip(cols)
	p.mu.Lock()
	p.columns[bodyID] = cols
	p.mu.Unlock()
	return cols, nil
}
