package web

import (
	"context"
	"net/http"
	"time"
)

// slots caps one kind of costly work across the server (argon2 password
// checks, site searches): at most cap(c) run at once, and a request that
// finds every slot taken for longer than wait is told to try again
// rather than queue — a longer queue is an attack or an overload, and
// holding connections open would only deepen it.
type slots struct {
	c    chan struct{}
	wait time.Duration
}

func newSlots(n int, wait time.Duration) slots {
	return slots{c: make(chan struct{}, n), wait: wait}
}

// run calls fn in a slot, or returns errBusy after wait, or ctx's error.
func (s slots) run(ctx context.Context, fn func()) error {
	t := time.NewTimer(s.wait)
	defer t.Stop()
	select {
	case s.c <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return errBusy()
	}
	defer func() { <-s.c }()
	fn()
	return nil
}

// errBusy is answered when every slot of a kind stays taken.
func errBusy() *Error {
	return &Error{Status: http.StatusServiceUnavailable, Code: "busy", Message: "服务器繁忙，请稍后再试。"}
}
