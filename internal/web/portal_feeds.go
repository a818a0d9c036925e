package web

import (
	"bytes"
	"encoding/xml"
	"net/http"
	"strings"
	"time"
)

const (
	feedLen      = 20
	sitemapLimit = 50000 // the sitemap protocol's limit per file
)

// absURL makes a site path absolute: feeds and sitemaps need full
// addresses. The configured BaseURL wins over the request's Host.
func (s *server) absURL(r *http.Request, path string) string {
	if s.baseURL != "" {
		return strings.TrimSuffix(s.baseURL, "/") + path
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host + path
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomText struct {
	Type string `xml:"type,attr,omitempty"`
	Body string `xml:",chardata"`
}

type atomEntry struct {
	Title     string   `xml:"title"`
	ID        string   `xml:"id"`
	Link      atomLink `xml:"link"`
	Updated   string   `xml:"updated"`
	Published string   `xml:"published"`
	Summary   atomText `xml:"summary"`
}

type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Title   string      `xml:"title"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Author  string      `xml:"author>name"`
	Links   []atomLink  `xml:"link"`
	Entries []atomEntry `xml:"entry"`
}

// columnFeed is the Atom feed of a column's latest published documents.
func (s *server) columnFeed(w http.ResponseWriter, r *http.Request) error {
	if s.answerFromGeneration(w, r) {
		return nil
	}
	ctx := r.Context()
	pb, err := s.loadPortalBody(ctx, r.PathValue("slug"))
	if err != nil {
		return err
	}
	col, ok := pb.column(r.PathValue("col"))
	if !ok || col.ID == 0 {
		return errNotFound()
	}
	docs, _, err := s.store.Documents(ctx, col.ID, 0, feedLen)
	if err != nil {
		return err
	}
	colURL := s.absURL(r, pb.columnURL(col.Slug))
	f := atomFeed{Title: col.Name + " - " + pb.body.Name, ID: colURL, Author: pb.body.Name,
		Links: []atomLink{{Rel: "self", Type: "application/atom+xml", Href: colURL + "feed.atom"}, {Rel: "alternate", Type: "text/html", Href: colURL}}}
	var latest time.Time
	for _, d := range docs {
		u := s.absURL(r, pb.base()+"d/"+idStr(d.ID))
		f.Entries = append(f.Entries, atomEntry{Title: d.Title, ID: u, Link: atomLink{Rel: "alternate", Href: u},
			Updated: d.Updated.UTC().Format(time.RFC3339), Published: d.Published.UTC().Format(time.RFC3339),
			Summary: atomText{Type: "text", Body: d.Summary}})
		if d.Updated.After(latest) {
			latest = d.Updated
		}
	}
	if latest.IsZero() {
		// An empty column still needs a stable date: the epoch of the site.
		latest = time.Date(2019, 5, 15, 0, 0, 0, 0, time.UTC)
	}
	f.Updated = latest.UTC().Format(time.RFC3339)
	return writeXML(w, "application/atom+xml; charset=utf-8", f)
}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod"`
}

type urlSet struct {
	XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []sitemapURL `xml:"url"`
}

// sitemap lists every published document for search engines.
func (s *server) sitemap(w http.ResponseWriter, r *http.Request) error {
	if s.answerFromGeneration(w, r) {
		return nil
	}
	entries, err := s.store.SitemapEntries(r.Context(), sitemapLimit)
	if err != nil {
		return err
	}
	var set urlSet
	for _, e := range entries {
		set.URLs = append(set.URLs, sitemapURL{Loc: s.absURL(r, "/b/"+e.BodySlug+"/d/"+idStr(e.DocumentID)),
			LastMod: e.Updated.In(chinaTime).Format("2006-01-02")})
	}
	return writeXML(w, "application/xml; charset=utf-8", set)
}

func writeXML(w http.ResponseWriter, contentType string, v any) error {
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	w.Header().Set("Content-Type", contentType)
	if w.Header().Get("Cache-Control") == "" {
		w.Header().Set("Cache-Control", "no-cache")
	}
	_, _ = w.Write(buf.Bytes())
	return nil
}
