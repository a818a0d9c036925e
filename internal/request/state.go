package request

import (
	"fmt"
	"slices"
)

// State is where a request stands.
type State string

const (
	StateNone              State = ""                   // before receipt
	StateReceived          State = "received"           // 已收到
	StateAdmitted          State = "admitted"           // 已受理 (after Accepted)
	StateSupplementPending State = "supplement-pending" // 待补正
	StateAccepted          State = "accepted"           // 办理中
	StateConsulting        State = "consulting"         // 征求意见中
	StateFeePending        State = "fee-pending"        // 待缴费
	StateAnswered          State = "answered"           // 已答复
	StateWithdrawn         State = "withdrawn"          // 已撤回
	StateAbandoned         State = "abandoned"          // 视为放弃
)

// Label is the Chinese name of the state.
func (s State) Label() string {
	switch s {
	case StateNone:
		return "未收到"
	case StateReceived:
		return "已收到"
	case StateAdmitted:
		return "已受理"
	case StateSupplementPending:
		return "待补正"
	case StateAccepted:
		return "办理中"
	case StateConsulting:
		return "征求意见中"
	case StateFeePending:
		return "待缴费"
	case StateAnswered:
		return "已答复"
	case StateWithdrawn:
		return "已撤回"
	case StateAbandoned:
		return "视为放弃"
	}
	return string(s)
}

// Closed reports whether the request has ended.
func (s State) Closed() bool {
	switch s {
	case StateAnswered, StateWithdrawn, StateAbandoned:
		return true
	}
	return false
}

var openStates = []State{StateReceived, StateAdmitted, StateSupplementPending, StateAccepted, StateConsulting, StateFeePending}

// OpenStates are the states of a request still being handled.
func OpenStates() []State { return slices.Clone(openStates) }

// transitions: for each event kind, the states it may happen in and the
// state it leads to ("" = stays in the same state). Acceptance (受理)
// may only be the first step after receipt, so it happens at most once;
// a request accepted stands where a received one does. A supplement may
// be asked only before anything else but acceptance happened, so only
// once. An answer during a consultation is allowed by the state machine
// and refused by the clock until the consulted party's 15 working days
// have passed (Arts. 32, 34). The old 转办 ends in an answer: it was
// one under Art. 36(5).
var transitions = map[EventKind]struct {
	from []State
	to   State
}{
	KindReceived:            {[]State{StateNone}, StateReceived},
	KindAccepted:            {[]State{StateReceived}, StateAdmitted},
	KindSupplementRequested: {[]State{StateReceived, StateAdmitted}, StateSupplementPending},
	KindSupplementReceived:  {[]State{StateSupplementPending}, StateAccepted},
	KindConsultationStarted: {[]State{StateReceived, StateAdmitted, StateAccepted}, StateConsulting},
	KindConsultationEnded:   {[]State{StateConsulting}, StateAccepted},
	KindExtended:            {[]State{StateReceived, StateAdmitted, StateAccepted, StateConsulting, StateFeePending}, ""},
	KindFeeNoticeSent:       {[]State{StateReceived, StateAdmitted, StateAccepted}, StateFeePending},
	KindFeePaid:             {[]State{StateFeePending}, StateAccepted},
	KindAnswered:            {[]State{StateReceived, StateAdmitted, StateAccepted, StateConsulting}, StateAnswered},
	KindReferred:            {[]State{StateReceived, StateAdmitted, StateAccepted}, StateAnswered},
	KindTransferred:         {[]State{StateReceived, StateAdmitted, StateAccepted}, StateAnswered},
	KindWithdrawn:           {openStates, StateWithdrawn},
	KindAbandoned:           {[]State{StateSupplementPending, StateFeePending}, StateAbandoned},
}

// TransitionError is an event that cannot happen in the current state.
type TransitionError struct {
	From  State
	Event EventKind
	Why   string // extra detail in Chinese, may be empty
	Cause error  // the rule the step breaks, for the logs, may be nil
}

func (e *TransitionError) Error() string {
	if e.Cause != nil {
		return e.PublicMessage() + fmt.Sprintf(" (invalid transition: %s in state %q: %v)", e.Event, e.From, e.Cause)
	}
	return e.PublicMessage() + fmt.Sprintf(" (invalid transition: %s in state %q)", e.Event, e.From)
}

func (e *TransitionError) Unwrap() error { return e.Cause }

// PublicMessage says in Chinese why the step cannot be recorded.
func (e *TransitionError) PublicMessage() string {
	msg := fmt.Sprintf("不能在「%s」状态下记录「%s」", e.From.Label(), e.Event.Label())
	if e.Why != "" {
		msg += "：" + e.Why
	}
	return msg
}

// Transition returns the state after e, or a *TransitionError when e
// cannot happen in state from.
func Transition(from State, e Event) (State, error) {
	t, ok := transitions[e.Kind()]
	if !ok || !slices.Contains(t.from, from) {
		return from, &TransitionError{From: from, Event: e.Kind()}
	}
	if a, ok := e.(Abandoned); ok {
		// The reason must match what the request was waiting for.
		if (a.Reason == NoSupplement) != (from == StateSupplementPending) {
			return from, &TransitionError{From: from, Event: e.Kind(), Why: a.Reason.Label() + "与当前状态不符"}
		}
	}
	if t.to == "" {
		return from, nil
	}
	return t.to, nil
}
