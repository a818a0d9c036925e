package web

import (
	"container/list"
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"sync"
	"time"
)

// defaultPageCacheBytes bounds the rendered-page cache. A document page
// is ~20 KB, so 64 MB keeps about 3,000 pages: a township's whole site,
// or the busy part of a province's.
const defaultPageCacheBytes = 64 << 20

// pageEntryOverhead is charged per entry on top of its bytes and key,
// for the map, list element and header slices, so many tiny pages
// cannot exceed the bound unnoticed.
const pageEntryOverhead = 256

// cachedPage is one rendered public page. The header values are built
// once and shared by every response that serves it (net/http never
// mutates them; cap == len makes an append copy).
type cachedPage struct {
	key      string
	pattern  string    // the route's, for metrics and logs on a hit
	gen      int64     // content generation the page was rendered under
	rendered time.Time // when, for the TTL
	body     []byte
	etag     string
	modified time.Time
	hdr      map[string][]string
	okGET    *routeSeries // the route's series for a GET answered 200
}

func (p *cachedPage) size() int64 { return int64(len(p.body)+len(p.key)) + pageEntryOverhead }

func newCachedPage(key string, gen int64, now time.Time, contentType string, body []byte, modified time.Time) *cachedPage {
	sum := sha256.Sum256(body)
	etag := `"` + hex.EncodeToString(sum[:12]) + `"`
	return &cachedPage{key: key, gen: gen, rendered: now, body: body, etag: etag, modified: modified,
		hdr: map[string][]string{
			"Content-Type":   {contentType},
			"Content-Length": {strconv.Itoa(len(body))},
			// The session middleware is skipped on a hit; its Vary
			// must still tell shared caches the cookie matters.
			"Vary":          {"Cookie"},
			"Etag":          {etag},
			"Last-Modified": {modified.UTC().Format(timeFormatGMT)},
			"Cache-Control": {publicCacheControl},
			// What securityHeaders sets on every other response.
			"Content-Security-Policy": cspValue,
			"X-Content-Type-Options":  nosniffValue,
		}}
}

// timeFormatGMT is http.TimeFormat, repeated to keep this file free of
// net/http.
const timeFormatGMT = "Mon, 02 Jan 2006 15:04:05 GMT"

// pageLRU holds rendered pages, least recently used evicted first, with
// the total of their sizes at most max.
type pageLRU struct {
	mu    sync.Mutex
	max   int64
	used  int64
	ttl   time.Duration
	order *list.List // front: most recently used; values are *cachedPage
	byKey map[string]*list.Element
}

func newPageLRU(max int64, ttl time.Duration) *pageLRU {
	return &pageLRU{max: max, ttl: ttl, order: list.New(), byKey: make(map[string]*list.Element)}
}

// get returns the page for key if it was rendered under gen and is
// younger than the TTL. Otherwise it returns nil and the stale entry's
// ETag and Last-Modified, so a re-render of identical bytes keeps its
// date and clients' If-Modified-Since still matches.
func (c *pageLRU) get(key string, gen int64, now time.Time) (fresh *cachedPage, stale *cachedPage) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.byKey[key]
	if !ok {
		return nil, nil
	}
	p := el.Value.(*cachedPage)
	if p.gen != gen || now.Sub(p.rendered) >= c.ttl {
		return nil, p
	}
	c.order.MoveToFront(el)
	return p, nil
}

// put stores p, replacing any page under its key, and evicts from the
// least recently used end until the bound holds. A page larger than an
// eighth of the bound is not kept: it would flush everything else.
func (c *pageLRU) put(p *cachedPage) {
	if p.size() > c.max/8 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.byKey[p.key]; ok {
		c.remove(el)
	}
	c.byKey[p.key] = c.order.PushFront(p)
	c.used += p.size()
	for c.used > c.max {
		c.remove(c.order.Back())
	}
}

func (c *pageLRU) remove(el *list.Element) {
	p := c.order.Remove(el).(*cachedPage)
	delete(c.byKey, p.key)
	c.used -= p.size()
}

// stats reports the entries and bytes held, for tests and metrics.
func (c *pageLRU) stats() (entries int, bytes int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.order.Len(), c.used
}
