package annualreport

import (
	"bytes"
	"errors"
	"fmt"
	"unicode"

	"github.com/ledongthuc/pdf"
)

// ErrNoTextLayer is returned for a PDF whose pages carry no text (a
// scanned report): the figures could only be guessed, so none are read.
var ErrNoTextLayer = errors.New("PDF 没有文字层（可能是扫描件），无法读取；请提供带文字的 PDF 或 Word 文件 / PDF has no text layer (scanned?)")

// ErrUndecodablePDF is returned when a PDF's text cannot be turned into
// characters (fonts without a Unicode mapping).
var ErrUndecodablePDF = errors.New("PDF 文字无法解码（字体缺少编码映射），无法读取 / PDF text cannot be decoded")

// maxPDFPages bounds the work for one document; a report is a few pages.
const maxPDFPages = 300

// readPDF rebuilds a report's paragraphs and tables from the positions of
// the text on its pages.
func readPDF(data []byte) (doc Document, err error) {
	// github.com/ledongthuc/pdf reports many malformed inputs by panicking
	// (its Value API has no error path). A published PDF is untrusted
	// input, so this is the one place a panic is turned into an error
	// rather than taking the process down.
	defer func() {
		if r := recover(); r != nil {
			doc, err = Document{}, fmt.Errorf("annualreport: malformed PDF: %v", r)
		}
	}()
	rd, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return Document{}, fmt.Errorf("annualreport: open PDF: %w", err)
	}
	var pages []*pdfPage
	for i := 1; i <= min(rd.NumPage(), maxPDFPages); i++ {
		p := rd.Page(i)
		if p.V.IsNull() {
			break
		}
		page := &pdfPage{width: 595, height: 842}
		if box := inheritedKey(p.V, "MediaBox"); box.Len() == 4 {
			page.width = box.Index(2).Float64() - box.Index(0).Float64()
			page.height = box.Index(3).Float64() - box.Index(1).Float64()
		}
		it := &pdfInterp{page: page, fonts: map[string]*pdfFont{}}
		if c := p.V.Key("Contents"); !c.IsNull() {
			it.run(c, p.Resources(), pdfIdentity)
		}
		pages = append(pages, page)
	}
	var visible, bad int
	for _, p := range pages {
		for _, g := range p.glyphs {
			switch {
			case unicode.IsSpace(g.r):
			case g.r == unicode.ReplacementChar || g.r == 0 || unicode.IsControl(g.r) || (g.r >= 0xE000 && g.r <= 0xF8FF):
				bad++
			default:
				visible++
			}
		}
	}
	if visible+bad < 10 {
		return Document{}, ErrNoTextLayer
	}
	if bad > visible {
		return Document{}, ErrUndecodablePDF
	}
	if info := rd.Trailer().Key("Info"); !info.IsNull() {
		doc.Title = cleanText(info.Key("Title").Text())
	}
	layoutPDF(&doc, pages)
	splitHeadingParagraphs(&doc)
	return doc, nil
}

// inheritedKey looks a page attribute up the page tree, as MediaBox and
// Resources may be set on an ancestor.
func inheritedKey(v pdf.Value, key string) pdf.Value {
	for i := 0; i < 32 && !v.IsNull(); i++ {
		if x := v.Key(key); !x.IsNull() {
			return x
		}
		v = v.Key("Parent")
	}
	return pdf.Value{}
}
