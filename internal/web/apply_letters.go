package web

import (
	"context"
	"net/http"

	rq "github.com/gongkai/gongkai/internal/request"
)

// The applicant's letters: the status page, reached with code and secret,
// lists every letter addressed to the applicant (the answer and the
// notices, not a consultation's letter to a third party) with a form to
// download each as a web page or a Word document. The form proves the
// lookup with a signed token, as the online 补正 form does
// (apply_supplement.go): never the secret echoed into the page, void
// after supplementTokenTTL, and a forged or stale one counts as a failed
// lookup in the same per-address throttle.

const lettersTokenPurpose = "letters"

// statusLetters is the letters section of the status page.
type statusLetters struct {
	Code  string
	Token string
	Items []statusLetterItem
}

type statusLetterItem struct {
	EventID int64
	Title   string
	Date    string
}

// statusLettersFor lists q's letters to the applicant, whose lookup has
// just proved the code and secret; nil when there are none.
func (s *server) statusLettersFor(ctx context.Context, q rq.Request) (*statusLetters, error) {
	letters, err := s.requestLettersOf(ctx, q)
	if err != nil {
		return nil, err
	}
	var items []statusLetterItem
	for _, l := range letters {
		if l.ToApplicant && l.Problem == "" {
			items = append(items, statusLetterItem{EventID: l.EventID, Title: l.Title, Date: chineseDay(l.Date)})
		}
	}
	if len(items) == 0 {
		return nil, nil
	}
	token, err := s.statusToken(ctx, lettersTokenPurpose, q, 0)
	if err != nil {
		return nil, err
	}
	return &statusLetters{Code: q.Code, Token: token, Items: items}, nil
}

var errLetterProof = &Error{Status: http.StatusForbidden, Code: "invalid_token",
	Message: "页面已过期或无效：请重新输入申请编号和查询密码查询后再下载文书。"}

// statusLetter sends one of the applicant's letters: POST
// /apply/status/letter with code, token, event and format (html|docx).
func (s *server) statusLetter(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if err := s.statusThrottled(r); err != nil {
		return err
	}
	code := normalizeCode(r.PostFormValue("code"))
	q, err := s.store.RequestByCode(ctx, code)
	if err != nil && !isNotFound(err) {
		return err
	}
	// Checked whether or not the code named a request: the same work
	// either way.
	valid, err := s.statusTokenValid(ctx, lettersTokenPurpose, q, 0, r.PostFormValue("token"))
	if err != nil {
		return err
	}
	if !valid || q.ID == 0 || code == "" {
		if err := s.store.RecordThrottleEvent(ctx, s.statusThrottleKey(r), s.now()); err != nil {
			return err
		}
		return errLetterProof
	}
	letters, err := s.requestLettersOf(ctx, q)
	if err != nil {
		return err
	}
	l, err := letterByEvent(letters, r.PostFormValue("event"))
	if err != nil {
		return err
	}
	if !l.ToApplicant {
		return errNotFound()
	}
	if f := r.PostFormValue("format"); f != "html" && f != "docx" {
		return errBadRequest("未知的文书格式。")
	}
	return writeLetter(w, l, q.Code, r.PostFormValue("format") == "docx", true)
}
