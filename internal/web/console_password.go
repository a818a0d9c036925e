package web

import (
	"net/http"
	"strconv"

	"github.com/gongkai/gongkai/internal/auth"
)

// Every staff member changes their own password here; the first
// administrator's one-time password is meant to be replaced at once.
// Other people's passwords are reset with `gongkai user passwd`.

type passwordView struct {
	Page
	Error string
}

func (s *server) passwordForm(w http.ResponseWriter, r *http.Request) error {
	return s.render(w, r, "console_password", passwordView{Page: s.consolePage(r, "修改密码", "")})
}

func (s *server) passwordChange(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	p := principalFrom(ctx)
	fail := func(msg string) error {
		return s.renderStatus(w, r, "console_password", http.StatusUnprocessableEntity,
			passwordView{Page: s.consolePage(r, "修改密码", ""), Error: msg})
	}
	if p.tokenID != 0 {
		return &Error{Status: http.StatusForbidden, Code: "forbidden", Message: "访问令牌不能修改密码，请登录后修改。"}
	}
	u, err := s.store.User(ctx, p.user.ID)
	if err != nil {
		return err
	}
	ok, err := checkPassword(u.PasswordHash, r.PostFormValue("current"))
	if err != nil {
		return err
	}
	if !ok {
		_ = s.record(r, p, "password.fail", 0, "user:"+strconv.FormatInt(u.ID, 10), "修改密码时当前密码不正确")
		return fail("当前密码不正确。")
	}
	next := r.PostFormValue("new")
	if next != r.PostFormValue("confirm") {
		return fail("两次输入的新密码不一致。")
	}
	if err := auth.CheckPasswordPolicy(next); err != nil {
		return fail(err.Error())
	}
	hash, err := auth.HashPassword(next)
	if err != nil {
		return err
	}
	if err := s.store.SetPassword(ctx, u.ID, hash); err != nil {
		return err
	}
	// A new session id, so a session stolen before the change is useless.
	if err := s.sessions.RenewToken(ctx); err != nil {
		return err
	}
	if err := s.record(r, p, "password.change", 0, "user:"+strconv.FormatInt(u.ID, 10), "修改本人密码"); err != nil {
		return err
	}
	s.notice(r, "密码已修改。")
	return seeOther(w, r, "/admin/")
}
