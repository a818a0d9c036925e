package docx

import (
	"fmt"
	"strings"
)

// pageNumberFont is the font of the dashes around the page number.
func (d *Document) pageNumberFont() Font {
	if d.PageNumberFont.EastAsia == "" && d.PageNumberFont.Latin == "" {
		return Font{EastAsia: "宋体", Latin: "宋体"}
	}
	return d.PageNumberFont
}

// footerXML is the 公文 page number: "— n —" in 四号, centred. The
// dashes and the run opening the PAGE field carry PageNumberFont, the
// number itself the document's default font.
func (d *Document) footerXML() string {
	f := d.pageNumberFont()
	// Without the eastAsia hint, so that PageNumberFont alone decides the
	// dash's font.
	fonts := fmt.Sprintf(`<w:rFonts w:ascii="%s" w:hAnsi="%s" w:eastAsia="%s"/>`, escape(f.Latin), escape(f.Latin), escape(f.EastAsia))
	run := func(rPr, content string) string {
		return `<w:r><w:rPr>` + rPr + `<w:sz w:val="28"/></w:rPr>` + content + `</w:r>`
	}
	var b strings.Builder
	b.WriteString(xmlPI + `<w:ftr xmlns:w="` + nsW + `" xmlns:r="` + nsR + `"><w:p><w:pPr><w:jc w:val="center"/></w:pPr>`)
	b.WriteString(run(fonts, `<w:t xml:space="preserve">— </w:t>`))
	b.WriteString(run(fonts, `<w:fldChar w:fldCharType="begin"/>`))
	b.WriteString(run("", `<w:instrText xml:space="preserve"> PAGE </w:instrText>`))
	b.WriteString(run("", `<w:fldChar w:fldCharType="separate"/>`))
	b.WriteString(run("", `<w:t>1</w:t>`))
	b.WriteString(run("", `<w:fldChar w:fldCharType="end"/>`))
	b.WriteString(run(fonts, `<w:t xml:space="preserve"> —</w:t>`))
	b.WriteString(`</w:p></w:ftr>`)
	return b.String()
}
