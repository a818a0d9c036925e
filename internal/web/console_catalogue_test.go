package web

import (
	"context"
	"net/url"
	"strings"

	"github.com/gongkai/gongkai/internal/catalogue"
)

// catalogueMatrixPath fills {item} with a fresh line of the body's
// catalogue, so one case's deletion cannot decide another's outcome.
func (e *testEnv) catalogueMatrixPath(p string, bodyID int64) string {
	e.t.Helper()
	if !strings.Contains(p, "{item}") {
		return p
	}
	id, err := e.st.SaveCatalogueItem(context.Background(), testCatalogueItem(bodyID, "矩阵"+e.unique()))
	if err != nil {
		e.t.Fatal(err)
	}
	return strings.ReplaceAll(p, "{item}", idStr(id))
}

func testCatalogueItem(bodyID int64, level2 string) catalogue.Item {
	return catalogue.Item{BodyID: bodyID, Domain: "社会救助", Level1: "最低生活保障", Level2: level2, Subject: "乡政府",
		Channels: []string{"政府网站"}, Audience: "全社会", Mode: "主动", Tier: []string{"乡级"}}
}

// columnMatrixForm gives the column and catalogue routes a valid form.
// The column routes act on the fixed 法定主动公开内容 column (the
// matrix's column target): saving keeps its name; moving and retiring
// are refused with a notice and a redirect.
func (e *testEnv) columnMatrixForm(pattern string) (url.Values, bool) {
	n := e.unique()
	switch pattern {
	case "POST /admin/bodies/{id}/columns":
		return url.Values{"name": {"工作动态" + n}, "parent_id": {"0"}, "type": {"news"}, "period": {"default"}}, true
	case "POST /admin/columns/{id}":
		return url.Values{"name": {"法定主动公开内容"}, "type": {"policy"}, "period": {"6m"}}, true
	case "POST /admin/columns/{id}/move":
		return url.Values{"dir": {"up"}}, true
	case "POST /admin/columns/{id}/retire":
		return url.Values{"retired": {"1"}}, true
	case "POST /admin/bodies/{id}/catalogue/import", "POST /admin/bodies/{id}/catalogue/{item}/delete":
		return url.Values{}, true
	case "POST /admin/bodies/{id}/catalogue", "POST /admin/bodies/{id}/catalogue/{item}":
		return url.Values{"domain": {"就业"}, "level1": {"招聘"}, "level2": {"公告" + n}, "subject": {"人社局"},
			"channels": {"政府网站", "公开查阅点"}, "audience": {"全社会"}, "mode": {"主动"}, "tier": {"县级"}}, true
	}
	return nil, false
}
