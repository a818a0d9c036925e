package web

import (
	"context"
	"net/http"
	"strings"

	"github.com/gongkai/gongkai/internal/disclosure"
)

// InterpretationElementsKey is the platform setting holding the elements
// a policy interpretation (政策解读) must cover in this jurisdiction, one
// per line; unset, the common eight elements apply.
const InterpretationElementsKey = "disclosure.interpretation_elements"

func (s *server) interpretationElements(ctx context.Context) ([]string, error) {
	text, err := s.store.Meta(ctx, InterpretationElementsKey)
	if err != nil && !isNotFound(err) {
		return nil, err
	}
	return disclosure.ParseElements(text)
}

type interpretationSettingsView struct {
	Page
	Text     string
	Defaults string
	Errors   []string
}

func (s *server) interpretationSettingsForm(w http.ResponseWriter, r *http.Request) error {
	els, err := s.interpretationElements(r.Context())
	if err != nil {
		return err
	}
	v := interpretationSettingsView{Page: s.consolePage(r, "政策解读要素", "/admin/settings/interpretation"),
		Text: strings.Join(els, "\n"), Defaults: strings.Join(disclosure.DefaultInterpretationElements, "、")}
	return s.render(w, r, "console_interpretation_settings", v)
}

func (s *server) interpretationSettingsSave(w http.ResponseWriter, r *http.Request) error {
	text, els, err := readPlatformElements(r.PostFormValue)
	if err != nil {
		v := interpretationSettingsView{Page: s.consolePage(r, "政策解读要素", "/admin/settings/interpretation"),
			Text: text, Defaults: strings.Join(disclosure.DefaultInterpretationElements, "、"), Errors: []string{err.Error()}}
		return s.renderStatus(w, r, "console_interpretation_settings", http.StatusUnprocessableEntity, v)
	}
	if err := s.audited(r, func(r *http.Request) error {
		if err := s.store.SetMeta(r.Context(), InterpretationElementsKey, strings.Join(els, "\n")); err != nil {
			return err
		}
		return s.record(r, principalFrom(r.Context()), "settings.interpretation", 0, "setting:"+InterpretationElementsKey,
			strings.Join(els, "、"))
	}); err != nil {
		return err
	}
	s.notice(r, "政策解读要素已保存。")
	return seeOther(w, r, "/admin/settings/interpretation")
}
