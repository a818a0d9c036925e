package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/store"
)

// followReceipt posts an application and, when it is filed, follows the
// redirect to the receipt with the session it set, as a browser does;
// a refused form comes back as it is.
func (e *testEnv) followReceipt(r *http.Request) *httptest.ResponseRecorder {
	e.t.Helper()
	w := e.serve(r)
	if w.Code != http.StatusSeeOther {
		return w
	}
	loc := w.Header().Get("Location")
	if !strings.HasPrefix(loc, "/apply/receipt/") {
		e.t.Fatalf("filed application redirects to %q", loc)
	}
	return e.serve(request("GET", loc, nil, sessionCookies(w)))
}

// TestApplyReceipt: filing redirects to the receipt (post/redirect/get),
// which shows the grouped code and secret in the body's frame, again on
// reload, to the filing browser only, with a print view; an identical
// application within a minute is refused with a link to the first, and
// files normally after it; the status page keeps the body's header.
func TestApplyReceipt(t *testing.T) {
	e := newTestEnv(t)
	clk := e.withClock("2026-03-02")
	path := "/b/" + e.a.Slug + "/apply"
	w := e.serve(request("POST", path, applyForm(nil), nil))
	if w.Code != http.StatusSeeOther {
		t.Fatalf("filing: %d, want a redirect", w.Code)
	}
	receipt, cookies := w.Header().Get("Location"), sessionCookies(w)
	code := strings.TrimPrefix(receipt, "/apply/receipt/")
	q, err := e.st.RequestByCode(context.Background(), code)
	if err != nil {
		t.Fatalf("the redirect names no stored request: %v", err)
	}
	for range 2 { // a reload shows the same receipt and files nothing
		w = e.serve(request("GET", receipt, nil, cookies))
		page := w.Body.String()
		if w.Code != http.StatusOK || !strings.Contains(page, groupCode(q.Code)) || secretRE.FindStringSubmatch(page) == nil ||
			!strings.Contains(page, `class="band-name" href="/b/`+e.a.Slug+`/">`+e.a.Name) || !strings.Contains(page, receipt+"?print=1") {
			t.Fatalf("receipt: %d\n%.3000s", w.Code, page)
		}
	}
	if open, _ := e.st.RequestsForBody(context.Background(), e.a.ID, store.RequestFilter{}); len(open) != 1 {
		t.Errorf("%d requests stored, want 1", len(open))
	}
	if w := e.serve(request("GET", receipt, nil, nil)); w.Code != http.StatusNotFound {
		t.Errorf("another browser sees the receipt: %d", w.Code)
	}
	if w := e.serve(request("GET", receipt+"?print=1", nil, cookies)); !strings.Contains(w.Body.String(), `media="all"`) {
		t.Errorf("the print view does not print")
	}

	// The same application again, 30 seconds later, from the same browser.
	clk.advance(30 * time.Second)
	r := request("POST", path, applyForm(nil), cookies)
	w = e.serve(r)
	if w.Code != http.StatusConflict || !strings.Contains(w.Body.String(), `href="`+receipt+`"`) ||
		!strings.Contains(w.Body.String(), groupCode(q.Code)) {
		t.Errorf("duplicate: %d\n%.2000s", w.Code, w.Body.String())
	}
	// From another browser it links to the status page instead.
	if w := e.serve(request("POST", path, applyForm(nil), nil)); w.Code != http.StatusConflict ||
		!strings.Contains(w.Body.String(), `href="/apply/status?b=`+e.a.Slug+`"`) {
		t.Errorf("duplicate from elsewhere: %d", w.Code)
	}
	// Something else sought is a new application; so is the same one a
	// minute later.
	if w := e.serve(request("POST", path, applyForm(url.Values{"sought": {"2025年村道养护资金使用情况"}}), nil)); w.Code != http.StatusSeeOther {
		t.Errorf("a different application: %d", w.Code)
	}
	clk.advance(31 * time.Second)
	if w := e.serve(request("POST", path, applyForm(nil), nil)); w.Code != http.StatusSeeOther {
		t.Errorf("the same application after a minute: %d", w.Code)
	}

	// The status page keeps the body's header: from the receipt's link,
	// and on the answer to a lookup made without it.
	if _, page := e.get(t, "/apply/status?b="+e.a.Slug, nil); !strings.Contains(page, `class="band-name" href="/b/`+e.a.Slug+`/">`) ||
		!strings.Contains(page, `name="b" value="`+e.a.Slug+`"`) {
		t.Errorf("status form without the body's header")
	}
}

// TestTrackingCodes: codes and secrets have none of the characters that
// look alike (0/O, 1/I/L), read in groups of four, and are accepted with
// or without dashes and spaces, in any case; codes drawn before keep
// working.
func TestTrackingCodes(t *testing.T) {
	for range 500 {
		for _, c := range []string{newTrackingCode(), newRequestSecret()} {
			if strings.ContainsAny(c, "0O1IL") || strings.Trim(c, codeAlphabet) != "" {
				t.Fatalf("code %q has a look-alike character", c)
			}
		}
	}
	if g := groupCode("7KQ4M9XTABCD"); g != "7KQ4-M9XT-ABCD" {
		t.Errorf("groupCode = %q", g)
	}
	e := newTestEnv(t)
	e.withClock("2026-03-02")
	w := e.serve(request("POST", "/b/"+e.a.Slug+"/apply", applyForm(nil), nil))
	page := e.serve(request("GET", w.Header().Get("Location"), nil, sessionCookies(w))).Body.String()
	code, secret := codeRE.FindStringSubmatch(page), secretRE.FindStringSubmatch(page)
	if code == nil || secret == nil {
		t.Fatalf("receipt without grouped code and secret:\n%.2000s", page)
	}
	old := e.storedRequest(t, e.a.ID, "110101199003070011", "2026-03-02") // code S000…, secret "secret"
	for _, tc := range []struct{ code, secret string }{
		{code[1], secret[1]},
		{strings.ToLower(strings.ReplaceAll(code[1], "-", " ")), strings.ReplaceAll(secret[1], "-", "")},
		{" " + strings.ReplaceAll(code[1], "-", "") + " ", strings.ToLower(secret[1])},
		{strings.ToLower(old.Code), "secret"},
	} {
		w := e.serve(request("POST", "/apply/status", url.Values{"code": {tc.code}, "secret": {tc.secret}}, nil))
		if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), `id="result-title"`) {
			t.Errorf("lookup %q / %q: %d", tc.code, tc.secret, w.Code)
		}
	}
}

// advance moves the clock on by d.
func (c *testClock) advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}
