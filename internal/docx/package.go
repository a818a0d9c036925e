package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"
)

const (
	nsW   = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsR   = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	xmlPI = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
)

// DocumentXML returns word/document.xml, the body of the document. The
// blocks are checked first (table grids and merges).
func (d *Document) DocumentXML() ([]byte, error) {
	var b strings.Builder
	b.WriteString(xmlPI)
	fmt.Fprintf(&b, `<w:document xmlns:w="%s" xmlns:r="%s"><w:body>`+"\n", nsW, nsR)
	for i, blk := range d.blocks {
		switch v := blk.(type) {
		case Paragraph:
			v.write(&b)
		case Table:
			if err := v.validate(); err != nil {
				return nil, fmt.Errorf("docx: block %d: %w", i, err)
			}
			v.write(&b)
			// Two adjacent tables would merge, and Word wants a paragraph
			// after a table at the end of a cell or body.
			if i+1 == len(d.blocks) {
				b.WriteString("<w:p/>")
			} else if _, ok := d.blocks[i+1].(Table); ok {
				b.WriteString("<w:p/>")
			}
		default:
			return nil, fmt.Errorf("docx: block %d: unknown block %T", i, blk)
		}
	}
	p := d.page()
	b.WriteString("<w:sectPr>")
	if d.PageNumbers {
		b.WriteString(`<w:footerReference w:type="default" r:id="rIdFooter"/>`)
	}
	fmt.Fprintf(&b, `<w:pgSz w:w="%d" w:h="%d"/>`, p.Width, p.Height)
	fmt.Fprintf(&b, `<w:pgMar w:top="%d" w:right="%d" w:bottom="%d" w:left="%d" w:header="%d" w:footer="%d" w:gutter="0"/>`,
		p.Top, p.Right, p.Bottom, p.Left, p.Header, p.Footer)
	if p.LinePitch > 0 {
		fmt.Fprintf(&b, `<w:docGrid w:type="lines" w:linePitch="%d"/>`, p.LinePitch)
	}
	b.WriteString("</w:sectPr></w:body></w:document>")
	return []byte(b.String()), nil
}

// Write writes the document as a .docx package. The zip entries carry no
// timestamps, so equal documents give equal bytes.
func (d *Document) Write(w io.Writer) error {
	doc, err := d.DocumentXML()
	if err != nil {
		return err
	}
	parts := []struct {
		name string
		body []byte
	}{
		{"[Content_Types].xml", []byte(d.contentTypes())},
		{"_rels/.rels", []byte(rootRels)},
		{"docProps/core.xml", []byte(d.coreXML())},
		{"docProps/app.xml", []byte(appXML)},
		{"word/document.xml", doc},
		{"word/_rels/document.xml.rels", []byte(d.documentRels())},
		{"word/styles.xml", []byte(d.stylesXML())},
		{"word/fontTable.xml", []byte(d.fontTableXML())},
		{"word/settings.xml", []byte(settingsXML)},
	}
	if d.PageNumbers {
		parts = append(parts, struct {
			name string
			body []byte
		}{"word/footer1.xml", []byte(footerXML)})
	}
	zw := zip.NewWriter(w)
	for _, p := range parts {
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate})
		if err != nil {
			return fmt.Errorf("docx: write %s: %w", p.name, err)
		}
		if _, err := fw.Write(p.body); err != nil {
			return fmt.Errorf("docx: write %s: %w", p.name, err)
		}
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("docx: close package: %w", err)
	}
	return nil
}

// Bytes is Write into memory.
func (d *Document) Bytes() ([]byte, error) {
	var buf bytes.Buffer
	if err := d.Write(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func (d *Document) contentTypes() string {
	s := xmlPI + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
		`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` +
		`<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>` +
		`<Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>` +
		`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
		`<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>`
	if d.PageNumbers {
		s += `<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>`
	}
	return s + `</Types>`
}

const rootRels = xmlPI + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
	`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>` +
	`</Relationships>`

func (d *Document) documentRels() string {
	s := xmlPI + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
		`<Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>` +
		`<Relationship Id="rIdFonts" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/>`
	if d.PageNumbers {
		s += `<Relationship Id="rIdFooter" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>`
	}
	return s + `</Relationships>`
}

func (d *Document) coreXML() string {
	p := d.Props
	lang := p.Language
	if lang == "" {
		lang = "zh-CN"
	}
	var b strings.Builder
	b.WriteString(xmlPI + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`)
	for _, e := range []struct{ tag, v string }{
		{"dc:title", p.Title}, {"dc:subject", p.Subject}, {"dc:creator", p.Creator},
		{"cp:keywords", p.Keywords}, {"dc:description", p.Description}, {"dc:language", lang},
	} {
		if e.v != "" {
			fmt.Fprintf(&b, "<%s>%s</%s>", e.tag, escape(e.v), e.tag)
		}
	}
	for _, e := range []struct {
		tag string
		t   time.Time
	}{{"dcterms:created", p.Created}, {"dcterms:modified", p.Modified}} {
		if !e.t.IsZero() {
			fmt.Fprintf(&b, `<%s xsi:type="dcterms:W3CDTF">%s</%s>`, e.tag, e.t.UTC().Format(time.RFC3339), e.tag)
		}
	}
	b.WriteString("</cp:coreProperties>")
	return b.String()
}

const appXML = xmlPI + `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>gongkai</Application></Properties>`

const settingsXML = xmlPI + `<w:settings xmlns:w="` + nsW + `"><w:defaultTabStop w:val="420"/>` +
	`<w:characterSpacingControl w:val="compressPunctuation"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>`

// footerXML is the 公文 page number: "— n —" in 宋体 四号, centred.
const footerXML = xmlPI + `<w:ftr xmlns:w="` + nsW + `" xmlns:r="` + nsR + `"><w:p><w:pPr><w:jc w:val="center"/></w:pPr>` +
	`<w:r><w:rPr><w:rFonts w:ascii="宋体" w:hAnsi="宋体" w:eastAsia="宋体"/><w:sz w:val="28"/></w:rPr><w:t xml:space="preserve">— </w:t></w:r>` +
	`<w:r><w:rPr><w:rFonts w:ascii="宋体" w:hAnsi="宋体" w:eastAsia="宋体"/><w:sz w:val="28"/></w:rPr><w:fldChar w:fldCharType="begin"/></w:r>` +
	`<w:r><w:rPr><w:sz w:val="28"/></w:rPr><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>` +
	`<w:r><w:rPr><w:sz w:val="28"/></w:rPr><w:fldChar w:fldCharType="separate"/></w:r>` +
	`<w:r><w:rPr><w:sz w:val="28"/></w:rPr><w:t>1</w:t></w:r>` +
	`<w:r><w:rPr><w:sz w:val="28"/></w:rPr><w:fldChar w:fldCharType="end"/></w:r>` +
	`<w:r><w:rPr><w:rFonts w:ascii="宋体" w:hAnsi="宋体" w:eastAsia="宋体"/><w:sz w:val="28"/></w:rPr><w:t xml:space="preserve"> —</w:t></w:r></w:p></w:ftr>`

// stylesXML sets the document defaults (font, size, Chinese language,
// no spacing after paragraphs) and the Normal and table styles.
func (d *Document) stylesXML() string {
	var b strings.Builder
	b.WriteString(xmlPI + `<w:styles xmlns:w="` + nsW + `"><w:docDefaults><w:rPrDefault><w:rPr>`)
	writeFonts(&b, d.font())
	writeSize(&b, d.size())
	b.WriteString(`<w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault>`)
	b.WriteString(`<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>`)
	b.WriteString(`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:pPr><w:widowControl/><w:jc w:val="both"/></w:pPr></w:style>`)
	b.WriteString(`<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>` +
		`<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>`)
	b.WriteString(`</w:styles>`)
	return b.String()
}

// fontTableXML lists every font the document names, each with its
// alternative name, so a machine without 仿宋_GB2312 (most have only
// 仿宋 or none) uses the nearest one instead of a Latin default.
func (d *Document) fontTableXML() string {
	names := map[string]bool{}
	add := func(f Font) {
		for _, n := range []string{f.EastAsia, f.Latin} {
			if n != "" {
				names[n] = true
			}
		}
	}
	add(d.font())
	add(SongTi) // page numbers
	for _, blk := range d.blocks {
		switch v := blk.(type) {
		case Paragraph:
			for _, r := range v.Runs {
				add(r.Style.Font)
			}
		case Table:
			for _, row := range v.Rows {
				for _, c := range row.Cells {
					for _, p := range c.Paragraphs {
						for _, r := range p.Runs {
							add(r.Style.Font)
						}
					}
				}
			}
		}
	}
	list := make([]string, 0, len(names))
	for n := range names {
		list = append(list, n)
	}
	sort.Strings(list)
	var b strings.Builder
	b.WriteString(xmlPI + `<w:fonts xmlns:w="` + nsW + `">`)
	for _, n := range list {
		fmt.Fprintf(&b, `<w:font w:name="%s">`, escape(n))
		if alt, ok := fallback[n]; ok {
			fmt.Fprintf(&b, `<w:altName w:val="%s"/>`, escape(alt))
		}
		if isCJK(n) {
			b.WriteString(`<w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/>`)
		} else {
			b.WriteString(`<w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/>`)
		}
		b.WriteString(`</w:font>`)
	}
	b.WriteString(`</w:fonts>`)
	return b.String()
}

func isCJK(s string) bool {
	for _, r := range s {
		if r >= 0x4e00 && r <= 0x9fff {
			return true
		}
	}
	return false
}

// escape escapes XML text and drops characters XML 1.0 cannot hold
// (control characters pasted from other programs).
func escape(s string) string {
	clean := strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' || r >= 0x20 && r != 0xfffe && r != 0xffff {
			return r
		}
		return -1
	}, s)
	var b strings.Builder
	xml.EscapeText(&b, []byte(clean))
	return b.String()
}
