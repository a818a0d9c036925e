package web

import (
	"context"
	"fmt"
	"html/template"
	"net/http"
	"strconv"

	"github.com/gongkai/gongkai/internal/annualreport"
	"github.com/gongkai/gongkai/internal/disclosure"
	"github.com/gongkai/gongkai/internal/store"
)

// reportVersionLink is one published version of an annual report as the
// portal lists it: its date, its sha256 (of the JSON it links), what a
// correction changed.
type reportVersionLink struct {
	Version    int
	Published  string
	SHA256     string
	ChangeNote string
	PageURL    string
	JSONURL    string
	Current    bool
}

// reportVersionLinks lists the versions of the annual report document d
// shows, newest first; none for any other document.
func (s *server) reportVersionLinks(ctx context.Context, pb portalBody, d disclosure.Document) ([]reportVersionLink, error) {
	vs, err := s.store.ReportVersionsOfDocument(ctx, d.ID)
	if err != nil {
		return nil, err
	}
	page := pb.base() + "d/" + idStr(d.ID)
	var out []reportVersionLink
	for i := len(vs) - 1; i >= 0; i-- {
		v := vs[i]
		out = append(out, reportVersionLink{Version: v.Version, Published: v.Published.In(chinaTime).Format("2006年1月2日"),
			SHA256: v.SHA256, ChangeNote: v.ChangeNote, Current: i == len(vs)-1,
			PageURL: fmt.Sprintf("%s/versions/%d", page, v.Version), JSONURL: fmt.Sprintf("%s/versions/%d/report.json", page, v.Version)})
	}
	return out, nil
}

// publicReportVersion is version {n} of the annual report the document
// in the path shows.
func (s *server) publicReportVersion(r *http.Request) (portalBody, disclosure.Document, store.ReportVersion, []store.ReportVersion, error) {
	ctx := r.Context()
	pb, d, err := s.publicDocument(ctx, r)
	if err != nil || d.State != disclosure.StatePublished {
		return pb, d, store.ReportVersion{}, nil, errOr(err, errNotFound())
	}
	vs, err := s.store.ReportVersionsOfDocument(ctx, d.ID)
	if err != nil {
		return pb, d, store.ReportVersion{}, nil, err
	}
	n, err := strconv.Atoi(r.PathValue("n"))
	if err != nil || n < 1 || n > len(vs) {
		return pb, d, store.ReportVersion{}, nil, errNotFound()
	}
	return pb, d, vs[n-1], vs, nil
}

type portalReportVersionView struct {
	Page
	ReportTitle string
	Doc         disclosure.Document
	Version     reportVersionLink
	BodyHTML    template.HTML
	DocURL      string
}

// reportVersionPage shows one published version of an annual report in
// the official layout, rendered from its canonical JSON: a reader can
// see what an earlier version said after a correction.
func (s *server) reportVersionPage(w http.ResponseWriter, r *http.Request) error {
	if s.answerFromGeneration(w, r) {
		return nil
	}
	pb, d, v, all, err := s.publicReportVersion(r)
	if err != nil {
		return err
	}
	rep, err := annualreport.DecodeJSON(v.Canonical)
	if err != nil {
		return err
	}
	body, err := reportBodyHTML(rep)
	if err != nil {
		return err
	}
	page := pb.base() + "d/" + idStr(d.ID)
	view := portalReportVersionView{ReportTitle: rep.Title, Page: Page{Title: fmt.Sprintf("%s（第 %d 版）- %s", rep.Title, v.Version, pb.body.Name)},
		Doc: d, BodyHTML: template.HTML(body), DocURL: page,
		Version: reportVersionLink{Version: v.Version, Published: v.Published.In(chinaTime).Format("2006年1月2日"),
			SHA256: v.SHA256, ChangeNote: v.ChangeNote, Current: v.Version == len(all),
			JSONURL: fmt.Sprintf("%s/versions/%d/report.json", page, v.Version)}}
	view.Portal = pb.chrome(disclosure.AnnualReportSlug)
	return s.render(w, r, "portal_report_version", view)
}

// reportVersionDownload serves a published version's canonical JSON,
// the bytes its sha256 is of.
func (s *server) reportVersionDownload(w http.ResponseWriter, r *http.Request) error {
	_, _, v, _, err := s.publicReportVersion(r)
	if err != nil {
		return err
	}
	if r.PathValue("file") != "report.json" {
		return errNotFound()
	}
	return s.serveReportVersion(w, r, v, "report.json")
}
