package web

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/store"
)

type userRow struct {
	User   auth.User
	Grants []grantView
}

type userListView struct {
	Page
	Rows []userRow
}

// userList shows the accounts the signed-in user may manage: for a
// 单位管理员 those whose every grant lies in bodies they administer.
func (s *server) userList(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	p := principalFrom(ctx)
	users, err := s.store.Users(ctx)
	if err != nil {
		return err
	}
	all, err := s.store.Bodies(ctx)
	if err != nil {
		return err
	}
	names := bodyNames(all)
	v := userListView{Page: s.consolePage(r, "账号", "/admin/users")}
	for _, u := range users {
		ok, err := s.canManageUser(ctx, p, u.ID)
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		grants, err := s.store.Grants(ctx, u.ID)
		if err != nil {
			return err
		}
		v.Rows = append(v.Rows, userRow{User: u, Grants: grantViews(grants, names)})
	}
	return s.render(w, r, "console_users", v)
}

type roleOption struct {
	Role     auth.Role
	Name     string
	Selected bool
}

type grantForm struct {
	Roles   []roleOption
	Bodies  []bodyRow
	BodyID  int64
	Subtree bool
	// CanSubtree: p's own reach covers subtrees, so p may give grants
	// "同时适用于下级单位" (auth.MayGrant); otherwise the box is not shown.
	CanSubtree bool
}

// grantFormFor offers the roles and bodies p may grant.
func (s *server) grantFormFor(r *http.Request, sel auth.Role, bodyID int64, subtree bool) (grantForm, error) {
	ctx := r.Context()
	p := principalFrom(ctx)
	f := grantForm{BodyID: bodyID, Subtree: subtree, CanSubtree: p.isSysAdmin() ||
		slices.ContainsFunc(p.grants, func(g auth.Grant) bool { return g.Subtree && auth.RoleHas(g.Role, auth.PermUserManage) })}
	for _, role := range auth.Roles() {
		if role == auth.RoleSysAdmin && !p.isSysAdmin() {
			continue
		}
		f.Roles = append(f.Roles, roleOption{Role: role, Name: auth.RoleName(role), Selected: role == sel})
	}
	bodies, err := s.scopedBodies(ctx, p, auth.PermUserManage)
	if err != nil {
		return f, err
	}
	all, err := s.store.Bodies(ctx)
	if err != nil {
		return f, err
	}
	parent := make(map[int64]int64, len(all))
	for _, b := range all {
		parent[b.ID] = b.ParentID
	}
	for _, b := range bodies {
		f.Bodies = append(f.Bodies, newBodyRow(b, len(ancestorsOf(parent, b.ID))))
	}
	return f, nil
}

type userNewView struct {
	Page
	PasswordRule string
	Username     string
	DisplayName  string
	Grant        grantForm
	Errors       []string
}

func (s *server) userNewForm(w http.ResponseWriter, r *http.Request) error {
	gf, err := s.grantFormFor(r, auth.RoleEditor, 0, false)
	if err != nil {
		return err
	}
	return s.render(w, r, "console_user_new", userNewView{Page: s.consolePage(r, "新建账号", "/admin/users"), Grant: gf,
		PasswordRule: auth.PasswordRule})
}

func (s *server) userCreate(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	f := readUserForm(r.PostFormValue)
	g, username, display, password := f.Grant, f.Username, f.DisplayName, f.Password
	taken := false
	if f.usernameWellFormed() {
		if _, err := s.store.UserByName(ctx, username); err == nil {
			taken = true
		} else if !isNotFound(err) {
			return err
		}
	}
	var bodyNames []string
	if g.BodyID != 0 {
		b, err := s.store.Body(ctx, g.BodyID)
		if err != nil {
			return err
		}
		bodyNames = []string{b.Name, b.ShortName}
	}
	errs := f.problems(taken, bodyNames...)
	if len(errs) > 0 {
		gf, err := s.grantFormFor(r, g.Role, g.BodyID, g.Subtree)
		if err != nil {
			return err
		}
		v := userNewView{Page: s.consolePage(r, "新建账号", "/admin/users"), PasswordRule: auth.PasswordRule, Username: username,
			DisplayName: display, Grant: gf, Errors: errs}
		return s.renderStatus(w, r, "console_user_new", http.StatusUnprocessableEntity, v)
	}
	hash, err := s.hashPassword(ctx, password)
	if err != nil {
		return err
	}
	// The administrator chose this password for someone else, so it is
	// one-time by nature: its holder replaces it at the first login.
	u := auth.User{Username: username, DisplayName: display, PasswordHash: hash, MustChangePassword: true, Created: s.now()}
	var id int64
	err = s.audited(r, func(r *http.Request) error {
		ctx := r.Context()
		var err error
		id, err = s.store.CreateUser(ctx, u, []auth.Grant{g})
		if errors.Is(err, store.ErrConflict) {
			// Another administrator took the name (or one that folds to
			// it) since the check above.
			return &Error{Status: http.StatusConflict, Code: "conflict", Message: "用户名已存在。", Cause: err}
		}
		if err != nil {
			return err
		}
		desc, err := s.grantDescription(r, g)
		if err != nil {
			return err
		}
		return s.record(r, principalFrom(ctx), "user.create", g.BodyID, userTarget(id),
			fmt.Sprintf("新建账号 %s（%s），%s", username, display, desc))
	})
	if err != nil {
		return err
	}
	s.notice(r, "已新建账号 "+username+"。")
	return seeOther(w, r, "/admin/users/"+strconv.FormatInt(id, 10))
}

func userTarget(id int64) string { return "user:" + strconv.FormatInt(id, 10) }

// grantDescription is a grant in words, for the audit log.
func (s *server) grantDescription(r *http.Request, g auth.Grant) (string, error) {
	if g.Role == auth.RoleSysAdmin {
		return "授予" + auth.RoleName(g.Role), nil
	}
	b, err := s.store.Body(r.Context(), g.BodyID)
	if err != nil {
		return "", err
	}
	d := fmt.Sprintf("授予「%s」%s", b.Name, auth.RoleName(g.Role))
	if g.Subtree {
		d += "（含下级单位）"
	}
	return d, nil
}

type userView struct {
	Page
	User   auth.User
	Grants []grantView
	Self   bool
	Grant  grantForm
	Errors []string
}

func (s *server) userPage(r *http.Request, u auth.User) (userView, error) {
	ctx := r.Context()
	grants, err := s.store.Grants(ctx, u.ID)
	if err != nil {
		return userView{}, err
	}
	all, err := s.store.Bodies(ctx)
	if err != nil {
		return userView{}, err
	}
	gf, err := s.grantFormFor(r, auth.RoleEditor, 0, false)
	if err != nil {
		return userView{}, err
	}
	return userView{Page: s.consolePage(r, "账号："+u.Username, "/admin/users"), User: u,
		Grants: grantViews(grants, bodyNames(all)), Self: u.ID == principalFrom(ctx).user.ID, Grant: gf}, nil
}

func (s *server) userFromPath(r *http.Request) (auth.User, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return auth.User{}, err
	}
	u, err := s.store.User(r.Context(), id)
	return u, notFoundOr(err)
}

func (s *server) userView(w http.ResponseWriter, r *http.Request) error {
	u, err := s.userFromPath(r)
	if err != nil {
		return err
	}
	v, err := s.userPage(r, u)
	if err != nil {
		return err
	}
	return s.render(w, r, "console_user", v)
}

// errSelf stops people from locking themselves out of their own account.
func errSelf() *Error {
	return &Error{Status: http.StatusConflict, Code: "self", Message: "不能停用自己的账号或修改自己的角色，请联系其他管理员。"}
}

func (s *server) setDisabled(w http.ResponseWriter, r *http.Request, disabled bool) error {
	ctx := r.Context()
	u, err := s.userFromPath(r)
	if err != nil {
		return err
	}
	if u.ID == principalFrom(ctx).user.ID {
		return errSelf()
	}
	action, msg := "user.enable", "已启用账号 "
	if disabled {
		action, msg = "user.disable", "已停用账号 "
	}
	err = s.audited(r, func(r *http.Request) error {
		if err := s.store.SetDisabled(r.Context(), u.ID, disabled); err != nil {
			return err
		}
		return s.record(r, principalFrom(ctx), action, s.primaryBody(r, u.ID), userTarget(u.ID), msg+u.Username)
	})
	if err != nil {
		return err
	}
	s.notice(r, msg+u.Username+"。")
	return seeOther(w, r, "/admin/users/"+strconv.FormatInt(u.ID, 10))
}

// primaryBody is the body an account action is logged against (its
// first grant's), so the body's administrators see it in their log.
func (s *server) primaryBody(r *http.Request, uid int64) int64 {
	grants, err := s.store.Grants(r.Context(), uid)
	if err != nil || len(grants) == 0 {
		return 0
	}
	return grants[0].BodyID
}

func (s *server) userDisable(w http.ResponseWriter, r *http.Request) error {
	return s.setDisabled(w, r, true)
}

func (s *server) userEnable(w http.ResponseWriter, r *http.Request) error {
	return s.setDisabled(w, r, false)
}

func (s *server) grantAdd(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	u, err := s.userFromPath(r)
	if err != nil {
		return err
	}
	if u.ID == principalFrom(ctx).user.ID {
		return errSelf()
	}
	g, err := grantFromForm(r.PostFormValue)
	if err != nil {
		v, perr := s.userPage(r, u)
		if perr != nil {
			return perr
		}
		v.Errors = []string{publicError(err).Message}
		return s.renderStatus(w, r, "console_user", http.StatusUnprocessableEntity, v)
	}
	g.UserID = u.ID
	existing, err := s.store.Grants(ctx, u.ID)
	if err != nil {
		return err
	}
	if slices.ContainsFunc(existing, func(e auth.Grant) bool { return e.Role == g.Role && e.BodyID == g.BodyID }) {
		s.notice(r, "该账号已有此角色。")
		return seeOther(w, r, "/admin/users/"+strconv.FormatInt(u.ID, 10))
	}
	desc, err := s.grantDescription(r, g)
	if err != nil {
		return err
	}
	err = s.audited(r, func(r *http.Request) error {
		if _, err := s.store.AddGrant(r.Context(), g); err != nil {
			return err
		}
		return s.record(r, principalFrom(ctx), "grant.add", g.BodyID, userTarget(u.ID), u.Username+"："+desc)
	})
	if err != nil {
		return err
	}
	s.notice(r, "已为 "+u.Username+" "+desc+"。")
	return seeOther(w, r, "/admin/users/"+strconv.FormatInt(u.ID, 10))
}

func (s *server) grantRemove(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	u, err := s.userFromPath(r)
	if err != nil {
		return err
	}
	if u.ID == principalFrom(ctx).user.ID {
		return errSelf()
	}
	gid, err := pathID(r, "grant")
	if err != nil {
		return err
	}
	grants, err := s.store.Grants(ctx, u.ID)
	if err != nil {
		return err
	}
	i := slices.IndexFunc(grants, func(g auth.Grant) bool { return g.ID == gid })
	if i < 0 {
		return errNotFound()
	}
	g := grants[i]
	desc, err := s.grantDescription(r, g)
	if err != nil {
		return err
	}
	err = s.audited(r, func(r *http.Request) error {
		if err := s.store.RemoveGrant(r.Context(), gid); err != nil {
			return err
		}
		return s.record(r, principalFrom(ctx), "grant.remove", g.BodyID, userTarget(u.ID),
			u.Username+"：撤销"+strings.TrimPrefix(desc, "授予"))
	})
	if err != nil {
		return err
	}
	s.notice(r, "已撤销该角色。")
	return seeOther(w, r, "/admin/users/"+strconv.FormatInt(u.ID, 10))
}
