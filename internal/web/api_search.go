package web

import (
	"errors"
	"net/http"
	"strconv"
	"time"
)

// apiSearchHit is one result of the public search API. SnippetHTML is
// escaped HTML with the matched terms in <mark>, safe to insert as is.
type apiSearchHit struct {
	ID          int64      `json:"id"`
	Title       string     `json:"title"`
	URL         string     `json:"url"`
	SnippetHTML string     `json:"snippet_html"`
	Published   *time.Time `json:"published"`
	Body        apiHitBody `json:"body"`
}

type apiHitBody struct {
	ID   int64  `json:"id"`
	Slug string `json:"slug"`
	Name string `json:"name"`
}

type apiSearchResults struct {
	Total      int            `json:"total"`
	TotalExact bool           `json:"total_exact"`
	Offset     int            `json:"offset"`
	Limit      int            `json:"limit"`
	Hits       []apiSearchHit `json:"hits"`
}

// apiSearch is the public full-text search (no token): the same index,
// filters and rules as the portal's /search page.
func (s *server) apiSearch(w http.ResponseWriter, r *http.Request) error {
	if s.search == nil {
		return &Error{Status: http.StatusServiceUnavailable, Code: "search_disabled", Message: "本站暂未启用全文检索。"}
	}
	ctx := r.Context()
	p := searchParamsOf(r)
	offset, err := queryInt(r, "offset", 0, 0)
	if err != nil {
		return err
	}
	limit, err := queryInt(r, "limit", searchPageSize, 1)
	if err != nil {
		return err
	}
	limit = min(limit, 100)
	ss, err := s.newSiteSearch(ctx)
	if err != nil {
		return err
	}
	f, err := s.searchFilter(ctx, ss, p)
	if err != nil {
		return apiSearchError(err)
	}
	res, hits, err := s.runSearch(ctx, ss, p, f, offset, limit)
	if err != nil {
		return apiSearchError(err)
	}
	out := apiSearchResults{Total: res.Total, TotalExact: res.TotalExact, Offset: offset, Limit: limit, Hits: []apiSearchHit{}}
	for _, h := range hits {
		out.Hits = append(out.Hits, apiSearchHit{ID: h.ID, Title: h.Title, URL: s.absURL(r, h.URL),
			SnippetHTML: string(h.SnippetHTML), Published: h.Published,
			Body: apiHitBody{ID: h.Body.ID, Slug: h.Body.Slug, Name: h.Body.Name}})
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// apiSearchError turns a search the client can correct into a 400 with
// the same Chinese message the portal shows.
func apiSearchError(err error) error {
	if bad, ok := errors.AsType[*errBadSearch](err); ok {
		return &Error{Status: http.StatusBadRequest, Code: "bad_query", Message: bad.Message, Cause: err}
	}
	return err
}

// queryInt reads a non-negative paging parameter; a malformed one is an
// error rather than silently the default, so a client bug shows.
func queryInt(r *http.Request, name string, def, least int) (int, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < least {
		return 0, &Error{Status: http.StatusBadRequest, Code: "bad_query",
			Message: "参数 " + name + " 应为不小于 " + strconv.Itoa(least) + " 的整数。"}
	}
	return n, nil
}
