package web

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/catalogue"
	"github.com/gongkai/gongkai/internal/disclosure"
)

func TestColumnsAndSiteCheck(t *testing.T) {
	e := newTestEnv(t)
	ctx := context.Background()
	admin := e.login(e.users[auth.RoleBodyAdmin].Username)
	a := idStr(e.a.ID)
	cols := "/admin/bodies/" + a + "/columns"
	newColumn := func(name, form string, status int, want ...string) scenario {
		f, err := url.ParseQuery(form)
		if err != nil {
			t.Fatal(err)
		}
		return scenario{name: name, method: "POST", path: cols, session: admin, form: f, status: status, contains: want}
	}
	e.runAll(t, []scenario{
		newColumn("new top-level column", "name=工作动态&parent_id=0&type=news&period=default&slug=news", http.StatusSeeOther),
		newColumn("duplicate slug", "name=动态2&parent_id=0&type=news&period=default&slug=news", http.StatusUnprocessableEntity, "网址标识已被"),
		newColumn("empty name", "name=+&parent_id=0&type=news&period=default", http.StatusUnprocessableEntity, "栏目名称不能为空"),
		newColumn("root name taken", "name=政府信息公开&parent_id=0&type=other&period=", http.StatusUnprocessableEntity, "固定栏目名称"),
		newColumn("bad type", "name=x&parent_id=0&type=x&period=", http.StatusUnprocessableEntity, "请选择栏目类型"),
	})
	news, err := e.st.ColumnBySlug(ctx, e.a.ID, "news")
	if err != nil || news.Type != disclosure.ColumnNews || news.Period.String() != "2w" {
		t.Fatalf("created column = %+v, %v", news, err)
	}
	// A sub-column under 法定主动公开内容 shows on its column page.
	statutory, _ := e.st.ColumnBySlug(ctx, e.a.ID, "statutory")
	editor := e.login(e.users[auth.RoleEditor].Username)
	newDocument := "/admin/bodies/" + a + "/documents/new"
	e.runAll(t, []scenario{
		newColumn("sub-column", "name=人事信息&parent_id="+idStr(statutory.ID)+"&type=personnel&period=default&slug=rsxx", http.StatusSeeOther),
		{name: "column page lists its new sub-column", path: "/b/" + e.a.Slug + "/c/statutory/", status: http.StatusOK, contains: []string{"人事信息"}},
		{name: "portal nav shows the own top-level column", path: "/b/" + e.a.Slug + "/", status: http.StatusOK, contains: []string{"工作动态"}},
		// An editor may not manage columns.
		{name: "editor retiring", method: "POST", path: "/admin/columns/" + idStr(news.ID) + "/retire", session: editor,
			form: url.Values{"retired": {"1"}}, status: http.StatusForbidden},
		{name: "document form lists the own column", path: newDocument, session: editor, status: http.StatusOK, contains: []string{"工作动态"}},
	})
	// Renaming a fixed column is ignored, its period saved.
	w := e.serve(request("POST", "/admin/columns/"+idStr(statutory.ID), url.Values{"name": {"改名"}, "type": {"policy"}, "period": {"6m"}}, admin))
	if c, _ := e.st.Column(ctx, statutory.ID); w.Code != http.StatusSeeOther || c.Name != "法定主动公开内容" || c.Period.String() != "6m" {
		t.Errorf("fixed column save: %d %+v", w.Code, c)
	}
	// Five blank columns hit the 空白栏目 veto.
	for _, n := range []string{"通知公告", "政策文件", "规划计划", "其他信息"} {
		e.serve(request("POST", "/admin/bodies/"+a+"/columns", url.Values{"name": {n}, "parent_id": {"0"}, "type": {"other"}, "period": {"default"}}, admin))
	}
	check := "/admin/bodies/" + a + "/site-check"
	e.runAll(t, []scenario{
		{name: "site check", path: check, session: admin, status: http.StatusOK,
			contains: []string{"空白栏目：<strong class=\"missing\">触发单项否决"}},
		{name: "site check on a chosen day", path: check + "?on=2030-01-02", session: admin, status: http.StatusOK,
			contains: []string{`value="2030-01-02"`}},
		{name: "site check on a bad day", path: check + "?on=2030-13-40", session: admin, status: http.StatusBadRequest},
		{name: "console home links the site check", path: "/admin/", session: admin, status: http.StatusOK, contains: []string{check}},
		// Retiring hides the column from the portal and the document form.
		{name: "retire", method: "POST", path: "/admin/columns/" + idStr(news.ID) + "/retire", session: admin,
			form: url.Values{"retired": {"1"}}, status: http.StatusSeeOther},
		{name: "portal nav after retiring", path: "/b/" + e.a.Slug + "/", status: http.StatusOK, excludes: []string{"工作动态"}},
		{name: "document form after retiring", path: newDocument, session: editor, status: http.StatusOK, excludes: []string{"工作动态"}},
	})
}

func TestCatalogueConsole(t *testing.T) {
	e := newTestEnv(t)
	ctx := context.Background()
	admin := e.login(e.users[auth.RoleBodyAdmin].Username)
	editor := e.login(e.users[auth.RoleEditor].Username)
	a := idStr(e.a.ID)
	items := []catalogue.Item{
		testCatalogueItem(e.a.ID, "政策文件"),
		testCatalogueItem(e.a.ID, "审批结果"),
		{Domain: "就业", Level1: "就业服务", Level2: "招聘信息", Content: "岗位、条件", Basis: "《就业促进法》", Timing: "及时",
			Subject: "县人社局", Channels: []string{"政府网站", "社区/企事业单位/村公示栏（电子屏）"}, Audience: "全社会", Mode: "主动",
			Tier: []string{"县级", "乡级"}},
	}
	var book bytes.Buffer
	if err := catalogue.WriteXLSX(&book, items); err != nil {
		t.Fatal(err)
	}
	w := e.serve(uploadRequest(t, "/admin/bodies/"+a+"/catalogue/import", "目录.xlsx", book.Bytes(), admin))
	if w.Code != http.StatusSeeOther {
		t.Fatalf("import: %d %.500s", w.Code, w.Body.String())
	}
	// Export, then import the export: the same catalogue.
	before, _ := e.st.CatalogueItems(ctx, e.a.ID)
	w = e.serve(request("GET", "/admin/bodies/"+a+"/catalogue.xlsx", nil, editor))
	if w.Code != http.StatusOK || w.Header().Get("Content-Type") != xlsxType {
		t.Fatalf("export: %d %s", w.Code, w.Header().Get("Content-Type"))
	}
	exported := w.Body.Bytes()
	if w := e.serve(uploadRequest(t, "/admin/bodies/"+a+"/catalogue/import", "x.xlsx", exported, admin)); w.Code != http.StatusSeeOther {
		t.Fatalf("re-import: %d", w.Code)
	}
	after, _ := e.st.CatalogueItems(ctx, e.a.ID)
	if len(before) != 3 || len(after) != 3 {
		t.Fatalf("lines before %d after %d", len(before), len(after))
	}
	for i := range before {
		if before[i].Key() != after[i].Key() || before[i].ID != after[i].ID || catalogue.JoinList(before[i].Channels) != catalogue.JoinList(after[i].Channels) ||
			catalogue.JoinList(before[i].Tier) != catalogue.JoinList(after[i].Tier) || before[i].Basis != after[i].Basis {
			t.Errorf("line %d: %+v → %+v", i, before[i], after[i])
		}
	}
	// A bad workbook names its rows and writes nothing.
	bad := append([]catalogue.Item{}, items...)
	bad[1].Mode = "公开"
	bad = append(bad, catalogue.Item{Domain: "新领域", Level1: "x", Level2: "y", Subject: "z", Channels: []string{"政府网站"},
		Audience: "全社会", Mode: "主动", Tier: []string{"乡级"}})
	book.Reset()
	_ = catalogue.WriteXLSX(&book, bad)
	w = e.serve(uploadRequest(t, "/admin/bodies/"+a+"/catalogue/import", "bad.xlsx", book.Bytes(), admin))
	if w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), "第 3 行：公开方式应为") {
		t.Errorf("bad import: %d %.800s", w.Code, w.Body.String())
	}
	if now, _ := e.st.CatalogueItems(ctx, e.a.ID); len(now) != 3 {
		t.Errorf("bad import wrote: %d lines", len(now))
	}
	if w := e.serve(uploadRequest(t, "/admin/bodies/"+a+"/catalogue/import", "x.xlsx", []byte("not a workbook"), admin)); w.Code != http.StatusUnprocessableEntity {
		t.Errorf("garbage import: %d", w.Code)
	}
	// An editor files a document under a line; the portal lists it there.
	line := after[2]
	doc := e.documentIn(e.a.ID, disclosure.StatePublished)
	if err := e.st.SetDocumentCatalogueItem(ctx, doc, line.ID); err != nil {
		t.Fatal(err)
	}
	d, _ := e.st.Document(ctx, doc)
	portal := e.serve(request("GET", "/b/"+e.a.Slug+"/catalogue/", nil, nil)).Body.String()
	if !strings.Contains(portal, "招聘信息") || !strings.Contains(portal, d.Title) {
		t.Errorf("portal catalogue lacks the line or its document:\n%.1500s", portal)
	}
	if page := e.serve(request("GET", "/b/"+e.a.Slug+"/d/"+idStr(doc), nil, nil)).Body.String(); !strings.Contains(page, "就业 / 就业服务 / 招聘信息") {
		t.Error("document page lacks its catalogue line")
	}
	draft := e.documentIn(e.a.ID, disclosure.StateDraft)
	if f := e.serve(request("GET", "/admin/documents/"+idStr(draft)+"/edit", nil, editor)).Body.String(); !strings.Contains(f, "就业 / 就业服务 / 招聘信息") {
		t.Error("document form lacks the catalogue select")
	}
	dd, _ := e.st.Document(ctx, draft)
	w = e.serve(request("POST", "/admin/documents/"+idStr(draft), url.Values{"title": {dd.Title}, "column_id": {idStr(dd.ColumnID)},
		"kind": {"other"}, "format": {"html"}, "source": {"<p>正文</p>"}, "catalogue_item": {idStr(after[0].ID)}}, editor))
	if got, _ := e.st.DocumentCatalogueItem(ctx, draft); w.Code != http.StatusSeeOther || got != after[0].ID {
		t.Errorf("saving with a line: %d, linked %d", w.Code, got)
	}
	if page := e.serve(request("GET", "/admin/documents/"+idStr(draft), nil, editor)).Body.String(); !strings.Contains(page, "社会救助 / 最低生活保障 / 政策文件") {
		t.Error("console document page lacks its catalogue line")
	}
	// The attached line cannot be deleted.
	e.serve(request("POST", "/admin/bodies/"+a+"/catalogue/"+idStr(line.ID)+"/delete", url.Values{}, admin))
	if _, err := e.st.CatalogueItem(ctx, line.ID); err != nil {
		t.Errorf("attached line deleted: %v", err)
	}
	// Another body's line is not reachable through this body's path.
	other, _ := e.st.SaveCatalogueItem(ctx, testCatalogueItem(e.b.ID, "他单位"))
	sys := e.login(e.users[auth.RoleSysAdmin].Username)
	if w := e.serve(request("GET", "/admin/bodies/"+a+"/catalogue/"+idStr(other)+"/edit", nil, sys)); w.Code != http.StatusNotFound {
		t.Errorf("foreign line via own body: %d", w.Code)
	}
}
