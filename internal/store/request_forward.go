package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/gongkai/gongkai/internal/request"
)

// ForwardRequest records e on request fromID — an answer under Art.
// 36(5) (request.Referred) naming a body on the platform — and stores
// to, the same application forwarded to that body, in one transaction:
// either the answer and the new request both exist, or neither does.
// to is a new request of its own (its Channel request.Forwarded, its
// Received the day it arrived, its ForwardedFrom fromID, a fresh Code:
// ErrConflict when taken); it counts at its body with its own outcome,
// as the answered one counts here.
func (s *Store) ForwardRequest(ctx context.Context, fromID int64, e request.EventRecord, to request.Request) (request.Request, request.Request, error) {
	if _, ok := e.Event.(request.Referred); !ok {
		return request.Request{}, request.Request{}, errors.New("store: forward request: only an Art. 36(5) answer forwards an application")
	}
	if to.Channel != request.Forwarded || to.ForwardedFrom != fromID {
		return request.Request{}, request.Request{}, errors.New("store: forward request: the new request must be forwarded from the answered one")
	}
	to, received, err := s.newRequest(to)
	if err != nil {
		return request.Request{}, request.Request{}, err
	}
	var from request.Request
	err = s.write(ctx, func(tx *sql.Tx) error {
		var err error
		if from, err = s.appendEventTx(ctx, tx, fromID, e); err != nil {
			return err
		}
		if from.BodyID == to.BodyID {
			return errors.New("store: forward request: a request is not forwarded to its own body")
		}
		to, err = s.insertRequest(ctx, tx, to, received, e.UserID, "由申请 "+from.Code+" 转送（《条例》第三十六条第（五）项）")
		return err
	})
	if err != nil {
		var te *request.TransitionError
		if errors.As(err, &te) || errors.Is(err, ErrNotFound) {
			return request.Request{}, request.Request{}, err
		}
		return request.Request{}, request.Request{}, fmt.Errorf("store: forward request %d: %w", fromID, classify(err))
	}
	return from, to, nil
}
