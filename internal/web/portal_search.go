package web

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/gongkai/gongkai/internal/search"
)

// Searcher is the full-text search the portal offers (internal/search).
type Searcher interface {
	Search(ctx context.Context, q search.Query) (search.Results, error)
}

const searchPageSize = 20

type searchHit struct {
	search.Hit
	URL string
}

type searchView struct {
	Page
	Action   string
	Query    string
	Enabled  bool
	Searched bool
	Message  string
	Hits     []searchHit
	Total    string
	PrevURL  string
	NextURL  string
	PageNo   int
}

// searchPage searches a body's published documents (站内搜索).
func (s *server) searchPage(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	pb, err := s.loadPortalBody(ctx, r.PathValue("slug"))
	if err != nil {
		return err
	}
	action := pb.base() + "search"
	v := searchView{Page: Page{Title: "站内搜索 - " + pb.body.Name, Portal: pb.chrome("")}, Action: action,
		Enabled: s.search != nil, Query: strings.TrimSpace(r.URL.Query().Get("q"))}
	if !v.Enabled || v.Query == "" {
		return s.render(w, r, "portal_search", v)
	}
	page := pageParam(r)
	res, err := s.search.Search(ctx, search.Query{Text: v.Query, Filter: search.Filter{BodyID: pb.body.ID},
		Offset: (page - 1) * searchPageSize, Limit: searchPageSize})
	switch {
	case errors.Is(err, search.ErrQueryTooLong):
		v.Message = "检索词过长，请精简后重试。"
		return s.renderStatus(w, r, "portal_search", http.StatusBadRequest, v)
	case errors.Is(err, search.ErrEmptyQuery):
		return s.render(w, r, "portal_search", v)
	case errors.Is(err, search.ErrPageTooDeep):
		return errNotFound()
	case err != nil:
		return err
	}
	v.Searched, v.PageNo = true, page
	v.Total = strconv.Itoa(res.Total)
	if !res.TotalExact {
		v.Total += "+"
	}
	for _, h := range res.Hits {
		v.Hits = append(v.Hits, searchHit{Hit: h, URL: pb.base() + "d/" + idStr(h.ID)})
	}
	q := action + "?q=" + url.QueryEscape(v.Query) + "&page="
	if page > 1 {
		v.PrevURL = q + strconv.Itoa(page-1)
	}
	if page*searchPageSize < res.Total {
		v.NextURL = q + strconv.Itoa(page+1)
	}
	return s.render(w, r, "portal_search", v)
}
