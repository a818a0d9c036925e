package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/body"
	"github.com/gongkai/gongkai/internal/disclosure"
)

// TestBodyInterpretationElements: a province's element list applies to a
// township below it, the township's own list overrides it, clearing falls
// back, and approval checks the list that applies to the document's body.
func TestBodyInterpretationElements(t *testing.T) {
	e := newTestEnv(t)
	prov := e.createBody(body.Body{Name: "某省人民政府", Kind: body.Province, Slug: "prov"})
	county := e.createBody(body.Body{ParentID: prov.ID, Name: "某县人民政府", Kind: body.County, Slug: "prov-county"})
	town := e.createBody(body.Body{ParentID: county.ID, Name: "某镇人民政府", Kind: body.Township, Slug: "prov-town"})
	admin := e.login(e.users[auth.RoleSysAdmin].Username)
	townAdmin := e.login(e.createUser("townadmin", auth.Grant{Role: auth.RoleBodyAdmin, BodyID: town.ID}).Username)
	reviewer := e.login(e.createUser("townreviewer", auth.Grant{Role: auth.RoleReviewer, BodyID: town.ID}).Username)
	path := func(b body.Body) string { return "/admin/bodies/" + idStr(b.ID) + "/interpretation" }

	steps := []struct {
		name     string
		who      []*http.Cookie
		target   body.Body
		form     url.Values
		status   int
		source   string   // expected source on the township's page
		want     []string // elements the township must be asked for
		notWant  string
		approved []string // elements confirmed in a refused approval
	}{
		{name: "platform default", source: "平台默认", want: disclosure.DefaultInterpretationElements},
		{name: "province list applies below", who: admin, target: prov, form: url.Values{"elements": {"背景依据\n惠民举措\n政策亮点"}},
			status: http.StatusSeeOther, source: prov.Name, want: []string{"背景依据", "惠民举措", "政策亮点"}, notWant: "新旧政策差异",
			approved: []string{"背景依据", "惠民举措"}},
		{name: "township admin cannot set the province", who: townAdmin, target: prov, form: url.Values{"elements": {"主要内容"}},
			status: http.StatusForbidden, source: prov.Name, want: []string{"政策亮点"}},
		{name: "township list overrides", who: townAdmin, target: town, form: url.Values{"elements": {"主要内容\n解读机关"}},
			status: http.StatusSeeOther, source: "本单位", want: []string{"主要内容", "解读机关"}, notWant: "政策亮点",
			approved: []string{"主要内容"}},
		{name: "invalid list refused", who: townAdmin, target: town, form: url.Values{"elements": {strings.Repeat("长", 51)}},
			status: http.StatusUnprocessableEntity, source: "本单位", want: []string{"解读机关"}},
		{name: "clearing falls back", who: townAdmin, target: town, form: url.Values{"elements": {"主要内容"}, "clear": {"1"}},
			status: http.StatusSeeOther, source: prov.Name, want: []string{"背景依据", "惠民举措", "政策亮点"}, notWant: "解读机关",
			approved: []string{"背景依据", "政策亮点"}},
	}
	for _, st := range steps {
		if st.form != nil {
			mustStatus(t, e.serve(request("POST", path(st.target), st.form, st.who)), st.status, st.name)
		}
		w := e.serve(request("GET", path(town), nil, reviewer))
		mustStatus(t, w, http.StatusOK, st.name+": page")
		page := w.Body.String()
		if !strings.Contains(page, "来源："+st.source) {
			t.Errorf("%s: page does not show source %s", st.name, st.source)
		}
		for _, el := range st.want {
			if !strings.Contains(page, "<li>"+el+"</li>") {
				t.Errorf("%s: page does not list %s", st.name, el)
			}
		}
		if st.notWant != "" && strings.Contains(page, "<li>"+st.notWant+"</li>") {
			t.Errorf("%s: page still lists %s", st.name, st.notWant)
		}
		if st.approved == nil {
			continue
		}
		interp := e.interpretationIn(town.ID)
		approve := url.Values{"check": checkedAll().Checked, "element": st.approved}
		mustStatus(t, e.serve(request("POST", "/admin/documents/"+idStr(interp)+"/approve", approve, reviewer)),
			http.StatusUnprocessableEntity, st.name+": approve missing an element")
		approve["element"] = st.want
		mustStatus(t, e.serve(request("POST", "/admin/documents/"+idStr(interp)+"/approve", approve, reviewer)),
			http.StatusSeeOther, st.name+": approve with every element")
	}
}

// interpretationIn is a submitted interpretation of a fresh approved
// policy of the body.
func (e *testEnv) interpretationIn(bodyID int64) int64 {
	e.t.Helper()
	id, _ := e.submittedInterpretation(bodyID, e.documentIn(bodyID, disclosure.StateApproved))
	return id
}

// submittedInterpretation is a new interpretation (政策解读) of policy,
// submitted for review, and its title.
func (e *testEnv) submittedInterpretation(bodyID, policy int64) (int64, string) {
	e.t.Helper()
	ctx := context.Background()
	col, err := e.st.ColumnBySlug(ctx, bodyID, "statutory")
	if err != nil {
		e.t.Fatal(err)
	}
	written := time.Now().AddDate(0, 0, -1)
	title := "解读" + e.unique()
	id, err := e.st.CreateDraft(ctx, disclosure.Document{BodyID: bodyID, ColumnID: col.ID, Title: title,
		Kind: disclosure.KindOther, Written: &written, Format: disclosure.FormatHTML, Source: "<p>解读</p>",
		BodyHTML: "<p>解读</p>", Interprets: policy}, fixtureActor)
	if err != nil {
		e.t.Fatal(err)
	}
	if err := e.st.SubmitDocument(ctx, id, fixtureActor); err != nil {
		e.t.Fatal(err)
	}
	return id, title
}
