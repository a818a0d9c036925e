package web

import (
	"context"
	"errors"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"

	"github.com/gongkai/gongkai/internal/blob"
	rq "github.com/gongkai/gongkai/internal/request"
	"github.com/gongkai/gongkai/internal/upload"
)

// attachmentLimits bound what an applicant may upload with a request.
type attachmentLimits struct {
	Files   int   // at most this many files
	PerFile int64 // bytes each
}

// MiB is the per-file limit in MiB, for the form's hint.
func (l attachmentLimits) MiB() int64 { return l.PerFile >> 20 }

var requestAttachmentLimits = attachmentLimits{Files: 5, PerFile: 10 << 20}

// readApplicationForm parses a (possibly multipart) application post
// within the size limits and returns the uploaded files.
func (s *server) readApplicationForm(w http.ResponseWriter, r *http.Request) ([]*multipart.FileHeader, fieldErrors, error) {
	fe := fieldErrors{}
	l := requestAttachmentLimits
	r.Body = http.MaxBytesReader(w, r.Body, int64(l.Files)*l.PerFile+1<<20)
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		if err := r.ParseMultipartForm(4 << 20); err != nil {
			var tooBig *http.MaxBytesError
			if errors.As(err, &tooBig) {
				return nil, nil, &Error{Status: http.StatusRequestEntityTooLarge, Code: "too_large",
					Message: "提交的内容过大：每个附件不超过 " + strconv.FormatInt(l.MiB(), 10) + " MB，最多 " + strconv.Itoa(l.Files) + " 个。"}
			}
			return nil, nil, errBadRequest("表单无法读取，请重新提交。")
		}
		if err := checkMultipartText(r.MultipartForm); err != nil {
			return nil, nil, err
		}
	} else if err := r.ParseForm(); err != nil {
		return nil, nil, errBadRequest("表单无法读取，请重新提交。")
	}
	var files []*multipart.FileHeader
	if r.MultipartForm != nil {
		for _, f := range r.MultipartForm.File["attachments"] {
			if f.Size > 0 || f.Filename != "" {
				files = append(files, f)
			}
		}
	}
	if len(files) > l.Files {
		fe.add("attachments", "附件最多 "+strconv.Itoa(l.Files)+" 个。")
	}
	for _, f := range files {
		if f.Size > l.PerFile {
			fe.add("attachments", "附件“"+f.Filename+"”超过 "+strconv.FormatInt(l.MiB(), 10)+" MB。")
		}
	}
	return files, fe, nil
}

// storeAttachments checks every file by content and name
// (upload.Check) and, only when all are accepted, keeps them in blob
// storage: a refused application leaves nothing on disk. A refused file
// becomes a field error, not a failure.
func (s *server) storeAttachments(ctx context.Context, files []*multipart.FileHeader, fe fieldErrors) ([]rq.Attachment, error) {
	if len(files) == 0 {
		return nil, nil
	}
	if s.blobs == nil {
		fe.add("attachments", "本站暂不接收附件，请在申请内容中说明，或通过其他方式提交。")
		return nil, nil
	}
	kinds := make([]upload.Kind, len(files))
	for i, fh := range files {
		k, err := checkUpload(fh)
		var ref *upload.Refusal
		if errors.As(err, &ref) {
			fe.add("attachments", ref.Reason)
			continue
		}
		if err != nil {
			return nil, err
		}
		kinds[i] = k
	}
	if len(fe) > 0 {
		return nil, nil
	}
	var out []rq.Attachment
	for i, fh := range files {
		f, err := fh.Open()
		if err != nil {
			return nil, err
		}
		info, err := s.blobs.Put(ctx, f, requestAttachmentLimits.PerFile)
		f.Close()
		if errors.Is(err, blob.ErrTooLarge) {
			fe.add("attachments", "附件“"+upload.BaseName(fh.Filename)+"”超过大小限制。")
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		out = append(out, rq.Attachment{Hash: info.Hash, Name: upload.BaseName(fh.Filename), Size: info.Size, ContentType: kinds[i].ContentType})
	}
	return out, nil
}

// checkUpload runs upload.Check over one posted file.
func checkUpload(fh *multipart.FileHeader) (upload.Kind, error) {
	f, err := fh.Open()
	if err != nil {
		return upload.Kind{}, err
	}
	defer f.Close()
	return upload.Check(fh.Filename, f, fh.Size)
}

// attachmentBytes is what the files take in blob storage.
func attachmentBytes(atts []rq.Attachment) int64 {
	var n int64
	for _, a := range atts {
		n += a.Size
	}
	return n
}
