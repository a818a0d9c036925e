package web

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"strconv"

	"github.com/gongkai/gongkai/internal/annualreport"
	"github.com/gongkai/gongkai/internal/body"
	"github.com/gongkai/gongkai/internal/store"
	"github.com/gongkai/gongkai/internal/upload"
)

// annualReportFile is one download of the report, each written by the
// annualreport renderer of its form.
type annualReportFile struct {
	ext, name, contentType string
	render                 func(w io.Writer, r *annualreport.Report) error
}

var annualReportFiles = []annualReportFile{
	{"docx", "Word 文档（.docx）", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", annualreport.RenderDOCX},
	{"xlsx", "Excel 表格（.xlsx）", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", annualreport.RenderXLSX},
	{"txt", "纯文本（.txt）", "text/plain; charset=utf-8", annualreport.RenderText},
	{"json", "年报 JSON（.json）", "application/json; charset=utf-8", func(w io.Writer, r *annualreport.Report) error {
		data, err := annualreport.EncodeJSON(r)
		if err != nil {
			return err
		}
		_, err = w.Write(data)
		return err
	}},
}

// pathReportYear reads {year}: a year of the national format, not in
// the future; anything else names no report.
func (s *server) pathReportYear(r *http.Request) (int, error) {
	year, err := strconv.Atoi(r.PathValue("year"))
	if err != nil || annualreport.FormatForYear(year) == nil || year > s.now().In(chinaTime).Year() {
		return 0, errNotFound()
	}
	return year, nil
}

// pathAnnualReport is the report of the body and year in the path as
// its state has it (shownAnnualReport): what the downloads serve.
func (s *server) pathAnnualReport(r *http.Request) (body.Body, int, *annualreport.Report, error) {
	b, year, rec, err := s.pathBodyReport(r)
	if err != nil {
		return b, 0, nil, err
	}
	rep, err := s.shownAnnualReport(r, b, year, rec)
	return b, year, rep, err
}

// annualReportDownload serves the report of {year} in one form, under
// its Chinese title (RFC 2231/5987 encoded, as attachments are).
func (s *server) annualReportDownload(ext string) handlerFunc {
	var file annualReportFile
	for _, f := range annualReportFiles {
		if f.ext == ext {
			file = f
		}
	}
	return func(w http.ResponseWriter, r *http.Request) error {
		_, _, rep, err := s.pathAnnualReport(r)
		if err != nil {
			return err
		}
		// Rendered in full first, so a failure is an error page rather
		// than a truncated file.
		var buf bytes.Buffer
		if err := file.render(&buf, rep); err != nil {
			return err
		}
		return serveDownload(w, rep.Title+"."+file.ext, file.contentType, buf.Bytes())
	}
}

// annualReportVersionFile serves a published version as published: its
// canonical JSON (the bytes its sha256 is of) or the original file of a
// report published elsewhere.
func (s *server) annualReportVersionFile(w http.ResponseWriter, r *http.Request) error {
	_, _, rec, err := s.pathBodyReport(r)
	if err != nil {
		return err
	}
	n, err := strconv.Atoi(r.PathValue("n"))
	if err != nil || n < 1 || n > len(rec.Versions) {
		return errNotFound()
	}
	return s.serveReportVersion(w, r, rec.Versions[n-1], r.PathValue("file"))
}

// serveReportVersion writes one file of a published version: report.json
// (the canonical bytes) or original (the file as published elsewhere).
func (s *server) serveReportVersion(w http.ResponseWriter, r *http.Request, v store.ReportVersion, file string) error {
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	switch file {
	case "report.json":
		return serveDownload(w, fmt.Sprintf("annual-report-%d-v%d.json", v.Year, v.Version), "application/json; charset=utf-8", v.Canonical)
	case "original":
		if v.Original.Hash == "" || s.blobs == nil {
			return errNotFound()
		}
		rc, _, err := s.blobs.Open(r.Context(), v.Original.Hash)
		if err != nil {
			return notFoundOr(blobNotFound(err))
		}
		defer rc.Close()
		h.Set("Content-Type", v.Original.ContentType)
		h.Set("Content-Length", strconv.FormatInt(v.Original.Size, 10))
		h.Set("Content-Disposition", upload.Disposition(v.Original.Name, v.Original.ContentType))
		_, err = io.Copy(w, rc)
		return err
	}
	return errNotFound()
}
