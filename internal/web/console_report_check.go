package web

import (
	"errors"
	"io"
	"net/http"
	"path"
	"strconv"
	"strings"

	"github.com/gongkai/gongkai/internal/annualreport"
)

// The limits of one batch (年度报告检查): a county's townships and
// departments are a few dozen reports of a few MB each. A file over the
// per-file limit is a row of the table; more files, or more in total,
// refuse the batch, since the reader stops there.
const (
	reportCheckMaxFiles = 100
	reportCheckMaxFile  = 20 << 20
	reportCheckMaxTotal = 200 << 20
)

type reportCheckView struct {
	Page
	Years      []int // the report years one may pick, newest first
	Year       int   // the year picked; 0 for any
	Errors     []string
	MaxFiles   int
	MaxFileMB  int
	MaxTotalMB int
	Result     *reportCheckResult // nil until a batch was checked
}

func (s *server) reportCheckPage(r *http.Request) reportCheckView {
	v := reportCheckView{Page: s.consolePage(r, "年度报告检查", "/admin/reports/check"),
		MaxFiles: reportCheckMaxFiles, MaxFileMB: reportCheckMaxFile >> 20, MaxTotalMB: reportCheckMaxTotal >> 20}
	v.Years = reportYears(s.now().In(chinaTime).Year())
	return v
}

// reportCheckForm shows the upload form.
func (s *server) reportCheckForm(w http.ResponseWriter, r *http.Request) error {
	return s.render(w, r, "console_report_check", s.reportCheckPage(r))
}

// reportCheck reads and checks the uploaded reports and shows one table,
// or sends it as CSV. Nothing uploaded is kept: each file is read from
// the request into memory, interpreted and dropped.
func (s *server) reportCheck(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, reportCheckMaxTotal+1<<20)
	up, err := s.readReportUploads(r)
	var refused *reportUploadError
	switch {
	case errors.As(err, &refused):
		v := s.reportCheckPage(r)
		v.Errors = []string{refused.msg}
		return s.renderStatus(w, r, "console_report_check", refused.status, v)
	case err != nil:
		return err
	case len(up.files) == 0:
		s.notice(r, "请选择要检查的年度报告文件。")
		return seeOther(w, r, "/admin/reports/check")
	}
	year, ok := s.reportCheckYear(up.year)
	if !ok {
		v := s.reportCheckPage(r)
		v.Errors = []string{"报告年度不正确，请从列表中选择。"}
		return s.renderStatus(w, r, "console_report_check", http.StatusUnprocessableEntity, v)
	}
	res, err := checkReportBatch(r.Context(), up.files, year)
	if err != nil {
		return err
	}
	s.log.InfoContext(r.Context(), "annual reports checked", "request_id", requestID(r.Context()),
		"files", res.Files, "with_errors", res.WithErrors, "unreadable", res.Unreadable, "paired", res.Paired)
	if up.output == "csv" {
		return writeReportCheckCSV(w, res)
	}
	v := s.reportCheckPage(r)
	v.Year, v.Result = year, &res
	return s.render(w, r, "console_report_check", v)
}

// reportCheckYear parses the optional year of the batch; "" is any year.
func (s *server) reportCheckYear(v string) (int, bool) {
	if v == "" {
		return 0, true
	}
	y, err := strconv.Atoi(v)
	if err != nil || annualreport.FormatForYear(y) == nil || y > s.now().In(chinaTime).Year() {
		return 0, false
	}
	return y, true
}

// reportUploads is a batch as posted: the files read, and the form's
// small fields.
type reportUploads struct {
	files  []batchFile
	year   string
	output string // "csv" for the download button
}

// reportUploadError refuses a whole batch with a message for the form.
type reportUploadError struct {
	status int
	msg    string
	cause  error
}

func (e *reportUploadError) Error() string {
	if e.cause != nil {
		return e.msg + ": " + e.cause.Error()
	}
	return e.msg
}

func (e *reportUploadError) Unwrap() error { return e.cause }

// readReportUploads streams the multipart form part by part rather than
// through ParseMultipartForm, which would spool large files to disk:
// each file is read within its limit and interpreted at once (in a
// child process, see ParseReportUpload). A form that is not multipart
// has no files.
func (s *server) readReportUploads(r *http.Request) (reportUploads, error) {
	var up reportUploads
	over := 0 // files past the count limit
	mr, err := r.MultipartReader()
	if err != nil {
		return up, nil
	}
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) && over > 0 {
			return up, &reportUploadError{status: http.StatusRequestEntityTooLarge,
				msg: "一次最多检查 " + strconv.Itoa(reportCheckMaxFiles) + " 份报告，本次选择了 " +
					strconv.Itoa(len(up.files)+over) + " 个文件。请分批上传。"}
		}
		if errors.Is(err, io.EOF) {
			return up, nil
		}
		if err != nil {
			return up, uploadFailure(err)
		}
		switch part.FormName() {
		case "year", "output":
			v, err := io.ReadAll(io.LimitReader(part, 64))
			if err != nil {
				return up, uploadFailure(err)
			}
			if part.FormName() == "year" {
				up.year = strings.TrimSpace(string(v))
			} else {
				up.output = string(v)
			}
		case "files":
			// A browser sends an empty part, without a name, for a file
			// input left empty.
			if part.FileName() == "" {
				continue
			}
			// Past the limit the rest is only counted, so the browser,
			// still sending, gets the page with the count.
			if len(up.files)+over >= reportCheckMaxFiles {
				over++
				continue
			}
			name := uploadName(part.FileName())
			data, err := io.ReadAll(io.LimitReader(part, reportCheckMaxFile+1))
			if err != nil {
				return up, uploadFailure(err)
			}
			if len(data) > reportCheckMaxFile {
				up.files = append(up.files, batchFile{Name: name,
					Unreadable: "文件超过 " + strconv.Itoa(reportCheckMaxFile>>20) + " MB，未读取。"})
				continue
			}
			f, err := s.readBatchFile(r.Context(), name, data)
			if err != nil {
				return up, err
			}
			up.files = append(up.files, f)
		}
	}
}

// uploadFailure tells a batch over the total limit from a broken form.
func uploadFailure(err error) error {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return &reportUploadError{status: http.StatusRequestEntityTooLarge, cause: err,
			msg: "上传的文件合计超过 " + strconv.Itoa(reportCheckMaxTotal>>20) + " MB。请分批上传。"}
	}
	return &reportUploadError{status: http.StatusBadRequest, cause: err, msg: "表单无法读取，请重新选择文件后提交。"}
}

// uploadName is the file's own name: some browsers send the whole path
// of the file on the staff member's computer.
func uploadName(name string) string {
	return path.Base(strings.ReplaceAll(name, "\\", "/"))
}
