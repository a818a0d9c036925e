package web

import (
	"net/http"
	"strconv"

	"github.com/gongkai/gongkai/internal/auth"
)

type tokenListView struct {
	Page
	Tokens []auth.Token
	// Secret is shown once, on the page right after creation, and is
	// never stored: only its hash is.
	Secret string
	Name   string
	Errors []string
	// NeedPassword: the password was not typed in this session within
	// recentPassword, so the form asks for it again.
	NeedPassword bool
}

func (s *server) tokenPage(r *http.Request) (tokenListView, error) {
	p := principalFrom(r.Context())
	tokens, err := s.store.Tokens(r.Context(), p.user.ID)
	if err != nil {
		return tokenListView{}, err
	}
	return tokenListView{Page: s.consolePage(r, "访问令牌", "/admin/tokens"), Tokens: tokens,
		NeedPassword: !s.passwordFresh(r.Context())}, nil
}

func (s *server) tokenList(w http.ResponseWriter, r *http.Request) error {
	v, err := s.tokenPage(r)
	if err != nil {
		return err
	}
	return s.render(w, r, "console_tokens", v)
}

func (s *server) tokenCreate(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	p := principalFrom(ctx)
	// A token is a credential of its own: it may not make more of
	// itself, and a session must show its password was typed lately, so
	// a browser left signed in cannot be turned into a lasting key.
	if p.tokenID != 0 {
		return &Error{Status: http.StatusForbidden, Code: "forbidden", Message: "访问令牌不能创建访问令牌，请登录工作台创建。"}
	}
	name, nameErr := parseTokenName(r.PostFormValue)
	refuse := func(msg string) error {
		v, err := s.tokenPage(r)
		if err != nil {
			return err
		}
		v.Name, v.Errors = name, []string{msg}
		return s.renderStatus(w, r, "console_tokens", http.StatusUnprocessableEntity, v)
	}
	if nameErr != nil {
		return refuse(publicError(nameErr).Message)
	}
	if !s.passwordFresh(ctx) {
		ok, err := s.verifyPassword(ctx, p.user.PasswordHash, r.PostFormValue("password"))
		if err != nil {
			return err
		}
		if !ok {
			if err := s.record(r, p, "password.fail", 0, userTarget(p.user.ID), "创建访问令牌时登录密码不正确"); err != nil {
				return err
			}
			return refuse("登录密码不正确，未创建令牌。")
		}
		s.passwordEntered(ctx)
	}
	secret, hash, err := auth.NewTokenSecret()
	if err != nil {
		return err
	}
	err = s.audited(r, func(r *http.Request) error {
		id, err := s.store.CreateToken(r.Context(), auth.Token{UserID: p.user.ID, Name: name, Hash: hash, Created: s.now()})
		if err != nil {
			return err
		}
		return s.record(r, p, "token.create", 0, "token:"+strconv.FormatInt(id, 10), "创建访问令牌："+name)
	})
	if err != nil {
		return err
	}
	// Rendered directly rather than redirected, so the secret never
	// passes through the session store.
	v, err := s.tokenPage(r)
	if err != nil {
		return err
	}
	v.Secret = secret
	v.Notice = "访问令牌已创建。请立即复制保存，离开本页后将无法再次查看。"
	return s.render(w, r, "console_tokens", v)
}

func (s *server) tokenRevoke(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	err = s.audited(r, func(r *http.Request) error {
		if err := s.store.RevokeToken(r.Context(), id); err != nil {
			return notFoundOr(err)
		}
		return s.record(r, principalFrom(ctx), "token.revoke", 0, "token:"+strconv.FormatInt(id, 10), "吊销访问令牌")
	})
	if err != nil {
		return err
	}
	s.notice(r, "访问令牌已吊销。")
	return seeOther(w, r, "/admin/tokens")
}
