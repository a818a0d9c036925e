package web

import (
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/body"
)

// TestSiteIdentity: the 系统管理员 sets the site's identity (refused,
// with the summary linking to the field, when a number has the wrong
// form); every portal page then shows it at its foot — 主办/承办单位,
// 网站标识码, ICP and 公安机关 record numbers linked to their registers,
// the 党政机关网站标识, the contact — and links to the 网站地图, which
// lists each body (villages aside) with its columns.
func TestSiteIdentity(t *testing.T) {
	e := newTestEnv(t)
	e.createBody(body.Body{ParentID: e.a.ID, Name: "城关镇东村村民委员会", Kind: body.Village, Slug: "chengguan-dongcun"})
	admin := e.login(e.users[auth.RoleSysAdmin].Username)
	form := url.Values{"sponsor": {"江北县人民政府办公室"}, "organizer": {"城关镇人民政府"}, "code": {"3401000099"},
		"icp": {"皖ICP备12345678号-1"}, "police_record": {"皖公网安备 34010002000123号"}, "conac_id": {"3401000099"},
		"phone": {"0551-12345678"}, "email": {"web@jiangbei.example"}}
	bad := url.Values{}
	for k, v := range form {
		bad[k] = v
	}
	bad.Set("icp", "ICP备123")
	if code, page := e.post(t, "/admin/settings/site", bad, admin); code != 422 || !strings.Contains(page, `<a href="#icp">`) {
		t.Errorf("a malformed ICP number: %d", code)
	}
	if code, _ := e.post(t, "/admin/settings/site", form, e.login(e.users[auth.RoleBodyAdmin].Username)); code != 403 {
		t.Errorf("a 单位管理员 sets the site identity: %d", code)
	}
	if code, _ := e.post(t, "/admin/settings/site", form, admin); code != 303 {
		t.Fatalf("saving the identity: %d", code)
	}
	for _, path := range []string{"/b/" + e.a.Slug + "/", "/b/", "/search", "/apply/status", "/b/" + e.a.Slug + "/apply"} {
		_, page := get(e, path)
		foot := between(page, `<div class="site-identity">`, "</footer>")
		for _, want := range []string{"主办单位：江北县人民政府办公室", "承办单位：城关镇人民政府", "网站标识码：3401000099",
			`<a href="https://beian.miit.gov.cn/" rel="noopener">皖ICP备12345678号-1</a>`,
			`code=34010002000123" rel="noopener">皖公网安备 34010002000123号</a>`, `id=3401000099" rel="noopener">党政机关网站标识</a>`,
			"联系电话：0551-12345678", `<a href="/sitemap">网站地图</a>`} {
			if !strings.Contains(foot, want) {
				t.Errorf("%s: the foot lacks %s:\n%s", path, want, foot)
			}
		}
	}
	_, sitemap := get(e, "/sitemap")
	for _, want := range []string{`href="/b/chengguan/">城关镇人民政府</a>`, `href="/b/hekou/c/guide/">政府信息公开指南</a>`, `href="/b/jiangbei/apply"`} {
		if !strings.Contains(sitemap, want) {
			t.Errorf("网站地图 lacks %s", want)
		}
	}
	if strings.Contains(sitemap, "东村") {
		t.Errorf("网站地图 lists a village")
	}
}

// TestBodyIdentity: a 单位管理员 gives the body's sub-site its own
// 主办/承办单位 and contact in the body settings; its pages show them,
// the site's settings filling the fields it leaves empty, while other
// bodies keep the site's. A malformed number is refused with a summary
// linking to its input, and nothing is saved.
func TestBodyIdentity(t *testing.T) {
	e := newTestEnv(t)
	admin := e.login(e.users[auth.RoleSysAdmin].Username)
	if code, _ := e.post(t, "/admin/settings/site", url.Values{"sponsor": {"江北县人民政府办公室"}, "organizer": {"江北县大数据中心"},
		"code": {"3401000099"}, "icp": {"皖ICP备12345678号-1"}, "phone": {"0551-12345678"}}, admin); code != 303 {
		t.Fatalf("saving the site identity: %d", code)
	}
	bodyAdmin := e.login(e.users[auth.RoleBodyAdmin].Username)
	edit := "/admin/bodies/" + strconv.FormatInt(e.a.ID, 10)
	if _, page := e.get(t, edit+"/edit", bodyAdmin); !strings.Contains(page, `id="site_sponsor"`) || !strings.Contains(page, "不填则显示全站设置：江北县人民政府办公室") {
		t.Errorf("the body form lacks the identity fields or the site's values")
	}
	form := url.Values{"office": {"城关镇党政办公室"}, "site_sponsor": {"城关镇人民政府"}, "site_organizer": {"城关镇党政办公室"},
		"site_phone": {"0551-87654321"}, "site_icp": {"ICP备123"}}
	if code, page := e.post(t, edit, form, bodyAdmin); code != 422 || !strings.Contains(page, `<a href="#site_icp">`) {
		t.Errorf("a malformed ICP number on a body: %d", code)
	}
	if b, _ := e.st.Body(t.Context(), e.a.ID); !b.Identity.Empty() {
		t.Errorf("a refused form saved %+v", b.Identity)
	}
	form.Set("site_icp", "")
	if code, _ := e.post(t, edit, form, bodyAdmin); code != 303 {
		t.Fatalf("saving the body's identity: %d", code)
	}
	for _, tc := range []struct {
		path       string
		want, lack []string
	}{
		{"/b/chengguan/", []string{"主办单位：城关镇人民政府", "承办单位：城关镇党政办公室", "联系电话：0551-87654321", "网站标识码：3401000099", "皖ICP备12345678号-1"},
			[]string{"江北县人民政府办公室", "江北县大数据中心"}},
		{"/b/hekou/", []string{"主办单位：江北县人民政府办公室", "承办单位：江北县大数据中心", "联系电话：0551-12345678"}, []string{"城关镇人民政府<"}},
	} {
		_, page := get(e, tc.path)
		foot := between(page, `<div class="site-identity">`, "</footer>")
		for _, w := range tc.want {
			if !strings.Contains(foot, w) {
				t.Errorf("%s: the foot lacks %s:\n%s", tc.path, w, foot)
			}
		}
		for _, l := range tc.lack {
			if strings.Contains(foot, l) {
				t.Errorf("%s: the foot shows %s", tc.path, l)
			}
		}
	}
}
