package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/textdiff"
)

// versionMatrixPath fills {v} of the version comparison route for the
// authorization matrix: every fresh document has its version 1.
func versionMatrixPath(p string) string {
	return strings.ReplaceAll(p, "{v}", "1")
}

// TestDocumentVersionCompare: an editor drafts a document and edits its
// title and one paragraph; version 2's page shows the old paragraph
// removed, the new one added and the title marked changed. The review
// page links to it; unknown versions are 404; another body's staff are
// refused.
func TestDocumentVersionCompare(t *testing.T) {
	e := newTestEnv(t)
	editor := e.login(e.users[auth.RoleEditor].Username)
	col, err := e.st.ColumnBySlug(t.Context(), e.a.ID, "statutory")
	if err != nil {
		t.Fatal(err)
	}
	var paras []string
	for i := 1; i <= 12; i++ {
		paras = append(paras, fmt.Sprintf("第%d条 内容%d。", i, i))
	}
	fields := url.Values{"title": {"关于印发某办法的通知"}, "column_id": {idStr(col.ID)}, "kind": {"other"},
		"format": {"markdown"}, "source": {strings.Join(paras, "\n\n")}, "doc_no": {"城政〔2026〕5号"},
		"written": {time.Now().In(chinaTime).Format("2006-01-02")}, "publisher": {"城关镇人民政府"}}
	w := e.serve(request("POST", "/admin/bodies/"+idStr(e.a.ID)+"/documents", fields, editor))
	mustStatus(t, w, http.StatusSeeOther, "create draft")
	var id int64
	fmt.Sscanf(w.Header().Get("Location"), "/admin/documents/%d", &id)
	docURL := "/admin/documents/" + idStr(id)

	paras[5] = "第6条 内容6，已修改。"
	fields.Set("title", "关于印发某办法的通知（修订稿）")
	fields.Set("source", strings.Join(paras, "\n\n"))
	mustStatus(t, e.serve(request("POST", docURL, fields, editor)), http.StatusSeeOther, "save version 2")

	w = e.serve(request("GET", docURL+"/versions/2", nil, editor))
	mustStatus(t, w, http.StatusOK, "version 2")
	page := w.Body.String()
	for _, want := range []string{
		"第 2 版与第 1 版对比",
		"<del>第6条 内容6。</del>",
		"<ins>第6条 内容6，已修改。</ins>",
		`<span class="diff-mark">删除</span>`, `<span class="diff-mark">新增</span>`,
		"……（3 行未变）", "……（4 行未变）", // 12 lines: 3 hidden before the change, 4 after
		"新增 1 行，删除 1 行",
		`href="` + docURL + `/versions/1"`, `href="` + docURL + `"`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("version 2 page lacks %q", want)
		}
	}
	if row := tableRow(page, "标题"); !strings.Contains(row, "已修改") || !strings.Contains(row, "（修订稿）") {
		t.Errorf("title row not marked changed: %s", row)
	}
	if row := tableRow(page, "文号"); strings.Contains(row, "已修改") || !strings.Contains(row, "未变") {
		t.Errorf("文号 row: %s", row)
	}
	if strings.Contains(page, "<del>第1条") || strings.Contains(page, "第1条 内容1") {
		t.Error("an unchanged line far from the change is shown")
	}
	if strings.Contains(page, `rel="next"`) {
		t.Error("the latest version links to a next one")
	}

	w = e.serve(request("GET", docURL+"/versions/1", nil, editor))
	mustStatus(t, w, http.StatusOK, "version 1")
	if p := w.Body.String(); !strings.Contains(p, "这是第一版") || !strings.Contains(p, "<ins>第1条 内容1。</ins>") ||
		!strings.Contains(p, `href="`+docURL+`/versions/2"`) || !strings.Contains(tableRow(p, "标题"), "新增") {
		t.Errorf("version 1 page: %.2000s", p)
	}
	// The document page links each version to its comparison.
	if w := e.serve(request("GET", docURL, nil, editor)); !strings.Contains(w.Body.String(), `href="`+docURL+`/versions/2"`) {
		t.Error("the document page does not link version 2's comparison")
	}

	// The reviewer's form links to what this submission changed.
	mustStatus(t, e.serve(request("POST", docURL+"/submit", url.Values{}, editor)), http.StatusSeeOther, "submit")
	reviewer := e.login(e.users[auth.RoleReviewer].Username)
	w = e.serve(request("GET", docURL+"/review", nil, reviewer))
	mustStatus(t, w, http.StatusOK, "review form")
	if !strings.Contains(w.Body.String(), `<a href="`+docURL+`/versions/2">查看本次修改</a>`) {
		t.Error("the review form lacks the link to the latest change")
	}

	for _, v := range []string{"99", "0", "-1", "x"} {
		w := e.serve(request("GET", docURL+"/versions/"+v, nil, editor))
		mustStatus(t, w, http.StatusNotFound, "version "+v)
		if !strings.Contains(w.Body.String(), "不存在") {
			t.Errorf("version %s: not the error page: %.300s", v, w.Body.String())
		}
	}
	other := e.createUser("other-editor", auth.Grant{Role: auth.RoleEditor, BodyID: e.b.ID})
	mustStatus(t, e.serve(request("GET", docURL+"/versions/2", nil, e.login(other.Username))), http.StatusForbidden, "another body's editor")
}

// tableRow returns the table row whose header cell is label.
func tableRow(page, label string) string {
	i := strings.Index(page, `<th scope="row">`+label+`</th>`)
	if i < 0 {
		return ""
	}
	j := strings.Index(page[i:], "</tr>")
	if j < 0 {
		return page[i:]
	}
	return page[i : i+j]
}

func TestCollapse(t *testing.T) {
	eq := func(n int, p string) []textdiff.Op {
		var ops []textdiff.Op
		for i := range n {
			ops = append(ops, textdiff.Op{Kind: textdiff.Equal, Line: fmt.Sprint(p, i)})
		}
		return ops
	}
	render := func(rows []diffLine) string {
		var b strings.Builder
		for _, r := range rows {
			switch r.Kind {
			case "skip":
				fmt.Fprintf(&b, "…%d ", r.Skipped)
			case "equal":
				b.WriteString(r.Text + " ")
			default:
				b.WriteString(r.Kind[:3] + ":" + r.Text + " ")
			}
		}
		return strings.TrimSpace(b.String())
	}
	del := textdiff.Op{Kind: textdiff.Delete, Line: "x"}
	ins := textdiff.Op{Kind: textdiff.Insert, Line: "y"}
	join := func(parts ...[]textdiff.Op) []textdiff.Op {
		var out []textdiff.Op
		for _, p := range parts {
			out = append(out, p...)
		}
		return out
	}
	for _, c := range []struct {
		name string
		ops  []textdiff.Op
		want string
	}{
		{"long runs around one change", join(eq(10, "a"), []textdiff.Op{del, ins}, eq(10, "b")), "…8 a8 a9 del:x ins:y b0 b1 …8"},
		{"a gap of one line is shown", join([]textdiff.Op{del}, eq(5, "a"), []textdiff.Op{ins}), "del:x a0 a1 a2 a3 a4 ins:y"},
		{"a gap of two is counted", join([]textdiff.Op{del}, eq(6, "a"), []textdiff.Op{ins}), "del:x a0 a1 …2 a4 a5 ins:y"},
		{"short ends are kept", join(eq(3, "a"), []textdiff.Op{ins}, eq(2, "b")), "a0 a1 a2 ins:y b0 b1"},
		{"only additions", []textdiff.Op{ins, ins}, "ins:y ins:y"},
	} {
		if got := render(collapse(c.ops, diffContext)); got != c.want {
			t.Errorf("%s: %s, want %s", c.name, got, c.want)
		}
	}
}
