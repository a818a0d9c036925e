package web

import (
	"net/url"
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
