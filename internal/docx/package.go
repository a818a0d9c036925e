package docx

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"strings"
	"time"
)

const (
	nsW   = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsR   = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	xmlPI = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
)

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
		}{"word/footer1.xml", []byte(d.footerXML())})
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
