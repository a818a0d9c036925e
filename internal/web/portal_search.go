package web

import (
	"context"
	"errors"
	"html/template"
	"net/http"
	"strconv"

	"github.com/gongkai/gongkai/internal/search"
)

// Searcher is the full-text search the portal offers (internal/search).
type Searcher interface {
	Search(ctx context.Context, q search.Query) (search.Results, error)
}

const searchPageSize = 20

type searchView struct {
	Page
	Action   string
	Params   searchParams
	SiteWide bool // the body filter is offered (the /search page)
	// The filter lists as rendered <option>s (see optionsHTML):
	// BodyOptions on the site-wide page, ColumnOptions on a body's own
	// page when it has columns.
	BodyOptions, ColumnOptions, ThemeOptions, KindOptions template.HTML
	Enabled                                               bool
	Searched                                              bool
	Message                                               string
	Hits                                                  []siteHit
	Total                                                 string
	PrevURL                                               string
	NextURL                                               string
	PageNo                                                int
	// Advanced is set when a filter is in use: 高级检索 shows unfolded.
	Advanced  bool
	themeBody int64 // the body whose themes are offered; 0: the whole site
}

// siteSearchPage searches the published documents of every body (全站搜索).
func (s *server) siteSearchPage(w http.ResponseWriter, r *http.Request) error {
	if s.answerFromGeneration(w, r) {
		return nil
	}
	chrome, err := s.platformChrome(r.Context())
	if err != nil {
		return err
	}
	chrome.Home = "/"
	v := searchView{Page: Page{Title: "全站搜索", Portal: chrome}, Action: "/search", SiteWide: true}
	return s.searchResults(w, r, v, searchParamsOf(r))
}

// searchPage searches a body's published documents (站内搜索): the
// site-wide search with the body filter fixed by the path.
func (s *server) searchPage(w http.ResponseWriter, r *http.Request) error {
	if s.answerFromGeneration(w, r) {
		return nil
	}
	pb, err := s.loadPortalBody(r.Context(), r.PathValue("slug"))
	if err != nil {
		return err
	}
	p := searchParamsOf(r)
	p.Body = pb.body.Slug
	v := searchView{Page: Page{Title: "站内搜索 - " + pb.body.Name, Portal: pb.chrome("")}, Action: pb.base() + "search",
		themeBody: pb.body.ID}
	if cols := columnOptions(pb.columns); len(cols) > 1 {
		v.ColumnOptions = optionsHTML(cols, p.Column)
	}
	return s.searchResults(w, r, v, p)
}

func (s *server) searchResults(w http.ResponseWriter, r *http.Request, v searchView, p searchParams) error {
	ctx := r.Context()
	v.Params, v.Enabled = p, s.search != nil
	v.Advanced = p.Theme != "" || p.Kind != "" || p.Year != "" || p.Column != "" || p.Newest || v.SiteWide && p.Body != ""
	themes, err := s.searchThemes(ctx, v.themeBody, p.Theme)
	if err != nil {
		return err
	}
	v.ThemeOptions, v.KindOptions = optionsHTML(themes, p.Theme), optionsHTML(documentKindOptions(), p.Kind)
	ss, err := s.newSiteSearch(ctx)
	if err != nil {
		return err
	}
	if v.SiteWide {
		v.BodyOptions = optionsHTML(bodyOptions(ss.all), p.Body)
	}
	if !v.Enabled || p.Q == "" {
		return s.render(w, r, "portal_search", v)
	}
	page := pageParam(r)
	f, err := s.searchFilter(ctx, ss, p)
	var res search.Results
	if err == nil {
		res, v.Hits, err = s.runSearch(ctx, ss, p, f, (page-1)*searchPageSize, searchPageSize)
	}
	if bad, ok := errors.AsType[*errBadSearch](err); ok {
		v.Message = bad.Message
		return s.renderStatus(w, r, "portal_search", http.StatusBadRequest, v)
	}
	if err != nil {
		return err
	}
	v.Searched, v.PageNo = true, page
	v.Total = strconv.Itoa(res.Total)
	if !res.TotalExact {
		v.Total = "约 " + v.Total
	}
	q := v.Action + "?" + p.encode() + "&page="
	if !v.SiteWide {
		// The path names the body; repeating it in the query is noise.
		pp := p
		pp.Body = ""
		q = v.Action + "?" + pp.encode() + "&page="
	}
	if page > 1 {
		v.PrevURL = q + strconv.Itoa(page-1)
	}
	// An estimated total may be short of the matches or past them: a full
	// page then decides.
	if len(v.Hits) == searchPageSize && (page*searchPageSize < res.Total || !res.TotalExact) {
		v.NextURL = q + strconv.Itoa(page+1)
	}
	return s.render(w, r, "portal_search", v)
}

// searchThemes are the 主题分类 a search may filter by: those with
// published documents on the body's site (bodyID 0: anywhere on the
// platform), and the one already chosen.
func (s *server) searchThemes(ctx context.Context, bodyID int64, chosen string) ([]selectOption, error) {
	var raw map[string]int
	var err error
	if bodyID != 0 {
		raw, err = s.store.ThemeCounts(ctx, bodyID)
	} else {
		raw, err = s.store.SiteThemeCounts(ctx)
	}
	if err != nil {
		return nil, err
	}
	counts := sumThemeCounts(raw)
	var out []selectOption
	for _, o := range themeOptions() {
		if o.Value == "" || counts[o.Value] > 0 || o.Value == chosen {
			out = append(out, o)
		}
	}
	return out, nil
}
