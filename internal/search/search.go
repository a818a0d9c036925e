package search

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"html/template"
	"math"
	"runtime"
	"slices"
	"sync"
)

// Sort chooses the result order.
type Sort int

// Result orders.
const (
	// SortRelevance: title hits first, relevance within the candidate
	// window, then newest first (see rank.go).
	SortRelevance Sort = iota
	// SortNewest: newest (highest ID) first.
	SortNewest
)

// Paging limits: a result list, not an export.
const (
	defaultLimit = 20
	maxLimit     = 100
	maxOffset    = 10000
)

// ErrPageTooDeep is returned for Offset beyond maxOffset.
var ErrPageTooDeep = errors.New("search: result page too deep")

// Query is one search request.
type Query struct {
	Text string
	Filter
	Sort   Sort
	Offset int
	Limit  int // default 20, at most 100
}

// Hit is one result.
type Hit struct {
	ID, BodyID, ColumnID int64
	Theme, Kind          string
	Year                 int
	Title                string
	TitleHTML            template.HTML // escaped, terms in <mark>
	SnippetHTML          template.HTML // escaped, terms in <mark>
	TitleMatch           bool          // every term occurs in the title
	Score                float64       // relevance; 0 when sorted by date or outside the ranked window
}

// Results is a page of hits.
type Results struct {
	// Total counts matches up to Options.CountCap; past it TotalExact is
	// false and Total an estimate (estimateTotal), "约 N 条".
	Total      int
	TotalExact bool
	Hits       []Hit
	Terms      []Term
}

// Search runs a query. Errors from ParseQuery (ErrEmptyQuery,
// ErrQueryTooLong) and ErrPageTooDeep are returned wrapped.
func (ix *Index) Search(ctx context.Context, q Query) (Results, error) {
	pq, err := ParseQuery(q.Text)
	if err != nil {
		return Results{}, err
	}
	if q.Limit <= 0 {
		q.Limit = defaultLimit
	}
	q.Limit = min(q.Limit, maxLimit)
	if q.Offset < 0 || q.Offset > maxOffset {
		return Results{}, fmt.Errorf("%w: offset %d, at most %d", ErrPageTooDeep, q.Offset, maxOffset)
	}
	meta := q.Filter.tokens()
	var res Results
	if q.Sort == SortNewest {
		res, err = ix.searchNewest(ctx, pq, meta, q)
	} else {
		res, err = ix.searchRelevance(ctx, pq, meta, q)
	}
	if err != nil {
		return Results{}, fmt.Errorf("search %q: %w", q.Text, err)
	}
	res.Terms = pq.Terms
	return res, nil
}

func (ix *Index) searchNewest(ctx context.Context, pq ParsedQuery, meta []string, q Query) (Results, error) {
	ids, err := ix.d.match(ctx, ix.db, pq, meta, false, 0, max(q.Offset+q.Limit, ix.opt.CountCap+1))
	if err != nil {
		return Results{}, err
	}
	total := ix.startTotal(ctx, pq, meta, ids)
	var page []int64
	if q.Offset < len(ids) {
		page = ids[q.Offset:min(len(ids), q.Offset+q.Limit)]
	}
	docs, err := ix.loadDocs(ctx, page)
	res, terr := total()
	if err = cmp.Or(err, terr); err != nil {
		return Results{}, err
	}
	for _, id := range page {
		if d, ok := docs[id]; ok {
			c := candidate{doc: d}
			c.titleHit, _ = scoreDoc(pq.Terms, d, nil, nil)
			res.Hits = append(res.Hits, makeHit(c, pq.Terms))
		}
	}
	return res, nil
}

// startTotal runs total on its own connection while the caller loads and
// ranks documents; the function it returns waits for the result.
func (ix *Index) startTotal(ctx context.Context, pq ParsedQuery, meta []string, newest []int64) func() (Results, error) {
	type result struct {
		res Results
		err error
	}
	ch := make(chan result, 1)
	go func() {
		res, err := ix.total(ctx, pq, meta, newest)
		ch <- result{res, err}
	}()
	return func() (Results, error) {
		r := <-ch
		return r.res, r.err
	}
}

// loadDocs is the dialect's loadDocs, with nothing to do for no IDs.
func (ix *Index) loadDocs(ctx context.Context, ids []int64) (map[int64]Doc, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	return ix.d.loadDocs(ctx, ix.db, ids)
}

// total counts the matches from the newest ones, fetched up to
// Options.CountCap+1. Past the cap it estimates (estimateTotal).
func (ix *Index) total(ctx context.Context, pq ParsedQuery, meta []string, newest []int64) (Results, error) {
	c := ix.opt.CountCap
	if len(newest) <= c {
		return Results{Total: len(newest), TotalExact: true}, nil
	}
	oldest, err := ix.d.oldest(ctx, ix.db, pq, meta)
	if err != nil {
		return Results{}, err
	}
	return Results{Total: estimateTotal(newest[0], newest[c], oldest, c+1)}, nil
}

// estimateTotal extrapolates the number of matches from n matches between
// IDs nth and newest to the whole range down to the oldest match, as if
// matches were spread evenly over IDs (that is, over publication), and
// rounds to two significant digits: "约 4700 条". It depends only on the
// matching IDs, so both databases show the same figure.
func estimateTotal(newest, nth, oldest int64, n int) int {
	est := int64(n)
	if span := newest - nth + 1; span > 0 && oldest > 0 && oldest <= nth {
		est = max(est, int64(float64(n)*float64(newest-oldest+1)/float64(span)))
	}
	unit := int64(1)
	for est/unit >= 100 {
		unit *= 10
	}
	return int((est + unit/2) / unit * unit)
}

func (ix *Index) searchRelevance(ctx context.Context, pq ParsedQuery, meta []string, q Query) (Results, error) {
	k := ix.opt.Candidates
	// The newest title matches do not depend on the newest matches: the
	// two lists are read at the same time, on two connections.
	titledCh := make(chan idsOrErr, 1)
	go func() {
		ids, err := ix.d.match(ctx, ix.db, pq, meta, true, 0, k)
		titledCh <- idsOrErr{ids, err}
	}()
	newest, err := ix.d.match(ctx, ix.db, pq, meta, false, 0, max(k, ix.opt.CountCap+1))
	t := <-titledCh
	if err != nil {
		return Results{}, err
	}
	if t.err != nil {
		return Results{}, t.err
	}
	if len(newest) == 0 {
		return Results{TotalExact: true}, nil
	}
	total := ix.startTotal(ctx, pq, meta, newest)
	newest = newest[:min(k, len(newest))]
	// Every title match is a match; a title match newer than the newest
	// one was published between the two reads and waits for the next
	// search.
	titled := slices.DeleteFunc(t.ids, func(id int64) bool { return id > newest[0] })
	window, err := ix.rankWindow(ctx, pq, q.Text, union(newest, titled))
	res, terr := total()
	if err = cmp.Or(err, terr); err != nil {
		return Results{}, err
	}
	end := q.Offset + q.Limit
	for i := q.Offset; i < min(end, len(window)); i++ {
		res.Hits = append(res.Hits, makeHit(window[i], pq.Terms))
	}
	if end <= len(window) || len(newest) < k {
		return res, nil
	}
	// The page reaches past the window: continue newest first below the
	// oldest of the newest matches, skipping title matches already shown.
	oldest := newest[len(newest)-1]
	var shown []int64
	for _, id := range titled {
		if id < oldest {
			shown = append(shown, id)
		}
	}
	rest, err := ix.d.match(ctx, ix.db, pq, meta, false, oldest, end-len(window)+len(shown))
	if err != nil {
		return Results{}, err
	}
	rest = slices.DeleteFunc(rest, func(id int64) bool { return slices.Contains(shown, id) })
	skip := max(0, q.Offset-len(window))
	if skip >= len(rest) {
		return res, nil
	}
	rest = rest[skip:min(len(rest), skip+q.Limit-len(res.Hits))]
	docs, err := ix.d.loadDocs(ctx, ix.db, rest)
	if err != nil {
		return Results{}, err
	}
	for _, id := range rest {
		if d, ok := docs[id]; ok {
			c := candidate{doc: d}
			c.titleHit, _ = scoreDoc(pq.Terms, d, nil, nil)
			res.Hits = append(res.Hits, makeHit(c, pq.Terms))
		}
	}
	return res, nil
}

// Count counts every match of a query exactly, however many: for
// benchmarks and tests, not for pages (Search bounds its count).
func (ix *Index) Count(ctx context.Context, text string, f Filter) (int, error) {
	pq, err := ParseQuery(text)
	if err != nil {
		return 0, err
	}
	n, err := ix.d.count(ctx, ix.db, pq, f.tokens(), math.MaxInt32)
	if err != nil {
		return 0, fmt.Errorf("search: count %q: %w", text, err)
	}
	return n, nil
}

// rankWindow loads and orders the candidate documents.
func (ix *Index) rankWindow(ctx context.Context, pq ParsedQuery, text string, ids []int64) ([]candidate, error) {
	docs, err := ix.loadDocs(ctx, ids)
	if err != nil {
		return nil, err
	}
	window := make([]candidate, 0, len(ids))
	for _, id := range ids {
		if d, ok := docs[id]; ok { // else deleted between the two queries
			window = append(window, candidate{doc: d})
		}
	}
	ix.score(window, pq.Terms, ix.seg.QueryWords(text))
	slices.SortFunc(window, func(a, b candidate) int {
		switch {
		case a.titleHit != b.titleHit:
			if a.titleHit {
				return -1
			}
			return 1
		case a.score != b.score:
			if a.score > b.score {
				return -1
			}
			return 1
		case a.doc.ID > b.doc.ID:
			return -1
		case a.doc.ID < b.doc.ID:
			return 1
		}
		return 0
	})
	return window, nil
}

// score scores the candidates, split over the CPUs: about 40 µs a
// document (dictionary segmentation around the matches), 6–8 ms of CPU for
// a window of 200. Each candidate is scored alone, so the result does not
// depend on the split.
func (ix *Index) score(window []candidate, terms []Term, words []string) {
	parts := min(runtime.GOMAXPROCS(0), max(1, len(window)/32))
	var wg sync.WaitGroup
	for p := range parts {
		wg.Go(func() {
			for i := p; i < len(window); i += parts {
				window[i].titleHit, window[i].score = scoreDoc(terms, window[i].doc, ix.seg, words)
			}
		})
	}
	wg.Wait()
}

// idsOrErr carries a match list back from a goroutine.
type idsOrErr struct {
	ids []int64
	err error
}

// union merges two ID lists without duplicates.
func union(a, b []int64) []int64 {
	out := slices.Clone(a)
	for _, id := range b {
		if !slices.Contains(a, id) {
			out = append(out, id)
		}
	}
	return out
}

func makeHit(c candidate, terms []Term) Hit {
	d := c.doc
	return Hit{
		ID: d.ID, BodyID: d.BodyID, ColumnID: d.ColumnID,
		Theme: d.Theme, Kind: d.Kind, Year: d.Year,
		Title:       d.Title,
		TitleHTML:   TitleHTML(d.Title, terms),
		SnippetHTML: SnippetHTML(d.Text, terms),
		TitleMatch:  c.titleHit,
		Score:       c.score,
	}
}
