package web

import (
	"sync"

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
