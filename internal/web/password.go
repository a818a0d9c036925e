package web

import (
	"context"
	"sync"
	"time"

	"github.com/gongkai/gongkai/internal/auth"
)

// dummyHash is checked against when the account does not exist, so a
// failed login takes as long whether or not the username is real.
var dummyHash = sync.OnceValue(func() string {
	h, err := auth.HashPassword("gongkai-no-such-account")
	if err != nil {
		return ""
	}
	return h
})

// checkPassword reports whether password matches hash. A malformed hash
// is logged by the caller's error path as a mismatch would hide it.
func checkPassword(hash, password string) (bool, error) {
	if hash == "" {
		_, _ = auth.CheckPassword(dummyHash(), password)
		return false, nil
	}
	return auth.CheckPassword(hash, password)
}

// defaultPasswordHashWorkers is Options.PasswordHashWorkers' default.
const defaultPasswordHashWorkers = 2

// hashWait is how long a request waits for a free argon2 slot before
// it is told to try again: a queue longer than that is an attack or an
// overload, and holding connections open would only deepen it.
const hashWait = 10 * time.Second

// The hash slots cap argon2id work across the server: each check takes
// about 19 MB and a core for tens of milliseconds, so a burst of 100
// logins would otherwise run 100 at once.

// verifyPassword checks password against hash within the server's
// argon2 slots.
func (s *server) verifyPassword(ctx context.Context, hash, password string) (match bool, err error) {
	if serr := s.hashSlots.run(ctx, func() { match, err = s.passwordCheck(hash, password) }); serr != nil {
		return false, serr
	}
	return match, err
}

// hashPassword hashes a new password within the server's argon2 slots.
func (s *server) hashPassword(ctx context.Context, password string) (hash string, err error) {
	if serr := s.hashSlots.run(ctx, func() { hash, err = auth.HashPassword(password) }); serr != nil {
		return "", serr
	}
	return hash, err
}
