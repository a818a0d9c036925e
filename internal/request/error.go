package request

import (
	"errors"
	"fmt"
)

// Error is a rule of the 条例 or of the platform that a request, a step
// or a letter breaks. Public says it to people, in Chinese; Detail is the
// precise English for the logs. Error() is both, "中文 (english)", so a
// log line carries the two; the web's error renderer asks for
// PublicMessage and never cuts the text.
type Error struct {
	Public string
	Detail string
	Err    error // a wrapped cause, if any
}

func (e *Error) Error() string { return e.Public + " (" + e.Detail + ")" }

// PublicMessage is the message for people, without the English detail.
func (e *Error) PublicMessage() string { return e.Public }

func (e *Error) Unwrap() error { return e.Err }

// ruleError is an *Error with a fixed message.
func ruleError(public, detail string) error { return &Error{Public: public, Detail: detail} }

// publicPrefix puts a Chinese context before err: an *Error (wrapped
// anywhere in err) keeps its detail and gets the prefix on its public
// message; any other error is wrapped with the prefix as it is.
func publicPrefix(prefix string, err error) error {
	var e *Error
	if errors.As(err, &e) {
		return &Error{Public: prefix + e.Public, Detail: e.Detail, Err: err}
	}
	return fmt.Errorf("%s%w", prefix, err)
}

// PublicMessage is what err says to people when it is a domain error
// with a public message (an *Error or a *TransitionError, wrapped
// anywhere in err); ok is false for any other error.
func PublicMessage(err error) (msg string, ok bool) {
	var p interface{ PublicMessage() string }
	if errors.As(err, &p) {
		return p.PublicMessage(), true
	}
	return "", false
}
