package web

import (
	"net/http"
	"strings"
	"time"

	"github.com/gongkai/gongkai/internal/auth"
)

// Login throttling: counted in the database so every instance sees the
// same numbers. Per account it stops password guessing against one
// person; per address it stops one client trying many accounts.
const (
	throttleWindow     = 15 * time.Minute
	maxAccountFailures = 5
	maxAddressFailures = 20
	sessionNoticeKey   = "notice"
)

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

	accountKey := "account:" + strings.ToLower(username)
	addressKey := "address:" + s.clientAddr(r)
	since := s.now().Add(-throttleWindow)
	byAccount, err := s.store.LoginFailures(ctx, accountKey, since)
	if err != nil {
		return err
	}
	byAddress, err := s.store.LoginFailures(ctx, addressKey, since)
	if err != nil {
		return err
	}
	if byAccount >= maxAccountFailures || byAddress >= maxAddressFailures {
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
	match, err := checkPassword(u.PasswordHash, password)
	if err != nil {
		// A corrupt stored hash: refuse, and log it so it gets fixed.
		s.log.ErrorContext(ctx, "stored password hash unusable", "user_id", u.ID, "err", err)
	}
	if !match || u.Disabled {
		for _, k := range []string{accountKey, addressKey} {
			if err := s.store.RecordLoginFailure(ctx, k, s.now()); err != nil {
				return err
			}
		}
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

	if err := s.store.ClearLoginFailures(ctx, accountKey); err != nil {
		return err
	}
	// A fresh session token at the privilege change defeats fixation.
	if err := s.sessions.RenewToken(ctx); err != nil {
		return err
	}
	s.sessions.Put(ctx, sessionUserKey, u.ID)
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
