package web

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/disclosure"
	"github.com/xuri/excelize/v2"
)

// TestDocumentImport: a good sheet publishes with the legacy 索引号 and
// shows on the portal; a bad one is refused with row numbers and writes
// nothing; a later generated 索引号 does not collide with an imported one.
func TestDocumentImport(t *testing.T) {
	e := newDocEnv(t)
	ctx := context.Background()
	e.ensureBodyCode(e.a.ID)
	b, err := e.st.Body(ctx, e.a.ID)
	if err != nil {
		t.Fatal(err)
	}
	col, err := e.st.ColumnBySlug(ctx, e.a.ID, "statutory")
	if err != nil {
		t.Fatal(err)
	}
	reviewer := e.login(e.users[auth.RoleReviewer].Username)
	base := "/admin/bodies/" + idStr(e.a.ID) + "/documents/import"
	year := time.Now().In(chinaTime).Year()
	own := fmt.Sprintf("%s/%d-00040", b.Code, year)
	count := func() int {
		t.Helper()
		_, n, err := e.st.BodyDocuments(ctx, e.a.ID, "", 0, 1)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}

	mustStatus(t, e.serve(request("GET", base, nil, reviewer)), http.StatusOK, "form")
	if w := e.serve(request("GET", base, nil, e.login(e.users[auth.RoleEditor].Username))); w.Code != http.StatusForbidden {
		t.Errorf("editor reaches the import: %d", w.Code)
	}

	before := count()
	good := "\xef\xbb\xbf" + strings.Join(disclosure.ImportHeader, ",") + "\n" +
		"11341702486344515H/202110-00013,旧站规范性文件,某政〔2021〕3号,2021-10-08,2021-10-12,某县政府,综合政务,通知,规范、管理,行政规范性文件,已废止 2023-05-01," + col.Name + ",第一段\n" +
		own + ",旧站其他文件,,,2022/3/1,某县政府,,,,其他,,statutory,<p>HTML 正文</p>\n"
	mustStatus(t, e.serve(uploadRequest(t, base, "存量.csv", []byte(good), reviewer)), http.StatusSeeOther, "good import")
	if n := count(); n != before+2 {
		t.Fatalf("documents after import: %d, want %d", n, before+2)
	}
	docs, _, err := e.st.Documents(ctx, col.ID, 0, 50)
	if err != nil {
		t.Fatal(err)
	}
	var legacy disclosure.Document
	for _, d := range docs {
		if d.Title == "旧站规范性文件" {
			legacy, err = e.st.Document(ctx, d.ID)
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	if legacy.IndexNo != "11341702486344515H/202110-00013" || legacy.State != disclosure.StatePublished ||
		disclosure.CurrentValidity(legacy.Validity) != disclosure.ValidityAbolished || len(legacy.Validity) != 2 {
		t.Fatalf("imported document: %+v", legacy)
	}
	w := e.serve(request("GET", fmt.Sprintf("/b/%s/d/%d", b.Slug, legacy.ID), nil, nil))
	mustStatus(t, w, http.StatusOK, "portal page")
	if !strings.Contains(w.Body.String(), legacy.IndexNo) || !strings.Contains(w.Body.String(), "第一段") {
		t.Errorf("portal page lacks the legacy 索引号: %.600s", w.Body.String())
	}

	// Refused: a bad date on row 2, a 索引号 already imported on row 3,
	// one repeated within the file on row 5, an unknown column on row 4.
	bad := strings.Join(disclosure.ImportHeader, ",") + "\n" +
		b.Code + "/2020-00001,甲,,,2020-13-40,,,,,,,statutory,\n" +
		own + ",乙,,,2020-01-01,,,,,,,statutory,\n" +
		b.Code + "/2020-00002,丙,,,2020-01-01,,,,,,,不存在的栏目,\n" +
		b.Code + "/2020-00002,丁,,,2020-01-01,,,,,,,statutory,\n"
	for name, body := range map[string]string{
		"第 2 行：发布日期": bad, "第 5 行：索引号": bad, "第 4 行：栏目：本单位没有栏目": bad,
		"第 3 行：索引号": strings.Join(disclosure.ImportHeader, ",") + "\n" + b.Code + "/2020-00009,戊,,,2020-01-01,,,,,,,statutory,\n" + own + ",乙,,,2020-01-01,,,,,,,statutory,\n",
	} {
		w := e.serve(uploadRequest(t, base, "bad.csv", []byte(body), reviewer))
		if w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), name) || !strings.Contains(w.Body.String(), "未导入任何内容") {
			t.Errorf("bad file (%s): %d %.800s", name, w.Code, w.Body.String())
		}
	}
	if n := count(); n != before+2 {
		t.Errorf("a refused import wrote: %d documents, want %d", n, before+2)
	}

	// The counter moved past the imported serial of the generated form.
	id := e.documentIn(e.a.ID, disclosure.StatePublished)
	d, err := e.st.Document(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if want := fmt.Sprintf("%s/%d-00041", b.Code, year); d.IndexNo != want {
		t.Errorf("next generated 索引号 %s, want %s", d.IndexNo, want)
	}

	// The template downloads and parses back.
	w = e.serve(request("GET", base+"/template", nil, reviewer))
	mustStatus(t, w, http.StatusOK, "template")
	tpl, err := excelize.OpenReader(w.Body)
	if err != nil {
		t.Fatal(err)
	}
	var xb bytes.Buffer
	tpl.WriteTo(&xb)
	if rows, errs := disclosure.ParseDocumentSheet(&xb, "模板.xlsx", []disclosure.Column{{ID: 1, Name: "政策文件"}}); len(errs) != 0 || len(rows) != 1 || rows[0].Doc.IndexNo != "000014349/2018-00222" {
		t.Errorf("template parsed back: %v %v", rows, errs)
	}
}
