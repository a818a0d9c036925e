package web

import (
	"context"
	"net/http"
	"slices"
	"strings"

	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/body"
	"github.com/gongkai/gongkai/internal/disclosure"
)

// bodyElementsKey is the setting holding a body's own element list. A
// meta key per body keeps the rule out of the bodies table: most bodies
// never set one, and an empty value means "inherit" so clearing needs no
// delete.
func bodyElementsKey(bodyID int64) string {
	return InterpretationElementsKey + ".body." + idStr(bodyID)
}

// bodyOwnElements returns the list set on the body itself, "" when none.
func (s *server) bodyOwnElements(ctx context.Context, bodyID int64) (string, error) {
	text, err := s.store.Meta(ctx, bodyElementsKey(bodyID))
	if err != nil && !isNotFound(err) {
		return "", err
	}
	return strings.TrimSpace(text), nil
}

// effectiveElements returns the element list an interpretation of bodyID
// must cover, and the id of the body whose list it is (0 for the platform
// setting): provinces set their own "eight elements", so the nearest
// ancestor with a list wins over the platform default.
func (s *server) effectiveElements(ctx context.Context, bodyID int64) ([]string, int64, error) {
	up, err := s.store.Ancestors(ctx, bodyID)
	if err != nil {
		return nil, 0, err
	}
	// Ancestors runs root first; the nearest list wins, so walk upward.
	chain := append(slices.Clone(up), bodyID)
	slices.Reverse(chain)
	for _, id := range chain {
		text, err := s.bodyOwnElements(ctx, id)
		if err != nil {
			return nil, 0, err
		}
		if text != "" {
			els, err := disclosure.ParseElements(text)
			return els, id, err
		}
	}
	els, err := s.interpretationElements(ctx)
	return els, 0, err
}

type bodyInterpretationView struct {
	Page
	Body     body.Body
	Elements []string
	Source   string // 本单位, the ancestor's name, or 平台默认
	Own      string
	CanEdit  bool
	Errors   []string
}

func (s *server) bodyInterpretationPage(r *http.Request, b body.Body, own string) (bodyInterpretationView, error) {
	ctx := r.Context()
	v := bodyInterpretationView{Page: s.consolePage(r, "政策解读要素："+b.Name, "/admin/bodies"), Body: b, Own: own}
	els, from, err := s.effectiveElements(ctx, b.ID)
	if err != nil {
		return v, err
	}
	v.Elements = els
	switch from {
	case 0:
		v.Source = "平台默认"
	case b.ID:
		v.Source = "本单位"
	default:
		a, err := s.store.Body(ctx, from)
		if err != nil {
			return v, err
		}
		v.Source = a.Name
	}
	v.CanEdit, err = s.can(ctx, principalFrom(ctx), auth.PermBodyEdit, b.ID)
	return v, err
}

func (s *server) bodyInterpretationForm(w http.ResponseWriter, r *http.Request) error {
	b, err := s.bodyFromPath(r)
	if err != nil {
		return err
	}
	own, err := s.bodyOwnElements(r.Context(), b.ID)
	if err != nil {
		return err
	}
	v, err := s.bodyInterpretationPage(r, b, own)
	if err != nil {
		return err
	}
	return s.render(w, r, "console_body_interpretation", v)
}

func (s *server) bodyInterpretationSave(w http.ResponseWriter, r *http.Request) error {
	b, err := s.bodyFromPath(r)
	if err != nil {
		return err
	}
	text, els, err := readBodyElements(r.PostFormValue)
	if err != nil {
		v, verr := s.bodyInterpretationPage(r, b, text)
		if verr != nil {
			return verr
		}
		v.Errors = []string{err.Error()}
		return s.renderStatus(w, r, "console_body_interpretation", http.StatusUnprocessableEntity, v)
	}
	stored, detail := "", "清除本单位要素，沿用上级或平台设置"
	if els != nil {
		stored, detail = strings.Join(els, "\n"), strings.Join(els, "、")
	}
	key := bodyElementsKey(b.ID)
	if err := s.audited(r, func(r *http.Request) error {
		if err := s.store.SetMeta(r.Context(), key, stored); err != nil {
			return err
		}
		return s.record(r, principalFrom(r.Context()), "settings.interpretation", b.ID, "setting:"+key, detail)
	}); err != nil {
		return err
	}
	if stored == "" {
		s.notice(r, "已清除本单位的政策解读要素。")
	} else {
		s.notice(r, "本单位的政策解读要素已保存。")
	}
	return seeOther(w, r, "/admin/bodies/"+idStr(b.ID)+"/interpretation")
}
