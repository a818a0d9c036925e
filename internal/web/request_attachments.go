package web

import (
	"bytes"
	"context"
	"errors"
	"mime/multipart"
	"net/http"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/gongkai/gongkai/internal/blob"
	"github.com/gongkai/gongkai/internal/store"
)

// attachmentLimits bound what an applicant may upload with a request.
type attachmentLimits struct {
	Files   int   // at most this many files
	PerFile int64 // bytes each
}

// MiB is the per-file limit in MiB, for the form's hint.
func (l attachmentLimits) MiB() int64 { return l.PerFile >> 20 }

var requestAttachmentLimits = attachmentLimits{Files: 5, PerFile: 10 << 20}

// allowedAttachmentTypes are the sniffed types accepted: documents and
// images an applicant plausibly sends (ID scans, letters). Anything else
// (executables, archives, scripts) is refused.
var allowedAttachmentTypes = []string{
	"application/pdf", "image/jpeg", "image/png", "image/gif", "image/webp", "image/bmp",
	"text/plain; charset=utf-8", "application/x-ole-storage", "application/ofd",
	"application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

// executableMagic are the starts of native executables and scripts:
// refused before anything is stored.
var executableMagic = [][]byte{[]byte("MZ"), []byte("\x7fELF"), []byte("#!"),
	{0xCF, 0xFA, 0xED, 0xFE}, {0xCE, 0xFA, 0xED, 0xFE}, {0xCA, 0xFE, 0xBA, 0xBE}}

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

// storeAttachments checks each file's content and keeps it in blob
// storage. A refused file becomes a field error, not a failure.
func (s *server) storeAttachments(ctx context.Context, files []*multipart.FileHeader, fe fieldErrors) ([]store.Attachment, error) {
	if len(files) == 0 {
		return nil, nil
	}
	if s.blobs == nil {
		fe.add("attachments", "本站暂不接收附件，请在申请内容中说明，或通过其他方式提交。")
		return nil, nil
	}
	var out []store.Attachment
	for _, fh := range files {
		name := path.Base(strings.ReplaceAll(fh.Filename, "\\", "/"))
		f, err := fh.Open()
		if err != nil {
			return nil, err
		}
		head := make([]byte, 8)
		n, _ := f.Read(head)
		if slices.ContainsFunc(executableMagic, func(m []byte) bool { return bytes.HasPrefix(head[:n], m) }) {
			f.Close()
			fe.add("attachments", "附件“"+name+"”是可执行文件，不能上传。")
			continue
		}
		if _, err := f.Seek(0, 0); err != nil {
			f.Close()
			return nil, err
		}
		info, err := s.blobs.Put(ctx, f, requestAttachmentLimits.PerFile)
		f.Close()
		switch {
		case errors.Is(err, blob.ErrTooLarge):
			fe.add("attachments", "附件“"+name+"”超过大小限制。")
			continue
		case err != nil:
			return nil, err
		}
		if !slices.Contains(allowedAttachmentTypes, info.ContentType) {
			fe.add("attachments", "附件“"+name+"”的文件类型不被接受：请上传 PDF、图片、Word、Excel、OFD 或纯文本文件。")
			continue
		}
		out = append(out, store.Attachment{Hash: info.Hash, Name: name, Size: info.Size, ContentType: info.ContentType})
	}
	return out, nil
}
