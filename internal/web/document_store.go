package web

import (
	"net/http"

	"github.com/gongkai/gongkai/internal/disclosure"
	"github.com/gongkai/gongkai/internal/store"
)

// actor is the signed-in principal as the store records it.
func (s *server) actor(r *http.Request) store.Actor {
	p := principalFrom(r.Context())
	return store.Actor{UserID: p.user.ID, Username: p.user.Username, Remote: s.clientAddr(r)}
}

// documentFromPath reads the document named by {id}.
func (s *server) documentFromPath(r *http.Request) (disclosure.Document, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return disclosure.Document{}, err
	}
	d, err := s.store.Document(r.Context(), id)
	return d, notFoundOr(err)
}
