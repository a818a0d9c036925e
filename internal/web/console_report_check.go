package web

import (
	"context"
	"errors"
	"io"
	"net/http"
	"os"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/gongkai/gongkai/internal/annualreport"
	"github.com/gongkai/gongkai/internal/store"
)

// The limits of one batch (年度报告检查): a province's reports are a
// thousand files of a few MB each, sent as files or zips (see
// report_batch_zip.go for the limits of what a zip holds). A file over
// the per-file limit is a row of the table; more files, or more in total,
// refuse the batch.
const (
	reportCheckMaxFile   = 20 << 20
	reportCheckMaxUpload = 500 << 20 // the form as posted
	// reportBatchKeep is how long a checked batch stays, for its page and
	// downloads; an upload not finished in twice that is dropped too.
	reportBatchKeep = 24 * time.Hour
	// reportBatchMaxOpen batches of one person may wait or run at once,
	// so that one person cannot fill the queue before everyone else.
	reportBatchMaxOpen = 3
)

type reportCheckView struct {
	Page
	Years       []int // the report years one may pick, newest first
	Year        int   // the year picked; 0 for any
	Errors      []string
	MaxFiles    int
	MaxFileMB   int
	MaxUploadMB int
	KeepHours   int
	Batches     []reportBatchLink // the signed-in person's batches of the last day
}

// reportBatchLink is one of the person's batches on the form page.
type reportBatchLink struct {
	URL     string
	Created string
	Status  string
	Files   int
	Read    int
}

func (s *server) reportCheckPage(r *http.Request) (reportCheckView, error) {
	v := reportCheckView{Page: s.consolePage(r, "年度报告检查", "/admin/reports/check"),
		MaxFiles: reportBatchMaxFiles, MaxFileMB: reportCheckMaxFile >> 20, MaxUploadMB: reportCheckMaxUpload >> 20,
		KeepHours: int(reportBatchKeep / time.Hour)}
	v.Years = reportYears(s.now().In(chinaTime).Year())
	batches, err := s.store.ReportBatches(r.Context(), principalFrom(r.Context()).user.ID)
	if err != nil {
		return v, err
	}
	for _, b := range batches {
		v.Batches = append(v.Batches, reportBatchLink{URL: reportBatchURL(b.ID),
			Created: b.Created.In(chinaTime).Format("2006-01-02 15:04"), Status: reportBatchStatusName(b.Status),
			Files: b.Files, Read: b.Read})
	}
	return v, nil
}

// reportCheckForm shows the upload form and the person's recent batches.
func (s *server) reportCheckForm(w http.ResponseWriter, r *http.Request) error {
	v, err := s.reportCheckPage(r)
	if err != nil {
		return err
	}
	return s.render(w, r, "console_report_check", v)
}

// reportCheck stores the uploaded reports as a batch for the worker
// (report_batch_worker.go) and sends the browser to its progress page.
// Each file is read from the request and stored at once, so the form
// is never held in memory whole.
func (s *server) reportCheck(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	r.Body = http.MaxBytesReader(w, r.Body, reportCheckMaxUpload+1<<20)
	uid := principalFrom(ctx).user.ID
	var batchID int64
	add := func(name string, data []byte, unreadable string) error {
		if batchID == 0 {
			id, err := s.startReportBatch(ctx, uid)
			if err != nil {
				return err
			}
			batchID = id
		}
		return s.store.AddReportBatchFile(ctx, batchID, name, data, unreadable)
	}
	var budget batchBudget
	yearText, err := readReportUploads(r, &budget, add)
	year, ok := s.reportCheckYear(yearText)
	if err == nil && !ok {
		err = &reportUploadError{status: http.StatusUnprocessableEntity, msg: "报告年度不正确，请从列表中选择。"}
	}
	if err == nil && batchID != 0 {
		err = s.store.QueueReportBatch(ctx, batchID, year)
	}
	if err != nil && batchID != 0 {
		if derr := s.store.DeleteReportBatch(context.WithoutCancel(ctx), batchID); derr != nil {
			s.log.WarnContext(ctx, "deleting a refused report batch failed", "batch", batchID, "err", derr)
		}
	}
	var refused *reportUploadError
	switch {
	case errors.As(err, &refused):
		v, verr := s.reportCheckPage(r)
		if verr != nil {
			return verr
		}
		v.Errors = []string{refused.msg}
		return s.renderStatus(w, r, "console_report_check", refused.status, v)
	case err != nil:
		return err
	case batchID == 0:
		s.notice(r, "请选择要检查的年度报告文件或压缩包。")
		return seeOther(w, r, "/admin/reports/check")
	}
	s.log.InfoContext(ctx, "annual report batch queued", "request_id", requestID(ctx), "batch", batchID,
		"files", budget.files, "bytes", budget.unpacked, "year", year)
	return seeOther(w, r, reportBatchURL(batchID))
}

// startReportBatch creates the batch of an upload at its first file,
// unless the person has too many batches waiting already.
func (s *server) startReportBatch(ctx context.Context, uid int64) (int64, error) {
	batches, err := s.store.ReportBatches(ctx, uid)
	if err != nil {
		return 0, err
	}
	open := 0
	for _, b := range batches {
		if b.Status != store.BatchDone {
			open++
		}
	}
	if open >= reportBatchMaxOpen {
		return 0, &reportUploadError{status: http.StatusTooManyRequests, msg: "您已有 " + strconv.Itoa(open) +
			" 批报告正在排队或检查，请等其中一批完成后再上传。"}
	}
	return s.store.CreateReportBatch(ctx, uid, 2*reportBatchKeep)
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
// through ParseMultipartForm, which would spool every file to disk: each
// report is read within its limit and passed to add at once; a zip is
// spooled to a temporary file (its directory is at its end) and its
// reports passed one by one. It returns the form's year field. A form
// that is not multipart has no files.
func readReportUploads(r *http.Request, budget *batchBudget, add addFunc) (year string, err error) {
	mr, err := r.MultipartReader()
	if err != nil {
		return "", nil
	}
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) && budget.over > 0 {
			return year, &reportUploadError{status: http.StatusRequestEntityTooLarge,
				msg: "一次最多检查 " + strconv.Itoa(reportBatchMaxFiles) + " 份报告，本次上传了 " +
					strconv.Itoa(budget.files+budget.over) + " 份（压缩包中的文件逐个计算）。请分批上传。"}
		}
		if errors.Is(err, io.EOF) {
			return year, nil
		}
		if err != nil {
			return year, uploadFailure(err)
		}
		switch part.FormName() {
		case "year":
			v, err := io.ReadAll(io.LimitReader(part, 64))
			if err != nil {
				return year, uploadFailure(err)
			}
			year = strings.TrimSpace(string(v))
		case "files":
			// A browser sends an empty part, without a name, for a file
			// input left empty.
			if part.FileName() == "" {
				continue
			}
			name := uploadName(part.FileName())
			if isZipUpload(name) {
				err = readUploadedZip(name, part, budget, add)
			} else {
				err = readUploadedFile(name, part, budget, add)
			}
			if err != nil {
				return year, err
			}
		}
	}
}

// readUploadedFile passes one uploaded report to add. Past the batch's
// file limit the rest is only counted, not stored, so the browser, still
// sending, gets the page with the count.
func readUploadedFile(name string, part io.Reader, budget *batchBudget, add addFunc) error {
	data, err := io.ReadAll(io.LimitReader(part, reportCheckMaxFile+1))
	if err != nil {
		return uploadFailure(err)
	}
	unreadable := ""
	if len(data) > reportCheckMaxFile {
		data, unreadable = nil, fileTooLarge()
	}
	ok, err := budget.take(len(data))
	if err != nil || !ok {
		return err
	}
	return add(name, data, unreadable)
}

// readUploadedZip spools a zip to a temporary file, removed at once, and
// passes its reports to add.
func readUploadedZip(name string, part io.Reader, budget *batchBudget, add addFunc) error {
	tmp, err := os.CreateTemp("", "gongkai-report-batch-*.zip")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	defer tmp.Close()
	size, err := io.Copy(tmp, part)
	if err != nil {
		return uploadFailure(err)
	}
	return readReportZip(name, tmp, size, budget, add)
}

// uploadFailure tells a batch over the total limit from a broken form.
func uploadFailure(err error) error {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return &reportUploadError{status: http.StatusRequestEntityTooLarge, cause: err,
			msg: "上传的文件合计超过 " + strconv.Itoa(reportCheckMaxUpload>>20) + " MB。请分批上传。"}
	}
	return &reportUploadError{status: http.StatusBadRequest, cause: err, msg: "表单无法读取，请重新选择文件后提交。"}
}

// uploadName is the file's own name: some browsers send the whole path
// of the file on the staff member's computer.
func uploadName(name string) string {
	return path.Base(strings.ReplaceAll(name, "\\", "/"))
}
