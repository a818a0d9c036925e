package web

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/gongkai/gongkai/internal/body"
	"github.com/gongkai/gongkai/internal/disclosure"
	"github.com/gongkai/gongkai/internal/store"
)

// maxDocumentSheet bounds an uploaded sheet of 存量政府信息: thousands
// of rows with their 正文 fit well within it.
const maxDocumentSheet = 16 << 20

type documentImportView struct {
	Page
	Body   body.Body
	Header string
	Errors []string
}

func (s *server) documentImportPage(r *http.Request, b body.Body) documentImportView {
	return documentImportView{Page: s.consolePage(r, "导入存量信息 - "+b.Name, "/admin/bodies"), Body: b,
		Header: strings.Join(disclosure.ImportHeader, "、")}
}

// documentImportForm shows the upload form.
func (s *server) documentImportForm(w http.ResponseWriter, r *http.Request) error {
	b, err := s.bodyFromPath(r)
	if err != nil {
		return err
	}
	return s.render(w, r, "console_documents_import", s.documentImportPage(r, b))
}

// documentImportTemplate downloads the empty sheet with an example row.
func (s *server) documentImportTemplate(w http.ResponseWriter, r *http.Request) error {
	var buf bytes.Buffer
	if err := disclosure.WriteImportTemplate(&buf); err != nil {
		return err
	}
	w.Header().Set("Content-Type", xlsxType)
	w.Header().Set("Content-Disposition", "attachment; filename=\"documents-import.xlsx\"; filename*=UTF-8''"+url.PathEscape("存量信息导入模板.xlsx"))
	w.Header().Set("Cache-Control", "no-store")
	_, err := w.Write(buf.Bytes())
	return err
}

// documentImport publishes already published documents (存量政府信息)
// from an .xlsx or .csv file, all or nothing: every row is checked
// (legacy 索引号 forms, duplicates in the file and in the database,
// dates, themes, columns) before the store writes them in one audited
// transaction that keeps the 索引号 counter ahead.
func (s *server) documentImport(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	b, err := s.bodyFromPath(r)
	if err != nil {
		return err
	}
	back := fmt.Sprintf("/admin/bodies/%d/documents/import", b.ID)
	r.Body = http.MaxBytesReader(w, r.Body, maxDocumentSheet+1<<20)
	if err := r.ParseMultipartForm(1 << 20); err != nil && !errors.Is(err, http.ErrNotMultipart) {
		return &Error{Status: http.StatusRequestEntityTooLarge, Code: "too_large",
			Message: "上传的文件过大（不超过 16 MB）或表单无法读取。", Cause: err}
	}
	file, hdr, err := r.FormFile("file")
	if err != nil {
		// A form sent without a file: nothing to import.
		s.notice(r, "请选择要导入的 .xlsx 或 .csv 文件。")
		return seeOther(w, r, back)
	}
	defer file.Close()
	cols, err := s.store.Columns(ctx, b.ID)
	if err != nil {
		return err
	}
	rows, rowErrs := disclosure.ParseDocumentSheet(io.LimitReader(file, maxDocumentSheet), hdr.Filename, cols)
	var errs []string
	for _, e := range rowErrs {
		errs = append(errs, e.Error())
	}
	docs := make([]disclosure.Document, len(rows))
	for i, row := range rows {
		docs[i] = row.Doc
		docs[i].BodyID = b.ID
	}
	if len(errs) == 0 {
		var taken *store.IndexTakenError
		err := s.store.ImportDocuments(ctx, b.ID, docs, s.actor(r))
		if errors.As(err, &taken) {
			at := map[string]int{}
			for _, row := range rows {
				at[row.Doc.IndexNo] = row.Row
			}
			for _, no := range taken.IndexNos {
				errs = append(errs, disclosure.SheetError{Row: at[no], Msg: "索引号 " + no + " 已被系统中的文件使用"}.Error())
			}
		} else if err != nil {
			return err
		}
	}
	if len(errs) > 0 {
		v := s.documentImportPage(r, b)
		v.Errors = append([]string{"未导入任何内容。"}, errs...)
		return s.renderStatus(w, r, "console_documents_import", http.StatusUnprocessableEntity, v)
	}
	s.notice(r, fmt.Sprintf("已导入并发布 %d 条存量信息。", len(docs)))
	return seeOther(w, r, fmt.Sprintf("/admin/bodies/%d/documents", b.ID))
}
