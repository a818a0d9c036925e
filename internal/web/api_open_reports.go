package web

import (
	"fmt"
	"net/http"
	"time"
)

// openReport is one published version in the open-data listing.
type openReport struct {
	Org       string `json:"org"`
	Body      string `json:"body"` // the body's slug
	Year      int    `json:"year"`
	Version   int    `json:"version"`
	Published string `json:"published"` // RFC 3339, Beijing time
	SHA256    string `json:"sha256"`    // of the bytes at JSON
	JSON      string `json:"json"`      // the canonical JSON (annualreport.Schema)
	Page      string `json:"page"`      // the version in the official layout
}

type openReportList struct {
	Schema  string       `json:"schema"`
	Reports []openReport `json:"reports"`
}

// apiOpenReports lists every annual report published on this site —
// every version, as corrections keep the old ones — with links to its
// canonical JSON, so anyone can collect a county's or a province's
// reports and check them against their sha256 (open data).
func (s *server) apiOpenReports(w http.ResponseWriter, r *http.Request) error {
	list, err := s.store.OpenReports(r.Context())
	if err != nil {
		return err
	}
	out := openReportList{Schema: "gongkai.annual-report-list/v1", Reports: make([]openReport, 0, len(list))}
	for _, o := range list {
		page := fmt.Sprintf("/b/%s/d/%d/versions/%d", o.BodySlug, o.DocumentID, o.Version)
		out.Reports = append(out.Reports, openReport{Org: o.BodyName, Body: o.BodySlug, Year: o.Year, Version: o.Version,
			Published: o.Published.In(chinaTime).Format(time.RFC3339), SHA256: o.SHA256,
			JSON: s.absURL(r, page+"/report.json"), Page: s.absURL(r, page)})
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}
