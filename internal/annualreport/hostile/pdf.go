package hostile

import (
	"bytes"
	"fmt"
	"strings"
)

// pdfWriter lays out numbered objects and writes a correct xref table
// for them, so each file is hostile in one way only.
type pdfWriter struct {
	buf     bytes.Buffer
	offsets []int // of object i+1
}

func newPDF() *pdfWriter {
	w := &pdfWriter{}
	w.buf.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	return w
}

// obj writes object number len(offsets)+1 and returns its number.
func (w *pdfWriter) obj(body string) int {
	w.offsets = append(w.offsets, w.buf.Len())
	n := len(w.offsets)
	fmt.Fprintf(&w.buf, "%d 0 obj\n%s\nendobj\n", n, body)
	return n
}

// stream writes a FlateDecode stream object of content.
func (w *pdfWriter) stream(dict string, content []byte) int {
	z := deflate(content)
	w.offsets = append(w.offsets, w.buf.Len())
	n := len(w.offsets)
	fmt.Fprintf(&w.buf, "%d 0 obj\n<< %s /Length %d /Filter /FlateDecode >>\nstream\n", n, dict, len(z))
	w.buf.Write(z)
	w.buf.WriteString("\nendstream\nendobj\n")
	return n
}

// finish writes the xref table and a trailer with extra entries; prevSelf
// points /Prev at this very table.
func (w *pdfWriter) finish(root int, prevSelf bool) []byte {
	at := w.buf.Len()
	fmt.Fprintf(&w.buf, "xref\n0 %d\n0000000000 65535 f \n", len(w.offsets)+1)
	for _, off := range w.offsets {
		fmt.Fprintf(&w.buf, "%010d 00000 n \n", off)
	}
	prev := ""
	if prevSelf {
		prev = fmt.Sprintf(" /Prev %d", at)
	}
	fmt.Fprintf(&w.buf, "trailer\n<< /Size %d /Root %d 0 R%s >>\nstartxref\n%d\n%%%%EOF\n", len(w.offsets)+1, root, prev, at)
	return w.buf.Bytes()
}

const pdfFont = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"

// onePage writes a catalog with one page drawing content; it returns the
// catalog's number.
func onePage(w *pdfWriter, content []byte, resources string) int {
	font := w.obj(pdfFont)
	c := w.stream("", content)
	// Pages is object c+1, the page c+2, the catalog c+3.
	pages := w.obj(fmt.Sprintf("<< /Type /Pages /Kids [%d 0 R] /Count 1 >>", c+2))
	w.obj(fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R /Resources << /Font << /F1 %d 0 R >> %s >> >>", pages, c, font, resources))
	return w.obj(fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R >>", pages))
}

var reportText = []byte("BT /F1 12 Tf 72 800 Td (2023 annual report) Tj ET\n")

// XrefStartPDF is a 656-byte kind of file whose only xref subsection
// starts at object number start.
func XrefStartPDF(start int64) []byte {
	w := newPDF()
	root := onePage(w, reportText, "")
	at := w.buf.Len()
	fmt.Fprintf(&w.buf, "xref\n0 1\n0000000000 65535 f \n%d 1\n%010d 00000 n \n", start, w.offsets[0])
	fmt.Fprintf(&w.buf, "trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(w.offsets)+1, root, at)
	return w.buf.Bytes()
}

// RectBombPDF draws n rectangles in one path that is never painted.
func RectBombPDF(n int) []byte {
	w := newPDF()
	content := append(append([]byte{}, reportText...), bytes.Repeat([]byte("0 0 1 1 re\n"), n)...)
	return w.finish(onePage(w, content, ""), false)
}

// PageTreeLoopPDF has a Pages node whose first kid is itself.
func PageTreeLoopPDF() []byte {
	w := newPDF()
	font := w.obj(pdfFont)
	c := w.stream("", reportText)
	pages := c + 1
	w.obj(fmt.Sprintf("<< /Type /Pages /Kids [%d 0 R %d 0 R] /Count 5 >>", pages, pages+1))
	w.obj(fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R /Resources << /Font << /F1 %d 0 R >> >> >>", pages, c, font))
	return w.finish(w.obj(fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R >>", pages)), false)
}

// PrevLoopPDF's trailer names its own xref table as the previous one.
func PrevLoopPDF() []byte {
	w := newPDF()
	return w.finish(onePage(w, reportText, ""), true)
}

// SelfFormPDF has a form XObject whose content draws itself n times.
func SelfFormPDF(n int) []byte {
	w := newPDF()
	// The form is object 1 and names itself in its own resources.
	w.stream("/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /XObject << /X1 1 0 R >> >>",
		[]byte(strings.Repeat("/X1 Do\n", n)))
	content := append(append([]byte{}, reportText...), []byte(strings.Repeat("/X1 Do\n", n))...)
	return w.finish(onePage(w, content, "/XObject << /X1 1 0 R >>"), false)
}

// SharedStreamPDF has pages pages that all draw the same content stream
// of about size bytes (text and rules, inflated).
func SharedStreamPDF(pages, size int) []byte {
	w := newPDF()
	font := w.obj(pdfFont)
	unit := []byte("BT /F1 9 Tf 72 700 Td (0) Tj ET 72 700 m 500 700 l S\n")
	c := w.stream("", bytes.Repeat(unit, size/len(unit)+1))
	tree := c + 1
	var kids strings.Builder
	for i := range pages {
		fmt.Fprintf(&kids, "%d 0 R ", tree+1+i)
	}
	w.obj(fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", kids.String(), pages))
	for range pages {
		w.obj(fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R /Resources << /Font << /F1 %d 0 R >> >> >>", tree, c, font))
	}
	return w.finish(w.obj(fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R >>", tree)), false)
}

// HugeKidsPDF has one Pages node whose Kids array names one page n times.
func HugeKidsPDF(n int) []byte {
	w := newPDF()
	font := w.obj(pdfFont)
	c := w.stream("", reportText)
	tree := c + 1
	kids := strings.Repeat(fmt.Sprintf("%d 0 R ", tree+1), n)
	w.obj(fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", kids, n))
	w.obj(fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R /Resources << /Font << /F1 %d 0 R >> >> >>", tree, c, font))
	return w.finish(w.obj(fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R >>", tree)), false)
}
