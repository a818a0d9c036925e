package web

import (
	"database/sql"
	"errors"
	"fmt"
	"net/http"

	"github.com/gongkai/gongkai/internal/store"
)

// Error is an error with what the client may see: an HTTP status, a
// stable code for API clients and a public Chinese message. The cause,
// if any, is only logged.
type Error struct {
	Status  int
	Code    string
	Message string
	Cause   error
}

func (e *Error) Error() string {
	if e.Cause != nil {
		return fmt.Sprintf("%s: %s: %v", e.Code, e.Message, e.Cause)
	}
	return e.Code + ": " + e.Message
}

func (e *Error) Unwrap() error { return e.Cause }

func errBadRequest(msg string) *Error {
	return &Error{Status: http.StatusBadRequest, Code: "bad_request", Message: msg}
}

func errNotFound() *Error {
	return &Error{Status: http.StatusNotFound, Code: "not_found", Message: "您访问的页面或资源不存在。"}
}

func errForbidden() *Error {
	return &Error{Status: http.StatusForbidden, Code: "forbidden", Message: "您没有权限执行此操作。"}
}

func errUnauthorized() *Error {
	return &Error{Status: http.StatusUnauthorized, Code: "unauthorized", Message: "请先登录或提供有效的访问令牌。"}
}

func errMethodNotAllowed() *Error {
	return &Error{Status: http.StatusMethodNotAllowed, Code: "method_not_allowed", Message: "不支持该请求方法。"}
}

func errTooManyAttempts() *Error {
	return &Error{Status: http.StatusTooManyRequests, Code: "too_many_attempts",
		Message: "登录失败次数过多，请 15 分钟后再试。"}
}

func errCrossOrigin(cause error) *Error {
	return &Error{Status: http.StatusForbidden, Code: "cross_origin",
		Message: "请求来源无法验证，已被拒绝。请从本站页面重新提交。", Cause: cause}
}

// errInvalid is a validation failure of one field, shown to the user.
func errInvalid(msg string) *Error {
	return &Error{Status: http.StatusUnprocessableEntity, Code: "invalid", Message: msg}
}

// isNotFound recognises a missing row: the store wraps store.ErrNotFound
// (every store method does), never returning a zero value with nil.
func isNotFound(err error) bool {
	return errors.Is(err, store.ErrNotFound) || errors.Is(err, sql.ErrNoRows)
}

// notFoundOr turns a store's not-found into a 404 and keeps any other
// error as it is (a 500 once rendered).
func notFoundOr(err error) error {
	if isNotFound(err) {
		return errNotFound()
	}
	return err
}

// publicError is what the renderer needs from any error: an *Error as
// is, anything else as a generic 500.
func publicError(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return &Error{Status: http.StatusInternalServerError, Code: "internal",
		Message: "服务器内部错误，请稍后再试。", Cause: err}
}
