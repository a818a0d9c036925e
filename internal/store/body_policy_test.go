package store_test

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/body"
	"github.com/gongkai/gongkai/internal/disclosure"
	"github.com/gongkai/gongkai/internal/store"
	"github.com/gongkai/gongkai/internal/store/storetest"
)

// TestStoreKeepsBodyPolicy writes bodies through every way the store
// takes one and checks that the store sanitises with the disclosure
// package's policy: an annual report's column widths (the renderer
// writes "%.1f%%") survive, scripts and handlers do not.
func TestStoreKeepsBodyPolicy(t *testing.T) {
	const in = `<table><colgroup><col width="12.5%"><col width="40%"></colgroup>` +
		`<tbody><tr><td onclick="x()">一</td><td>二<script>alert(1)</script></td></tr></tbody></table>`
	want := disclosure.SanitizeBody(in)
	for _, must := range []string{`width="12.5%"`, `width="40%"`} {
		if !strings.Contains(want, must) {
			t.Fatalf("policy drops %s: %s", must, want)
		}
	}
	if strings.Contains(want, "script") || strings.Contains(want, "onclick") {
		t.Fatalf("policy keeps a script: %s", want)
	}
	for _, tg := range storetest.Targets(t, os.Getenv) {
		t.Run(tg.Name, func(t *testing.T) {
			ctx := context.Background()
			c := &clock{t: time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)}
			s := openTarget(t, tg, c)
			b := mustCreateBody(t, s, body.Body{Name: "政策测试镇", Kind: body.Township, Slug: "policy-town"})
			col, err := s.ColumnBySlug(ctx, b, disclosure.AnnualReportSlug)
			if err != nil {
				t.Fatal(err)
			}
			d := disclosure.Document{BodyID: b, ColumnID: col.ID, Title: "年度报告", BodyHTML: in, Format: disclosure.FormatHTML}
			imported, err := s.CreateDocument(ctx, d)
			if err != nil {
				t.Fatal(err)
			}
			draft, err := s.CreateDraft(ctx, d, store.Actor{})
			if err != nil {
				t.Fatal(err)
			}
			saved := d
			saved.ID, saved.BodyHTML = draft, in+"<p>改</p>"
			if err := s.SaveDraft(ctx, saved, store.Actor{}); err != nil {
				t.Fatal(err)
			}
			for name, id := range map[string]int64{"CreateDocument": imported, "CreateDraft+SaveDraft": draft} {
				got, err := s.Document(ctx, id)
				if err != nil {
					t.Fatal(err)
				}
				if !strings.HasPrefix(got.BodyHTML, want) {
					t.Errorf("%s stored %q, want it to start with %q", name, got.BodyHTML, want)
				}
			}
		})
	}
}
