package store_test

import (
	"context"
	"errors"
	"os"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/body"
	"github.com/gongkai/gongkai/internal/catalogue"
	"github.com/gongkai/gongkai/internal/disclosure"
	"github.com/gongkai/gongkai/internal/store"
	"github.com/gongkai/gongkai/internal/store/storetest"
)

func TestColumnTreeAndCatalogue(t *testing.T) {
	for _, tg := range storetest.Targets(t, os.Getenv) {
		t.Run(tg.Name, func(t *testing.T) {
			c := &clock{t: time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)}
			s := openTarget(t, tg, c)
			t.Run("column tree", func(t *testing.T) { testColumnTree(t, s) })
			t.Run("catalogue", func(t *testing.T) { testCatalogue(t, s) })
		})
	}
}

func testColumnTree(t *testing.T, s *store.Store) {
	ctx := context.Background()
	b := mustCreateBody(t, s, body.Body{Name: "栏目测试镇", Kind: body.Township, Slug: "ct-town"})
	other := mustCreateBody(t, s, body.Body{Name: "栏目另一镇", Kind: body.Township, Slug: "ct-other"})
	statutory, err := s.ColumnBySlug(ctx, b, "statutory")
	if err != nil {
		t.Fatal(err)
	}
	guide, _ := s.ColumnBySlug(ctx, b, "guide")
	add := func(parent int64, name string, typ disclosure.ColumnType) int64 {
		t.Helper()
		id, err := s.AddColumn(ctx, disclosure.Column{BodyID: b, ParentID: parent, Name: name, Type: typ,
			Period: disclosure.DefaultPeriod(typ)})
		if err != nil {
			t.Fatalf("AddColumn %s: %v", name, err)
		}
		return id
	}
	news := add(0, "工作动态", disclosure.ColumnNews)
	notice := add(0, "通知公告", disclosure.ColumnNotice)
	personnel := add(statutory.ID, "人事信息", disclosure.ColumnPersonnel)
	got, err := s.Column(ctx, personnel)
	if err != nil || got.Type != disclosure.ColumnPersonnel || got.Period.String() != "1y" || got.ParentID != statutory.ID ||
		got.Slug == "" || got.Fixed {
		t.Errorf("Column = %+v, %v", got, err)
	}
	if _, err := s.AddColumn(ctx, disclosure.Column{BodyID: b, ParentID: guide.ID, Name: "x"}); !errors.Is(err, disclosure.ErrFixedColumn) {
		t.Errorf("column under 指南: %v, want ErrFixedColumn", err)
	}
	if _, err := s.AddColumn(ctx, disclosure.Column{BodyID: other, ParentID: statutory.ID, Name: "x"}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("column under another body's column: %v", err)
	}
	// Rename and period; fixed columns keep their names.
	if err := s.UpdateColumn(ctx, disclosure.Column{ID: news, Name: "要闻动态", Type: disclosure.ColumnNews,
		Period: disclosure.Period{N: 1, Unit: 'w'}}); err != nil {
		t.Fatal(err)
	}
	if c, _ := s.Column(ctx, news); c.Name != "要闻动态" || c.Period.String() != "1w" {
		t.Errorf("after update: %+v", c)
	}
	if err := s.UpdateColumn(ctx, disclosure.Column{ID: guide.ID, Name: "指南"}); !errors.Is(err, disclosure.ErrFixedColumn) {
		t.Errorf("renaming a fixed column: %v", err)
	}
	if err := s.UpdateColumn(ctx, disclosure.Column{ID: statutory.ID, Name: statutory.Name, Type: disclosure.ColumnPolicy,
		Period: disclosure.DefaultPeriod(disclosure.ColumnPolicy)}); err != nil {
		t.Errorf("setting a fixed column's period: %v", err)
	}
	// Reorder: the top-level order is 政府信息公开, news, notice.
	order := func() []int64 {
		cs, err := s.Columns(ctx, b)
		if err != nil {
			t.Fatal(err)
		}
		var ids []int64
		for _, c := range cs {
			if c.ParentID == 0 && !c.Fixed {
				ids = append(ids, c.ID)
			}
		}
		return ids
	}
	if err := s.MoveColumn(ctx, notice, true); err != nil {
		t.Fatal(err)
	}
	if o := order(); len(o) != 2 || o[0] != notice || o[1] != news {
		t.Errorf("after moving notice up: %v", o)
	}
	if err := s.MoveColumn(ctx, notice, true); err != nil { // would pass the fixed root: stays
		t.Fatal(err)
	}
	if o := order(); o[0] != notice {
		t.Errorf("moved above the fixed column: %v", o)
	}
	if err := s.MoveColumn(ctx, guide.ID, false); !errors.Is(err, disclosure.ErrFixedColumn) {
		t.Errorf("moving a fixed column: %v", err)
	}
	// Retire, never delete; fixed columns cannot retire.
	if err := s.SetColumnRetired(ctx, personnel, true); err != nil {
		t.Fatal(err)
	}
	if c, _ := s.Column(ctx, personnel); !c.Retired {
		t.Error("not retired")
	}
	if err := s.SetColumnRetired(ctx, statutory.ID, true); !errors.Is(err, disclosure.ErrFixedColumn) {
		t.Errorf("retiring a fixed column: %v", err)
	}
	// Stats count published documents only.
	pub := time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)
	for i, p := range []*time.Time{&pub, nil} {
		if _, err := s.CreateDocument(ctx, disclosure.Document{BodyID: b, ColumnID: news, Title: "动态" + string(rune('A'+i)), Published: p}); err != nil {
			t.Fatal(err)
		}
	}
	st, err := s.ColumnStats(ctx, b)
	if err != nil {
		t.Fatal(err)
	}
	if st[news].Published != 1 || !st[news].Last.Equal(pub) || st[notice].Published != 0 {
		t.Errorf("stats = %+v", st)
	}
}

func testCatalogue(t *testing.T, s *store.Store) {
	ctx := context.Background()
	b, col := docBody(t, s, "cat-town", "")
	line := func(l1, l2 string) catalogue.Item {
		return catalogue.Item{BodyID: b, Domain: "社会救助", Level1: l1, Level2: l2, Subject: "乡政府",
			Channels: []string{"政府网站", "公开查阅点"}, Audience: "全社会", Mode: "主动", Tier: []string{"乡级"}}
	}
	a, err := s.SaveCatalogueItem(ctx, line("低保", "政策文件"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveCatalogueItem(ctx, line("低保", "政策文件")); !errors.Is(err, store.ErrConflict) {
		t.Errorf("duplicate line: %v", err)
	}
	bID, err := s.SaveCatalogueItem(ctx, line("低保", "审批结果"))
	if err != nil {
		t.Fatal(err)
	}
	pub := time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)
	doc, err := s.CreateDocument(ctx, disclosure.Document{BodyID: b, ColumnID: col, Title: "低保政策", Published: &pub})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SetDocumentCatalogueItem(ctx, doc, a); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.DocumentCatalogueItem(ctx, doc); got != a {
		t.Errorf("DocumentCatalogueItem = %d, want %d", got, a)
	}
	if ds, err := s.CatalogueDocuments(ctx, b); err != nil || len(ds) != 1 || ds[0].ItemID != a || ds[0].Title != "低保政策" {
		t.Errorf("CatalogueDocuments = %+v, %v", ds, err)
	}
	otherBody, _ := docBody(t, s, "cat-other", "")
	foreign, err := s.SaveCatalogueItem(ctx, catalogue.Item{BodyID: otherBody, Domain: "就业", Level1: "x", Level2: "y",
		Subject: "z", Channels: []string{"政府网站"}, Audience: "全社会", Mode: "主动", Tier: []string{"乡级"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SetDocumentCatalogueItem(ctx, doc, foreign); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("attaching another body's line: %v", err)
	}
	if err := s.DeleteCatalogueItem(ctx, a); !errors.Is(err, store.ErrItemInUse) {
		t.Errorf("deleting a line with documents: %v", err)
	}
	// An import without the attached line fails as a whole.
	before, _ := s.CatalogueItems(ctx, b)
	if err := s.ImportCatalogue(ctx, b, []catalogue.Item{line("低保", "审批结果"), line("特困", "政策")}); !errors.Is(err, store.ErrItemInUse) {
		t.Errorf("import dropping an attached line: %v", err)
	}
	if after, _ := s.CatalogueItems(ctx, b); len(after) != len(before) {
		t.Errorf("failed import left %d lines, had %d", len(after), len(before))
	}
	// A good import keeps ids of matched lines, follows the file's order
	// and drops the unattached line.
	if err := s.ImportCatalogue(ctx, b, []catalogue.Item{line("特困", "政策"), line("低保", "政策文件")}); err != nil {
		t.Fatal(err)
	}
	items, err := s.CatalogueItems(ctx, b)
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 2 || items[0].Level1 != "特困" || items[1].ID != a || len(items[1].Channels) != 2 {
		t.Errorf("after import: %+v", items)
	}
	if _, err := s.CatalogueItem(ctx, bID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("dropped line still there: %v", err)
	}
	if err := s.SetDocumentCatalogueItem(ctx, doc, 0); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteCatalogueItem(ctx, a); err != nil {
		t.Errorf("deleting a detached line: %v", err)
	}
}
