package web

import (
	"net/http"
	"time"

	"github.com/alexedwards/scs/v2"
)

const (
	sessionCookie  = "gongkai_session"
	sessionUserKey = "uid"
	// A console left alone for half an hour signs out; no session lives
	// longer than a working day, whatever the activity.
	sessionIdle     = 30 * time.Minute
	sessionLifetime = 12 * time.Hour
)

func newSessionManager(st scs.Store, secure bool) *scs.SessionManager {
	sm := scs.New()
	sm.Store = st
	sm.IdleTimeout = sessionIdle
	sm.Lifetime = sessionLifetime
	sm.Cookie.Name = sessionCookie
	sm.Cookie.HttpOnly = true
	sm.Cookie.SameSite = http.SameSiteLaxMode
	sm.Cookie.Secure = secure
	sm.Cookie.Path = "/"
	sm.Cookie.Persist = false // a browser session cookie: closing the browser signs out
	return sm
}
