package web

import (
	"context"

	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/body"
	"github.com/gongkai/gongkai/internal/store"
)

// navCounts counts the user's work for the console navigation: pressing
// requests beside 依申请公开, and everything waiting on the user beside
// 概览. It runs on every console page, so it is one query, and the body
// tree is read only when a grant covers a subtree.
func (s *server) navCounts(ctx context.Context, grants []auth.Grant) (store.WorkCounts, error) {
	var all []body.Body
	for _, g := range grants {
		if g.Subtree && (g.Role == auth.RoleHandler || g.Role == auth.RoleReviewer || g.Role == auth.RoleEditor) {
			var err error
			if all, err = s.store.Bodies(ctx); err != nil {
				return store.WorkCounts{}, err
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
			if g.Role == role && g.BodyID != 0 && !containsID(ids, g.BodyID) {
				ids = append(ids, g.BodyID)
			}
		}
		return ids
	}
	handle, review, edit := of(auth.RoleHandler), of(auth.RoleReviewer), of(auth.RoleEditor)
	if len(handle)+len(review)+len(edit) == 0 {
		return store.WorkCounts{}, nil
	}
	today := s.today()
	by, err := s.cal.AddWorkdays(today, dueSoonDays)
	if err != nil {
		by = today.AddDays(2 * dueSoonDays)
	}
	return s.store.CountWork(ctx, handle, review, edit, by)
}
