package annualreport

import (
	"archive/zip"
	"bytes"
	"io"
	"path/filepath"
	"strings"
	"testing"
)

// rewriteDOCX copies a Word package, changing parts with edit and adding
// the parts in extra.
func rewriteDOCX(t *testing.T, data []byte, edit func(name, body string) string, extra map[string]string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		w, _ := zw.Create(f.Name)
		io.WriteString(w, edit(f.Name, string(b)))
	}
	for name, body := range extra {
		w, _ := zw.Create(name)
		io.WriteString(w, body)
	}
	zw.Close()
	return out.Bytes()
}

// TestReadDOCXNumbering: section headings numbered by Word's automatic
// list numbering (一、 in Chinese counting, from a paragraph style) read
// with their numbers.
func TestReadDOCXNumbering(t *testing.T) {
	r := interpretFile(t, filepath.Join("testdata", "html", "example-2023-clean.html"))
	var buf bytes.Buffer
	if err := RenderDOCX(&buf, r); err != nil {
		t.Fatal(err)
	}
	labels := []string{"一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
		"四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"}
	numbering := `<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` +
		`<w:abstractNum w:abstractNumId="7"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>` +
		`<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl></w:abstractNum>` +
		`<w:num w:numId="3"><w:abstractNumId w:val="7"/></w:num></w:numbering>`
	data := rewriteDOCX(t, buf.Bytes(), func(name, body string) string {
		switch name {
		case "word/document.xml":
			for _, l := range labels {
				body = strings.Replace(body, ">"+l+"<", ">"+strings.SplitN(l, "、", 2)[1]+"<", 1)
			}
			// The overview's items are numbered directly at the second level.
			body = strings.Replace(body, `<w:p><w:r><w:t xml:space="preserve">（一）主动公开。`,
				`<w:p><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="3"/></w:numPr></w:pPr><w:r><w:t xml:space="preserve">主动公开。`, 1)
		case "word/styles.xml":
			body = strings.Replace(body, `<w:pPr><w:keepNext/>`, `<w:pPr><w:keepNext/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="3"/></w:numPr>`, 1)
		case "[Content_Types].xml":
			body = strings.Replace(body, `</Types>`, `<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/></Types>`, 1)
		}
		return body
	}, map[string]string{"word/numbering.xml": numbering})
	doc, err := readDOCX(data)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, b := range doc.Blocks {
		if b.Table == nil && headingLikeRe.MatchString(b.Text) {
			got = append(got, b.Text)
		}
	}
	if strings.Join(got, "|") != strings.Join(labels, "|") {
		t.Errorf("headings = %q, want %q", got, labels)
	}
	found := false
	for _, b := range doc.Blocks {
		found = found || strings.HasPrefix(b.Text, "（一）主动公开。")
	}
	if !found {
		t.Error("directly numbered paragraph lost its number （一）")
	}
}

func TestChineseNumber(t *testing.T) {
	for v, want := range map[int]string{1: "一", 9: "九", 10: "十", 11: "十一", 20: "二十", 23: "二十三", 100: "100"} {
		if got := chineseNumber(v); got != want {
			t.Errorf("chineseNumber(%d) = %q, want %q", v, got, want)
		}
	}
}

// TestReadDOCXMerges: gridBefore, gridSpan and vMerge (restart and
// continue) are placed on the grid as Word draws them.
func TestReadDOCXMerges(t *testing.T) {
	cell := func(props, text string) string {
		return `<w:tc><w:tcPr>` + props + `</w:tcPr><w:p><w:r><w:t>` + text + `</w:t></w:r><w:r><w:tab/><w:t>x</w:t></w:r></w:p></w:tc>`
	}
	body := `<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>` +
		`<w:tr>` + cell(`<w:gridSpan w:val="2"/><w:vMerge w:val="restart"/>`, "A") + cell("", "B") + `</w:tr>` +
		`<w:tr>` + cell(`<w:gridSpan w:val="2"/><w:vMerge/>`, "") + cell("", "C") + `</w:tr>` +
		`<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>` + cell("", "D") + cell("", "E") + `</w:tr></w:tbl>`
	doc := `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` +
		`<w:p><w:r><w:t>第一行</w:t><w:br/><w:t>第二行</w:t></w:r></w:p>` + body + `</w:body></w:document>`
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("word/document.xml")
	io.WriteString(w, doc)
	zw.Close()
	got, err := readDOCX(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Blocks) != 3 || got.Blocks[0].Text != "第一行" || got.Blocks[1].Text != "第二行" {
		t.Fatalf("blocks = %+v", got.Blocks)
	}
	want := [][]GridCell{
		{{"A x", true}, {"A x", false}, {"B x", true}},
		{{"A x", false}, {"A x", false}, {"C x", true}},
		{{"", true}, {"D x", true}, {"E x", true}},
	}
	g := got.Blocks[2].Table
	for r := range want {
		for c := range want[r] {
			if g.Rows[r][c] != want[r][c] {
				t.Errorf("cell %d,%d = %+v, want %+v", r, c, g.Rows[r][c], want[r][c])
			}
		}
	}
}

// TestReadDOCXLayoutTable: a report framed in a one-cell table, with its
// data table inside, reads as paragraphs and a table, not as one cell.
func TestReadDOCXLayoutTable(t *testing.T) {
	p := func(s string) string { return `<w:p><w:r><w:t>` + s + `</w:t></w:r></w:p>` }
	tc := func(s string) string { return `<w:tc>` + p(s) + `</w:tc>` }
	inner := `<w:tbl><w:tr>` + tc("信息内容") + tc("本年处理决定数量") + `</w:tr><w:tr>` + tc("行政许可") + tc("842") + `</w:tr></w:tbl>`
	long := strings.Repeat("本年度依法做好政府信息公开工作。", 10)
	body := `<w:tbl><w:tr><w:tc>` + p("某某局2022年政府信息公开工作年度报告") + p(long) + inner + `<w:p/></w:tc></w:tr></w:tbl>`
	doc := `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` + body + `</w:body></w:document>`
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("word/document.xml")
	io.WriteString(w, doc)
	zw.Close()
	got, err := readDOCX(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Blocks) != 3 || got.Blocks[0].Text != "某某局2022年政府信息公开工作年度报告" || got.Blocks[1].Text != long || got.Blocks[2].Table == nil {
		t.Fatalf("blocks = %+v", got.Blocks)
	}
	if g := got.Blocks[2].Table; len(g.Rows) != 2 || g.Rows[1][1].Text != "842" {
		t.Errorf("inner table = %+v", g.Rows)
	}
}

func TestStripRunProperties(t *testing.T) {
	tests := map[string]string{
		`<w:r><w:rPr><w:b/></w:rPr><w:t>a</w:t></w:r>`:                                               `<w:r><w:t>a</w:t></w:r>`,
		`<w:r><w:rPr/><w:t>a</w:t></w:r>`:                                                            `<w:r><w:t>a</w:t></w:r>`,
		`<w:rPr><w:b/><w:rPrChange w:id="1"><w:rPr><w:i/></w:rPr></w:rPrChange></w:rPr><w:t>b</w:t>`: `<w:t>b</w:t>`,
		`<w:rPr><w:rPrChange><w:rPr/></w:rPrChange></w:rPr><w:t>c</w:t>`:                             `<w:t>c</w:t>`,
		`<w:rPrChange/><w:t>d</w:t>`:                                                                 `<w:rPrChange/><w:t>d</w:t>`,
		`<w:rPr><w:b/>`:                                                                              `<w:rPr><w:b/>`,
	}
	for in, want := range tests {
		if got := string(stripRunProperties([]byte(in))); got != want {
			t.Errorf("strip(%s) = %s, want %s", in, got, want)
		}
	}
}
