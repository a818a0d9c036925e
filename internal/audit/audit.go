// Package audit defines the append-only log of privileged actions.
package audit

import "time"

// Entry is one privileged action: who, when, what, from where.
type Entry struct {
	ID       int64
	At       time.Time
	UserID   int64  // 0 for the system or an anonymous actor
	Username string // kept as written, so the entry survives renames
	Action   string // stable id, e.g. "user.create", "login.fail"
	BodyID   int64  // the body acted on, 0 when none
	Target   string // what was acted on, e.g. "user:12"
	Detail   string // human-readable detail (Chinese or English)
	Remote   string // client address
}

// Filter selects audit entries, newest first.
type Filter struct {
	BodyIDs []int64 // nil: all bodies
	UserID  int64   // 0: all users
	Action  string  // "": all actions
	Before  int64   // page before this entry id; 0 starts at the newest
	Limit   int
}
