package wordbody

import (
	"archive/zip"
	"bytes"
	"strings"
	"testing"
)

// FuzzConvertDocument: whatever document.xml a file holds, the converter
// ends without panicking, within its bounds, and every element it opens
// it closes.
func FuzzConvertDocument(f *testing.F) {
	for _, s := range []string{
		wpara(`<w:pStyle w:val="1"/>`, "一、标题") + wpara(`<w:jc w:val="right"/>`, "2026年3月5日"),
		`<w:tbl><w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/><w:gridSpan w:val="3"/></w:tcPr>` + wpara("", "格") + `</w:tc></w:tr><w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr></w:tc></w:tr></w:tbl>`,
		`<w:p><w:r><w:rPr><w:b/><w:i/></w:rPr><w:t>x</w:t><w:br/><w:drawing><a:blip r:embed="rId5"/></w:drawing></w:r><w:p><w:tbl>`,
		wpara(`<w:numPr><w:numId w:val="1"/></w:numPr>`, "<script>") + `</w:tc></w:tbl></w:p>`,
	} {
		f.Add(s)
	}
	// The package around document.xml (styles, numbering, a picture) is
	// read once; each input is a document.xml in it.
	data := docxOf(f, "", [2]string{"word/media/image1.png", pngBytes(f)})
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, body string) {
		pk := &pkg{files: map[string]*zip.File{}, budget: maxInflated}
		for _, zf := range zr.File {
			pk.files[strings.ToLower(zf.Name)] = zf
		}
		c := newConverter(pk, "word/document.xml")
		if c.run([]byte(`<w:document `+wNS+`><w:body>`+body+`</w:body></w:document>`)) != nil {
			return
		}
		got := c.html()
		for _, tag := range []string{"p", "table", "tr", "ul", "ol", "li", "div", "strong", "em", "h2", "h3"} {
			if open, closed := strings.Count(got, "<"+tag+">")+strings.Count(got, "<"+tag+" "), strings.Count(got, "</"+tag+">"); open != closed {
				t.Fatalf("%q: %d <%s> opened, %d closed in %q", body, open, tag, closed, got)
			}
		}
	})
}
