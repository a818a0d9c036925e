package web

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"
)

// Text at the edge. Every text a person or client sends must be valid
// UTF-8 without NUL bytes before it reaches a handler: PostgreSQL
// refuses NUL in text columns (an insert would fail with a 500) and
// invalid UTF-8 shows as garbage on every page it reaches. Query
// strings and URL-encoded bodies are checked for every route here
// (textEdge); multipart forms where they are parsed (checkMultipartText)
// and JSON where it is decoded (decodeJSON, checkJSONText).

var errBadText = &Error{Status: http.StatusBadRequest, Code: "invalid_text",
	Message: "提交的内容含有无效字符（空字符或不是 UTF-8 编码的文字），请删除后重新提交。"}

// cleanText reports whether s is valid UTF-8 without NUL.
func cleanText(s string) bool {
	return utf8.ValidString(s) && strings.IndexByte(s, 0) < 0
}

func cleanValues(v url.Values) bool {
	for k, vs := range v {
		if !cleanText(k) {
			return false
		}
		for _, x := range vs {
			if !cleanText(x) {
				return false
			}
		}
	}
	return true
}

// textEdge refuses a request whose query or URL-encoded body carries
// NUL or invalid UTF-8. Parsing the body here is what the handler's
// ParseForm would do (same 10 MB bound); it then finds it parsed.
func (s *server) textEdge(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.RawQuery != "" {
			if q, err := url.ParseQuery(r.URL.RawQuery); err == nil && !cleanValues(q) {
				s.renderError(w, r, errBadText)
				return
			}
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead &&
			strings.HasPrefix(r.Header.Get("Content-Type"), "application/x-www-form-urlencoded") {
			if err := r.ParseForm(); err == nil && !cleanValues(r.PostForm) {
				s.renderError(w, r, errBadText)
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

// checkMultipartText checks the fields and file names of a parsed
// multipart form.
func checkMultipartText(f *multipart.Form) error {
	if f == nil {
		return nil
	}
	if !cleanValues(f.Value) {
		return errBadText
	}
	for _, fhs := range f.File {
		for _, fh := range fhs {
			if !cleanText(fh.Filename) {
				return errBadText
			}
		}
	}
	return nil
}

// checkJSONText refuses a JSON body with invalid UTF-8 (which the
// decoder would silently turn into U+FFFD) or an escaped NUL.
func checkJSONText(body []byte) error {
	if !utf8.Valid(body) || bytes.Contains(body, []byte(`\u0000`)) {
		return errBadText
	}
	return nil
}
