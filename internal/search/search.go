package search

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"slices"
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
	// Total counts matches up to Options.CountCap; TotalExact is false
	// when counting stopped there ("1000+").
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
	ids, err := ix.d.match(ctx, ix.db, pq, meta, false, 0, q.Offset+q.Limit)
	if err != nil {
		return Results{}, err
	}
	res, err := ix.total(ctx, pq, meta, ids, q.Offset+q.Limit)
	if err != nil {
		return Results{}, err
	}
	if q.Offset >= len(ids) {
		return res, nil
	}
	page := ids[q.Offset:]
	docs, err := ix.d.loadDocs(ctx, ix.db, page)
	if err != nil {
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

// total counts matches, using the list already fetched when it was short.
func (ix *Index) total(ctx context.Context, pq ParsedQuery, meta []string, fetched []int64, asked int) (Results, error) {
	if len(fetched) < asked {
		return Results{Total: len(fetched), TotalExact: true}, nil
	}
	n, err := ix.d.count(ctx, ix.db, pq, meta, ix.opt.CountCap+1)
	if err != nil {
		return Results{}, err
	}
	if n > ix.opt.CountCap {
		return Results{Total: ix.opt.CountCap}, nil
	}
	return Results{Total: n, TotalExact: true}, nil
}

func (ix *Index) searchRelevance(ctx context.Context, pq ParsedQuery, meta []string, q Query) (Results, error) {
	k := ix.opt.Candidates
	newest, err := ix.d.match(ctx, ix.db, pq, meta, false, 0, k)
	if err != nil {
		return Results{}, err
	}
	res, err := ix.total(ctx, pq, meta, newest, k)
	if err != nil || len(newest) == 0 {
		return res, err
	}
	titled, err := ix.d.match(ctx, ix.db, pq, meta, true, 0, k)
	if err != nil {
		return Results{}, err
	}
	window, err := ix.rankWindow(ctx, pq, q.Text, union(newest, titled))
	if err != nil {
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

// rankWindow loads and orders the candidate documents.
func (ix *Index) rankWindow(ctx context.Context, pq ParsedQuery, text string, ids []int64) ([]candidate, error) {
	docs, err := ix.d.loadDocs(ctx, ix.db, ids)
	if err != nil {
		return nil, err
	}
	words := ix.seg.QueryWords(text)
	window := make([]candidate, 0, len(ids))
	for _, id := range ids {
		d, ok := docs[id]
		if !ok {
			continue // deleted between the two queries
		}
		c := candidate{doc: d}
		c.titleHit, c.score = scoreDoc(pq.Terms, d, ix.seg, words)
		window = append(window, c)
	}
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
