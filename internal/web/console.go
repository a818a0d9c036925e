package web

import (
	"html/template"
	"net/http"

	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/body"
)

// consolePage is the frame of every console page: the signed-in user,
// the sections they may open, and a pending confirmation notice.
func (s *server) consolePage(r *http.Request, title, current string) Page {
	p := principalFrom(r.Context())
	c := &consoleChrome{User: p.user}
	sections := []struct {
		name, url string
		perm      auth.Permission
	}{
		{"概览", "/admin/", auth.PermConsole},
		{"单位", "/admin/bodies", auth.PermRead},
		{"依申请公开", "/admin/requests", auth.PermRead},
		{"年度报告检查", "/admin/reports/check", auth.PermRead},
		{"账号", "/admin/users", auth.PermUserManage},
		{"访问令牌", "/admin/tokens", auth.PermConsole},
		{"审计日志", "/admin/audit", auth.PermAuditView},
		{"政策解读要素", "/admin/settings/interpretation", auth.PermPlatform},
		{"节假日安排", "/admin/calendar", auth.PermPlatform},
		{"网站标识", "/admin/settings/site", auth.PermPlatform},
	}
	counts, err := s.navCounts(r.Context(), p.grants)
	if err != nil {
		s.log.WarnContext(r.Context(), "console navigation counts failed", "request_id", requestID(r.Context()), "err", err)
	}
	for _, sec := range sections {
		if auth.Allowed(p.grants, sec.perm, 0, nil) {
			item := navItem{Name: sec.name, URL: sec.url, Current: sec.url == current}
			switch sec.url {
			case "/admin/":
				item.Count, item.CountLabel = counts.Pressing+counts.Waiting, "项待办"
			case "/admin/requests":
				item.Count, item.CountLabel = counts.Pressing, "件即将到期或已逾期"
			}
			c.Nav = append(c.Nav, item)
		}
	}
	return Page{Title: title, Console: c, Notice: s.sessions.PopString(r.Context(), sessionNoticeKey)}
}

// notice leaves a confirmation for the page the browser is sent to next.
func (s *server) notice(r *http.Request, msg string) {
	s.sessions.Put(r.Context(), sessionNoticeKey, msg)
}

func seeOther(w http.ResponseWriter, r *http.Request, url string) error {
	http.Redirect(w, r, url, http.StatusSeeOther)
	return nil
}

type grantView struct {
	ID       int64
	Role     auth.Role
	RoleName string
	BodyID   int64
	BodyName string
	Subtree  bool
}

// grantViews names the bodies of grants for display.
func grantViews(grants []auth.Grant, names map[int64]string) []grantView {
	out := make([]grantView, 0, len(grants))
	for _, g := range grants {
		v := grantView{ID: g.ID, Role: g.Role, RoleName: auth.RoleName(g.Role), BodyID: g.BodyID, Subtree: g.Subtree}
		if g.Role == auth.RoleSysAdmin {
			v.BodyName = "全平台"
		} else if n, ok := names[g.BodyID]; ok {
			v.BodyName = n
		} else {
			v.BodyName = "（已删除的单位）"
		}
		out = append(out, v)
	}
	return out
}

func bodyNames(bodies []body.Body) map[int64]string {
	m := make(map[int64]string, len(bodies))
	for _, b := range bodies {
		m[b.ID] = b.Name
	}
	return m
}

type homeView struct {
	Page
	Grants     []grantView
	Work       homeWork
	Charts     []template.HTML    // requests by month, outcomes, answered on time
	SiteChecks []siteCheckSummary // website checks of the user's bodies and subtrees
	// OverdueConsults: consultations unanswered for more than 3 months
	// (互动回应差), per body the user may read.
	OverdueConsults []overdueConsult
	CalendarBanner  *calendarBanner // next year's holidays missing (calendar_banner.go)
}

// consoleHome shows each person their work: the lists of the roles they
// hold (homeWork), the charts of their bodies' requests and the website
// checks of their bodies.
func (s *server) consoleHome(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	p := principalFrom(ctx)
	all, err := s.store.Bodies(ctx)
	if err != nil {
		return err
	}
	v := homeView{Page: s.consolePage(r, "工作台", "/admin/"), Grants: grantViews(p.grants, bodyNames(all))}
	if v.Work, err = s.homeWorkOf(ctx, p.grants, all); err != nil {
		return err
	}
	if v.Charts, err = s.homeCharts(ctx, p.grants, all); err != nil {
		return err
	}
	if v.SiteChecks, err = s.siteCheckSummaries(ctx, p.grants, all); err != nil {
		return err
	}
	if v.OverdueConsults, err = s.overdueConsultSummaries(ctx, p, all); err != nil {
		return err
	}
	if v.CalendarBanner, err = s.calendarBannerFor(r.Context(), p); err != nil {
		return err
	}
	return s.render(w, r, "console_home", v)
}
