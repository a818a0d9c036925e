package web

import (
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

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
}

func (s *server) tokenPage(r *http.Request) (tokenListView, error) {
	p := principalFrom(r.Context())
	tokens, err := s.store.Tokens(r.Context(), p.user.ID)
	if err != nil {
		return tokenListView{}, err
	}
	return tokenListView{Page: s.consolePage(r, "访问令牌", "/admin/tokens"), Tokens: tokens}, nil
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
	name := strings.TrimSpace(r.PostFormValue("name"))
	if name == "" || utf8.RuneCountInString(name) > 60 {
		v, err := s.tokenPage(r)
		if err != nil {
			return err
		}
		v.Name, v.Errors = name, []string{"请为令牌填写用途说明（不超过 60 个字）。"}
		return s.renderStatus(w, r, "console_tokens", http.StatusUnprocessableEntity, v)
	}
	secret, hash, err := auth.NewTokenSecret()
	if err != nil {
		return err
	}
	id, err := s.store.CreateToken(ctx, auth.Token{UserID: p.user.ID, Name: name, Hash: hash, Created: s.now()})
	if err != nil {
		return err
	}
	if err := s.record(r, p, "token.create", 0, "token:"+strconv.FormatInt(id, 10), "创建访问令牌："+name); err != nil {
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
	if err := s.store.RevokeToken(ctx, id); err != nil {
		return notFoundOr(err)
	}
	if err := s.record(r, principalFrom(ctx), "token.revoke", 0, "token:"+strconv.FormatInt(id, 10), "吊销访问令牌"); err != nil {
		return err
	}
	s.notice(r, "访问令牌已吊销。")
	return seeOther(w, r, "/admin/tokens")
}
