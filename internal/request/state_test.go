package request

import (
	"errors"
	"strings"
	"testing"
)

func TestArt30To39Transition(t *testing.T) {
	tests := []struct {
		from State
		e    Event
		to   State // "" = must be rejected
	}{
		{StateNone, Received{Channel: Online}, StateReceived},
		{StateReceived, Received{Channel: Online}, ""},
		// 受理: once, only as the first step after receipt.
		{StateNone, Accepted{}, ""},
		{StateReceived, Accepted{}, StateAdmitted},
		{StateAdmitted, Accepted{}, ""},
		{StateSupplementPending, Accepted{}, ""},
		{StateAccepted, Accepted{}, ""},
		{StateConsulting, Accepted{}, ""},
		{StateFeePending, Accepted{}, ""},
		// An accepted request goes on as a received one would.
		{StateAdmitted, SupplementRequested{}, StateSupplementPending},
		{StateAdmitted, ConsultationStarted{}, StateConsulting},
		{StateAdmitted, Extended{}, StateAdmitted},
		{StateAdmitted, FeeNoticeSent{}, StateFeePending},
		{StateAdmitted, Answered{}, StateAnswered},
		{StateAdmitted, Referred{}, StateAnswered},
		{StateAdmitted, Transferred{}, StateAnswered}, // an old 转办 was an Art. 36(5) answer
		{StateAdmitted, Withdrawn{}, StateWithdrawn},
		{StateAdmitted, SupplementReceived{}, ""},
		{StateAdmitted, FeePaid{}, ""},
		{StateAdmitted, Abandoned{Reason: NoSupplement}, ""},
		{StateReceived, SupplementRequested{}, StateSupplementPending},
		{StateAccepted, SupplementRequested{}, ""}, // once, and only first
		{StateSupplementPending, SupplementRequested{}, ""},
		{StateSupplementPending, SupplementReceived{}, StateAccepted},
		{StateReceived, SupplementReceived{}, ""},
		{StateReceived, ConsultationStarted{}, StateConsulting},
		{StateAccepted, ConsultationStarted{}, StateConsulting},
		{StateConsulting, ConsultationStarted{}, ""},
		{StateSupplementPending, ConsultationStarted{}, ""},
		{StateConsulting, ConsultationEnded{}, StateAccepted},
		{StateAccepted, ConsultationEnded{}, ""},
		{StateReceived, Extended{}, StateReceived},
		{StateConsulting, Extended{}, StateConsulting},
		{StateFeePending, Extended{}, StateFeePending},
		{StateSupplementPending, Extended{}, ""},
		{StateAccepted, FeeNoticeSent{}, StateFeePending},
		{StateFeePending, FeeNoticeSent{}, ""},
		{StateFeePending, FeePaid{}, StateAccepted},
		{StateAccepted, FeePaid{}, ""},
		{StateAccepted, Answered{}, StateAnswered},
		{StateReceived, Answered{}, StateAnswered},
		{StateConsulting, Answered{}, StateAnswered}, // the clock requires the 15 days to have passed (Arts. 32, 34)
		{StateConsulting, Referred{}, ""},
		{StateFeePending, Referred{}, ""},
		{StateSupplementPending, Referred{}, ""},
		{StateFeePending, Answered{}, ""},
		{StateSupplementPending, Answered{}, ""},
		{StateAccepted, Referred{}, StateAnswered},
		{StateAccepted, Transferred{}, StateAnswered},
		{StateFeePending, Withdrawn{}, StateWithdrawn},
		{StateConsulting, Withdrawn{}, StateWithdrawn},
		{StateSupplementPending, Abandoned{Reason: NoSupplement}, StateAbandoned},
		{StateFeePending, Abandoned{Reason: NoPayment}, StateAbandoned},
		{StateFeePending, Abandoned{Reason: NoSupplement}, ""},
		{StateSupplementPending, Abandoned{Reason: NoPayment}, ""},
		{StateAccepted, Abandoned{Reason: NoPayment}, ""},
	}
	for _, tt := range tests {
		got, err := Transition(tt.from, tt.e)
		if tt.to == "" {
			var te *TransitionError
			if !errors.As(err, &te) {
				t.Errorf("%s + %s: error %v, want TransitionError", tt.from, tt.e.Kind(), err)
			}
			if got != tt.from {
				t.Errorf("%s + %s: rejected but state moved to %s", tt.from, tt.e.Kind(), got)
			}
			continue
		}
		if err != nil || got != tt.to {
			t.Errorf("%s + %s = %s, %v; want %s", tt.from, tt.e.Kind(), got, err, tt.to)
		}
	}
}

// TestArt35To39ClosedStatesAreFinal: nothing happens after a request closes.
func TestArt35To39ClosedStatesAreFinal(t *testing.T) {
	all := []Event{Received{}, Accepted{}, SupplementRequested{}, SupplementReceived{}, ConsultationStarted{}, ConsultationEnded{},
		Extended{}, FeeNoticeSent{}, FeePaid{}, Answered{}, Referred{}, Transferred{}, Withdrawn{},
		Abandoned{Reason: NoSupplement}, Abandoned{Reason: NoPayment}}
	for _, s := range []State{StateAnswered, StateWithdrawn, StateAbandoned} {
		if !s.Closed() {
			t.Errorf("%s not closed", s)
		}
		for _, e := range all {
			if _, err := Transition(s, e); err == nil {
				t.Errorf("%s accepted %s", s, e.Kind())
			}
		}
	}
	for _, s := range openStates {
		if s.Closed() {
			t.Errorf("%s closed", s)
		}
		if _, err := Transition(s, Withdrawn{}); err != nil {
			t.Errorf("cannot withdraw in %s: %v", s, err)
		}
	}
}

func TestArt45TransitionErrorMessage(t *testing.T) {
	_, err := Transition(StateSupplementPending, FeePaid{})
	msg := err.Error()
	for _, want := range []string{"待补正", "收到缴费", "invalid transition"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q lacks %q", msg, want)
		}
	}
}
