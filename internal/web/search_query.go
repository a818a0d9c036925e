package web

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gongkai/gongkai/internal/body"
	"github.com/gongkai/gongkai/internal/disclosure"
	"github.com/gongkai/gongkai/internal/search"
)

// searchParams is a search as the portal form and the API spell it:
// slugs and codes people can read, turned into index IDs by resolve.
type searchParams struct {
	Q      string
	Body   string // body slug
	Column string // column slug within Body
	Theme  string // 主题分类 code
	Year   string
	Kind   string
	Newest bool
}

func searchParamsOf(r *http.Request) searchParams {
	q := r.URL.Query()
	get := func(k string) string { return strings.TrimSpace(q.Get(k)) }
	return searchParams{Q: get("q"), Body: get("body"), Column: get("column"), Theme: get("theme"),
		Year: get("year"), Kind: get("kind"), Newest: get("sort") == "newest"}
}

// encode is the query string of the search, page excluded, in a fixed
// order so page links are stable.
func (p searchParams) encode() string {
	v := url.Values{}
	v.Set("q", p.Q)
	for _, kv := range [][2]string{{"body", p.Body}, {"column", p.Column}, {"theme", p.Theme}, {"year", p.Year}, {"kind", p.Kind}} {
		if kv[1] != "" {
			v.Set(kv[0], kv[1])
		}
	}
	if p.Newest {
		v.Set("sort", "newest")
	}
	return v.Encode()
}

// errBadSearch is a search the visitor can correct; Message is shown
// above the re-displayed form (or returned as the API error).
type errBadSearch struct{ Message string }

func (e *errBadSearch) Error() string { return "search: " + e.Message }

// siteSearch is one resolved search over every body's published documents.
type siteSearch struct {
	bodies map[int64]body.Body
	all    []body.Body
}

func (s *server) newSiteSearch(ctx context.Context) (siteSearch, error) {
	ps, err := s.structure(ctx)
	if err != nil {
		return siteSearch{}, err
	}
	all := ps.bodies
	ss := siteSearch{bodies: make(map[int64]body.Body, len(all)), all: all}
	for _, b := range all {
		ss.bodies[b.ID] = b
	}
	return ss, nil
}

// filter turns the readable filters into index IDs. An unknown body or
// column is the visitor's mistake, not an empty result.
func (s *server) searchFilter(ctx context.Context, ss siteSearch, p searchParams) (search.Filter, error) {
	f := search.Filter{Theme: p.Theme, Kind: p.Kind}
	if p.Body != "" {
		i := -1
		for j, b := range ss.all {
			if b.Slug == p.Body {
				i = j
			}
		}
		if i < 0 {
			return f, &errBadSearch{"未找到所选单位。"}
		}
		f.BodyID = ss.all[i].ID
	}
	if p.Column != "" {
		if f.BodyID == 0 {
			return f, &errBadSearch{"按栏目筛选时请同时选择单位。"}
		}
		cols, err := s.store.Columns(ctx, f.BodyID)
		if err != nil {
			return f, err
		}
		for _, c := range cols {
			if c.Slug == p.Column {
				f.ColumnID = c.ID
			}
		}
		if f.ColumnID == 0 {
			return f, &errBadSearch{"未找到所选栏目。"}
		}
	}
	if p.Theme != "" {
		if _, ok := disclosure.ThemeByCode(p.Theme); !ok {
			return f, &errBadSearch{"主题分类不正确。"}
		}
	}
	if p.Kind != "" && !disclosure.Kind(p.Kind).Valid() {
		return f, &errBadSearch{"文件类型不正确。"}
	}
	if p.Year != "" {
		y, err := strconv.Atoi(p.Year)
		if err != nil || y < 1900 || y > 9999 {
			return f, &errBadSearch{"年份应为四位数字，如 2024。"}
		}
		f.Year = y
	}
	return f, nil
}

// siteHit is a hit with what a result list shows beside the index's
// highlighted text: where it lives and when it was published.
type siteHit struct {
	search.Hit
	URL       string
	Body      body.Body
	Published *time.Time
	IndexNo   string // 索引号
	Column    string // the column it is published in
}

// run executes the search. Hits whose document is no longer public are
// dropped: the index follows publication and withdrawal, and this check
// keeps a lagging index from ever showing a withdrawn document.
func (s *server) runSearch(ctx context.Context, ss siteSearch, p searchParams, f search.Filter, offset, limit int) (search.Results, []siteHit, error) {
	q := search.Query{Text: p.Q, Filter: f, Offset: offset, Limit: limit}
	if p.Newest {
		q.Sort = search.SortNewest
	}
	res, err := s.boundedSearch(ctx, q)
	switch {
	case errors.Is(err, search.ErrEmptyQuery):
		return res, nil, &errBadSearch{"请输入检索词。"}
	case errors.Is(err, search.ErrQueryTooLong):
		return res, nil, &errBadSearch{"检索词过长，请精简后重试。"}
	case errors.Is(err, search.ErrPageTooDeep):
		return res, nil, &errBadSearch{"结果页数过多，请增加检索词或筛选条件缩小范围。"}
	case err != nil:
		return res, nil, err
	}
	ids := make([]int64, len(res.Hits))
	for i, h := range res.Hits {
		ids[i] = h.ID
	}
	details, err := s.store.HitDetails(ctx, ids)
	if err != nil {
		return res, nil, err
	}
	hits := make([]siteHit, 0, len(res.Hits))
	for _, h := range res.Hits {
		d, ok := details[h.ID]
		if !ok {
			continue
		}
		b := ss.bodies[h.BodyID]
		hits = append(hits, siteHit{Hit: h, Body: b, Published: &d.Published, IndexNo: d.IndexNo, Column: d.Column,
			URL: "/b/" + url.PathEscape(b.Slug) + "/d/" + idStr(h.ID)})
	}
	return res, hits, nil
}
