package web

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/body"
	"github.com/gongkai/gongkai/internal/store"
	"github.com/gongkai/gongkai/internal/store/storetest"
)

// testPassword is every test account's password; its argon2id hash is
// computed once because hashing is deliberately slow.
const testPassword = "correct-horse-battery"

var testHash = sync.OnceValue(func() string {
	h, err := auth.HashPassword(testPassword)
	if err != nil {
		panic(err)
	}
	return h
})

// testEnv is a web handler over a real SQLite store in a temp dir, with
// a small body tree: a county (root) with townships A and B, and one
// account per role holding its grant on A (sysadmin: platform-wide).
type testEnv struct {
	t     *testing.T
	st    *store.Store
	srv   *server
	h     http.Handler
	root  body.Body
	a, b  body.Body
	users map[auth.Role]auth.User
	seq   int
}

func openTestStore(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "gongkai.db"), store.Options{})
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// forEachDatabase runs test on a fresh store in every database the
// environment offers: SQLite always, PostgreSQL when
// GONGKAI_TEST_POSTGRES names a server (required under CI=true). The
// scenario tests of the web layer run on both; the rest on SQLite, the
// store's own suite covering both databases method by method.
func forEachDatabase(t *testing.T, test func(t *testing.T, st *store.Store)) {
	for _, tg := range storetest.Targets(t, os.Getenv) {
		t.Run(tg.Name, func(t *testing.T) {
			st, err := store.Open(context.Background(), tg.URL, store.Options{})
			if err != nil {
				t.Fatalf("open store: %v", err)
			}
			t.Cleanup(func() { st.Close() })
			test(t, st)
		})
	}
}

func newTestEnv(t *testing.T) *testEnv {
	t.Helper()
	return newTestEnvOn(t, openTestStore(t), true)
}

// newTestServer builds a server as the tests use it: logging discarded,
// a fixed base URL, and the content generation read on every request —
// tests change the store directly, not through the handler, and must
// not meet the cross-instance staleness bound (pagecache_test.go does).
func newTestServer(t testing.TB, opts Options) *server {
	t.Helper()
	opts.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	opts.BaseURL = "http://example.com"
	srv, err := newServer(opts)
	if err != nil {
		t.Fatalf("web.New: %v", err)
	}
	srv.gen.maxAge = 0
	return srv
}

// newTestEnvOn builds a handler over st; seed adds the fixture data.
func newTestEnvOn(t *testing.T, st *store.Store, seed bool) *testEnv {
	t.Helper()
	srv := newTestServer(t, Options{Store: st, Sessions: st.Sessions()})
	e := &testEnv{t: t, st: st, srv: srv, h: srv.handler(), users: map[auth.Role]auth.User{}}
	if !seed {
		return e
	}
	e.root = e.createBody(body.Body{Name: "江北县人民政府", Kind: body.County, Slug: "jiangbei", Code: "11341702486344515H",
		Contact: body.Contact{Office: "江北县人民政府办公室", Address: "江北县人民路 1 号", Hours: "工作日 8:30–17:30",
			Phone: "0551-12345678", Email: "gk@jiangbei.gov.cn", Postcode: "230001"}})
	e.a = e.createBody(body.Body{ParentID: e.root.ID, Name: "城关镇人民政府", Kind: body.Township, Slug: "chengguan",
		Contact: body.Contact{Office: "城关镇党政办公室", Address: "城关镇解放路 8 号", Phone: "0551-87654321"}})
	e.b = e.createBody(body.Body{ParentID: e.root.ID, Name: "河口镇人民政府", Kind: body.Township, Slug: "hekou"})
	for _, r := range auth.Roles() {
		g := auth.Grant{Role: r, BodyID: e.a.ID}
		if r == auth.RoleSysAdmin {
			g.BodyID = 0
		}
		e.users[r] = e.createUser(string(r), g)
	}
	return e
}

func (e *testEnv) createBody(b body.Body) body.Body {
	e.t.Helper()
	id, err := e.st.CreateBody(context.Background(), b)
	if err != nil {
		e.t.Fatalf("create body: %v", err)
	}
	b.ID = id
	return b
}

func (e *testEnv) createUser(name string, grants ...auth.Grant) auth.User {
	e.t.Helper()
	u := auth.User{Username: name, DisplayName: "测试" + name, PasswordHash: testHash(), Created: time.Now()}
	id, err := e.st.CreateUser(context.Background(), u, grants)
	if err != nil {
		e.t.Fatalf("create user %s: %v", name, err)
	}
	u.ID = id
	return u
}

// unique returns a fresh suffix for names that must not repeat.
func (e *testEnv) unique() string {
	e.seq++
	return strconv.Itoa(e.seq)
}

// request builds a browser-like request: unsafe methods carry a
// same-origin Origin header, as every current browser sends.
func request(method, target string, form url.Values, cookies []*http.Cookie) *http.Request {
	var r *http.Request
	if form != nil {
		r = httptest.NewRequest(method, target, strings.NewReader(form.Encode()))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	} else {
		r = httptest.NewRequest(method, target, nil)
	}
	if method != http.MethodGet && method != http.MethodHead {
		r.Header.Set("Origin", "http://example.com")
		r.Header.Set("Sec-Fetch-Site", "same-origin")
	}
	for _, c := range cookies {
		r.AddCookie(c)
	}
	return r
}

func (e *testEnv) serve(r *http.Request) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	e.h.ServeHTTP(w, r)
	return w
}

// login signs in through the form and returns the session cookie.
func (e *testEnv) login(username string) []*http.Cookie {
	e.t.Helper()
	w := e.serve(request("POST", "/admin/login", url.Values{"username": {username}, "password": {testPassword}}, nil))
	if w.Code != http.StatusSeeOther {
		e.t.Fatalf("login %s: status %d: %s", username, w.Code, w.Body.String())
	}
	return sessionCookies(w)
}

func sessionCookies(w *httptest.ResponseRecorder) []*http.Cookie {
	var out []*http.Cookie
	for _, c := range w.Result().Cookies() {
		if c.Name == sessionCookie {
			out = append(out, c)
		}
	}
	return out
}

// token creates an API token for u directly in the store.
func (e *testEnv) token(u auth.User) (secret string, id int64) {
	e.t.Helper()
	secret, hash, err := auth.NewTokenSecret()
	if err != nil {
		e.t.Fatal(err)
	}
	id, err = e.st.CreateToken(context.Background(), auth.Token{UserID: u.ID, Name: "测试", Hash: hash, Created: time.Now()})
	if err != nil {
		e.t.Fatal(err)
	}
	return secret, id
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// newLocalServer serves the handler on a loopback port for the browser.
func newLocalServer(t *testing.T, e *testEnv) string {
	t.Helper()
	srv := httptest.NewServer(e.h)
	t.Cleanup(srv.Close)
	return srv.URL
}

// uploadRequest posts one file under field "file", as a browser on the
// site would.
func uploadRequest(t *testing.T, target, fileName string, content []byte, cookies []*http.Cookie) *http.Request {
	t.Helper()
	return uploadForm(t, target, nil, fileName, content, cookies)
}

// uploadForm posts form fields and one file under field "file".
func uploadForm(t *testing.T, target string, fields url.Values, fileName string, content []byte, cookies []*http.Cookie) *http.Request {
	t.Helper()
	return multipartPost(t, target, fields, []formFile{{"file", fileName, content}}, cookies)
}

// formFile is one file of a multipart form, under its field name.
type formFile struct {
	field, name string
	data        []byte
}

// multipartPost posts fields and files as a browser on the site would:
// multipart, same origin, with the cookies given.
func multipartPost(t *testing.T, target string, fields url.Values, files []formFile, cookies []*http.Cookie) *http.Request {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, vs := range fields {
		for _, v := range vs {
			if err := mw.WriteField(k, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, f := range files {
		fw, err := mw.CreateFormFile(f.field, f.name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := fw.Write(f.data); err != nil {
			t.Fatal(err)
		}
	}
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	r := httptest.NewRequest("POST", target, &buf)
	r.Header.Set("Content-Type", mw.FormDataContentType())
	r.Header.Set("Origin", "http://example.com")
	r.Header.Set("Sec-Fetch-Site", "same-origin")
	for _, c := range cookies {
		r.AddCookie(c)
	}
	return r
}
