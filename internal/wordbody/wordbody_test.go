package wordbody

import (
	"archive/zip"
	"bytes"
	"errors"
	"image"
	"image/png"
	"strings"
	"testing"
)

const (
	ctTypes = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/>` +
		`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`
	wNS    = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"`
	styles = `<w:styles ` + wNS + `><w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/></w:style>` +
		`<w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/></w:style>` +
		`<w:style w:type="paragraph" w:styleId="Sub"><w:name w:val="小标题"/><w:basedOn w:val="2"/></w:style>` +
		`<w:style w:type="paragraph" w:styleId="Loop"><w:name w:val="loop"/><w:basedOn w:val="Loop"/></w:style></w:styles>`
	numbering = `<w:numbering ` + wNS + `><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/></w:lvl></w:abstractNum>` +
		`<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/></w:lvl></w:abstractNum>` +
		`<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num></w:numbering>`
	rels = `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image1.png"/>` +
		`<Relationship Id="rId6" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image2.emf"/>` +
		`<Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="http://example.com/x.png" TargetMode="External"/></Relationships>`
)

// docxOf packs a document.xml body (the children of w:body) with the
// fixture's styles, numbering, relationships and media.
func docxOf(t testing.TB, body string, extra ...[2]string) []byte {
	t.Helper()
	parts := append([][2]string{{"[Content_Types].xml", ctTypes},
		{"word/document.xml", `<?xml version="1.0" encoding="UTF-8"?><w:document ` + wNS + `><w:body>` + body + `</w:body></w:document>`},
		{"word/styles.xml", styles}, {"word/numbering.xml", numbering}, {"word/_rels/document.xml.rels", rels}}, extra...)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		w, err := zw.Create(p[0])
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(p[1]))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func pngBytes(t testing.TB) string {
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, 2, 2))); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func wpara(props, text string) string {
	return `<w:p><w:pPr>` + props + `</w:pPr><w:r><w:t>` + text + `</w:t></w:r></w:p>`
}

func TestConvert(t *testing.T) {
	cases := []struct {
		name, body, want string
	}{
		{"paragraphs, empty ones dropped",
			wpara("", "第一段。") + `<w:p/>` + wpara("", "第二段 &amp; &lt;b&gt;"),
			"<p>第一段。</p><p>第二段 &amp; &lt;b&gt;</p>"},
		{"headings by style name, derived styles, a basedOn cycle",
			wpara(`<w:pStyle w:val="1"/>`, "一、总体要求") + wpara(`<w:pStyle w:val="Sub"/>`, "（一）目标") + wpara(`<w:pStyle w:val="Loop"/>`, "正文"),
			"<h2>一、总体要求</h2><h3>（一）目标</h3><p>正文</p>"},
		{"bold and italic runs, merged where unchanged",
			`<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>一、</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>加强领导。</w:t></w:r>` +
				`<w:r><w:rPr><w:b w:val="0"/><w:i/></w:rPr><w:t>斜</w:t></w:r><w:r><w:t xml:space="preserve">正文</w:t><w:tab/><w:t>续</w:t></w:r></w:p>`,
			"<p><strong>一、加强领导。</strong><em>斜</em>正文 续</p>"},
		{"lists by numbering format",
			wpara(`<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>`, "甲") + wpara(`<w:numPr><w:numId w:val="1"/></w:numPr>`, "乙") +
				wpara(`<w:numPr><w:numId w:val="2"/></w:numPr>`, "一") + wpara("", "后"),
			"<ul><li>甲</li><li>乙</li></ul><ol><li>一</li></ol><p>后</p>"},
		{"right-aligned signature and date",
			wpara("", "特此通知。") + wpara(`<w:jc w:val="right"/>`, "吴城镇人民政府") + wpara(`<w:jc w:val="right"/>`, "2026年3月5日"),
			`<p>特此通知。</p><div class="doc-signature"><p>吴城镇人民政府</p><p>2026年3月5日</p></div>`},
		{"table with merged cells and a header row",
			`<w:tbl><w:tr><w:trPr><w:tblHeader/></w:trPr><w:tc><w:p><w:r><w:t>项目</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>数量</w:t></w:r></w:p></w:tc></w:tr>` +
				`<w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>道路</w:t></w:r></w:p></w:tc><w:tc>` + wpara(`<w:jc w:val="right"/>`, "1") + `</w:tc><w:tc><w:p/></w:tc></w:tr>` +
				`<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>2</w:t></w:r></w:p></w:tc><w:tc><w:p/></w:tc></w:tr></w:tbl>`,
			`<table><tbody><tr><th><p>项目</p></th><th colspan="2"><p>数量</p></th></tr><tr><td rowspan="2"><p>道路</p></td><td><p>1</p></td><td></td></tr><tr><td><p>2</p></td><td></td></tr></tbody></table>`},
		{"tracked deletions, field codes and old properties left out",
			`<w:p><w:pPr><w:pPrChange><w:pPr><w:pStyle w:val="1"/></w:pPr></w:pPrChange></w:pPr><w:del><w:r><w:delText>删</w:delText></w:r></w:del>` +
				`<w:ins><w:r><w:t>增</w:t></w:r></w:ins><w:r><w:instrText>PAGE</w:instrText></w:r></w:p>`,
			"<p>增</p>"},
		{"images kept once, unusable ones named as left out",
			`<w:p><w:r><w:t>见图</w:t></w:r><w:r><w:drawing><a:blip r:embed="rId5"/></w:drawing></w:r></w:p>` +
				`<w:p><w:r><w:drawing><a:blip r:embed="rId5"/></w:drawing><w:drawing><a:blip r:embed="rId6"/></w:drawing><w:drawing><a:blip r:embed="rId7"/></w:drawing></w:r></w:p>`,
			"<p>见图［图片：见附件“正文图1.png”］</p><p>［图片：见附件“正文图1.png”］［此处有一幅图片，格式无法在网页上显示，未保存］</p>"},
		{"a paragraph inside a paragraph is read as text",
			`<w:p><w:r><w:t>外</w:t></w:r><w:p><w:r><w:t>内</w:t></w:r></w:p><w:r><w:t>尾</w:t></w:r></w:p>`,
			"<p>外内 尾</p>"},
	}
	for _, c := range cases {
		got, err := Convert(docxOf(t, c.body, [2]string{"word/media/image1.png", pngBytes(t)}, [2]string{"word/media/image2.emf", "EMF"}), "正文")
		if err != nil || got.HTML != c.want {
			t.Errorf("%s:\n got %q, %v\nwant %q", c.name, got.HTML, err, c.want)
		}
	}
}

func TestConvertImages(t *testing.T) {
	body := `<w:p><w:r><w:drawing><a:blip r:embed="rId5"/></w:drawing></w:r></w:p>`
	got, err := Convert(docxOf(t, body, [2]string{"word/media/image1.png", pngBytes(t)}), "正文")
	if err != nil || len(got.Images) != 1 || got.Images[0].Name != "正文图1.png" || string(got.Images[0].Data) != pngBytes(t) {
		t.Fatalf("Convert = %+v, %v", got.Images, err)
	}
	// A PNG name over something else is not kept.
	got, err = Convert(docxOf(t, body, [2]string{"word/media/image1.png", "<script>"}), "正文")
	if err != nil || len(got.Images) != 0 || !strings.Contains(got.HTML, "未保存") {
		t.Fatalf("Convert = %+v, %v", got, err)
	}
}

func TestConvertRefuses(t *testing.T) {
	bomb := wpara("", strings.Repeat("炸", maxXMLPart/3+1))
	for _, c := range []struct {
		name string
		data []byte
		want error
	}{
		{"not a zip", []byte("PK\x03\x04 not really"), ErrNotDocx},
		{"no document part", func() []byte {
			var buf bytes.Buffer
			zw := zip.NewWriter(&buf)
			zw.Create("x.xml")
			zw.Close()
			return buf.Bytes()
		}(), errMissing},
		{"document inflating past its bound", docxOf(t, bomb), ErrTooLarge},
		{"broken XML", docxOf(t, "<w:p><w:r><w:t>x</w:t></w:r></w:p><w:p <"), ErrNotDocx},
	} {
		if _, err := Convert(c.data, ""); !errors.Is(err, c.want) {
			t.Errorf("%s: err = %v, want %v", c.name, err, c.want)
		}
	}
}

// Nested tables past maxTableDepth are dropped, not followed.
func TestConvertDeepTables(t *testing.T) {
	n := 200
	body := strings.Repeat("<w:tbl><w:tr><w:tc>", n) + wpara("", "深") + strings.Repeat("</w:tc></w:tr></w:tbl>", n)
	got, err := Convert(docxOf(t, body), "正文")
	if err != nil || strings.Count(got.HTML, "<table>") != maxTableDepth || strings.Contains(got.HTML, "深") {
		t.Fatalf("Convert = %d tables, %v", strings.Count(got.HTML, "<table>"), err)
	}
}
