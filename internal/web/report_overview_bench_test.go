package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"testing"

	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/body"
	"github.com/gongkai/gongkai/internal/store"
)

// BenchmarkReportOverview renders a province-sized supervisor's overview:
// 5,000 bodies under one root (50 counties of 99 townships), a third with
// a report saved, a sixth published elsewhere and uploaded. The page costs a fixed number of
// queries whatever the size; this measures what is left, the rendering.
//
//	go test -run '^$' -bench ReportOverview -benchtime 20x ./internal/web
func BenchmarkReportOverview(b *testing.B) {
	st, err := store.Open(context.Background(), b.TempDir()+"/bench.db", store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	srv := newTestServer(b, Options{Store: st, Sessions: st.Sessions()})
	e := &testEnv{st: st, srv: srv, h: srv.handler()}
	ctx := context.Background()
	root, err := st.CreateBody(ctx, body.Body{Name: "某省人民政府", Kind: body.Province, Slug: "prov"})
	if err != nil {
		b.Fatal(err)
	}
	a := store.Actor{Username: "bench"}
	n := 0
	for c := range 50 {
		county, err := st.CreateBody(ctx, body.Body{ParentID: root, Name: fmt.Sprintf("第%d县人民政府", c), Kind: body.County, Slug: fmt.Sprintf("c%d", c)})
		if err != nil {
			b.Fatal(err)
		}
		for t := range 99 {
			id, err := st.CreateBody(ctx, body.Body{ParentID: county, Name: fmt.Sprintf("第%d县第%d镇人民政府", c, t), Kind: body.Township, Slug: fmt.Sprintf("c%d-t%d", c, t)})
			if err != nil {
				b.Fatal(err)
			}
			if n++; n%3 == 0 {
				if err := st.SetReportSections(ctx, id, 2025, map[string]string{"一": "总体。"}, store.ReportCheck{Warnings: 1}, a); err != nil {
					b.Fatal(err)
				}
			}
			if n%6 == 1 {
				if _, err := st.RecordPublishedReport(ctx, store.Publication{BodyID: id, Year: 2025, Canonical: []byte(`{}`)},
					store.ReportSourceUpload, false, a); err != nil {
					b.Fatal(err)
				}
			}
		}
	}
	u := auth.User{Username: "sup", PasswordHash: testHash()}
	if _, err := st.CreateUser(ctx, u, []auth.Grant{{Role: auth.RoleSysAdmin}}); err != nil {
		b.Fatal(err)
	}
	login := e.serve(request("POST", "/admin/login", url.Values{"username": {"sup"}, "password": {testPassword}}, nil))
	if login.Code != http.StatusSeeOther {
		b.Fatalf("login: %d", login.Code)
	}
	cookies := sessionCookies(login)
	path := fmt.Sprintf("/admin/bodies/%d/annual-reports?year=2025", root)
	b.ResetTimer()
	for range b.N {
		w := e.serve(request("GET", path, nil, cookies))
		if w.Code != http.StatusOK {
			b.Fatalf("status %d", w.Code)
		}
	}
}
