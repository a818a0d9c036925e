package web

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	mrand "math/rand/v2"
	"net/http"
	"time"

	"github.com/gongkai/gongkai/internal/interact"
)

// challengeSecretKey is the meta key of the HMAC secret of the public
// forms' challenge (see interact.NewChallenge for why it is enough).
const challengeSecretKey = "interact.challenge_secret"

// Public interaction forms are throttled per client address through the
// shared throttle table: every attempt counts, right or wrong, so the
// 21 possible answers of a challenge cannot be tried one by one.
const (
	interactWindow = time.Hour
	interactLimit  = 10
)

// challengeSecret is the key of the challenges (see metaSecret).
func (s *server) challengeSecret(r *http.Request) ([]byte, error) {
	return s.metaSecret(r.Context(), challengeSecretKey)
}

// metaSecret reads a server key kept in meta (so every instance shares
// it), creating it on first use; the read comes first so that showing a
// form costs no write, and EnsureMeta keeps the first of two instances
// creating it at once.
func (s *server) metaSecret(ctx context.Context, key string) ([]byte, error) {
	v, err := s.store.Meta(ctx, key)
	if err == nil {
		return []byte(v), nil
	}
	if !isNotFound(err) {
		return nil, err
	}
	b := make([]byte, 32)
	_, _ = rand.Read(b) // crypto/rand.Read never fails
	v, err = s.store.EnsureMeta(ctx, key, hex.EncodeToString(b))
	if err != nil {
		return nil, err
	}
	return []byte(v), nil
}

// newChallenge draws a fresh question for a form.
func (s *server) newChallenge(r *http.Request) (interact.Challenge, error) {
	secret, err := s.challengeSecret(r)
	if err != nil {
		return interact.Challenge{}, err
	}
	var seed [32]byte
	_, _ = rand.Read(seed[:])
	return interact.NewChallenge(secret, s.now(), mrand.New(mrand.NewChaCha8(seed))), nil
}

// interactAttempt counts a submission of a public interaction form from
// this client and refuses it with 429 beyond the limit.
func (s *server) interactAttempt(r *http.Request) error {
	ctx := r.Context()
	key := "interact:" + s.clientAddr(r)
	n, err := s.store.ThrottleEvents(ctx, key, s.now().Add(-interactWindow))
	if err != nil {
		return err
	}
	if n >= interactLimit {
		return &Error{Status: http.StatusTooManyRequests, Code: "too_many_requests",
			Message: "提交过于频繁，请一小时后再试。"}
	}
	return s.store.RecordThrottleEvent(ctx, key, s.now())
}

// checkChallenge adds a field error when the form's answer is wrong,
// expired or forged.
func (s *server) checkChallenge(r *http.Request, fe fieldErrors) error {
	secret, err := s.challengeSecret(r)
	if err != nil {
		return err
	}
	err = interact.VerifyChallenge(secret, r.PostFormValue("challenge_token"), r.PostFormValue("challenge"), s.now())
	if errors.Is(err, interact.ErrChallenge) {
		fe.add("challenge", "验证问题回答不正确或已过期，请回答新的验证问题。")
		return nil
	}
	return err
}
