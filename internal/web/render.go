package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"time"

	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/body"
	"github.com/gongkai/gongkai/internal/workday"
)

//go:embed templates/*.html
var templateFS embed.FS

// chinaTime is Beijing time, the one definition in workday (a short
// name for the many dates the pages format).
var chinaTime = workday.China

func templateFuncs() template.FuncMap {
	return template.FuncMap{
		"date": func(t any) string {
			switch v := t.(type) {
			case time.Time:
				if v.IsZero() {
					return ""
				}
				return v.In(chinaTime).Format("2006-01-02")
			case *time.Time:
				if v == nil || v.IsZero() {
					return ""
				}
				return v.In(chinaTime).Format("2006-01-02")
			}
			return ""
		},
		"datetime": func(t time.Time) string {
			if t.IsZero() {
				return ""
			}
			return t.In(chinaTime).Format("2006-01-02 15:04:05")
		},
		"roleName":        auth.RoleName,
		"policeRecordURL": policeRecordURL,
		"conacURL":        conacURL,
		// errorField is the field an error summary item links to: "" for
		// a message that is not about one field.
		"errorField": func(v any) string {
			if e, ok := v.(fieldError); ok {
				return e.Field
			}
			return ""
		},
		"kindName": body.KindName,
		"orEmpty": func(s string) string {
			if strings.TrimSpace(s) == "" {
				return "暂未公布"
			}
			return s
		},
	}
}

// parsePages parses every page together with the layout, once, so a
// template error stops New instead of failing a visitor's request.
func parsePages(st *staticFiles) (map[string]*template.Template, error) {
	funcs := templateFuncs()
	funcs["static"] = st.url
	base, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFS, "templates/layout.html")
	if err != nil {
		return nil, fmt.Errorf("web: layout template: %w", err)
	}
	files, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return nil, err
	}
	pages := make(map[string]*template.Template)
	for _, f := range files {
		name := strings.TrimSuffix(path.Base(f), ".html")
		if name == "layout" {
			continue
		}
		t, err := template.Must(base.Clone()).ParseFS(templateFS, f)
		if err != nil {
			return nil, fmt.Errorf("web: template %s: %w", name, err)
		}
		pages[name] = t
	}
	return pages, nil
}

// render writes a page with status 200. Console pages are never cached;
// portal pages get an ETag so browsers and proxies can revalidate cheaply.
func (s *server) render(w http.ResponseWriter, r *http.Request, name string, v any) error {
	return s.renderStatus(w, r, name, http.StatusOK, v)
}

func (s *server) renderStatus(w http.ResponseWriter, r *http.Request, name string, status int, v any) error {
	t, ok := s.pages[name]
	if !ok {
		return fmt.Errorf("web: no template %q", name)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout.html", frameOf(v, r)); err != nil {
		return fmt.Errorf("web: executing %s: %w", name, err)
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	if status == http.StatusOK && strings.HasPrefix(name, "portal_") {
		// A handler that validates by the content generation has set
		// the ETag already (answerFromGeneration); others get the
		// content's hash.
		etag := h.Get("ETag")
		if etag == "" {
			sum := sha256.Sum256(buf.Bytes())
			etag = `"` + hex.EncodeToString(sum[:12]) + `"`
			h.Set("ETag", etag)
		}
		h.Set("Cache-Control", "no-cache")
		if etagMatches(r.Header.Get("If-None-Match"), etag) {
			w.WriteHeader(http.StatusNotModified)
			return nil
		}
	} else if h.Get("Cache-Control") == "" {
		h.Set("Cache-Control", "no-store")
	}
	w.WriteHeader(status)
	_, err := w.Write(buf.Bytes())
	if err != nil {
		// The client left mid-response; the status is sent, nothing to render.
		s.log.DebugContext(r.Context(), "writing page", "request_id", requestID(r.Context()), "err", err)
	}
	return nil
}

// frame is what the layout is executed with: the handler's view, and
// what the renderer reads from the request for every page — whether the
// reader chose the 关怀版, and the page's address, to which the switch
// between versions returns. The layout reads the view's fields inside
// {{with .View}}, the frame's as $.Care and $.Here; a page's own
// template gets the view alone.
type frame struct {
	View any
	Care bool
	Here string
}

func frameOf(v any, r *http.Request) frame {
	return frame{View: v, Care: careMode(r), Here: r.URL.RequestURI()}
}

// Page is what the layout needs from every view model.
type Page struct {
	Title   string
	Portal  *portalChrome
	Console *consoleChrome
	Notice  string // a one-time confirmation shown at the top of main
	// Feed is the Atom feed of the page's column, linked from the head.
	Feed string
	// PrintView renders the page for paper: the print stylesheet for
	// every medium (?print=1 or …/print).
	PrintView bool
	// Refresh reloads the page after this many seconds (a job's progress,
	// followed without script); 0 for never.
	Refresh int
}

type navItem struct {
	Name    string
	URL     string
	Current bool
	// Count is the work waiting behind the entry (console only); 0 shows
	// nothing. CountLabel names it for screen readers, e.g. 项待办.
	Count      int
	CountLabel string
}

// portalChrome is the government-site frame: the header band with the
// body's name, the 政府信息公开 column navigation and the contact footer.
type portalChrome struct {
	Body    body.Body
	Home    string
	Nav     []navItem
	Bodies  []body.Body // non-empty on a multi-body site: the switcher
	Current string      // current body slug, preselected in the switcher
	Site    body.Site   // the site's identity, shown at the foot of every page
}

// consoleChrome frames the staff console: who is signed in and what
// they may open.
type consoleChrome struct {
	User auth.User
	Nav  []navItem
}

type errorView struct {
	Page
	Status    int
	Message   string
	RequestID string
}
