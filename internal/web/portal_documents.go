package web

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"io"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/gongkai/gongkai/internal/blob"
	"github.com/gongkai/gongkai/internal/disclosure"
	"github.com/gongkai/gongkai/internal/upload"
)

func idStr(id int64) string { return strconv.FormatInt(id, 10) }

type attachmentLink struct {
	Name string
	URL  string
	Size string
}

type validityLine struct {
	Status    string
	Effective time.Time
	URL       string // the replacing document, if any
}

type documentView struct {
	Page
	Doc         disclosure.Document
	Column      navItem
	BodyHTML    template.HTML
	Theme       string
	Validity    string
	History     []validityLine
	Attachments []attachmentLink
	Withdrawn   bool
	PrintURL    string
	PageURL     string
	// Policy is the document this one interprets; Interpretations the
	// published interpretations of this one (政策解读, linked both ways).
	Policy          *docLink
	Interpretations []docLink
	// Catalogue is the 标准目录 line the document is filed under, if any.
	Catalogue *navItem
	// ReportVersions are the published versions of the annual report
	// the document shows (newest first), with their sha256.
	ReportVersions []reportVersionLink
}

func humanSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.0f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d 字节", n)
}

// notModified answers a conditional request by date when the client
// sent no ETag to compare (an ETag, when sent, wins: render checks it).
// It sets Last-Modified either way.
func notModified(w http.ResponseWriter, r *http.Request, t time.Time) bool {
	if t.IsZero() {
		return false
	}
	t = t.UTC().Truncate(time.Second)
	w.Header().Set("Last-Modified", t.Format(http.TimeFormat))
	if r.Header.Get("If-None-Match") != "" {
		return false
	}
	since, err := http.ParseTime(r.Header.Get("If-Modified-Since"))
	if err != nil || t.After(since) {
		return false
	}
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(http.StatusNotModified)
	return true
}

// publicDocument loads a document the portal of {slug} may show: its
// own, published or withdrawn. Drafts do not exist on the portal.
func (s *server) publicDocument(ctx context.Context, r *http.Request) (portalBody, disclosure.Document, error) {
	pb, err := s.loadPortalBody(ctx, r.PathValue("slug"))
	if err != nil {
		return pb, disclosure.Document{}, err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return pb, disclosure.Document{}, err
	}
	d, err := s.store.Document(ctx, id)
	if err != nil {
		return pb, d, notFoundOr(err)
	}
	public := d.State == disclosure.StatePublished || d.State == disclosure.StateWithdrawn
	if d.BodyID != pb.body.ID || d.Published == nil || !public {
		return pb, d, errNotFound()
	}
	return pb, d, nil
}

func (s *server) documentPage(w http.ResponseWriter, r *http.Request) error {
	return s.renderDocument(w, r, r.URL.Query().Get("print") == "1")
}

// documentPrint is the print view: the document and its metadata header
// without the site's navigation, with the print stylesheet on screen.
func (s *server) documentPrint(w http.ResponseWriter, r *http.Request) error {
	return s.renderDocument(w, r, true)
}

func (s *server) renderDocument(w http.ResponseWriter, r *http.Request, print bool) error {
	if s.answerFromGeneration(w, r) {
		return nil
	}
	ctx := r.Context()
	pb, d, err := s.publicDocument(ctx, r)
	if err != nil {
		return err
	}
	page := pb.base() + "d/" + idStr(d.ID)
	v := documentView{Page: Page{Title: d.Title + " - " + pb.body.Name, PrintView: print}, Doc: d,
		Withdrawn: d.State == disclosure.StateWithdrawn, PrintURL: page + "/print", PageURL: page,
		Validity: disclosure.CurrentValidity(d.Validity).Name()}
	if !v.Withdrawn {
		// The store keeps document bodies sanitised (bluemonday) on write.
		// A withdrawn document keeps its page and header, not its content.
		v.BodyHTML = template.HTML(d.BodyHTML)
		for _, a := range d.Attachments {
			v.Attachments = append(v.Attachments, attachmentLink{Name: a.Name, Size: humanSize(a.Size),
				URL: page + "/files/" + idStr(a.ID)})
		}
	}
	if t, ok := disclosure.ThemeByCode(d.Theme); ok {
		v.Theme = t.FullName
	}
	for _, e := range d.Validity {
		l := validityLine{Status: e.Status.Name(), Effective: e.Effective}
		if e.ReplacedBy != 0 {
			l.URL = pb.base() + "d/" + idStr(e.ReplacedBy)
		}
		v.History = append(v.History, l)
	}
	if err := s.interpretationLinks(ctx, pb, d, &v); err != nil {
		return err
	}
	if v.Catalogue, err = s.documentCatalogueLink(ctx, pb, d.ID); err != nil {
		return err
	}
	if v.ReportVersions, err = s.reportVersionLinks(ctx, pb, d); err != nil {
		return err
	}
	navSlug := ""
	if i := slices.IndexFunc(pb.columns, func(c disclosure.Column) bool { return c.ID == d.ColumnID }); i >= 0 {
		c := pb.columns[i]
		v.Column = navItem{Name: c.Name, URL: pb.columnURL(c.Slug)}
		navSlug = c.Slug
		if j := slices.IndexFunc(pb.columns, func(p disclosure.Column) bool { return p.ID == c.ParentID }); j >= 0 {
			navSlug = pb.columns[j].Slug
		}
	}
	v.Portal = pb.chrome(navSlug)
	return s.render(w, r, "portal_document", v)
}

// attachmentDownload serves a published document's attachment with the
// type sniffed when it was stored and its original name.
func (s *server) attachmentDownload(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	_, d, err := s.publicDocument(ctx, r)
	if err != nil {
		return err
	}
	attID, err := pathID(r, "att")
	if err != nil {
		return err
	}
	i := slices.IndexFunc(d.Attachments, func(a disclosure.Attachment) bool { return a.ID == attID })
	if i < 0 || d.State != disclosure.StatePublished || s.blobs == nil {
		return errNotFound()
	}
	a := d.Attachments[i]
	rc, info, err := s.blobs.Open(ctx, a.Hash)
	if err != nil {
		return notFoundOr(blobNotFound(err))
	}
	defer rc.Close()
	h := w.Header()
	etag := `"` + a.Hash + `"`
	h.Set("ETag", etag)
	h.Set("Cache-Control", "no-cache")
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return nil
	}
	ct := info.ContentType
	if ct == "" {
		ct = "application/octet-stream"
	}
	h.Set("Content-Type", ct)
	h.Set("Content-Length", strconv.FormatInt(info.Size, 10))
	h.Set("Content-Disposition", upload.Disposition(a.Name, ct))
	if _, err := io.Copy(w, rc); err != nil {
		s.log.DebugContext(ctx, "sending attachment", "request_id", requestID(ctx), "err", err)
	}
	return nil
}

// columnFreshness adds the column's Atom feed to the page head and
// answers If-Modified-Since from the column's last change.
func (s *server) columnFreshness(w http.ResponseWriter, r *http.Request, p *Page, pb portalBody, col disclosure.Column) (bool, error) {
	if col.ID == 0 {
		return false, nil
	}
	p.Feed = pb.columnURL(col.Slug) + "feed.atom"
	if col.Slug == "guide" {
		// The guide is generated from the body's data, which has no
		// change time here: the content ETag alone revalidates it.
		return false, nil
	}
	t, err := s.store.ColumnUpdated(r.Context(), col.ID)
	if err != nil {
		return false, err
	}
	return notModified(w, r, t), nil
}

// blobNotFound makes a missing blob a 404 like a missing row.
func blobNotFound(err error) error {
	if errors.Is(err, blob.ErrNotFound) {
		return errNotFound()
	}
	return err
}

// interpretationLinks adds the policy an interpretation explains and the
// published interpretations of a policy.
func (s *server) interpretationLinks(ctx context.Context, pb portalBody, d disclosure.Document, v *documentView) error {
	if d.Interprets != 0 {
		p, err := s.store.Document(ctx, d.Interprets)
		if err != nil {
			return err
		}
		if p.State == disclosure.StatePublished || p.State == disclosure.StateWithdrawn {
			l := pb.docLink(p)
			v.Policy = &l
		}
	}
	xs, err := s.store.Interpretations(ctx, d.ID)
	if err != nil {
		return err
	}
	for _, x := range xs {
		if x.State == disclosure.StatePublished {
			v.Interpretations = append(v.Interpretations, pb.docLink(x))
		}
	}
	return nil
}
