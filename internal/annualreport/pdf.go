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
			if r == errPDFTooComplex {
				doc, err = Document{}, errPDFTooComplex
				return
			}
			doc, err = Document{}, fmt.Errorf("annualreport: malformed PDF: %v", r)
		}
	}()
	if err := checkPDFXref(data); err != nil {
		return Document{}, err
	}
	rd, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return Document{}, fmt.Errorf("annualreport: open PDF: %w", err)
	}
	var pages []*pdfPage
	docFonts := map[string]*pdfFont{}
	work := &pdfWork{}
	for _, ref := range pdfPageList(rd) {
		page := &pdfPage{width: 595, height: 842}
		var llx, lly float64
		if box := ref.mediaBox; box.Len() == 4 {
			llx, lly = box.Index(0).Float64(), box.Index(1).Float64()
			page.width = box.Index(2).Float64() - llx
			page.height = box.Index(3).Float64() - lly
		}
		ctm := displayMatrix(page, llx, lly, int(ref.rotate.Int64()))
		it := &pdfInterp{page: page, fonts: map[string]*pdfFont{}, docFonts: docFonts, work: work}
		if c := ref.page.V.Key("Contents"); !c.IsNull() {
			it.run(c, ref.resources, ctm)
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

// displayMatrix maps a page's content space to the page as displayed:
// origin at the media box's corner, and turned by the page's /Rotate
// (a landscape table is often drawn on a portrait page turned 90°), so
// the layout sees upright text. It also turns page's size.
func displayMatrix(page *pdfPage, llx, lly float64, rotate int) pdfMatrix {
	m := pdfMatrix{{1, 0, 0}, {0, 1, 0}, {-llx, -lly, 1}}
	w, h := page.width, page.height
	switch ((rotate % 360) + 360) % 360 {
	case 90:
		page.width, page.height = h, w
		return m.mul(pdfMatrix{{0, -1, 0}, {1, 0, 0}, {0, w, 1}})
	case 180:
		return m.mul(pdfMatrix{{-1, 0, 0}, {0, -1, 0}, {w, h, 1}})
	case 270:
		page.width, page.height = h, w
		return m.mul(pdfMatrix{{0, 1, 0}, {-1, 0, 0}, {h, 0, 1}})
	}
	return m
}
