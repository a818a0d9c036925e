package web

import (
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// scenario is one HTTP exchange of a test table: who sends what, and
// what the answer must say and must not say. The last matters most for
// personal data: a page or an answer that one role may read must not
// carry the applicant's identity to another.
type scenario struct {
	name     string
	method   string         // GET when empty
	path     string         // with its query
	session  []*http.Cookie // a console session (e.login); nil for the public
	token    string         // an API token, sent as a Bearer credential
	form     url.Values     // a form body (POST)
	json     string         // a JSON body (API)
	status   int            // the status the answer must have
	contains []string       // must appear in the body
	excludes []string       // must not appear in the body
}

// run sends sc through e's handler, checks status and body, and returns
// the answer for any further checks.
func (e *testEnv) run(t *testing.T, sc scenario) *httptest.ResponseRecorder {
	t.Helper()
	method := sc.method
	if method == "" {
		method = http.MethodGet
	}
	var r *http.Request
	if sc.json != "" {
		// As an API client sends it: no browser headers.
		r = httptest.NewRequest(method, sc.path, strings.NewReader(sc.json))
		r.Header.Set("Content-Type", "application/json")
	} else {
		r = request(method, sc.path, sc.form, sc.session)
	}
	if sc.token != "" {
		r.Header.Set("Authorization", "Bearer "+sc.token)
	}
	w := e.serve(r)
	name := sc.name
	if name == "" {
		name = method + " " + sc.path
	}
	body := w.Body.String()
	if w.Code != sc.status {
		t.Errorf("%s: status %d, want %d\n%.1500s", name, w.Code, sc.status, body)
	}
	for _, s := range sc.contains {
		if !strings.Contains(body, s) {
			t.Errorf("%s: the answer lacks %q", name, s)
		}
	}
	// What must not show is looked for in the text as a reader sees it
	// too: a name written with character references is still shown.
	text := html.UnescapeString(body)
	for _, s := range sc.excludes {
		if strings.Contains(body, s) || strings.Contains(text, s) {
			t.Errorf("%s: the answer shows %q, which it must not", name, s)
		}
	}
	return w
}

// runAll runs a table of scenarios in order (later ones may depend on
// what earlier ones changed).
func (e *testEnv) runAll(t *testing.T, scs []scenario) {
	t.Helper()
	for _, sc := range scs {
		e.run(t, sc)
	}
}
