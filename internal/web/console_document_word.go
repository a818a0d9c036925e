package web

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"path"
	"strings"

	"github.com/gongkai/gongkai/internal/disclosure"
	"github.com/gongkai/gongkai/internal/parsejail"
	"github.com/gongkai/gongkai/internal/store"
	"github.com/gongkai/gongkai/internal/upload"
	"github.com/gongkai/gongkai/internal/wordbody"
)

// wordBody reads the Word file sent in the form's body_file field, if
// any (a file input left empty sends no file), into the submission: the body becomes the file's content as HTML
// and the file's pictures are returned, to be kept as attachments when
// the draft is saved. The file passes the upload checks (a real .docx,
// no executables, macros or nested archives) before it is opened; the
// converter then reads it in a child process of jail, under the kernel's
// limits (parsejail), and within its own bounds there (wordbody). The
// error is ctx's end or a parse child that cannot run: a fault of the
// server, not of the file.
func wordBody(r *http.Request, jail *parsejail.Jail, log *slog.Logger, sub *documentSubmission) ([]wordbody.Image, error) {
	if r.MultipartForm == nil {
		return nil, nil
	}
	f, h, err := r.FormFile("body_file")
	if errors.Is(err, http.ErrMissingFile) {
		return nil, nil
	}
	refuse := func(msg string) ([]wordbody.Image, error) {
		sub.errs = append(sub.errs, msg)
		return nil, nil
	}
	if err != nil {
		return refuse("上传的 Word 文件无法读取。")
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxAttachment+1))
	if err != nil {
		return refuse("上传的 Word 文件无法读取。")
	}
	if len(data) > maxAttachment {
		return refuse("Word 文件过大，不超过 20 MB。")
	}
	k, err := upload.Check(h.Filename, bytes.NewReader(data), int64(len(data)))
	var no *upload.Refusal
	if errors.As(err, &no) {
		return refuse(no.Reason)
	}
	if err != nil || k.Ext() != ".docx" {
		return refuse("正文只能从 Word 文件（.docx）导入；.doc 文件请先在 Word 中另存为 .docx。")
	}
	stem := strings.TrimSuffix(upload.BaseName(h.Filename), path.Ext(h.Filename))
	ctx := r.Context()
	body, err := jail.ConvertWord(ctx, data, stem+"-")
	if ctxErr := ctx.Err(); ctxErr != nil {
		return nil, ctxErr
	}
	if errors.Is(err, parsejail.ErrChild) {
		return nil, err
	}
	logReadFailure(ctx, log, h.Filename, err)
	if errors.Is(err, parsejail.ErrBudget) {
		return refuse("该 Word " + parsejail.Message + "。")
	}
	if errors.Is(err, wordbody.ErrTooLarge) {
		return refuse("Word 文件解压后过大，无法作为正文导入；请把图片另作附件上传。")
	}
	if err != nil {
		return refuse("Word 文件已损坏或不是 Word 文档，无法作为正文导入。")
	}
	sub.doc.Format = disclosure.FormatHTML
	sub.doc.Source = disclosure.SanitizeBody(body.HTML)
	sub.doc.BodyHTML = sub.doc.Source
	return body.Images, nil
}

// keepWordImages stores the pictures of an imported Word body as the
// document's attachments.
func (s *server) keepWordImages(ctx context.Context, docID int64, images []wordbody.Image, a store.Actor) error {
	if len(images) > 0 && s.blobs == nil {
		return errors.New("web: no blob store configured for attachments")
	}
	for _, im := range images {
		info, err := s.blobs.Put(ctx, bytes.NewReader(im.Data), maxAttachment)
		if err != nil {
			return err
		}
		if _, err := s.store.AddAttachment(ctx, disclosure.Attachment{DocumentID: docID, Hash: info.Hash, Name: im.Name,
			Size: info.Size, ContentType: info.ContentType}, a); err != nil {
			return stateError(err)
		}
	}
	return nil
}
