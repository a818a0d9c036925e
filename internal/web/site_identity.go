package web

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/gongkai/gongkai/internal/body"
	"github.com/gongkai/gongkai/internal/disclosure"
)

// SiteIdentityKey is the platform setting holding the site's identity
// (body.Site as JSON), shown at the foot of every portal page; the
// demo seeds it. Saving it bumps the content generation (SetMeta), so
// every instance's pages change with it.
const SiteIdentityKey = "portal.site_identity"

// siteIdentity reads the site's identity; the zero Site when unset.
func (s *server) siteIdentity(ctx context.Context) (body.Site, error) {
	var site body.Site
	text, err := s.store.Meta(ctx, SiteIdentityKey)
	if isNotFound(err) || err == nil && text == "" {
		return site, nil
	}
	if err != nil {
		return site, err
	}
	if err := json.Unmarshal([]byte(text), &site); err != nil {
		return site, fmt.Errorf("web: setting %s: %w", SiteIdentityKey, err)
	}
	return site, nil
}

// platformChrome frames a portal page that belongs to no body (the
// directory, the site-wide search, the status page reached directly):
// the platform's header and the site's identity at the foot.
func (s *server) platformChrome(ctx context.Context) (*portalChrome, error) {
	ps, err := s.structure(ctx)
	if err != nil {
		return nil, err
	}
	return &portalChrome{Site: ps.site}, nil
}

type siteSettingsView struct {
	Page
	Form siteForm
	List []fieldError
}

// siteForm is the inputs of an identity: the site's (names as the
// fields), or a body's own (names prefixed "site_", each hint saying
// what the site shows when the field is left empty).
type siteForm struct {
	Prefix   string
	Site     body.Site
	Errors   fieldErrors // by field name without the prefix
	Fallback *body.Site  // the site's identity, on a body's form
}

// siteField is one input of an identity form.
type siteField struct {
	Name, Label, Value, Hint, Error string
}

// Fields are the form's inputs in the order of the foot.
func (f siteForm) Fields() []siteField {
	s, fb := f.Site, body.Site{}
	if f.Fallback != nil {
		fb = *f.Fallback
	}
	out := make([]siteField, 0, len(siteFields))
	for _, d := range []struct{ name, label, value, example, fallback string }{
		{"sponsor", "主办单位", s.Sponsor, "如：桐柏县人民政府办公室", fb.Sponsor},
		{"organizer", "承办单位", s.Organizer, "如：桐柏县大数据中心", fb.Organizer},
		{"code", "网站标识码", s.Code, "10 位，如 4113300001", fb.Code},
		{"icp", "ICP 备案号", s.ICP, "如：豫ICP备12345678号-1", fb.ICP},
		{"police_record", "公安机关备案号", s.PoliceRecord, "如：豫公网安备 41133002000123号", fb.PoliceRecord},
		{"conac_id", "党政机关网站标识编号（没有的不填）", s.ConacID, "", fb.ConacID},
		{"phone", "网站联系电话", s.Phone, "", fb.Phone},
		{"email", "网站联系邮箱", s.Email, "", fb.Email},
	} {
		hint := d.example
		if f.Fallback != nil {
			hint = "不填则显示全站设置"
			if d.fallback != "" {
				hint += "：" + d.fallback
			} else {
				hint += "（目前未设置）"
			}
		}
		out = append(out, siteField{Name: f.Prefix + d.name, Label: d.label, Value: d.value, Hint: hint, Error: f.Errors[d.name]})
	}
	return out
}

var siteFields = []string{"sponsor", "organizer", "code", "icp", "police_record", "conac_id", "phone", "email"}

// siteFromForm reads an identity form's inputs, names prefixed.
func siteFromForm(get func(string) string, prefix string) body.Site {
	f := func(k string) string { return get(prefix + k) }
	return body.Site{Sponsor: f("sponsor"), Organizer: f("organizer"), Code: f("code"), ICP: f("icp"),
		PoliceRecord: f("police_record"), ConacID: f("conac_id"), Phone: f("phone"), Email: f("email")}.Trimmed()
}

// summary is the form's problems for the summary above it, each linking
// to its input.
func (f siteForm) summary() []fieldError {
	out := f.Errors.list(siteFields)
	for i := range out {
		out[i].Field = f.Prefix + out[i].Field
	}
	return out
}

func (s *server) siteSettingsForm(w http.ResponseWriter, r *http.Request) error {
	site, err := s.siteIdentity(r.Context())
	if err != nil {
		return err
	}
	return s.render(w, r, "console_site_settings", siteSettingsView{Page: s.consolePage(r, "网站标识", "/admin/settings/site"),
		Form: siteForm{Site: site}})
}

func (s *server) siteSettingsSave(w http.ResponseWriter, r *http.Request) error {
	site := siteFromForm(r.PostFormValue, "")
	if fe := fieldErrors(site.Validate()); len(fe) > 0 {
		form := siteForm{Site: site, Errors: fe}
		v := siteSettingsView{Page: s.consolePage(r, "网站标识", "/admin/settings/site"), Form: form, List: form.summary()}
		return s.renderStatus(w, r, "console_site_settings", http.StatusUnprocessableEntity, v)
	}
	b, err := json.Marshal(site)
	if err != nil {
		return err
	}
	if err := s.store.SetMeta(r.Context(), SiteIdentityKey, string(b)); err != nil {
		return err
	}
	if err := s.record(r, principalFrom(r.Context()), "settings.site", 0, "setting:"+SiteIdentityKey, string(b)); err != nil {
		return err
	}
	s.notice(r, "网站标识已保存，各页面底部随即更新。")
	return seeOther(w, r, "/admin/settings/site")
}

// siteMapView is the 网站地图: every body of the site with its columns,
// and the services of the portal.
type siteMapView struct {
	Page
	Bodies []siteMapBody
}

type siteMapBody struct {
	bodyOption
	Columns []navItem
}

// siteMapPage lists the site's structure for people (the XML sitemap at
// /sitemap.xml is for search engines).
func (s *server) siteMapPage(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	ps, err := s.structure(ctx)
	if err != nil {
		return err
	}
	parent := make(map[int64]int64, len(ps.bodies))
	for _, b := range ps.bodies {
		parent[b.ID] = b.ParentID
	}
	v := siteMapView{Page: Page{Title: "网站地图", Portal: &portalChrome{Site: ps.site}}}
	for _, b := range ps.bodies {
		if b.Kind == body.Village {
			continue // villages publish through their township's site
		}
		pb, err := s.portalBodyIn(ctx, ps, b)
		if err != nil {
			return err
		}
		d := len(ancestorsOf(parent, b.ID))
		sb := siteMapBody{bodyOption: bodyOption{Body: b, Depth: d, Indent: strings.Repeat("　", d), URL: pb.base()}}
		for _, f := range disclosure.FixedSubColumns {
			sb.Columns = append(sb.Columns, navItem{Name: f.Name, URL: pb.columnURL(f.Slug)})
		}
		for _, c := range pb.columns {
			if c.ParentID == 0 && !c.Fixed && !c.Retired {
				sb.Columns = append(sb.Columns, navItem{Name: c.Name, URL: pb.columnURL(c.Slug)})
			}
		}
		sb.Columns = append(sb.Columns, navItem{Name: "依申请公开", URL: pb.base() + "apply"},
			navItem{Name: "我要咨询", URL: pb.base() + "consult"}, navItem{Name: "按主题浏览", URL: pb.base() + "themes/"},
			navItem{Name: "站内搜索", URL: pb.base() + "search"})
		v.Bodies = append(v.Bodies, sb)
	}
	return s.render(w, r, "portal_sitemap", v)
}

// policeRecordURL is the national 公安机关 record site's page of the
// site's record.
func policeRecordURL(site body.Site) string {
	return "https://beian.mps.gov.cn/#/query/webSearch?code=" + url.QueryEscape(site.PoliceRecordCode())
}

// conacURL is the 党政机关网站标识 verification page of the site.
func conacURL(site body.Site) string {
	return "https://bszs.conac.cn/sitename?method=show&id=" + url.QueryEscape(site.ConacID)
}
