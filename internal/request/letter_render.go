package request

import (
	"fmt"
	"html/template"
	"io"

	"github.com/gongkai/gongkai/internal/docx"
)

// letterHTML is parsed at start-up: a broken template fails the start,
// not a request.
var letterHTML = template.Must(template.ParseFS(letterFiles, "letters/letter.html.tmpl"))

// RenderHTML writes the letter as a printable HTML page (A4, 公文
// margins, a print stylesheet).
func (l Letter) RenderHTML(w io.Writer) error {
	v, err := l.view()
	if err != nil {
		return err
	}
	return v.renderHTML(w)
}

func (v letterView) renderHTML(w io.Writer) error {
	if err := letterHTML.Execute(w, v); err != nil {
		return fmt.Errorf("render letter HTML: %w", err)
	}
	return nil
}

// Document returns the letter as a Word document in 公文 layout (see
// letterView.document).
func (l Letter) Document() (*docx.Document, error) {
	v, err := l.view()
	if err != nil {
		return nil, err
	}
	return v.document(l.TrackingCode), nil
}

// document is the letter as a Word document in 公文 layout: the body's
// name and the title in 小标宋 二号, text in 仿宋 三号 with a
// two-character indent on a 22-line page, the seal line and date at the
// bottom right, four characters from the margin, the page number "— n —"
// in the footer.
func (v letterView) document(keywords string) *docx.Document {
	d := &docx.Document{
		Props:       docx.Properties{Title: v.Title, Subject: v.Outcome, Creator: v.Body, Keywords: keywords},
		PageNumbers: true,
	}
	line := docx.GongwenA4().LinePitch
	char := docx.Pt(docx.SizeSan) // one character of 三号
	title := docx.RunStyle{Font: docx.XiaoBiao, Size: docx.SizeEr}
	body := docx.RunStyle{Font: docx.FangSong, Size: docx.SizeSan}
	center := docx.ParaStyle{Align: docx.AlignCenter}
	text := docx.ParaStyle{Align: docx.AlignBoth, FirstLineChars: docx.CharsIndent2, FirstLine: 2 * char, Line: line}
	// The closing keeps with the signature: no page holds only the seal.
	closing := text
	closing.KeepNext = true
	signature := func(right float64) docx.ParaStyle {
		return docx.ParaStyle{Align: docx.AlignRight, Right: int(right * float64(char)), Line: line, KeepNext: true}
	}

	d.Add(
		docx.P(center, docx.Text(v.Body, title)),
		docx.P(center, docx.Text(v.Title, title)),
		docx.P(docx.ParaStyle{Align: docx.AlignCenter, Line: line, After: line}, docx.Text(v.DocNo, body)),
		docx.P(docx.ParaStyle{Align: docx.AlignBoth, Line: line}, docx.Text(v.Salutation, body)),
	)
	for i, p := range v.Paragraphs {
		st := text
		st.KeepNext = i == len(v.Paragraphs)-1
		d.Add(docx.P(st, docx.Text(p, body)))
	}
	d.Add(
		docx.P(closing, docx.Text(v.Closing, body)),
		docx.P(docx.ParaStyle{Line: line, KeepNext: true}),
		docx.P(signature(v.SealRight), docx.Text(v.Seal, body)),
		docx.P(docx.ParaStyle{Align: docx.AlignRight, Right: int(v.DateRight * float64(char)), Line: line}, docx.Text(v.Date, body)),
	)
	return d
}

// RenderDOCX writes the letter as a .docx file.
func (l Letter) RenderDOCX(w io.Writer) error {
	d, err := l.Document()
	if err != nil {
		return err
	}
	return writeDOCX(d, w)
}

func writeDOCX(d *docx.Document, w io.Writer) error {
	if err := d.Write(w); err != nil {
		return fmt.Errorf("render letter DOCX: %w", err)
	}
	return nil
}
