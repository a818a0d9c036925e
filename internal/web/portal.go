package web

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/gongkai/gongkai/internal/body"
	"github.com/gongkai/gongkai/internal/disclosure"
)

const (
	columnPageSize  = 20
	portalLatestLen = 5
)

// portalBody is a body's portal context: the body, its columns, and
// whether the site hosts other bodies (then the switcher is shown).
type portalBody struct {
	body    body.Body
	columns []disclosure.Column
	all     []body.Body
	site    body.Site
}

func (pb portalBody) base() string { return "/b/" + url.PathEscape(pb.body.Slug) + "/" }

func (pb portalBody) columnURL(slug string) string {
	return pb.base() + "c/" + url.PathEscape(slug) + "/"
}

// chrome is the header band and navigation of the 政府信息公开 column;
// the four fixed sub-columns come first and in statutory order even if
// the store has not created a row for one of them yet.
func (pb portalBody) chrome(current string) *portalChrome {
	c := &portalChrome{Body: pb.body, Home: pb.base(), Current: pb.body.Slug, Site: pb.site}
	for _, f := range disclosure.FixedSubColumns {
		c.Nav = append(c.Nav, navItem{Name: f.Name, URL: pb.columnURL(f.Slug), Current: f.Slug == current})
	}
	// The body's own top-level columns (工作动态, 通知公告 …) follow.
	for _, col := range pb.columns {
		if col.ParentID == 0 && !col.Fixed && !col.Retired {
			c.Nav = append(c.Nav, navItem{Name: col.Name, URL: pb.columnURL(col.Slug), Current: col.Slug == current})
		}
	}
	if len(pb.all) > 1 {
		c.Bodies = pb.all
	}
	return c
}

func (s *server) loadPortalBody(ctx context.Context, slug string) (portalBody, error) {
	ps, err := s.structure(ctx)
	if err != nil {
		return portalBody{}, err
	}
	b, ok := ps.body(slug)
	if !ok {
		return portalBody{}, errNotFound()
	}
	return s.portalBodyIn(ctx, ps, b)
}

func (s *server) portalBodyOf(ctx context.Context, b body.Body) (portalBody, error) {
	ps, err := s.structure(ctx)
	if err != nil {
		return portalBody{}, err
	}
	return s.portalBodyIn(ctx, ps, b)
}

func (s *server) portalBodyIn(ctx context.Context, ps *portalStructure, b body.Body) (portalBody, error) {
	cols, err := ps.columnsOf(ctx, s.store, b.ID)
	if err != nil {
		return portalBody{}, err
	}
	return portalBody{body: b, columns: cols, all: ps.bodies, site: b.Identity.Over(ps.site)}, nil
}

// column finds a column of the body by slug. A fixed sub-column the
// store has not created yet is shown empty, not as a 404: the layout
// is statutory whatever the data.
func (pb portalBody) column(slug string) (disclosure.Column, bool) {
	if i := slices.IndexFunc(pb.columns, func(c disclosure.Column) bool { return c.Slug == slug }); i >= 0 {
		return pb.columns[i], true
	}
	for _, f := range disclosure.FixedSubColumns {
		if f.Slug == slug {
			return disclosure.Column{BodyID: pb.body.ID, Slug: f.Slug, Name: f.Name, Fixed: true}, true
		}
	}
	return disclosure.Column{}, false
}

func (pb portalBody) children(parentID int64) []disclosure.Column {
	if parentID == 0 {
		return nil
	}
	var out []disclosure.Column
	for _, c := range pb.columns {
		if c.ParentID == parentID && !c.Retired {
			out = append(out, c)
		}
	}
	return out
}

type bodySwitchView struct {
	Page
	Bodies []bodyOption
}

type bodyOption struct {
	Body   body.Body
	Depth  int
	Indent string // full-width spaces: <option> cannot be styled per depth
	URL    string
}

// HomeBodyKey is the platform setting naming (by slug) the body whose
// portal is the site's front page. Unset, a multi-body site opens on the
// directory of bodies.
const HomeBodyKey = "portal.home_body"

// portalHome is the site's front page: the home body's portal when one
// is set, the only body's portal on a single-body site, the directory
// of bodies otherwise. ?body= is the target of the switcher form, so
// choosing a body works without JavaScript.
func (s *server) portalHome(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if slug := r.URL.Query().Get("body"); slug != "" {
		ps, err := s.structure(ctx)
		if err != nil {
			return err
		}
		if _, ok := ps.body(slug); !ok {
			return errNotFound()
		}
		http.Redirect(w, r, "/b/"+url.PathEscape(slug)+"/", http.StatusSeeOther)
		return nil
	}
	// After the switcher's redirect, which is no page to revalidate.
	if s.answerFromGeneration(w, r) {
		return nil
	}
	home, err := s.homeBody(ctx)
	if err != nil {
		return err
	}
	if home != nil {
		pb, err := s.portalBodyOf(ctx, *home)
		if err != nil {
			return err
		}
		return s.renderBodyPortal(w, r, pb)
	}
	return s.renderBodyDirectory(w, r)
}

// homeBody returns the body the front page shows, or nil when the site
// opens on the directory. A home setting naming a body that no longer
// exists falls back to the directory rather than failing the front page.
func (s *server) homeBody(ctx context.Context) (*body.Body, error) {
	slug, err := s.store.Meta(ctx, HomeBodyKey)
	if err != nil && !isNotFound(err) {
		return nil, err
	}
	ps, err := s.structure(ctx)
	if err != nil {
		return nil, err
	}
	if b, ok := ps.body(slug); ok && slug != "" {
		return &b, nil
	}
	if len(ps.bodies) == 1 {
		b := ps.bodies[0] // a copy: the structure is shared
		return &b, nil
	}
	return nil, nil
}

// bodyDirectory lists every body of the site: the body switcher as a page.
func (s *server) bodyDirectory(w http.ResponseWriter, r *http.Request) error {
	if s.answerFromGeneration(w, r) {
		return nil
	}
	return s.renderBodyDirectory(w, r)
}

// renderBodyDirectory is the directory of bodies, already revalidated.
func (s *server) renderBodyDirectory(w http.ResponseWriter, r *http.Request) error {
	ps, err := s.structure(r.Context())
	if err != nil {
		return err
	}
	bodies := ps.bodies
	if len(bodies) == 0 {
		return &Error{Status: http.StatusServiceUnavailable, Code: "no_bodies", Message: "本站尚未设置任何单位，请管理员先完成初始化。"}
	}
	parent := make(map[int64]int64, len(bodies))
	for _, b := range bodies {
		parent[b.ID] = b.ParentID
	}
	v := bodySwitchView{Page: Page{Title: "政府信息公开平台", Portal: &portalChrome{Site: ps.site}}}
	for _, b := range bodies {
		d := len(ancestorsOf(parent, b.ID))
		v.Bodies = append(v.Bodies, bodyOption{Body: b, Depth: d, Indent: strings.Repeat("　", d),
			URL: "/b/" + url.PathEscape(b.Slug) + "/"})
	}
	// The page itself is the switcher, so the header does not repeat it.
	return s.render(w, r, "portal_switch", v)
}

type columnCard struct {
	Name   string
	URL    string
	Intro  string
	Latest []docLink
	Total  int
	// Points are the parts of the generated 指南 the card links to, so
	// the card is never empty though the column may hold no document.
	Points []docLink
}

type docLink struct {
	Title     string
	URL       string
	Published string
}

type bodyPortalView struct {
	Page
	Cards []columnCard
}

func (s *server) bodyPortal(w http.ResponseWriter, r *http.Request) error {
	if s.answerFromGeneration(w, r) {
		return nil
	}
	pb, err := s.loadPortalBody(r.Context(), r.PathValue("slug"))
	if err != nil {
		return err
	}
	return s.renderBodyPortal(w, r, pb)
}

var columnIntros = map[string]string{
	"guide":         "如何获取本机关政府信息：公开范围、方式、程序和联系方式。",
	"rules":         "本机关政府信息公开工作的制度规定。",
	"statutory":     "依照《中华人民共和国政府信息公开条例》第二十条等规定主动公开的信息。",
	"annual-report": "本机关每年发布的政府信息公开工作年度报告。",
}

func (s *server) renderBodyPortal(w http.ResponseWriter, r *http.Request, pb portalBody) error {
	v := bodyPortalView{Page: Page{Title: pb.body.Name + " 政府信息公开", Portal: pb.chrome("")}}
	for _, f := range disclosure.FixedSubColumns {
		card := columnCard{Name: f.Name, URL: pb.columnURL(f.Slug), Intro: columnIntros[f.Slug]}
		if f.Slug == "guide" {
			card.Points = guidePoints(pb)
		}
		if c, _ := pb.column(f.Slug); c.ID != 0 {
			docs, total, err := s.store.Documents(r.Context(), c.ID, 0, portalLatestLen)
			if err != nil {
				return err
			}
			card.Total = total
			for _, d := range docs {
				card.Latest = append(card.Latest, pb.docLink(d))
			}
		}
		v.Cards = append(v.Cards, card)
	}
	return s.render(w, r, "portal_body", v)
}

func (pb portalBody) docLink(d disclosure.Document) docLink {
	l := docLink{Title: d.Title, URL: pb.base() + "d/" + strconv.FormatInt(d.ID, 10)}
	if d.Published != nil {
		l.Published = d.Published.In(chinaTime).Format("2006-01-02")
	}
	return l
}

type columnView struct {
	Page
	Column   disclosure.Column
	Children []navItem
	Docs     []docLink
	Total    int
	Pager    pager
	Guide    *guideView
}

// pager is the previous/next navigation of a paginated list, drawn by
// the "pager" template (layout.html).
type pager struct {
	Page, Pages int
	Prev, Next  string
	Total       int    // items in the whole list
	Unit        string // their measure word in "共 N 条"; "" means 条
}

// newPager is page of a list of total items, size a page; url gives the
// address of another page.
func newPager(page, total, size int, url func(page int) string) pager {
	p := pager{Page: page, Pages: max(1, (total+size-1)/size), Total: total}
	if page > 1 {
		p.Prev = url(page - 1)
	}
	if page < p.Pages {
		p.Next = url(page + 1)
	}
	return p
}

// pageURL is the url of newPager for a list at base paged by ?page=.
func pageURL(base string) func(int) string {
	return func(page int) string { return base + "?page=" + strconv.Itoa(page) }
}

func pageParam(r *http.Request) int {
	n, err := strconv.Atoi(r.URL.Query().Get("page"))
	if err != nil || n < 1 {
		return 1
	}
	return n
}

func (s *server) columnPage(w http.ResponseWriter, r *http.Request) error {
	// The guide shows the current year, which no change to the content
	// moves: it keeps the renderer's content hash as its validator.
	if r.PathValue("col") != "guide" && s.answerFromGeneration(w, r) {
		return nil
	}
	ctx := r.Context()
	pb, err := s.loadPortalBody(ctx, r.PathValue("slug"))
	if err != nil {
		return err
	}
	slug := r.PathValue("col")
	col, ok := pb.column(slug)
	if !ok {
		return errNotFound()
	}
	// A sub-column of 法定主动公开内容 highlights its parent in the nav.
	navSlug := col.Slug
	if i := slices.IndexFunc(pb.columns, func(c disclosure.Column) bool { return c.ID == col.ParentID && c.ID != 0 }); i >= 0 {
		navSlug = pb.columns[i].Slug
	}
	v := columnView{Page: Page{Title: col.Name + " - " + pb.body.Name, Portal: pb.chrome(navSlug)}, Column: col}
	for _, c := range pb.children(col.ID) {
		v.Children = append(v.Children, navItem{Name: c.Name, URL: pb.columnURL(c.Slug)})
	}
	page := pageParam(r)
	if col.ID != 0 {
		docs, total, err := s.store.Documents(ctx, col.ID, (page-1)*columnPageSize, columnPageSize)
		if err != nil {
			return err
		}
		v.Total = total
		for _, d := range docs {
			v.Docs = append(v.Docs, pb.docLink(d))
		}
	}
	v.Pager = newPager(page, v.Total, columnPageSize, pageURL(pb.columnURL(col.Slug)))
	if page > v.Pager.Pages {
		return errNotFound()
	}
	if slug == "guide" {
		g := newGuide(pb, s.now())
		v.Guide = &g
	}
	columnFeedLink(&v.Page, pb, col)
	return s.render(w, r, "portal_column", v)
}
