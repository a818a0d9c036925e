// Package hostile generates the hostile and heavy report files of issue
// 9 §2: files found to kill, stall or starve a server that reads them in
// process. They are built here, by code, rather than committed as blobs;
// the readers' fuzz targets take them as seeds (Small) and the server's
// regression test uploads them (Full) and checks it still answers.
package hostile

import (
	"archive/zip"
	"bytes"
	"compress/zlib"
	"fmt"
	"strings"
)

// File is one generated file and what it does to a naive reader.
type File struct {
	Name string
	Data []byte
	What string
}

// Scale picks the size of the files: Small for fuzz seeds run on every
// `go test`, Full for the server test, as heavy as the files probed.
type Scale int

const (
	Small Scale = iota
	Full
)

// Files returns every hostile file at scale s.
func Files(s Scale) []File {
	big := s == Full
	pick := func(small, full int) int {
		if big {
			return full
		}
		return small
	}
	return []File{
		{"nested-tables.docx", NestedTablesDOCX(pick(20_000, 1_400_000)), "tables nested in cells, recursion without a depth limit"},
		{"xref-start.pdf", XrefStartPDF(1_000_000_000), "xref subsection at object 1e9: a 32 GB table"},
		{"rect-bomb.pdf", RectBombPDF(pick(200_000, 20_000_000)), "a content stream inflating to millions of re operators"},
		{"page-tree-loop.pdf", PageTreeLoopPDF(), "a page tree that lists itself as a kid"},
		{"prev-loop.pdf", PrevLoopPDF(), "a trailer /Prev pointing at its own xref"},
		{"xobject-self.pdf", SelfFormPDF(200), "a form XObject drawing itself 200 times"},
		{"shared-stream.pdf", SharedStreamPDF(300, pick(64<<10, 8<<20)), "300 pages sharing one large content stream"},
		{"huge-kids.pdf", HugeKidsPDF(pick(20_000, 1_000_000)), "a Kids array re-read on every page lookup"},
		{"heavy.xlsx", HeavyXLSX(pick(2_000, 200_000), 10), "a sheet of millions of cells"},
	}
}

// NestedTablesDOCX is a Word document whose one table holds a table in
// its cell, depth deep: a few hundred KB compressed.
func NestedTablesDOCX(depth int) []byte {
	var body bytes.Buffer
	body.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>政府信息公开工作年度报告</w:t></w:r></w:p>`)
	open, shut := "<w:tbl><w:tr><w:tc>", "</w:tc></w:tr></w:tbl>"
	body.WriteString(strings.Repeat(open, depth))
	body.WriteString(`<w:p><w:r><w:t>1</w:t></w:r></w:p>`)
	body.WriteString(strings.Repeat(shut, depth))
	body.WriteString(`</w:body></w:document>`)
	return zipParts(map[string][]byte{
		"[Content_Types].xml": []byte(`<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`),
		"word/document.xml":   body.Bytes(),
	})
}

// HeavyXLSX is a workbook with one sheet of rows × cols numbers, each a
// cell of its own: a few MB compressed, tens of MB of XML.
func HeavyXLSX(rows, cols int) []byte {
	var sheet bytes.Buffer
	sheet.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
	for r := 1; r <= rows; r++ {
		fmt.Fprintf(&sheet, `<row r="%d">`, r)
		for c := 0; c < cols; c++ {
			fmt.Fprintf(&sheet, `<c r="%c%d"><v>%d</v></c>`, 'A'+c%26, r, r*cols+c)
		}
		sheet.WriteString(`</row>`)
	}
	sheet.WriteString(`</sheetData></worksheet>`)
	return zipParts(map[string][]byte{
		"[Content_Types].xml":        []byte(`<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`),
		"_rels/.rels":                []byte(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
		"xl/workbook.xml":            []byte(`<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="表三" sheetId="1" r:id="rId1"/></sheets></workbook>`),
		"xl/_rels/workbook.xml.rels": []byte(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`),
		"xl/worksheets/sheet1.xml":   sheet.Bytes(),
	})
}

func zipParts(parts map[string][]byte) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	// [Content_Types].xml first, as Office writes it; the rest in a
	// fixed order so the bytes are the same on every run.
	names := []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/worksheets/sheet1.xml"}
	for _, name := range names {
		data, ok := parts[name]
		if !ok {
			continue
		}
		w, err := zw.Create(name)
		if err != nil {
			panic(err) // writing to memory cannot fail
		}
		w.Write(data)
	}
	if err := zw.Close(); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

// deflate is a stream's FlateDecode form.
func deflate(data []byte) []byte {
	var buf bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&buf, zlib.BestSpeed)
	zw.Write(data)
	zw.Close()
	return buf.Bytes()
}
