package web

import (
	"context"
	"slices"

	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/body"
)

// navWork is the work counted beside the console navigation.
type navWork struct {
	Pressing int // requests due soon or overdue, as the home lists them
	Waiting  int // documents to review or returned to the user
}

// navCounts counts the user's work for the console navigation: pressing
// requests beside 依申请公开 (by the same clock as the home's list, so
// the figures agree), and everything waiting on the user beside 概览.
// It runs on every console page: a few queries, and the body tree is
// read only when a grant covers a subtree.
func (s *server) navCounts(ctx context.Context, grants []auth.Grant) (navWork, error) {
	var all []body.Body
	for _, g := range grants {
		if g.Subtree && (g.Role == auth.RoleHandler || g.Role == auth.RoleReviewer || g.Role == auth.RoleEditor) {
			var err error
			if all, err = s.store.Bodies(ctx); err != nil {
				return navWork{}, err
			}
			break
		}
	}
	of := func(role auth.Role) []int64 {
		if all != nil {
			return roleBodies(grants, role, all)
		}
		var ids []int64
		for _, g := range grants {
			if g.Role == role && g.BodyID != 0 && !slices.Contains(ids, g.BodyID) {
				ids = append(ids, g.BodyID)
			}
		}
		return ids
	}
	var out navWork
	if handle := of(auth.RoleHandler); len(handle) > 0 {
		rows, err := s.pressingRequests(ctx, handle, nil, false)
		if err != nil {
			return out, err
		}
		for _, row := range rows {
			if row.Overdue || row.DueSoon {
				out.Pressing++
			}
		}
	}
	if review, edit := of(auth.RoleReviewer), of(auth.RoleEditor); len(review)+len(edit) > 0 {
		c, err := s.store.CountWork(ctx, review, edit)
		if err != nil {
			return out, err
		}
		out.Waiting = c.ToReview + c.Returned
	}
	return out, nil
}
