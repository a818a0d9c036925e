package web

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/gongkai/gongkai/internal/body"
)

// The 关怀版 (larger type, higher contrast, wider line spacing, for older
// readers and people with low vision) is a second stylesheet chosen by a
// cookie, so it works without script: a link sets it through
// /display and comes back to the page it was followed from. The cookie
// is a preference, not a session: the page cache keys on it (cacheSlot),
// so a cached standard page is never served to a 关怀版 reader.
const (
	displayCookie = "gongkai_display"
	displayCare   = "care"
)

// careMode reports whether the reader chose the 关怀版.
func careMode(r *http.Request) bool {
	c, err := r.Cookie(displayCookie)
	return err == nil && c.Value == displayCare
}

// displayMode sets or clears the 关怀版 cookie and sends the reader back
// (post/redirect/get; a plain link is a GET). Only a path on this site
// is followed back: anything else goes to the front page, so the
// endpoint cannot be used to send people elsewhere.
func (s *server) displayMode(w http.ResponseWriter, r *http.Request) error {
	c := &http.Cookie{Name: displayCookie, Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode,
		Secure: s.sessions.Cookie.Secure}
	switch r.FormValue("mode") {
	case displayCare:
		c.Value, c.MaxAge = displayCare, 365*24*60*60
	case "standard":
		c.MaxAge = -1
	default:
		return errBadRequest("显示方式只能是关怀版（mode=care）或标准版（mode=standard）。")
	}
	http.SetCookie(w, c)
	w.Header().Set("Cache-Control", "no-store")
	return seeOther(w, r, localReturn(r.FormValue("return")))
}

// localReturn is p when it is a path on this site ("/b/wucheng/?page=2"),
// otherwise "/". Refused: absolute and scheme-relative addresses
// ("//evil.example", "/\evil.example", which browsers read as
// "//"), anything with a scheme, host or control character.
func localReturn(p string) string {
	if len(p) == 0 || len(p) > 2000 || p[0] != '/' || strings.HasPrefix(p, "//") ||
		strings.ContainsAny(p, "\\\x00\r\n\t") {
		return "/"
	}
	u, err := url.Parse(p)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || u.Opaque != "" ||
		!strings.HasPrefix(u.Path, "/") || strings.HasPrefix(u.Path, "//") {
		return "/"
	}
	return p
}

// accessibilityView is the 无障碍 page: what the site does so everyone
// can read it, how to switch to the 关怀版, and whom to tell when
// something is in the way.
type accessibilityView struct {
	Page
	Site body.Site
	// Care: the reader chose the 关怀版; the page's button switches back.
	Care bool
}

func (s *server) accessibilityPage(w http.ResponseWriter, r *http.Request) error {
	chrome, err := s.platformChrome(r.Context())
	if err != nil {
		return err
	}
	return s.render(w, r, "portal_accessibility", accessibilityView{Page: Page{Title: "无障碍说明", Portal: chrome}, Site: chrome.Site,
		Care: careMode(r)})
}
