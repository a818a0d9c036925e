package web

import (
	"net/http"
	"net/url"

	"github.com/gongkai/gongkai/internal/disclosure"
)

// themeCount is a 主题分类 with how many published documents it holds;
// a top-level count includes its second levels.
type themeCount struct {
	Theme disclosure.Theme
	Count int
	URL   string
}

type themesView struct {
	Page
	Themes []themeCount
}

type themeView struct {
	Page
	Theme    disclosure.Theme
	Parent   *themeCount
	Children []themeCount
	Docs     []docLink
	Total    int
	Pager    pager
}

func (pb portalBody) themeURL(code string) string {
	return pb.base() + "themes/" + url.PathEscape(code) + "/"
}

// themeCounts sums the stored per-code counts into every theme.
func (s *server) themeCounts(r *http.Request, pb portalBody) (map[string]int, error) {
	raw, err := s.store.ThemeCounts(r.Context(), pb.body.ID)
	if err != nil {
		return nil, err
	}
	return sumThemeCounts(raw), nil
}

// sumThemeCounts sums stored per-code counts into every theme: a
// top-level count includes its second levels.
func sumThemeCounts(raw map[string]int) map[string]int {
	out := map[string]int{}
	for code, n := range raw {
		t, ok := disclosure.ThemeByCode(code)
		if !ok {
			continue
		}
		out[t.Code] += n
		if t.Parent != "" {
			out[t.Parent] += n
		}
	}
	return out
}

// themesPage lists the top-level 主题分类 with their counts (主题分类浏览).
func (s *server) themesPage(w http.ResponseWriter, r *http.Request) error {
	if s.answerFromGeneration(w, r) {
		return nil
	}
	pb, err := s.loadPortalBody(r.Context(), r.PathValue("slug"))
	if err != nil {
		return err
	}
	counts, err := s.themeCounts(r, pb)
	if err != nil {
		return err
	}
	v := themesView{Page: Page{Title: "按主题浏览 - " + pb.body.Name, Portal: pb.chrome("")}}
	for _, t := range disclosure.Themes() {
		// Only themes with documents on this site: a list of 22 themes
		// mostly empty tells a visitor nothing.
		if t.Parent == "" && counts[t.Code] > 0 {
			v.Themes = append(v.Themes, themeCount{Theme: t, Count: counts[t.Code], URL: pb.themeURL(t.Code)})
		}
	}
	return s.render(w, r, "portal_themes", v)
}

// themePage lists one theme's published documents, newest first; a
// top-level theme also offers its second levels.
func (s *server) themePage(w http.ResponseWriter, r *http.Request) error {
	if s.answerFromGeneration(w, r) {
		return nil
	}
	pb, err := s.loadPortalBody(r.Context(), r.PathValue("slug"))
	if err != nil {
		return err
	}
	t, ok := disclosure.ThemeByCode(r.PathValue("code"))
	if !ok {
		return errNotFound()
	}
	counts, err := s.themeCounts(r, pb)
	if err != nil {
		return err
	}
	v := themeView{Page: Page{Title: t.Name + " - 按主题浏览 - " + pb.body.Name, Portal: pb.chrome("")}, Theme: t}
	if p, ok := disclosure.ThemeByCode(t.Parent); ok {
		v.Parent = &themeCount{Theme: p, Count: counts[p.Code], URL: pb.themeURL(p.Code)}
	}
	for _, c := range disclosure.Themes() {
		if t.Parent == "" && c.Parent == t.Code {
			v.Children = append(v.Children, themeCount{Theme: c, Count: counts[c.Code], URL: pb.themeURL(c.Code)})
		}
	}
	page := pageParam(r)
	docs, total, err := s.store.ThemeDocuments(r.Context(), pb.body.ID, t.Code, (page-1)*columnPageSize, columnPageSize)
	if err != nil {
		return err
	}
	v.Total = total
	for _, d := range docs {
		v.Docs = append(v.Docs, pb.docLink(d))
	}
	v.Pager = newPager(page, total, columnPageSize, pageURL(pb.themeURL(t.Code)))
	if page > v.Pager.Pages {
		return errNotFound()
	}
	return s.render(w, r, "portal_theme", v)
}
