package web

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"path"
	"strings"

	"github.com/gongkai/gongkai/internal/annualreport"
	"github.com/gongkai/gongkai/internal/body"
	"github.com/gongkai/gongkai/internal/parsejail"
	"github.com/gongkai/gongkai/internal/store"
)

// maxReportUpload bounds one uploaded report, as the batch check does.
const maxReportUpload = reportCheckMaxFile

type reportUploadView struct {
	Page
	Body       body.Body
	Year       int
	Versions   int // published versions so far: a new upload is the next
	Published  string
	ChangeNote string
	Errors     []string
}

func (s *server) uploadPage(r *http.Request, b body.Body, year int) (reportUploadView, error) {
	rec, err := s.store.AnnualReport(r.Context(), b.ID, year)
	if err != nil {
		return reportUploadView{}, err
	}
	return reportUploadView{Page: s.consolePage(r, fmt.Sprintf("上传 %d 年度报告 - %s", year, b.Name), "/admin/bodies"),
		Body: b, Year: year, Versions: len(rec.Versions)}, nil
}

// annualReportUploadForm asks for the report a body that publishes
// elsewhere published, and the day it did.
func (s *server) annualReportUploadForm(w http.ResponseWriter, r *http.Request) error {
	b, year, err := s.offPlatformBodyYear(r)
	if err != nil {
		return err
	}
	v, err := s.uploadPage(r, b, year)
	if err != nil {
		return err
	}
	return s.render(w, r, "console_annual_report_upload", v)
}

func (s *server) offPlatformBodyYear(r *http.Request) (body.Body, int, error) {
	b, err := s.bodyFromPath(r)
	if err != nil {
		return b, 0, err
	}
	year, err := s.pathReportYear(r)
	if err != nil {
		return b, 0, err
	}
	st, err := s.reportSettingsOf(r, b.ID)
	if err != nil {
		return b, 0, err
	}
	if !st.OffPlatform {
		return b, 0, errInvalid("该单位在本平台编制和发布年度报告，无需上传。")
	}
	return b, year, nil
}

// annualReportUpload records the report of a body that publishes
// elsewhere: the file is kept as published (a blob), read through
// ParseReportUpload, checked like any other (against last year's and the
// deadline, as of the day it was published), and stored as the next
// published version, its canonical JSON and sha256 included.
func (s *server) annualReportUpload(w http.ResponseWriter, r *http.Request) error {
	b, year, err := s.offPlatformBodyYear(r)
	if err != nil {
		return err
	}
	if err := parseMultipart(w, r); err != nil {
		return err
	}
	if r.MultipartForm == nil {
		// Not sent by the form (which always sends multipart): back to it.
		s.notice(r, "请选择要上传的文件。")
		return seeOther(w, r, fmt.Sprintf("/admin/bodies/%d/annual-report/%d/upload", b.ID, year))
	}
	v, err := s.uploadPage(r, b, year)
	if err != nil {
		return err
	}
	up, msg := readReportUpload(r.PostFormValue, year, v.Versions, s.todayMidnight())
	v.Published, v.ChangeNote = up.Published, up.ChangeNote
	refuse := func(msg string) error {
		v.Errors = []string{msg}
		return s.renderStatus(w, r, "console_annual_report_upload", http.StatusUnprocessableEntity, v)
	}
	if msg != "" {
		return refuse(msg)
	}
	day := up.Day
	data, name, err := uploadedFile(r, "file")
	if err != nil {
		return refuse(err.Error())
	}
	rep, err := ParseReportUpload(r.Context(), s.parser, name, data)
	if err != nil {
		if ctxErr := r.Context().Err(); ctxErr != nil {
			return ctxErr
		}
		if errors.Is(err, parsejail.ErrChild) {
			return err
		}
		logReadFailure(r.Context(), s.log, name, err)
		return refuse("无法读取该文件：" + readFailure(name, err))
	}
	if rep.Year != 0 && rep.Year != year {
		return refuse(fmt.Sprintf("该文件是 %d 年度的报告，不是 %d 年度。", rep.Year, year))
	}
	rep.Year = year
	if strings.TrimSpace(rep.Org) == "" {
		rep.Org = b.Name
	}
	checked, err := s.checkReport(r, b, year, rep, day)
	if err != nil {
		return err
	}
	rep.Published = &day
	rep.Findings = append(checked.Check.Findings[:len(checked.Check.Findings):len(checked.Check.Findings)], lateFindings(checked)...)
	canonical, err := annualreport.EncodeJSON(rep)
	if err != nil {
		return err
	}
	if s.blobs == nil {
		return errors.New("web: no blob store configured for report originals")
	}
	info, err := s.blobs.Put(r.Context(), bytes.NewReader(data), maxReportUpload)
	if err != nil {
		return err
	}
	ver, err := s.store.RecordPublishedReport(r.Context(), store.Publication{BodyID: b.ID, Year: year, Title: rep.Title,
		Canonical: canonical, Check: checked.Check.counts(), Published: day, ChangeNote: v.ChangeNote,
		Original: store.ReportOriginal{Hash: info.Hash, Name: name, ContentType: info.ContentType, Size: info.Size}},
		store.ReportSourceUpload, false, s.actor(r))
	if err != nil {
		return reportStateError(err)
	}
	s.notice(r, fmt.Sprintf("已上传%s %d 年度报告（第 %d 版），错误 %d 项、警告 %d 项。", b.Name, year, ver.Version,
		ver.Check.Errors, ver.Check.Warnings))
	return seeOther(w, r, annualReportURL(b.ID, year))
}

// lateFindings is the late rule's finding of a check, if any.
func lateFindings(c checkedReport) []annualreport.Finding {
	if c.Check.Late == nil {
		return nil
	}
	return []annualreport.Finding{*c.Check.Late}
}

// uploadedFile reads the form's file field in full (it was bounded by
// parseMultipart) with its base name.
func uploadedFile(r *http.Request, field string) ([]byte, string, error) {
	if r.MultipartForm == nil {
		return nil, "", errors.New("请选择要上传的文件。")
	}
	f, h, err := r.FormFile(field)
	if err != nil {
		return nil, "", errors.New("请选择要上传的文件。")
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxReportUpload+1))
	if err != nil {
		return nil, "", errors.New("文件无法读取。")
	}
	if len(data) > maxReportUpload {
		return nil, "", errors.New("文件过大（不超过 20 MB）。")
	}
	name := strings.TrimSpace(path.Base(strings.ReplaceAll(h.Filename, `\`, "/")))
	if name == "" || name == "." || name == "/" {
		name = "年度报告"
	}
	return data, name, nil
}
