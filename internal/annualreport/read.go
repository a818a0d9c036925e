// Package annualreport is the statutory annual report on government
// information disclosure (政府信息公开工作年度报告): the national formats as
// data (formats/*.json), one report model, readers for published reports
// in every common form, the checks of the national format's rules, and
// renderers. It does no I/O: callers pass bytes and writers.
//
//	r, err := annualreport.Read(name, data)           // any form, detected from content
//	findings := annualreport.Lint(r, lastYear, annualreport.Options{})
//	err = annualreport.RenderText(w, r)               // or RenderHTML, RenderDOCX, RenderXLSX
//	data, err := annualreport.EncodeJSON(r)           // the public JSON contract; DecodeJSON reads it
//
// Formats, FormatForYear and the Format methods (ApplicantColumns,
// OutcomeRows) are the single source of the table structure for the rest
// of the platform.
package annualreport

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
)

// Read reads a published report in any supported form and interprets
// it. The form is detected from the content, not the name: HTML, DOCX
// and XLSX (zip files told apart by their parts), PDF, the JSON contract
// (Schema), otherwise the flattened text form. name only labels
// errors. The report carries its reading findings; run Check or Lint for
// the rules.
func Read(name string, data []byte) (*Report, error) {
	form := DetectForm(data)
	if form == FormJSON {
		r, err := DecodeJSON(data)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		return r, nil
	}
	doc, err := readDocument(form, data)
	if err != nil {
		return nil, fmt.Errorf("%s: 无法读取%s: %w", name, form, err)
	}
	r, err := Interpret(doc)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	for id, src := range r.Sources {
		src.Reader = readerIDs[form]
		r.Sources[id] = src
	}
	return r, nil
}

// Form is a source form of a report.
type Form string

const (
	FormText Form = "文本"
	FormHTML Form = "HTML"
	FormDOCX Form = "DOCX"
	FormXLSX Form = "XLSX"
	FormPDF  Form = "PDF"
	FormJSON Form = "JSON"
	FormZip  Form = "ZIP"  // a zip that is neither DOCX nor XLSX
	FormOLE  Form = "OLE2" // legacy .doc/.xls
)

// DetectForm tells the source form from the content.
func DetectForm(data []byte) Form {
	head := bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), " \t\r\n")
	switch {
	case bytes.HasPrefix(data, []byte("%PDF")):
		return FormPDF
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return zipForm(data)
	case bytes.HasPrefix(data, []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")):
		return FormOLE
	case len(head) > 0 && head[0] == '{' && bytes.Contains(head[:min(len(head), 4096)], []byte(Schema)):
		return FormJSON
	case isHTML(head):
		return FormHTML
	}
	return FormText
}

func zipForm(data []byte) Form {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return FormZip
	}
	for _, f := range zr.File {
		switch f.Name {
		case "word/document.xml":
			return FormDOCX
		case "xl/workbook.xml":
			return FormXLSX
		}
	}
	return FormZip
}

func isHTML(head []byte) bool {
	if len(head) == 0 || head[0] != '<' {
		return false
	}
	h := bytes.ToLower(head[:min(len(head), 2048)])
	for _, p := range [][]byte{[]byte("<!doctype html"), []byte("<html"), []byte("<head"), []byte("<body"), []byte("<table"), []byte("<p"), []byte("<div"), []byte("<meta")} {
		if bytes.Contains(h, p) {
			return true
		}
	}
	return false
}

// readDocument turns data of a detected form into a Document.
func readDocument(form Form, data []byte) (Document, error) {
	switch form {
	case FormText:
		return readText(data)
	case FormZip:
		return Document{}, errors.New("ZIP文件中既没有Word文档（word/document.xml）也没有Excel工作簿（xl/workbook.xml）")
	case FormOLE:
		return Document{}, errors.New("不支持旧版Word/Excel（.doc/.xls）文件，请另存为DOCX或XLSX")
	}
	return readOtherForm(form, data)
}

// readOtherForm dispatches to the readers of the binary and markup forms.
func readOtherForm(form Form, data []byte) (Document, error) {
	switch form {
	case FormHTML:
		return readHTML(data)
	case FormDOCX:
		return readDOCX(data)
	case FormXLSX:
		return readXLSX(data)
	case FormPDF:
		return readPDF(data)
	}
	return readText(data)
}
