package web

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/disclosure"
	"github.com/gongkai/gongkai/internal/docx"
	"github.com/gongkai/gongkai/internal/parsejail"
	"github.com/gongkai/gongkai/internal/store"
)

// wordNotice is a notice as Word writes it (our own writer): a heading
// style, a bold lead-in, a table, a right-aligned signature and date,
// and, added to the package, one picture.
func wordNotice(t *testing.T) []byte {
	t.Helper()
	var d docx.Document
	d.Styles = []docx.Style{{ID: "1", Name: "heading 1", BasedOn: "Normal"}}
	d.Add(
		docx.P(docx.ParaStyle{}, docx.Text("各村（居）委会：", docx.RunStyle{})),
		docx.P(docx.ParaStyle{StyleID: "1"}, docx.Text("一、工作安排", docx.RunStyle{})),
		docx.P(docx.ParaStyle{}, docx.Text("加强领导。", docx.RunStyle{Bold: true}), docx.Text("各村明确专人。", docx.RunStyle{})),
		docx.Table{Columns: []int{2000, 2000}, Rows: []docx.TableRow{
			{Cells: []docx.TableCell{docx.Cell("村", docx.ParaStyle{}, docx.RunStyle{}), docx.Cell("人数", docx.ParaStyle{}, docx.RunStyle{})}},
			{Cells: []docx.TableCell{docx.Cell("东村", docx.ParaStyle{}, docx.RunStyle{}), docx.Cell("12", docx.ParaStyle{}, docx.RunStyle{})}}}},
		docx.P(docx.ParaStyle{}, docx.Text("示意图：", docx.RunStyle{})),
		docx.P(docx.ParaStyle{Align: docx.AlignRight}, docx.Text("吴城镇人民政府", docx.RunStyle{})),
		docx.P(docx.ParaStyle{Align: docx.AlignRight}, docx.Text("2026年3月5日", docx.RunStyle{})),
	)
	data, err := d.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	var pic bytes.Buffer
	if err := png.Encode(&pic, image.NewGray(image.Rect(0, 0, 4, 4))); err != nil {
		t.Fatal(err)
	}
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
		s := string(b)
		switch f.Name {
		case "[Content_Types].xml":
			s = strings.Replace(s, "<Default ", `<Default Extension="png" ContentType="image/png"/><Default `, 1)
		case "word/_rels/document.xml.rels":
			s = strings.Replace(s, "</Relationships>", `<Relationship Id="rIdPic" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image1.png"/></Relationships>`, 1)
		case "word/document.xml":
			s = strings.Replace(s, "示意图：</w:t></w:r>", `示意图：</w:t></w:r><w:r><w:drawing><a:blip xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:embed="rIdPic"/></w:drawing></w:r>`, 1)
		}
		w, _ := zw.Create(f.Name)
		w.Write([]byte(s))
	}
	w, _ := zw.Create("word/media/image1.png")
	w.Write(pic.Bytes())
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// pastedNotice is a notice copied out of Word into the 正文 box: one
// paragraph per line, indents in full-width spaces, the signature
// pushed right with spaces.
const pastedNotice = "各村（居）委会、镇直各单位：\r\n" +
	"　　为做好春季防火工作，现将有关事项通知如下。\r\n" +
	"　　一、工作要求\r\n" +
	"　　（一）加强巡查。各村每日巡查一次。\r\n" +
	"　　附件：1.巡查记录表\r\n" +
	"　　特此通知。\r\n" +
	"\r\n" +
	"　　　　　　　　　　　　吴城镇人民政府\r\n" +
	"　　　　　　　　　　　　2026年3月5日\r\n"

// TestDocumentBodyForm: the form asks for text one paragraph a line,
// previews without saving, and takes a Word file as the body with its
// pictures as attachments; the draft and review pages show the body as
// the portal does; on both databases.
func TestDocumentBodyForm(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, st *store.Store) { testDocumentBodyForm(t, newDocEnvOn(t, st)) })
}

func testDocumentBodyForm(t *testing.T, e *testEnv) {
	ctx := context.Background()
	editor, reviewer := e.login(e.users[auth.RoleEditor].Username), e.login(e.users[auth.RoleReviewer].Username)
	col, err := e.st.ColumnBySlug(ctx, e.a.ID, "statutory")
	if err != nil {
		t.Fatal(err)
	}
	newURL := "/admin/bodies/" + idStr(e.a.ID) + "/documents"
	w := e.serve(request("GET", newURL+"/new", nil, editor))
	mustStatus(t, w, http.StatusOK, "new form")
	for _, want := range []string{"正文（每行一段）", `<details class="body-format">`, `value="text" checked`, `name="body_file"`, "预览正文"} {
		if !strings.Contains(w.Body.String(), want) {
			t.Errorf("new form lacks %q", want)
		}
	}
	fields := func(format, source string) url.Values {
		return url.Values{"title": {"关于做好春季防火工作的通知"}, "column_id": {idStr(col.ID)}, "kind": {"other"},
			"format": {format}, "source": {source}, "publisher": {"吴城镇人民政府"}, "public_mode": {"主动公开"}}
	}
	countDocs := func() int {
		_, n, err := e.st.BodyDocuments(ctx, e.a.ID, "", 0, 10)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	before := countDocs()
	preview := fields("text", pastedNotice)
	preview.Set("preview", "1")
	w = e.serve(request("POST", newURL, preview, editor))
	mustStatus(t, w, http.StatusOK, "preview")
	for _, want := range []string{"以下是预览，尚未保存", `<div class="doc-signature"><p>吴城镇人民政府</p><p>2026年3月5日</p></div>`,
		"<h2>一、工作要求</h2>", "<strong>（一）加强巡查。</strong>", `<div class="doc-attachments">`} {
		if !strings.Contains(w.Body.String(), want) {
			t.Errorf("preview lacks %q", want)
		}
	}
	if countDocs() != before {
		t.Fatal("preview saved a document")
	}

	// Saved as text: the draft page and the review page show the body as
	// the portal will.
	w = e.serve(request("POST", newURL, fields("text", pastedNotice), editor))
	mustStatus(t, w, http.StatusSeeOther, "save text")
	var id int64
	fmt.Sscanf(w.Header().Get("Location"), "/admin/documents/%d", &id)
	d, err := e.st.Document(ctx, id)
	if err != nil || d.Format != disclosure.FormatText || !strings.Contains(d.BodyHTML, "doc-signature") {
		t.Fatalf("stored %q %q, %v", d.Format, d.BodyHTML, err)
	}
	body := `<div class="prose doc-body" tabindex="0" role="region" aria-label="正文">` + d.BodyHTML + `</div>`
	w = e.serve(request("GET", "/admin/documents/"+idStr(id), nil, editor))
	if !strings.Contains(w.Body.String(), body) {
		t.Errorf("draft page lacks the portal's body:\n%.3000s", w.Body.String())
	}
	mustStatus(t, e.serve(request("POST", "/admin/documents/"+idStr(id)+"/submit", url.Values{}, editor)), http.StatusSeeOther, "submit")
	if w = e.serve(request("GET", "/admin/documents/"+idStr(id)+"/review", nil, reviewer)); !strings.Contains(w.Body.String(), body) {
		t.Errorf("review page lacks the portal's body")
	}

	// A Word file as the body.
	w = e.serve(multipartPost(t, newURL, fields("text", ""), []formFile{{"body_file", "春季防火通知.docx", wordNotice(t)}}, editor))
	mustStatus(t, w, http.StatusSeeOther, "save word")
	fmt.Sscanf(w.Header().Get("Location"), "/admin/documents/%d", &id)
	d, err = e.st.Document(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`<p>各村（居）委会：</p>`, "<h2>一、工作安排</h2>", "<p><strong>加强领导。</strong>各村明确专人。</p>",
		"<td><p>东村</p></td>", "示意图：［图片：见附件“春季防火通知-图1.png”］",
		`<div class="doc-signature"><p>吴城镇人民政府</p><p>2026年3月5日</p></div>`} {
		if !strings.Contains(d.BodyHTML, want) {
			t.Errorf("Word body lacks %q:\n%s", want, d.BodyHTML)
		}
	}
	if d.Format != disclosure.FormatHTML || len(d.Attachments) != 1 || d.Attachments[0].Name != "春季防火通知-图1.png" ||
		d.Attachments[0].ContentType != "image/png" {
		t.Errorf("Word body stored as %q with attachments %+v", d.Format, d.Attachments)
	}

	// A file that is not a Word document, under the name of one, is refused
	// by the upload checks; an old .doc is explained.
	for name, data := range map[string][]byte{"通知.docx": []byte("%PDF-1.4\n%%EOF\n"), "通知.pdf": []byte("%PDF-1.4\n%%EOF\n")} {
		w = e.serve(multipartPost(t, newURL, fields("text", "x"), []formFile{{"body_file", name, data}}, editor))
		mustStatus(t, w, http.StatusUnprocessableEntity, "refused "+name)
	}

	// A file the converter crashes on is refused in Chinese; the crash
	// stays in the parse child and the server goes on converting.
	w = e.serve(multipartPost(t, newURL, fields("text", "x"), []formFile{{"body_file", faultyWord + ".docx", wordNotice(t)}}, editor))
	mustStatus(t, w, http.StatusUnprocessableEntity, "converter crash")
	if want := "该 Word " + parsejail.Message + "。"; !strings.Contains(w.Body.String(), want) {
		t.Errorf("converter crash: page lacks %q", want)
	}
	w = e.serve(multipartPost(t, newURL, fields("text", "x"), []formFile{{"body_file", "春季防火通知.docx", wordNotice(t)}}, editor))
	mustStatus(t, w, http.StatusSeeOther, "Word body after a converter crash")
}
