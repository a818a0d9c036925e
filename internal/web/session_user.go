package web

import (
	"context"
	"time"

	"github.com/gongkai/gongkai/internal/auth"
)

// Session keys beside sessionUserKey. sessionEpochKey is the account's
// session epoch at sign-in: a password change moves the epoch on, and
// every session holding an older one is ended at its next request (on
// any instance, since the epoch lives in the users row).
// sessionPasswordAtKey is when the password was last typed in this
// session (sign-in, change or re-entry), for actions that need a fresh
// proof such as minting an API token.
const (
	sessionEpochKey      = "epoch"
	sessionPasswordAtKey = "pw_at"
)

// recentPassword is how long a typed password counts as fresh.
const recentPassword = 10 * time.Minute

// startSession binds the (already renewed) session to u, as of now.
func (s *server) startSession(ctx context.Context, u auth.User) {
	s.sessions.Put(ctx, sessionUserKey, u.ID)
	s.sessions.Put(ctx, sessionEpochKey, u.SessionEpoch)
	s.passwordEntered(ctx)
}

// passwordEntered notes that the password was just typed and checked.
func (s *server) passwordEntered(ctx context.Context) {
	s.sessions.Put(ctx, sessionPasswordAtKey, s.now().Unix())
}

// passwordFresh reports whether the password was typed in this session
// within recentPassword.
func (s *server) passwordFresh(ctx context.Context) bool {
	at := s.sessions.GetInt64(ctx, sessionPasswordAtKey)
	return at != 0 && s.now().Sub(time.Unix(at, 0)) < recentPassword
}

// sessionCurrent reports whether the session was started under the
// account's present session epoch.
func (s *server) sessionCurrent(ctx context.Context, u auth.User) bool {
	return s.sessions.GetInt64(ctx, sessionEpochKey) == u.SessionEpoch
}
