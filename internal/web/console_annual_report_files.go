package web

import (
	"bytes"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"time"

	"github.com/gongkai/gongkai/internal/annualreport"
	"github.com/gongkai/gongkai/internal/body"
	"github.com/gongkai/gongkai/internal/disclosure"
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

// annualReportDownload serves the report of {year} in one form, under
// its Chinese title (RFC 2231/5987 encoded, as attachments are).
// pathAnnualReport is the report of the body and year in the path, as
// the downloads and the draft start from.
func (s *server) pathAnnualReport(r *http.Request) (body.Body, int, *annualreport.Report, error) {
	b, err := s.bodyFromPath(r)
	if err != nil {
		return b, 0, nil, err
	}
	year, err := s.pathReportYear(r)
	if err != nil {
		return b, 0, nil, err
	}
	rep, err := s.annualReport(r, b, year)
	return b, year, rep, err
}

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
		h := w.Header()
		h.Set("Content-Type", file.contentType)
		h.Set("Content-Length", strconv.Itoa(buf.Len()))
		h.Set("Cache-Control", "no-store")
		h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": rep.Title + "." + file.ext}))
		_, err = buf.WriteTo(w)
		return err
	}
}

// annualReportDraft turns the report of {year} into a document in the
// body's annual-report column, to go through review (保密审查 included)
// and publication like any other. A draft of the same report already in
// the column is brought up to date as a new version instead of being
// doubled; while one is under review nothing is written, as the reviewer
// is looking at it.
func (s *server) annualReportDraft(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	b, year, rep, err := s.pathAnnualReport(r)
	if err != nil {
		return err
	}
	docs, err := s.findAnnualReportDocs(ctx, b, rep.Title)
	if err != nil {
		return err
	}
	if d := docs.InReview; d != nil {
		return &Error{Status: http.StatusConflict, Code: "state",
			Message: fmt.Sprintf("%d 年度报告已送审（文件编号 %d），审核退回后才能用最新数据更新草稿。", year, d.ID)}
	}
	var html bytes.Buffer
	if err := annualreport.RenderHTMLBody(&html, rep); err != nil {
		return err
	}
	now := s.now().In(chinaTime)
	written := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, chinaTime)
	a := s.actor(r)
	if cur := docs.Draft; cur != nil {
		d := *cur
		d.Publisher, d.Kind, d.Written = b.Name, disclosure.KindOther, &written
		d.Format, d.Source, d.BodyHTML = disclosure.FormatHTML, html.String(), html.String()
		if err := s.store.SaveDraft(ctx, d, a); err != nil {
			return stateError(err)
		}
		s.notice(r, "已用最新数据更新年度报告草稿（新版本）。")
		return seeOther(w, r, fmt.Sprintf("/admin/documents/%d", d.ID))
	}
	id, err := s.store.CreateDraft(ctx, annualReportDocument(b, docs.Column.ID, rep.Title, html.String(), written), a)
	if err != nil {
		return err
	}
	s.notice(r, "已生成年度报告草稿，请检查后送审。")
	return seeOther(w, r, fmt.Sprintf("/admin/documents/%d", id))
}

// annualReportDocument is the new draft of a report: an 其他 document of
// the body, written today, its body the report's HTML.
func annualReportDocument(b body.Body, columnID int64, title, html string, written time.Time) disclosure.Document {
	return disclosure.Document{BodyID: b.ID, ColumnID: columnID, Title: title, Publisher: b.Name, PublicMode: "主动公开",
		Kind: disclosure.KindOther, Format: disclosure.FormatHTML, Source: html, BodyHTML: html, Written: &written}
}
