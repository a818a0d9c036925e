package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestLocalReturn: the 关怀版 switch goes back only to a path on this
// site; anything that a browser could read as another site goes home.
func TestLocalReturn(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"/b/wucheng/", "/b/wucheng/"},
		{"/b/wucheng/search?q=%E5%B9%B4%E6%8A%A5&page=2", "/b/wucheng/search?q=%E5%B9%B4%E6%8A%A5&page=2"},
		{"/", "/"},
		{"", "/"},
		{"//evil.example/", "/"},
		{"/\\evil.example/", "/"},
		{"\\\\evil.example", "/"},
		{"https://evil.example/", "/"},
		{"javascript:alert(1)", "/"},
		{"b/wucheng/", "/"},
		{"/b/\r\nSet-Cookie: x=1", "/"},
		{"/\tevil", "/"},
		{"/%zz", "/"},
	} {
		if got := localReturn(tc.in); got != tc.want {
			t.Errorf("localReturn(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// FuzzLocalReturn: whatever comes in, what goes out is a path on this
// site — one slash, then no second slash or backslash — so no browser
// leaves the site following it.
func FuzzLocalReturn(f *testing.F) {
	for _, s := range []string{"/b/x/", "//x", "/\\x", "http://x", "/%2F%2Fx", "/a?b=//c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out := localReturn(in)
		u, err := url.Parse(out)
		if err != nil || u.Scheme != "" || u.Host != "" || !strings.HasPrefix(out, "/") ||
			strings.HasPrefix(out, "//") || strings.ContainsAny(out, "\\\r\n\t\x00") {
			t.Fatalf("localReturn(%q) = %q leaves the site", in, out)
		}
	})
}

// TestCareMode: the 关怀版 link sets a cookie and comes back to the
// page (303, never to another site); every page then loads the 关怀版
// stylesheet and offers the way back; the page cache keeps the two
// versions apart in both directions, and both carry Vary: Cookie.
func TestCareMode(t *testing.T) {
	e := newTestEnv(t)
	page := e.publishedPage()
	care := []*http.Cookie{{Name: displayCookie, Value: displayCare}}
	fetch := func(path string, cookies []*http.Cookie) (string, http.Header) {
		t.Helper()
		w := e.serve(request("GET", path, nil, cookies))
		if w.Code != http.StatusOK {
			t.Fatalf("GET %s: %d", path, w.Code)
		}
		return w.Body.String(), w.Header()
	}
	isCare := func(body string) bool { return strings.Contains(body, "/static/care.css") }

	// The switch: a link (GET) and a form (POST), back to the page.
	for _, method := range []string{"GET", "POST"} {
		var r *http.Request
		if method == "GET" {
			r = request("GET", "/display?mode=care&return="+url.QueryEscape(page+"?page=1"), nil, nil)
		} else {
			r = request("POST", "/display", url.Values{"mode": {"care"}, "return": {page}}, nil)
		}
		w := e.serve(r)
		c := w.Result().Cookies()
		if w.Code != http.StatusSeeOther || !strings.HasPrefix(w.Header().Get("Location"), page) ||
			len(c) != 1 || c[0].Name != displayCookie || c[0].Value != displayCare || !c[0].HttpOnly || c[0].MaxAge <= 0 {
			t.Errorf("%s /display: %d to %q, cookies %v", method, w.Code, w.Header().Get("Location"), c)
		}
	}
	for _, evil := range []string{"//evil.example/", "https://evil.example/", "/\\evil.example"} {
		w := e.serve(request("GET", "/display?mode=care&return="+url.QueryEscape(evil), nil, nil))
		if loc := w.Header().Get("Location"); w.Code != http.StatusSeeOther || loc != "/" {
			t.Errorf("return=%s: %d to %q", evil, w.Code, loc)
		}
	}
	w := e.serve(request("GET", "/display?mode=standard&return=/b/", nil, care))
	if c := w.Result().Cookies(); w.Code != http.StatusSeeOther || len(c) != 1 || c[0].MaxAge >= 0 {
		t.Errorf("back to the standard version: %d, cookies %v", w.Code, c)
	}
	if w := e.serve(request("GET", "/display?mode=neon", nil, nil)); w.Code != http.StatusBadRequest {
		t.Errorf("an unknown mode: %d", w.Code)
	}

	// The cache, both ways round: standard first, then 关怀版 first.
	for _, tc := range []struct {
		path  string
		first []*http.Cookie
	}{{page, nil}, {"/b/" + e.a.Slug + "/", care}, {"/accessibility", nil}, {"/sitemap", care}} {
		second := care
		if tc.first != nil {
			second = nil
		}
		for i, cookies := range [][]*http.Cookie{tc.first, second, tc.first, second} {
			body, h := fetch(tc.path, cookies)
			if want := cookies != nil; isCare(body) != want {
				t.Errorf("%s, request %d: 关怀版 %v, want %v", tc.path, i, isCare(body), want)
			}
			if !strings.Contains(h.Get("Vary"), "Cookie") {
				t.Errorf("%s, request %d: Vary %q", tc.path, i, h.Get("Vary"))
			}
		}
	}
	body, _ := fetch(page, care)
	for _, want := range []string{`class="is-portal is-care"`, "当前为关怀版", `href="/display?mode=standard&amp;return=` + strings.ToLower(url.QueryEscape(page)) + `"`} {
		if !strings.Contains(body, want) {
			t.Errorf("a 关怀版 page lacks %s: %s", want, between(body, "display-bar", "</nav>"))
		}
	}
	body, _ = fetch(page, nil)
	for _, want := range []string{`href="/display?mode=care&amp;return=` + strings.ToLower(url.QueryEscape(page)) + `"`, `<a href="/accessibility">无障碍</a>`} {
		if !strings.Contains(body, want) {
			t.Errorf("a standard page lacks %s", want)
		}
	}
	// A console page honours the choice too.
	w = e.serve(request("GET", "/admin/login", nil, care))
	if !isCare(w.Body.String()) {
		t.Errorf("the login page ignores the 关怀版")
	}
}
