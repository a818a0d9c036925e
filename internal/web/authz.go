package web

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/body"
	"github.com/gongkai/gongkai/internal/disclosure"
)

// principal is the signed-in staff member of a request, with the grants
// that decide what they may do.
type principal struct {
	user    auth.User
	grants  []auth.Grant
	tokenID int64 // set when the request came with an API token
}

func (p principal) isSysAdmin() bool {
	return slices.ContainsFunc(p.grants, func(g auth.Grant) bool { return g.Role == auth.RoleSysAdmin })
}

type principalKey struct{}

func withPrincipal(ctx context.Context, p principal) context.Context {
	return context.WithValue(ctx, principalKey{}, p)
}

// principalFrom returns the principal guard stored; console and API
// handlers only run after guard, so it is always there for them.
func principalFrom(ctx context.Context) principal {
	p, _ := ctx.Value(principalKey{}).(principal)
	return p
}

// authenticate finds who is making the request. A bearer token is the
// only credential for non-browser clients; when it is present the
// session cookie is ignored, so a token request never rides on a
// browser session. ok is false for an anonymous visitor.
func (s *server) authenticate(r *http.Request) (p principal, ok bool, err error) {
	ctx := r.Context()
	// Other schemes (say, Basic from a staging proxy) are not ours to
	// judge; the request then goes on with its session, if any.
	if secret, found := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); found {
		if strings.TrimSpace(secret) == "" {
			return p, false, errUnauthorized()
		}
		t, err := s.store.TokenByHash(ctx, auth.HashToken(strings.TrimSpace(secret)))
		if isNotFound(err) {
			return p, false, errUnauthorized()
		}
		if err != nil {
			return p, false, err
		}
		if t.Revoked {
			return p, false, errUnauthorized()
		}
		p, ok, err = s.loadPrincipal(ctx, t.UserID)
		if err != nil || !ok {
			return p, false, errOr(err, errUnauthorized())
		}
		p.tokenID = t.ID
		// "Last used" to the minute is plenty, and spares the database a
		// write on every call of a busy client.
		if now := s.now(); t.LastUsed == nil || now.Sub(*t.LastUsed) > time.Minute {
			if err := s.store.TouchToken(ctx, t.ID, now); err != nil {
				return p, false, err
			}
		}
		return p, true, nil
	}
	uid := s.sessions.GetInt64(ctx, sessionUserKey)
	if uid == 0 {
		return p, false, nil
	}
	p, ok, err = s.loadPrincipal(ctx, uid)
	if err != nil {
		return p, false, err
	}
	if ok && !s.sessionCurrent(ctx, p.user) {
		ok = false // the password changed since this session signed in
	}
	if !ok {
		// The account was removed or disabled since login, or its
		// password changed: end the session.
		if err := s.sessions.Destroy(ctx); err != nil {
			return p, false, err
		}
	}
	return p, ok, nil
}

func errOr(err error, fallback error) error {
	if err != nil {
		return err
	}
	return fallback
}

// loadPrincipal reads an account and its grants; ok is false when the
// account is gone or disabled.
func (s *server) loadPrincipal(ctx context.Context, uid int64) (principal, bool, error) {
	u, err := s.store.User(ctx, uid)
	if isNotFound(err) {
		return principal{}, false, nil
	}
	if err != nil {
		return principal{}, false, err
	}
	if u.Disabled {
		return principal{}, false, nil
	}
	grants, err := s.store.Grants(ctx, uid)
	if err != nil {
		return principal{}, false, err
	}
	return principal{user: u, grants: grants}, true, nil
}

// guard wraps a route with authentication and the permission check the
// route table declares. Nothing reaches a console or API handler unless
// the route's permission is allowed on the body the request names.
func (s *server) guard(rt route) http.Handler {
	if rt.surface == surfacePublic {
		return s.handle(rt.h)
	}
	return s.handle(func(w http.ResponseWriter, r *http.Request) error {
		p, ok, err := s.authenticate(r)
		if err != nil {
			return err
		}
		if !ok {
			if rt.surface == surfaceAPI {
				return errUnauthorized()
			}
			next := "/admin/"
			if r.Method == http.MethodGet {
				next = r.URL.RequestURI()
			}
			http.Redirect(w, r, "/admin/login?next="+url.QueryEscape(next), http.StatusSeeOther)
			return nil
		}
		if p.user.MustChangePassword && p.tokenID == 0 && !openBeforePasswordChange(rt.pattern) {
			return s.requirePasswordChange(w, r, rt)
		}
		if !auth.Allowed(p.grants, auth.PermConsole, 0, nil) || !auth.Allowed(p.grants, rt.perm, 0, nil) {
			return errForbidden()
		}
		if err := s.checkTarget(r, p, rt); err != nil {
			return err
		}
		return rt.h(w, r.WithContext(withPrincipal(r.Context(), p)))
	})
}

// checkTarget applies the route's permission to what the request names.
func (s *server) checkTarget(r *http.Request, p principal, rt route) error {
	ctx := r.Context()
	switch rt.target {
	case targetNone:
		return nil
	case targetBody:
		b, err := s.bodyFromPath(r)
		if err != nil {
			return err
		}
		return s.require(ctx, p, rt.perm, b.ID)
	case targetColumn:
		id, err := pathID(r, "id")
		if err != nil {
			return err
		}
		c, err := s.column(ctx, id)
		if err != nil {
			return err
		}
		return s.require(ctx, p, rt.perm, c.BodyID)
	case targetRequest:
		q, err := s.requestFromPath(r)
		if err != nil {
			return err
		}
		return s.require(ctx, p, rt.perm, q.BodyID)
	case targetDocument:
		d, err := s.documentFromPath(r)
		if err != nil {
			return err
		}
		return s.require(ctx, p, rt.perm, d.BodyID)
	case targetSupervisedBody:
		b, err := s.bodyFromPath(r)
		if err != nil {
			return err
		}
		sup, err := s.reportSupervisor(ctx, b)
		if err != nil {
			return err
		}
		return s.require(ctx, p, rt.perm, sup.ID)
	case targetUser:
		return s.requireUser(r, p)
	case targetUserFormBody:
		if err := s.requireUser(r, p); err != nil {
			return err
		}
		return s.requireFormBody(r, p)
	case targetFormBody:
		return s.requireFormBody(r, p)
	case targetGrant:
		uid, err := pathID(r, "id")
		if err != nil {
			return err
		}
		gid, err := pathID(r, "grant")
		if err != nil {
			return err
		}
		grants, err := s.store.Grants(ctx, uid)
		if err != nil {
			return notFoundOr(err)
		}
		i := slices.IndexFunc(grants, func(g auth.Grant) bool { return g.ID == gid })
		if i < 0 {
			return errNotFound()
		}
		return s.requireGrantable(ctx, p, grants[i])
	case targetReportBatch:
		b, err := s.reportBatchFromPath(r)
		if err != nil {
			return err
		}
		if !canSeeReportBatch(p, b) {
			return errForbidden()
		}
		return nil
	case targetToken:
		id, err := pathID(r, "id")
		if err != nil {
			return err
		}
		tokens, err := s.store.Tokens(ctx, p.user.ID)
		if err != nil {
			return err
		}
		// Another user's token is invisible, whoever asks.
		if !slices.ContainsFunc(tokens, func(t auth.Token) bool { return t.ID == id }) {
			return errNotFound()
		}
		return nil
	}
	return errForbidden() // an unknown target kind is denied, never allowed
}

// can reports whether p holds perm on the body.
func (s *server) can(ctx context.Context, p principal, perm auth.Permission, bodyID int64) (bool, error) {
	if p.isSysAdmin() {
		return auth.Allowed(p.grants, perm, bodyID, nil), nil
	}
	anc, err := s.store.Ancestors(ctx, bodyID)
	if err != nil {
		return false, notFoundOr(err)
	}
	return auth.Allowed(p.grants, perm, bodyID, anc), nil
}

func (s *server) require(ctx context.Context, p principal, perm auth.Permission, bodyID int64) error {
	ok, err := s.can(ctx, p, perm, bodyID)
	if err != nil {
		return err
	}
	if !ok {
		return errForbidden()
	}
	return nil
}

// requireGrantable checks that p may give or take away grant g: only
// within p's own reach, subtree flag included (auth.MayGrant).
func (s *server) requireGrantable(ctx context.Context, p principal, g auth.Grant) error {
	ok, err := s.mayGrant(ctx, p, g)
	if err != nil {
		return err
	}
	if !ok {
		return errForbidden()
	}
	return nil
}

func (s *server) mayGrant(ctx context.Context, p principal, g auth.Grant) (bool, error) {
	var anc []int64
	if g.BodyID != 0 && !p.isSysAdmin() {
		var err error
		if anc, err = s.store.Ancestors(ctx, g.BodyID); err != nil {
			return false, notFoundOr(err)
		}
	}
	return auth.MayGrant(p.grants, g, anc), nil
}

// requireUser checks that the account named by {id} lies wholly within
// p's reach: every grant it holds is one p could have given. An account
// without grants is left to sysadmins.
func (s *server) requireUser(r *http.Request, p principal) error {
	ctx := r.Context()
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if _, err := s.store.User(ctx, id); err != nil {
		return notFoundOr(err)
	}
	ok, err := s.canManageUser(ctx, p, id)
	if err != nil {
		return err
	}
	if !ok {
		return errForbidden()
	}
	return nil
}

func (s *server) canManageUser(ctx context.Context, p principal, uid int64) (bool, error) {
	if p.isSysAdmin() {
		return true, nil
	}
	grants, err := s.store.Grants(ctx, uid)
	if err != nil {
		return false, err
	}
	if len(grants) == 0 {
		return false, nil
	}
	for _, g := range grants {
		ok, err := s.mayGrant(ctx, p, g)
		if err != nil || !ok {
			return false, err
		}
	}
	return true, nil
}

// requireFormBody checks the grant a form gives (fields role, body_id,
// subtree): the body must exist and the grant lie within p's reach.
func (s *server) requireFormBody(r *http.Request, p principal) error {
	g := auth.Grant{Role: auth.Role(r.PostFormValue("role")), Subtree: r.PostFormValue("subtree") == "1"}
	if g.Role != auth.RoleSysAdmin {
		id, err := strconv.ParseInt(r.PostFormValue("body_id"), 10, 64)
		if err != nil || id <= 0 {
			return errInvalid("请选择单位。")
		}
		if _, err := s.store.Body(r.Context(), id); err != nil {
			if isNotFound(err) {
				return errInvalid("所选单位不存在。")
			}
			return err
		}
		g.BodyID = id
	}
	return s.requireGrantable(r.Context(), p, g)
}

func pathID(r *http.Request, name string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, errNotFound()
	}
	return id, nil
}

func (s *server) bodyFromPath(r *http.Request) (body.Body, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return body.Body{}, err
	}
	b, err := s.store.Body(r.Context(), id)
	return b, notFoundOr(err)
}

func (s *server) column(ctx context.Context, id int64) (disclosure.Column, error) {
	c, err := s.store.Column(ctx, id)
	return c, notFoundOr(err)
}

// scopedBodies returns the bodies on which p holds perm, in tree order.
func (s *server) scopedBodies(ctx context.Context, p principal, perm auth.Permission) ([]body.Body, error) {
	all, err := s.store.Bodies(ctx)
	if err != nil {
		return nil, err
	}
	parent := make(map[int64]int64, len(all))
	for _, b := range all {
		parent[b.ID] = b.ParentID
	}
	var out []body.Body
	for _, b := range all {
		if auth.Allowed(p.grants, perm, b.ID, ancestorsOf(parent, b.ID)) {
			out = append(out, b)
		}
	}
	return out, nil
}

// ancestorsOf walks the parent map from the root down to id's parent,
// stopping at a cycle rather than looping on bad data.
func ancestorsOf(parent map[int64]int64, id int64) []int64 {
	var up []int64
	seen := map[int64]bool{id: true}
	for p := parent[id]; p != 0 && !seen[p]; p = parent[p] {
		seen[p] = true
		up = append(up, p)
	}
	slices.Reverse(up)
	return up
}
