package store_test

import (
	"context"
	"errors"
	"os"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/body"
	"github.com/gongkai/gongkai/internal/disclosure"
	"github.com/gongkai/gongkai/internal/store"
	"github.com/gongkai/gongkai/internal/store/storetest"
)

// clock is a settable time source shared by a store under test.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

func openTarget(t *testing.T, tg storetest.Target, c *clock) *store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), tg.URL, store.Options{Now: c.Now})
	if err != nil {
		t.Fatalf("open %s: %v", tg.Name, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// TestStore runs every case against SQLite and, when configured,
// PostgreSQL. Cases share one database per target, so each uses its own
// slugs and usernames.
func TestStore(t *testing.T) {
	cases := []struct {
		name string
		run  func(t *testing.T, s *store.Store, c *clock)
	}{
		{"bodies and fixed columns", testBodies},
		{"users and grants", testUsers},
		{"api tokens", testTokens},
		{"login throttling", testThrottle},
		{"audit log", testAudit},
		{"columns and documents", testDocuments},
		{"leases", testLeases},
		{"sessions", testSessions},
		{"meta", testMeta},
	}
	for _, tg := range storetest.Targets(t, os.Getenv) {
		t.Run(tg.Name, func(t *testing.T) {
			c := &clock{t: time.Date(2026, 3, 1, 8, 0, 0, 123456789, time.UTC)}
			s := openTarget(t, tg, c)
			for _, tc := range cases {
				t.Run(tc.name, func(t *testing.T) { tc.run(t, s, c) })
			}
		})
	}
}

func mustCreateBody(t *testing.T, s *store.Store, b body.Body) int64 {
	t.Helper()
	id, err := s.CreateBody(context.Background(), b)
	if err != nil {
		t.Fatalf("CreateBody(%s): %v", b.Slug, err)
	}
	return id
}

func testBodies(t *testing.T, s *store.Store, c *clock) {
	ctx := context.Background()
	county := mustCreateBody(t, s, body.Body{Name: "桐柏县人民政府", Kind: body.County, Slug: "b-county", Code: "11411330MB17390007"})
	town := mustCreateBody(t, s, body.Body{ParentID: county, Name: "吴城镇人民政府", Kind: body.Township, Slug: "b-town",
		Contact: body.Contact{Office: "党政综合办公室", Postcode: "474750"}, Identity: body.Site{Sponsor: "吴城镇人民政府", Phone: "0377-66123456"}})
	dept := mustCreateBody(t, s, body.Body{ParentID: county, Name: "桐柏县民政局", Kind: body.Department, Slug: "b-dept"})
	village := mustCreateBody(t, s, body.Body{ParentID: town, Name: "小河村", Kind: body.Village, Slug: "b-village"})

	got, err := s.Body(ctx, town)
	if err != nil {
		t.Fatal(err)
	}
	if got.Name != "吴城镇人民政府" || got.ParentID != county || got.Kind != body.Township || got.Contact.Postcode != "474750" ||
		got.Identity != (body.Site{Sponsor: "吴城镇人民政府", Phone: "0377-66123456"}) {
		t.Errorf("Body = %+v", got)
	}
	if !got.Created.Equal(c.Now().Truncate(time.Microsecond)) {
		t.Errorf("Created = %v, want %v", got.Created, c.Now())
	}
	if b, err := s.BodyBySlug(ctx, "b-county"); err != nil || b.ID != county || b.ParentID != 0 || b.Code != "11411330MB17390007" || !b.Identity.Empty() {
		t.Errorf("BodyBySlug = %+v, %v", b, err)
	}
	got.Identity = body.Site{Organizer: "吴城镇党政综合办公室"}
	if err := s.UpdateBody(ctx, got); err != nil {
		t.Fatal(err)
	}
	if b, err := s.Body(ctx, town); err != nil || b.Identity != got.Identity {
		t.Errorf("after UpdateBody: identity %+v, %v", b.Identity, err)
	}
	for _, err := range []error{
		func() error { _, err := s.Body(ctx, 999999); return err }(),
		func() error { _, err := s.BodyBySlug(ctx, "nope"); return err }(),
		func() error { _, err := s.Ancestors(ctx, 999999); return err }(),
		s.UpdateBody(ctx, body.Body{ID: 999999, Name: "x", Kind: body.County, Slug: "b-x"}),
	} {
		if !errors.Is(err, store.ErrNotFound) {
			t.Errorf("missing body: err = %v, want ErrNotFound", err)
		}
	}
	if _, err := s.CreateBody(ctx, body.Body{Name: "重复", Kind: body.County, Slug: "b-county"}); !errors.Is(err, store.ErrConflict) {
		t.Errorf("duplicate slug: %v, want ErrConflict", err)
	}

	all, err := s.Bodies(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var order []int64
	for _, b := range all {
		if slices.Contains([]int64{county, town, dept, village}, b.ID) {
			order = append(order, b.ID)
		}
	}
	if want := []int64{county, town, village, dept}; !slices.Equal(order, want) {
		t.Errorf("Bodies order = %v, want tree order %v", order, want)
	}
	if a, err := s.Ancestors(ctx, village); err != nil || !slices.Equal(a, []int64{county, town}) {
		t.Errorf("Ancestors(village) = %v, %v", a, err)
	}
	if a, err := s.Ancestors(ctx, county); err != nil || len(a) != 0 || a == nil {
		t.Errorf("Ancestors(root) = %#v, %v; want empty non-nil", a, err)
	}

	got.Contact.Phone = "0376-8000000"
	got.Name = "桐柏县吴城镇人民政府"
	if err := s.UpdateBody(ctx, got); err != nil {
		t.Fatal(err)
	}
	if b, _ := s.Body(ctx, town); b.Contact.Phone != "0376-8000000" || b.Name != "桐柏县吴城镇人民政府" || b.ParentID != county {
		t.Errorf("after UpdateBody: %+v", b)
	}

	moved := got
	moved.ParentID = village
	if err := s.UpdateBody(ctx, moved); !errors.Is(err, store.ErrCycle) {
		t.Errorf("moving a body under its own village: %v, want ErrCycle", err)
	}
	moved.ParentID = town
	if err := s.UpdateBody(ctx, moved); !errors.Is(err, store.ErrCycle) {
		t.Errorf("moving a body under itself: %v, want ErrCycle", err)
	}

	cols, err := s.Columns(ctx, town)
	if err != nil {
		t.Fatal(err)
	}
	if len(cols) != 1+len(disclosure.FixedSubColumns) {
		t.Fatalf("Columns = %d, want %d", len(cols), 1+len(disclosure.FixedSubColumns))
	}
	root := cols[0]
	if root.Name != disclosure.RootColumnName || root.ParentID != 0 || !root.Fixed || root.Slug != store.RootColumnSlug {
		t.Errorf("root column = %+v", root)
	}
	for i, sc := range disclosure.FixedSubColumns {
		c := cols[i+1]
		if c.Slug != sc.Slug || c.Name != sc.Name || c.ParentID != root.ID || !c.Fixed || c.BodyID != town {
			t.Errorf("sub-column %d = %+v, want %s %s under %d", i, c, sc.Slug, sc.Name, root.ID)
		}
	}
	if c, err := s.ColumnBySlug(ctx, town, "annual-report"); err != nil || c.Name != "政府信息公开工作年度报告" {
		t.Errorf("ColumnBySlug = %+v, %v", c, err)
	}
	if _, err := s.ColumnBySlug(ctx, town, "nope"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("ColumnBySlug(nope) err = %v", err)
	}
}

func testUsers(t *testing.T, s *store.Store, c *clock) {
	ctx := context.Background()
	setPw := func(ctx context.Context, id int64, hash string, mustChange bool) error {
		_, err := s.SetPassword(ctx, id, hash, mustChange)
		return err
	}
	b := mustCreateBody(t, s, body.Body{Name: "用户测试县", Kind: body.County, Slug: "u-county"})
	id, err := s.CreateUser(ctx, auth.User{Username: "u-editor", DisplayName: "张三", PasswordHash: "h1"},
		[]auth.Grant{{Role: auth.RoleEditor, BodyID: b}, {Role: auth.RoleSupervisor, BodyID: b, Subtree: true}})
	if err != nil {
		t.Fatal(err)
	}
	admin, err := s.CreateUser(ctx, auth.User{Username: "u-admin"}, []auth.Grant{{Role: auth.RoleSysAdmin, BodyID: b}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateUser(ctx, auth.User{Username: "u-editor"}, nil); !errors.Is(err, store.ErrConflict) {
		t.Errorf("duplicate username: %v, want ErrConflict", err)
	}
	if _, err := s.CreateUser(ctx, auth.User{Username: "u-bad-grant"}, []auth.Grant{{Role: auth.RoleEditor, BodyID: 999999}}); err == nil || errors.Is(err, store.ErrConflict) {
		t.Errorf("grant on a missing body: %v, want a foreign key error", err)
	}
	if _, err := s.CreateUser(ctx, auth.User{Username: "u-nobody"}, []auth.Grant{{Role: auth.RoleEditor}}); err == nil {
		t.Error("editor grant without a body accepted")
	}
	if _, err := s.UserByName(ctx, "u-nobody"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("failed CreateUser left a row behind: %v", err)
	}
	u, err := s.UserByName(ctx, "u-editor")
	if err != nil || u.ID != id || u.DisplayName != "张三" || u.PasswordHash != "h1" || u.Disabled || u.MustChangePassword {
		t.Errorf("UserByName = %+v, %v", u, err)
	}
	// A one-time password: flagged at creation or by a reset, cleared
	// together with the hash when its holder sets their own.
	oneTime, err := s.CreateUser(ctx, auth.User{Username: "u-onetime", PasswordHash: "g1", MustChangePassword: true}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if u, err := s.User(ctx, oneTime); err != nil || !u.MustChangePassword {
		t.Errorf("created with a one-time password: %+v, %v", u, err)
	}
	if err := setPw(ctx, oneTime, "own", false); err != nil {
		t.Fatal(err)
	}
	if u, err := s.UserByName(ctx, "u-onetime"); err != nil || u.MustChangePassword || u.PasswordHash != "own" {
		t.Errorf("after the holder's change: %+v, %v", u, err)
	}
	if err := setPw(ctx, oneTime, "g2", true); err != nil {
		t.Fatal(err)
	}
	if us, err := s.Users(ctx); err != nil || !slices.ContainsFunc(us, func(u auth.User) bool {
		return u.ID == oneTime && u.MustChangePassword && u.PasswordHash == "g2"
	}) {
		t.Errorf("after a reset to a one-time password: %+v, %v", us, err)
	}
	if err := setPw(ctx, id, "h2", false); err != nil {
		t.Fatal(err)
	}
	if err := s.SetDisabled(ctx, id, true); err != nil {
		t.Fatal(err)
	}
	if u, _ := s.User(ctx, id); u.PasswordHash != "h2" || !u.Disabled {
		t.Errorf("after SetPassword/SetDisabled: %+v", u)
	}
	for _, err := range []error{setPw(ctx, 999999, "x", false), s.SetDisabled(ctx, 999999, true), s.RemoveGrant(ctx, 999999),
		func() error { _, err := s.User(ctx, 999999); return err }()} {
		if !errors.Is(err, store.ErrNotFound) {
			t.Errorf("missing user/grant: err = %v, want ErrNotFound", err)
		}
	}
	gs, err := s.Grants(ctx, id)
	if err != nil || len(gs) != 2 || gs[0].Role != auth.RoleEditor || gs[0].BodyID != b || gs[1].Subtree != true {
		t.Fatalf("Grants = %+v, %v", gs, err)
	}
	if ag, _ := s.Grants(ctx, admin); len(ag) != 1 || ag[0].BodyID != 0 || ag[0].Role != auth.RoleSysAdmin {
		t.Errorf("sysadmin grant = %+v, want BodyID 0", ag)
	}
	gid, err := s.AddGrant(ctx, auth.Grant{UserID: id, Role: auth.RoleReviewer, BodyID: b})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.RemoveGrant(ctx, gs[0].ID); err != nil {
		t.Fatal(err)
	}
	gs, _ = s.Grants(ctx, id)
	if len(gs) != 2 || gs[1].ID != gid || gs[0].Role != auth.RoleSupervisor {
		t.Errorf("after Add/RemoveGrant: %+v", gs)
	}
	us, err := s.Users(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, u := range us {
		names = append(names, u.Username)
	}
	if !slices.IsSorted(names) || !slices.Contains(names, "u-admin") || !slices.Contains(names, "u-editor") {
		t.Errorf("Users = %v", names)
	}
}

func testTokens(t *testing.T, s *store.Store, c *clock) {
	ctx := context.Background()
	uid, err := s.CreateUser(ctx, auth.User{Username: "t-robot"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	secret, hash, err := auth.NewTokenSecret()
	if err != nil {
		t.Fatal(err)
	}
	id, err := s.CreateToken(ctx, auth.Token{UserID: uid, Name: "统计接口", Hash: hash})
	if err != nil {
		t.Fatal(err)
	}
	tok, err := s.TokenByHash(ctx, auth.HashToken(secret))
	if err != nil || tok.ID != id || tok.LastUsed != nil || tok.Revoked || tok.Name != "统计接口" {
		t.Fatalf("TokenByHash = %+v, %v", tok, err)
	}
	if _, err := s.TokenByHash(ctx, auth.HashToken("wrong")); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("unknown token err = %v", err)
	}
	used := c.Now().Add(time.Minute)
	if err := s.TouchToken(ctx, id, used); err != nil {
		t.Fatal(err)
	}
	if err := s.RevokeToken(ctx, id); err != nil {
		t.Fatal(err)
	}
	ts, err := s.Tokens(ctx, uid)
	if err != nil || len(ts) != 1 || !ts[0].Revoked || ts[0].LastUsed == nil || !ts[0].LastUsed.Equal(used.Truncate(time.Microsecond)) {
		t.Errorf("Tokens = %+v, %v", ts, err)
	}
	if err := s.RevokeToken(ctx, 999999); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("RevokeToken(missing) = %v", err)
	}
}

func testThrottle(t *testing.T, s *store.Store, c *clock) {
	ctx := context.Background()
	base := c.Now()
	for _, at := range []time.Duration{-2 * time.Hour, -10 * time.Minute, -time.Minute, -time.Second} {
		if err := s.RecordThrottleEvent(ctx, "th-user", base.Add(at)); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.RecordThrottleEvent(ctx, "th-other", base); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		key   string
		since time.Duration
		want  int
	}{
		{"th-user", -15 * time.Minute, 3},
		{"th-user", -time.Minute, 2},
		{"th-user", -3 * time.Hour, 4},
		{"th-other", -time.Minute, 1},
		{"th-none", -time.Hour, 0},
	}
	for _, tt := range tests {
		if n, err := s.ThrottleEvents(ctx, tt.key, base.Add(tt.since)); err != nil || n != tt.want {
			t.Errorf("ThrottleEvents(%s, %v) = %d, %v; want %d", tt.key, tt.since, n, err, tt.want)
		}
	}
	if err := s.ClearThrottleEvents(ctx, "th-user"); err != nil {
		t.Fatal(err)
	}
	if n, _ := s.ThrottleEvents(ctx, "th-user", base.Add(-3*time.Hour)); n != 0 {
		t.Errorf("after clear: %d failures", n)
	}
	if n, _ := s.ThrottleEvents(ctx, "th-other", base.Add(-time.Hour)); n != 1 {
		t.Errorf("clear touched another key: %d", n)
	}
}

func testAudit(t *testing.T, s *store.Store, c *clock) {
	ctx := context.Background()
	entries := []audit.Entry{
		{UserID: 501, Username: "a-one", Action: "user.create", BodyID: 601, Target: "user:9", Detail: "创建账号", Remote: "10.0.0.1"},
		{UserID: 502, Username: "a-two", Action: "login.fail", BodyID: 0},
		{UserID: 501, Username: "a-one", Action: "body.edit", BodyID: 602},
		{UserID: 501, Username: "a-one", Action: "body.edit", BodyID: 601},
	}
	for _, e := range entries {
		c.Advance(time.Second)
		if err := s.AppendAudit(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name string
		f    audit.Filter
		want []string // actions, newest first
	}{
		{"by user", audit.Filter{UserID: 501}, []string{"body.edit", "body.edit", "user.create"}},
		{"by body", audit.Filter{BodyIDs: []int64{601}}, []string{"body.edit", "user.create"}},
		{"by bodies and action", audit.Filter{BodyIDs: []int64{601, 602}, Action: "body.edit"}, []string{"body.edit", "body.edit"}},
		{"empty body list", audit.Filter{BodyIDs: []int64{}}, nil},
		{"limit", audit.Filter{UserID: 501, Limit: 1}, []string{"body.edit"}},
		{"by user 502", audit.Filter{UserID: 502}, []string{"login.fail"}},
	}
	for _, tt := range tests {
		es, err := s.Audit(ctx, tt.f)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		var got []string
		for _, e := range es {
			got = append(got, e.Action)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
	first, _ := s.Audit(ctx, audit.Filter{UserID: 501, Limit: 1})
	page, _ := s.Audit(ctx, audit.Filter{UserID: 501, Before: first[0].ID})
	if len(page) != 2 || page[0].BodyID != 602 || page[1].Detail != "创建账号" || page[1].Remote != "10.0.0.1" {
		t.Errorf("page before %d = %+v", first[0].ID, page)
	}
	if page[0].At.Before(page[1].At) || page[0].At.IsZero() {
		t.Errorf("times not set in order: %v, %v", page[0].At, page[1].At)
	}
	// Append-only even for a raw database handle.
	for _, q := range []string{"UPDATE audit_log SET detail = 'x'", "DELETE FROM audit_log"} {
		if _, err := s.WriterDB().ExecContext(ctx, q); err == nil {
			t.Errorf("%q succeeded on the audit log", q)
		}
	}
}

func testDocuments(t *testing.T, s *store.Store, c *clock) {
	ctx := context.Background()
	b := mustCreateBody(t, s, body.Body{Name: "文档测试镇", Kind: body.Township, Slug: "d-town"})
	other := mustCreateBody(t, s, body.Body{Name: "另一个镇", Kind: body.Township, Slug: "d-other"})
	statutory, err := s.ColumnBySlug(ctx, b, "statutory")
	if err != nil {
		t.Fatal(err)
	}
	sub, err := s.CreateColumn(ctx, disclosure.Column{BodyID: b, ParentID: statutory.ID, Slug: "d-jgzn", Name: "机构职能", Position: 1, Fixed: true})
	if err != nil {
		t.Fatal(err)
	}
	if c, _ := s.ColumnBySlug(ctx, b, "d-jgzn"); c.Fixed || c.ParentID != statutory.ID {
		t.Errorf("created column = %+v; want not fixed, under statutory", c)
	}
	if _, err := s.CreateColumn(ctx, disclosure.Column{BodyID: other, ParentID: statutory.ID, Slug: "x", Name: "x"}); err == nil {
		t.Error("column under another body's column accepted")
	}
	written := time.Date(2021, 1, 15, 0, 0, 0, 0, time.UTC)
	var ids []int64
	for i, title := range []string{"第一篇", "第二篇", "第三篇", "草稿"} {
		d := disclosure.Document{BodyID: b, ColumnID: sub, Title: title, Written: &written, Summary: "概述",
			BodyHTML: `<p onclick="x()">正文<script>alert(1)</script></p>`}
		if title != "草稿" {
			p := written.Add(time.Duration(i) * 24 * time.Hour)
			d.Published = &p
		}
		id, err := s.CreateDocument(ctx, d)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	if _, err := s.CreateDocument(ctx, disclosure.Document{BodyID: other, ColumnID: sub, Title: "错位"}); err == nil {
		t.Error("document in another body's column accepted")
	}
	tests := []struct {
		offset, limit int
		want          []string
	}{
		{0, 10, []string{"第三篇", "第二篇", "第一篇"}},
		{0, 2, []string{"第三篇", "第二篇"}},
		{2, 2, []string{"第一篇"}},
		{5, 2, nil},
	}
	for _, tt := range tests {
		ds, total, err := s.Documents(ctx, sub, tt.offset, tt.limit)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, d := range ds {
			got = append(got, d.Title)
		}
		if total != 3 || !slices.Equal(got, tt.want) {
			t.Errorf("Documents(%d, %d) = %v (total %d), want %v (total 3)", tt.offset, tt.limit, got, total, tt.want)
		}
	}
	draft, err := s.Document(ctx, ids[3])
	if err != nil || draft.Published != nil || draft.Written == nil || !draft.Written.Equal(written) || draft.Title != "草稿" {
		t.Errorf("Document(draft) = %+v, %v", draft, err)
	}
	if draft.BodyHTML != "<p>正文</p>" {
		t.Errorf("BodyHTML stored as %q, want it sanitised to <p>正文</p>", draft.BodyHTML)
	}
	if _, err := s.Document(ctx, 999999); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Document(missing) = %v", err)
	}
	// Search results ask for the dates of published documents only: the
	// draft and an unknown id are left out.
	dates, err := s.HitDetails(ctx, append(slices.Clone(ids), 999999))
	if err != nil {
		t.Fatal(err)
	}
	if len(dates) != 3 || !dates[ids[2]].Published.Equal(written.Add(2*24*time.Hour)) || dates[ids[2]].Column == "" {
		t.Errorf("HitDetails = %v, want the three published documents with their column", dates)
	}
	if _, ok := dates[ids[3]]; ok {
		t.Error("HitDetails lists the draft")
	}
	if dates, err := s.HitDetails(ctx, nil); err != nil || len(dates) != 0 {
		t.Errorf("HitDetails(nil) = %v, %v", dates, err)
	}
}

func testLeases(t *testing.T, s *store.Store, c *clock) {
	ctx := context.Background()
	steps := []struct {
		advance time.Duration
		holder  string
		want    bool
	}{
		{0, "A", true},                // free
		{0, "B", false},               // held by A
		{30 * time.Second, "A", true}, // A renews until +90s
		{45 * time.Second, "B", false},
		{46 * time.Second, "B", true}, // A's lease ran out
		{0, "A", false},
	}
	for i, st := range steps {
		c.Advance(st.advance)
		got, err := s.TryLease(ctx, "l-job", st.holder, time.Minute)
		if err != nil {
			t.Fatal(err)
		}
		if got != st.want {
			t.Errorf("step %d: TryLease(%s) = %v, want %v", i, st.holder, got, st.want)
		}
	}
	if err := s.ReleaseLease(ctx, "l-job", "B"); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.TryLease(ctx, "l-job", "A", time.Minute); !got {
		t.Error("lease not free after release")
	}
	// Racing holders: exactly one wins.
	var wg sync.WaitGroup
	var mu sync.Mutex
	wins := 0
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ok, err := s.TryLease(ctx, "l-race", string(rune('a'+i)), time.Minute)
			if err != nil {
				t.Error(err)
			}
			if ok {
				mu.Lock()
				wins++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if wins != 1 {
		t.Errorf("%d holders won one lease", wins)
	}
}

func testSessions(t *testing.T, s *store.Store, c *clock) {
	ss := s.Sessions()
	exp := c.Now().Add(time.Hour)
	if err := ss.Commit("s-tok1", []byte("data-1"), exp); err != nil {
		t.Fatal(err)
	}
	if err := ss.Commit("s-tok2", []byte("short"), c.Now().Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	if err := ss.Commit("s-tok1", []byte("data-2"), exp); err != nil {
		t.Fatal(err)
	}
	if b, ok, err := ss.Find("s-tok1"); err != nil || !ok || string(b) != "data-2" {
		t.Errorf("Find = %q, %v, %v", b, ok, err)
	}
	if _, ok, err := ss.Find("s-missing"); ok || err != nil {
		t.Errorf("Find(missing) = %v, %v", ok, err)
	}
	c.Advance(2 * time.Minute)
	if _, ok, err := ss.Find("s-tok2"); ok || err != nil {
		t.Errorf("expired session found: %v, %v", ok, err)
	}
	n, err := s.DeleteExpiredSessions(context.Background())
	if err != nil || n < 1 {
		t.Errorf("DeleteExpiredSessions = %d, %v", n, err)
	}
	if err := ss.Delete("s-tok1"); err != nil {
		t.Fatal(err)
	}
	if err := ss.Delete("s-tok1"); err != nil {
		t.Errorf("second Delete = %v, want nil", err)
	}
	if _, ok, _ := ss.Find("s-tok1"); ok {
		t.Error("deleted session found")
	}
}

func testMeta(t *testing.T, s *store.Store, c *clock) {
	ctx := context.Background()
	if _, err := s.Meta(ctx, "m-key"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Meta(missing) = %v", err)
	}
	for _, v := range []string{"one", "two"} {
		if err := s.SetMeta(ctx, "m-key", v); err != nil {
			t.Fatal(err)
		}
		if got, err := s.Meta(ctx, "m-key"); err != nil || got != v {
			t.Errorf("Meta = %q, %v; want %q", got, err, v)
		}
	}
}
