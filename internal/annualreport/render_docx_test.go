package annualreport

import (
	"archive/zip"
	"bytes"
	"io"
	"path/filepath"
	"strings"
	"testing"
)

// TestRenderDOCXOfficialLayout pins what RenderDOCX asks of the generic
// Word writer beyond its defaults, so that a change there cannot quietly
// move the report off the official layout: the 公文 page with the report's
// header and footer distances, no eastAsia font hint, Normal without
// widow control on its exact 28-point line, kerning, narrow cell margins,
// table text sized in the paragraph mark too (empty and covered cells
// included), and the page number's fonts.
func TestRenderDOCXOfficialLayout(t *testing.T) {
	r := interpretFile(t, filepath.Join("testdata", "html", "example-2023-clean.html"))
	var buf bytes.Buffer
	if err := RenderDOCX(&buf, r); err != nil {
		t.Fatal(err)
	}
	parts := docxParts(t, buf.Bytes())
	checks := map[string][]string{
		"word/document.xml": {
			`<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587" w:header="851" w:footer="992" w:gutter="0"/>`,
			`<w:docGrid w:type="lines" w:linePitch="579"/>`,
			`<w:tblW w:w="8845" w:type="dxa"/><w:jc w:val="center"/>`,
			`<w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar>`,
			`<w:vMerge/><w:vAlign w:val="center"/></w:tcPr><w:p><w:pPr><w:pStyle w:val="TableText"/>`,
			`<w:pPr><w:pStyle w:val="TableText"/><w:jc w:val="left"/><w:rPr><w:sz w:val="21"/><w:szCs w:val="21"/></w:rPr></w:pPr>`,
			`<w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr></w:pPr>`,
			`<w:r><w:rPr><w:b/><w:bCs/><w:sz w:val="21"/><w:szCs w:val="21"/></w:rPr><w:t xml:space="preserve">信息内容</w:t></w:r>`,
			`<w:p><w:pPr><w:pStyle w:val="SectionHeading"/></w:pPr><w:r><w:t xml:space="preserve">一、总体情况</w:t></w:r></w:p>`,
		},
		"word/styles.xml": {
			`<w:widowControl w:val="0"/><w:spacing w:before="0" w:after="0" w:line="560" w:lineRule="exact"/><w:ind w:firstLine="640" w:firstLineChars="200"/><w:jc w:val="both"/>`,
			`<w:kern w:val="2"/>`,
			`<w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="560" w:line="640" w:lineRule="exact"/><w:ind w:firstLine="0" w:firstLineChars="0"/><w:jc w:val="center"/><w:outlineLvl w:val="0"/>`,
			`<w:pPr><w:keepNext/><w:outlineLvl w:val="1"/></w:pPr>`,
			`<w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="260" w:lineRule="exact"/>`,
		},
		"word/footer1.xml":   {`<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="宋体"/><w:sz w:val="28"/>`},
		"word/fontTable.xml": {`<w:font w:name="仿宋"><w:altName w:val="FangSong"/>`, `<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"/>`},
	}
	for part, wants := range checks {
		for _, w := range wants {
			if !strings.Contains(parts[part], w) {
				t.Errorf("%s lacks %s", part, w)
			}
		}
	}
	for name, body := range parts {
		if strings.Contains(body, "w:hint") {
			t.Errorf("%s hints the eastAsia font", name)
		}
	}
}

// TestRenderDOCXEscapes: markup and control characters in a report's
// text are escaped or dropped by the Word writer and read back as text.
func TestRenderDOCXEscapes(t *testing.T) {
	r := &Report{Org: "A&B<镇>\x01\"人民\x1f政府'", Year: 2024, Preamble: "第一段 <b>&amp;</b>\x00。"}
	var buf bytes.Buffer
	if err := RenderDOCX(&buf, r); err != nil {
		t.Fatal(err)
	}
	doc, err := readDOCX(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if want := "A&B<镇>\"人民政府'2024年政府信息公开工作年度报告"; doc.Title != want {
		t.Errorf("title = %q, want %q", doc.Title, want)
	}
	if len(doc.Blocks) < 2 || doc.Blocks[0].Text != doc.Title || doc.Blocks[1].Text != "第一段 <b>&amp;</b>。" {
		t.Errorf("first blocks = %+v", doc.Blocks[:min(2, len(doc.Blocks))])
	}
}

// docxParts unpacks a Word package into its parts' text by name.
func docxParts(t *testing.T, data []byte) map[string]string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	parts := map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		parts[f.Name] = string(b)
	}
	return parts
}
