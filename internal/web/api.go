package web

import (
	"net/http"
	"strconv"
	"time"

	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/body"
	"github.com/gongkai/gongkai/internal/disclosure"
)

// The API's JSON shapes are declared here, separate from the domain
// types, so renaming a Go field never silently changes the wire format.

type apiGrant struct {
	Role     auth.Role `json:"role"`
	RoleName string    `json:"role_name"`
	BodyID   int64     `json:"body_id"`
	Subtree  bool      `json:"subtree"`
}

type apiUser struct {
	ID          int64      `json:"id"`
	Username    string     `json:"username"`
	DisplayName string     `json:"display_name"`
	Grants      []apiGrant `json:"grants"`
	Via         string     `json:"via"` // "token" or "session"
}

type apiContact struct {
	Office   string `json:"office"`
	Address  string `json:"address"`
	Hours    string `json:"hours"`
	Phone    string `json:"phone"`
	Fax      string `json:"fax"`
	Email    string `json:"email"`
	Postcode string `json:"postcode"`
}

type apiBodyJSON struct {
	ID        int64      `json:"id"`
	ParentID  int64      `json:"parent_id"`
	Name      string     `json:"name"`
	ShortName string     `json:"short_name"`
	Kind      body.Kind  `json:"kind"`
	Code      string     `json:"code"`
	Slug      string     `json:"slug"`
	Contact   apiContact `json:"contact"`
}

func toAPIBody(b body.Body) apiBodyJSON {
	c := b.Contact
	return apiBodyJSON{ID: b.ID, ParentID: b.ParentID, Name: b.Name, ShortName: b.ShortName, Kind: b.Kind,
		Code: b.Code, Slug: b.Slug, Contact: apiContact{Office: c.Office, Address: c.Address, Hours: c.Hours,
			Phone: c.Phone, Fax: c.Fax, Email: c.Email, Postcode: c.Postcode}}
}

type apiColumn struct {
	ID       int64  `json:"id"`
	ParentID int64  `json:"parent_id"`
	Slug     string `json:"slug"`
	Name     string `json:"name"`
	Fixed    bool   `json:"fixed"`
	Position int    `json:"position"`
	// Type and UpdatePeriod drive the website checks; retired columns
	// are off the site's menus.
	Type         string `json:"type"`
	UpdatePeriod string `json:"update_period"`
	Retired      bool   `json:"retired"`
}

type apiDocument struct {
	ID        int64      `json:"id"`
	ColumnID  int64      `json:"column_id"`
	IndexNo   string     `json:"index_no"`
	Title     string     `json:"title"`
	DocNo     string     `json:"doc_no"`
	Publisher string     `json:"publisher"`
	Summary   string     `json:"summary"`
	Written   *time.Time `json:"written"`
	Published *time.Time `json:"published"`
	// Catalogue metadata of proactive disclosure (主动公开).
	Theme      string    `json:"theme"`    // 主题分类 code
	Genre      string    `json:"genre"`    // 体裁分类
	Keywords   []string  `json:"keywords"` // 关键词
	Kind       string    `json:"kind"`     // rule (规章), normative (规范性文件), other
	Validity   string    `json:"validity"` // 有效性: in_force, amended, abolished, or ""
	Interprets int64     `json:"interprets,omitempty"`
	Updated    time.Time `json:"updated"`
}

type apiList[T any] struct {
	Items []T `json:"items"`
	Total int `json:"total"`
	// NextCursor fetches the next page (api_page.go); absent on the last.
	NextCursor string `json:"next_cursor,omitempty"`
}

func (s *server) apiMe(w http.ResponseWriter, r *http.Request) error {
	p := principalFrom(r.Context())
	u := apiUser{ID: p.user.ID, Username: p.user.Username, DisplayName: p.user.DisplayName,
		Grants: []apiGrant{}, Via: "session"}
	if p.tokenID != 0 {
		u.Via = "token"
	}
	for _, g := range p.grants {
		u.Grants = append(u.Grants, apiGrant{Role: g.Role, RoleName: auth.RoleName(g.Role), BodyID: g.BodyID, Subtree: g.Subtree})
	}
	writeJSON(w, http.StatusOK, u)
	return nil
}

func (s *server) apiBodies(w http.ResponseWriter, r *http.Request) error {
	bodies, err := s.scopedBodies(r.Context(), principalFrom(r.Context()), auth.PermRead)
	if err != nil {
		return err
	}
	page, next, err := pageAfter(r, bodies, func(b body.Body) int64 { return b.ID })
	if err != nil {
		return err
	}
	out := apiList[apiBodyJSON]{Items: []apiBodyJSON{}, Total: len(bodies), NextCursor: next}
	for _, b := range page {
		out.Items = append(out.Items, toAPIBody(b))
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

func (s *server) apiBody(w http.ResponseWriter, r *http.Request) error {
	b, err := s.bodyFromPath(r)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, toAPIBody(b))
	return nil
}

// bodyPatch is a partial update: a field left out keeps its value, an
// empty string clears it.
type bodyPatch struct {
	Contact *struct {
		Office   *string `json:"office"`
		Address  *string `json:"address"`
		Hours    *string `json:"hours"`
		Phone    *string `json:"phone"`
		Fax      *string `json:"fax"`
		Email    *string `json:"email"`
		Postcode *string `json:"postcode"`
	} `json:"contact"`
}

func (s *server) apiBodyPatch(w http.ResponseWriter, r *http.Request) error {
	b, err := s.bodyFromPath(r)
	if err != nil {
		return err
	}
	var patch bodyPatch
	if err := decodeJSON(r, &patch); err != nil {
		return err
	}
	if patch.Contact == nil {
		return errBadRequest("请求体中缺少 contact 字段。")
	}
	c := b.Contact
	pc := patch.Contact
	for _, f := range []struct {
		dst *string
		src *string
	}{{&c.Office, pc.Office}, {&c.Address, pc.Address}, {&c.Hours, pc.Hours}, {&c.Phone, pc.Phone},
		{&c.Fax, pc.Fax}, {&c.Email, pc.Email}, {&c.Postcode, pc.Postcode}} {
		if f.src != nil {
			*f.dst = *f.src
		}
	}
	if errs := validateContact(c); len(errs) > 0 {
		return errInvalid(errs[0])
	}
	if err := s.updateContact(r, b, c, b.Identity); err != nil {
		return err
	}
	b.Contact = c
	writeJSON(w, http.StatusOK, toAPIBody(b))
	return nil
}

func (s *server) apiColumns(w http.ResponseWriter, r *http.Request) error {
	b, err := s.bodyFromPath(r)
	if err != nil {
		return err
	}
	cols, err := s.store.Columns(r.Context(), b.ID)
	if err != nil {
		return err
	}
	page, next, err := pageAfter(r, cols, func(c disclosure.Column) int64 { return c.ID })
	if err != nil {
		return err
	}
	out := apiList[apiColumn]{Items: []apiColumn{}, Total: len(cols), NextCursor: next}
	for _, c := range page {
		out.Items = append(out.Items, apiColumn{ID: c.ID, ParentID: c.ParentID, Slug: c.Slug, Name: c.Name, Fixed: c.Fixed, Position: c.Position,
			Type: string(c.Type), UpdatePeriod: c.Period.String(), Retired: c.Retired})
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// intParam reads a non-negative integer query parameter.
func intParam(r *http.Request, name string, def, maxVal int) (int, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 || n > maxVal {
		return 0, errBadRequest("参数 " + name + " 应为 0 到 " + strconv.Itoa(maxVal) + " 之间的整数。")
	}
	return n, nil
}

func (s *server) apiDocuments(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	offset, err := intParam(r, "offset", 0, 1<<30)
	if err != nil {
		return err
	}
	limit, err := intParam(r, "limit", 20, 100)
	if err != nil {
		return err
	}
	docs, total, err := s.store.Documents(r.Context(), id, offset, limit)
	if err != nil {
		return err
	}
	out := apiList[apiDocument]{Items: []apiDocument{}, Total: total}
	for _, d := range docs {
		out.Items = append(out.Items, toAPIDocument(d))
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

func toAPIDocument(d disclosure.Document) apiDocument {
	kw := d.Keywords
	if kw == nil {
		kw = []string{}
	}
	return apiDocument{ID: d.ID, ColumnID: d.ColumnID, IndexNo: d.IndexNo, Title: d.Title, DocNo: d.DocNo,
		Publisher: d.Publisher, Summary: d.Summary, Written: d.Written, Published: d.Published,
		Theme: d.Theme, Genre: d.Genre, Keywords: kw, Kind: string(d.Kind), Validity: string(disclosure.CurrentValidity(d.Validity)),
		Interprets: d.Interprets, Updated: d.Updated}
}

type apiAuditEntry struct {
	ID       int64     `json:"id"`
	At       time.Time `json:"at"`
	UserID   int64     `json:"user_id"`
	Username string    `json:"username"`
	Action   string    `json:"action"`
	BodyID   int64     `json:"body_id"`
	Target   string    `json:"target"`
	Detail   string    `json:"detail"`
	Remote   string    `json:"remote"`
}

type apiAuditPage struct {
	Items []apiAuditEntry `json:"items"`
	// NextBefore is the value of ?before= for the next page; 0 at the end.
	NextBefore int64 `json:"next_before"`
}

func (s *server) apiAudit(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	limit, err := intParam(r, "limit", auditPageSize, 200)
	if err != nil {
		return err
	}
	before, err := intParam(r, "before", 0, 1<<62)
	if err != nil {
		return err
	}
	entries, more, err := s.auditQuery(ctx, principalFrom(ctx), r.URL.Query().Get("action"), int64(before), max(limit, 1))
	if err != nil {
		return err
	}
	out := apiAuditPage{Items: []apiAuditEntry{}}
	for _, e := range entries {
		out.Items = append(out.Items, toAPIAudit(e))
	}
	if more && len(entries) > 0 {
		out.NextBefore = entries[len(entries)-1].ID
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

func toAPIAudit(e audit.Entry) apiAuditEntry {
	return apiAuditEntry{ID: e.ID, At: e.At, UserID: e.UserID, Username: e.Username, Action: e.Action,
		BodyID: e.BodyID, Target: e.Target, Detail: e.Detail, Remote: e.Remote}
}
