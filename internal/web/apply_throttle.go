package web

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// The public ways of filing (the /apply form and POST /api/v1/requests)
// share one limit per client address and one per applicant identity
// (the 证件号码), each filingLimit per fileWindow: a burst from one
// address, or one applicant spread over many addresses, is refused with
// 429 before anything is stored. Attachments count against a daily byte
// budget per address (uploadBudget), checked against the declared
// length before the body is read, so an address over budget uploads
// nothing.
const (
	defaultUploadBudget = 100 << 20
	uploadBudgetWindow  = 24 * time.Hour
)

func filingAddrKey(addr string) string { return "apply:" + addr }

func filingIDKey(idNumber string) string {
	return "apply-id:" + strings.ToUpper(strings.TrimSpace(idNumber))
}

func uploadBudgetKey(addr string) string { return "upload:" + addr }

var errFilingThrottled = &Error{Status: http.StatusTooManyRequests, Code: "too_many_requests", Message: "提交过于频繁，请稍后再试。"}

// filingThrottled refuses an address (and, once the form is read, an
// identity) that has filed filingLimit applications within fileWindow.
func (s *server) filingThrottled(ctx context.Context, keys ...string) error {
	for _, k := range keys {
		n, err := s.store.ThrottleEvents(ctx, k, s.now().Add(-fileWindow))
		if err != nil {
			return err
		}
		if n >= s.filingLimit {
			return errFilingThrottled
		}
	}
	return nil
}

// recordFiling counts an accepted application against its address and
// identity.
func (s *server) recordFiling(ctx context.Context, addr, idNumber string) error {
	if err := s.store.RecordThrottleEvent(ctx, filingAddrKey(addr), s.now()); err != nil {
		return err
	}
	if strings.TrimSpace(idNumber) == "" {
		return nil
	}
	return s.store.RecordThrottleEvent(ctx, filingIDKey(idNumber), s.now())
}

// uploadBudgetRefused refuses an upload (a multipart post) whose
// declared length would take the address past its daily budget; a
// post without files is never refused for it.
func (s *server) uploadBudgetRefused(r *http.Request) error {
	if !strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/") {
		return nil
	}
	used, err := s.store.UploadBytes(r.Context(), uploadBudgetKey(s.clientAddr(r)), s.now().Add(-uploadBudgetWindow))
	if err != nil {
		return err
	}
	if used+max(r.ContentLength, 0) > s.uploadBudget {
		return &Error{Status: http.StatusTooManyRequests, Code: "upload_budget",
			Message: "本地址今日上传的附件已达上限（" + strconv.FormatInt(s.uploadBudget>>20, 10) + " MB），请明天再提交，或减少附件后重试。"}
	}
	return nil
}

// recordUploadBytes counts the attachments just accepted.
func (s *server) recordUploadBytes(r *http.Request, n int64) error {
	if n == 0 {
		return nil
	}
	return s.store.RecordUploadBytes(r.Context(), uploadBudgetKey(s.clientAddr(r)), s.now(), n)
}
