package web

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
)

// handle is the one place an error becomes a response: a page for
// people, JSON under /api/. The public message comes from *Error; any
// other error is a 500 whose cause is logged with the request id.
func (s *server) handle(h handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r); err != nil {
			s.renderError(w, r, err)
		}
	})
}

func (s *server) renderError(w http.ResponseWriter, r *http.Request, err error) {
	e := publicError(err)
	id := requestID(r.Context())
	if e.Status >= 500 {
		s.log.ErrorContext(r.Context(), "request failed", "request_id", id,
			"method", r.Method, "path", r.URL.Path, "err", err)
	} else if e.Cause != nil {
		s.log.InfoContext(r.Context(), "request refused", "request_id", id,
			"status", e.Status, "err", err)
	}
	if e.Status == http.StatusServiceUnavailable {
		// Busy or out of time (slots.go, search_slots.go): worth a retry.
		w.Header().Set("Retry-After", "5")
	}
	if isAPIPath(r.URL.Path) {
		if e.Status == http.StatusUnauthorized {
			w.Header().Set("WWW-Authenticate", `Bearer realm="gongkai"`)
		}
		writeJSON(w, e.Status, apiErrorBody{Error: apiError{Code: e.Code, Message: e.Message, RequestID: id}})
		return
	}
	// A validator set before the handler failed (answerFromGeneration)
	// names the page, not this error.
	w.Header().Del("ETag")
	w.Header().Del("Last-Modified")
	w.Header().Set("Cache-Control", "no-store")
	v := errorView{Page: Page{Title: "出错了"}, Status: e.Status, Message: e.Message, RequestID: id}
	if rerr := s.renderStatus(w, r, "error", e.Status, v); rerr != nil {
		// The error page itself failed: fall back to plain text.
		s.log.ErrorContext(r.Context(), "error page failed", "request_id", id, "err", rerr)
		http.Error(w, e.Message, e.Status)
	}
}

func isAPIPath(p string) bool { return strings.HasPrefix(p, "/api/") }

type apiErrorBody struct {
	Error apiError `json:"error"`
}

type apiError struct {
	Code      string `json:"code"`
	Message   string `json:"message"`
	RequestID string `json:"request_id,omitempty"`
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	// An encoding failure here means the client has gone away; the
	// status is already sent, so there is nobody left to tell.
	_ = enc.Encode(v)
}

// decodeJSON reads a request body into v, refusing unknown fields so a
// misspelt field is an error rather than silently ignored.
func decodeJSON(r *http.Request, v any) error {
	if ct := r.Header.Get("Content-Type"); ct != "" && !strings.HasPrefix(ct, "application/json") {
		return &Error{Status: http.StatusUnsupportedMediaType, Code: "unsupported_media_type",
			Message: "请求体必须是 JSON（Content-Type: application/json）。"}
	}
	data, err := io.ReadAll(http.MaxBytesReader(nil, r.Body, 1<<20))
	if err != nil {
		return &Error{Status: http.StatusBadRequest, Code: "bad_json", Message: "请求体无法读取或超过 1 MB。", Cause: err}
	}
	if err := checkJSONText(data); err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return &Error{Status: http.StatusBadRequest, Code: "bad_json", Message: "请求体不是有效的 JSON，或包含未知字段。", Cause: err}
	}
	return nil
}
