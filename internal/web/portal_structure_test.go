package web

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/body"
	"github.com/gongkai/gongkai/internal/disclosure"
)

// TestPortalStructure: the bodies and columns are read once per content
// generation, and a change to either (which bumps it) is seen at once.
func TestPortalStructure(t *testing.T) {
	e := newTestEnv(t)
	ctx := context.Background()
	first, err := e.srv.structure(ctx)
	if err != nil {
		t.Fatal(err)
	}
	again, _ := e.srv.structure(ctx)
	if again != first {
		t.Error("the structure was read again under the same generation")
	}
	cols, err := first.columnsOf(ctx, e.st, e.a.ID)
	if err != nil || len(cols) == 0 {
		t.Fatalf("columns of %s: %v, %v", e.a.Slug, cols, err)
	}
	statutory, err := e.st.ColumnBySlug(ctx, e.a.ID, "statutory")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.st.CreateColumn(ctx, disclosure.Column{BodyID: e.a.ID, ParentID: statutory.ID, Slug: "xinjian", Name: "新建栏目", Position: 9}); err != nil {
		t.Fatal(err)
	}
	e.createBody(body.Body{Name: "新设乡人民政府", Kind: body.Township, Slug: "xinshe", ParentID: e.root.ID})
	after, err := e.srv.structure(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if after == first {
		t.Fatal("the structure outlived a change to the columns and bodies")
	}
	if _, ok := after.body("xinshe"); !ok {
		t.Error("the new body is missing")
	}
	code, page := get(e, "/b/"+e.a.Slug+"/")
	if code != http.StatusOK || !strings.Contains(page, "新设乡人民政府") {
		t.Errorf("portal after the change: %d, new body in the switcher: %v", code, strings.Contains(page, "新设乡人民政府"))
	}
	if code, _ := get(e, "/b/no-such-body/"); code != http.StatusNotFound {
		t.Errorf("unknown body: %d, want 404", code)
	}
}
