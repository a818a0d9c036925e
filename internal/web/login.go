package web

import (
	"errors"
	"net/http"
	"strings"

	"github.com/gongkai/gongkai/internal/auth"
)

// sessionNoticeKey holds a one-time notice shown on the next page.
const sessionNoticeKey = "notice"

type loginView struct {
	Page
	Username string
	Next     string
	Error    string
}

func (s *server) loginForm(w http.ResponseWriter, r *http.Request) error {
	if s.sessions.GetInt64(r.Context(), sessionUserKey) != 0 {
		http.Redirect(w, r, "/admin/", http.StatusSeeOther)
		return nil
	}
	v := loginView{Page: Page{Title: "工作人员登录", Notice: s.sessions.PopString(r.Context(), sessionNoticeKey)},
		Next: safeNext(r.URL.Query().Get("next"))}
	return s.render(w, r, "login", v)
}

func (s *server) login(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	username := strings.TrimSpace(r.PostFormValue("username"))
	password := r.PostFormValue("password")
	v := loginView{Page: Page{Title: "工作人员登录"}, Username: username, Next: safeNext(r.PostFormValue("next"))}
	if username == "" || password == "" || len(username) > 100 {
		v.Error = "请输入用户名和密码。"
		return s.renderStatus(w, r, "login", http.StatusUnprocessableEntity, v)
	}

	// The attempt is counted before the password is hashed (see
	// auth.LoginAllowed): concurrent attempts cannot all pass a count
	// taken before any of them failed, and a refused one costs no argon2.
	keys := auth.LoginKeysFor(username, s.clientAddr(r))
	attempt, allowed, err := s.store.ReserveLoginAttempt(ctx, keys, s.now())
	if err != nil {
		return err
	}
	if !allowed {
		if err := s.record(r, principal{user: auth.User{Username: username}}, "login.throttled", 0, "", "登录失败次数过多，已暂停尝试"); err != nil {
			return err
		}
		v.Error = errTooManyAttempts().Message
		return s.renderStatus(w, r, "login", http.StatusTooManyRequests, v)
	}

	u, err := s.store.UserByName(ctx, username)
	known := err == nil
	if err != nil && !isNotFound(err) {
		return err
	}
	if !known {
		u = auth.User{Username: username}
	}
	// An unknown account is checked against a dummy hash, so both
	// failures take the same time.
	match, err := s.verifyPassword(ctx, u.PasswordHash, password)
	switch {
	case errors.Is(err, auth.ErrMalformedHash):
		// A corrupt stored hash: refuse, and log it so it gets fixed.
		s.log.ErrorContext(ctx, "stored password hash unusable", "user_id", u.ID, "err", err)
	case err != nil:
		return err // busy or cancelled; the reservation stays counted
	}
	if !match || u.Disabled {
		reason := "用户名或密码错误"
		if known && u.Disabled {
			reason = "账号已停用"
		}
		if err := s.record(r, principal{user: u}, "login.fail", 0, "", reason); err != nil {
			return err
		}
		// One message for every failure, so the form does not reveal
		// which usernames exist or are disabled.
		v.Error = "用户名或密码错误，或账号已停用。"
		return s.renderStatus(w, r, "login", http.StatusUnauthorized, v)
	}

	if err := s.store.ReleaseLoginAttempt(ctx, attempt, keys); err != nil {
		return err
	}
	// A fresh session token at the privilege change defeats fixation.
	if err := s.sessions.RenewToken(ctx); err != nil {
		return err
	}
	s.startSession(ctx, u)
	if err := s.record(r, principal{user: u}, "login.ok", 0, "", ""); err != nil {
		return err
	}
	next := v.Next
	if next == "" {
		next = "/admin/"
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
	return nil
}

func (s *server) logout(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if err := s.record(r, principalFrom(ctx), "logout", 0, "", ""); err != nil {
		return err
	}
	if err := s.sessions.RenewToken(ctx); err != nil {
		return err
	}
	s.sessions.Remove(ctx, sessionUserKey)
	s.sessions.Put(ctx, sessionNoticeKey, "您已安全退出。")
	http.Redirect(w, r, "/admin/login", http.StatusSeeOther)
	return nil
}

// safeNext keeps the post-login redirect on our own console, so the
// login form cannot be used to send people to another site.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/admin/") || strings.HasPrefix(next, "//") || strings.ContainsAny(next, "\\\r\n") {
		return ""
	}
	return next
}
