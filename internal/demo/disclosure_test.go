package demo_test

import (
	"context"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/annualreport"
	"github.com/gongkai/gongkai/internal/disclosure"
	"github.com/gongkai/gongkai/internal/interact"
	"github.com/gongkai/gongkai/internal/sitecheck"
	"github.com/gongkai/gongkai/internal/workday"
)

// TestSeedDisclosure: the township's own columns, workflow documents,
// table 二, catalogue and interaction records a new user can try.
func TestSeedDisclosure(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 11, 27, 8, 0, 0, 0, time.UTC)
	st := seededDemo(t, now)
	town, err := st.BodyBySlug(ctx, "wucheng")
	if err != nil {
		t.Fatal(err)
	}

	t.Run("columns", func(t *testing.T) {
		for _, tt := range []struct {
			slug   string
			typ    disclosure.ColumnType
			period string
			want   int
		}{
			{"news", disclosure.ColumnNews, "2w", 4},
			{"notices", disclosure.ColumnNotice, "6m", 2},
			{"policies", disclosure.ColumnPolicy, "6m", 3},
			{"interpretations", disclosure.ColumnOther, "", 2},
		} {
			col, err := st.ColumnBySlug(ctx, town.ID, tt.slug)
			if err != nil {
				t.Fatalf("column %s: %v", tt.slug, err)
			}
			if col.Type != tt.typ || col.Period.String() != tt.period || col.ParentID != 0 {
				t.Errorf("column %s = type %s period %q parent %d", tt.slug, col.Type, col.Period, col.ParentID)
			}
			docs, total, err := st.Documents(ctx, col.ID, 0, 50)
			if err != nil || total != tt.want {
				t.Errorf("column %s: %d published, %v; want %d", tt.slug, total, err, tt.want)
			}
			for _, d := range docs {
				if y := d.Published.In(workday.China).Year(); y < 2025 || y > 2026 {
					t.Errorf("%s published in %d, want 2025–2026", d.Title, y)
				}
				if err := disclosure.ValidateIndexNo(d.IndexNo); err != nil {
					t.Errorf("%s: %v", d.Title, err)
				}
				if _, ok := disclosure.ThemeByCode(d.Theme); !ok || d.Genre == "" {
					t.Errorf("%s: theme %q genre %q", d.Title, d.Theme, d.Genre)
				}
			}
		}
	})

	t.Run("site check", func(t *testing.T) {
		cols, err := st.Columns(ctx, town.ID)
		if err != nil {
			t.Fatal(err)
		}
		stats, err := st.ColumnStats(ctx, town.ID)
		if err != nil {
			t.Fatal(err)
		}
		var in []sitecheck.Column
		for _, c := range cols {
			if c.Slug == "news" || c.Slug == "notices" || c.Slug == "policies" || c.Slug == "interpretations" {
				in = append(in, sitecheck.Column{ID: c.ID, Name: c.Name, Type: c.Type, Period: c.Period,
					FirstLevel: c.ParentID == 0, Documents: stats[c.ID].Published, Last: stats[c.ID].Last})
			}
		}
		res := sitecheck.Check(in, now)
		if len(res.Late) != 1 || res.Late[0].Column.Name != "通知公告" || !res.Late[0].Key {
			t.Errorf("late columns = %+v; want 通知公告 only", res.Late)
		}
		if len(res.Blank) != 0 || res.Unqualified() {
			t.Errorf("blank %d, unqualified %v; want none", len(res.Blank), res.Unqualified())
		}
	})

	t.Run("workflow", func(t *testing.T) {
		for _, tt := range []struct {
			state disclosure.State
			want  int
		}{{disclosure.StateDraft, 1}, {disclosure.StateSubmitted, 1}} {
			_, n, err := st.BodyDocuments(ctx, town.ID, tt.state, 0, 50)
			if err != nil || n != tt.want {
				t.Errorf("%s documents = %d, %v; want %d", tt.state, n, err, tt.want)
			}
		}
		col, _ := st.ColumnBySlug(ctx, town.ID, "policies")
		docs, _, _ := st.Documents(ctx, col.ID, 0, 50)
		var revised disclosure.Document
		abolished := 0
		for _, d := range docs {
			if d.Kind != disclosure.KindNormative {
				t.Errorf("%s kind %s, want normative", d.Title, d.Kind)
			}
			if disclosure.CurrentValidity(d.Validity) == disclosure.ValidityAbolished {
				abolished++
				if last := d.Validity[len(d.Validity)-1]; last.ReplacedBy == 0 {
					t.Errorf("abolished %s names no replacement", d.Title)
				}
			}
			if d.Published.Equal(now) {
				revised = d
			}
		}
		if abolished != 1 || revised.ID == 0 {
			t.Fatalf("abolished %d, revised %q; want 1 and the one published at seeding", abolished, revised.Title)
		}
		ips, err := st.Interpretations(ctx, revised.ID)
		if err != nil || len(ips) != 1 || ips[0].State != disclosure.StatePublished || !ips[0].Published.Equal(now) {
			t.Errorf("interpretations of %q = %+v, %v; want one published with it", revised.Title, ips, err)
		}
		vs, _ := st.DocumentVersions(ctx, revised.ID)
		rs, _ := st.DocumentReviews(ctx, revised.ID)
		if len(vs) == 0 || len(rs) != 1 || vs[0].Username != "wc-editor" || rs[0].Username != "wc-reviewer" {
			t.Errorf("revised policy: versions %+v reviews %+v; want the editor's draft and the reviewer's approval", vs, rs)
		}
	})

	t.Run("table two", func(t *testing.T) {
		docs, err := st.CountedDocuments(ctx, town.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, tt := range []struct {
			year     int
			row, col string
			want     float64
		}{
			{2025, "行政规范性文件", "本年制发件数", 2},
			{2025, "行政规范性文件", "现行有效件数", 2},
			{2026, "行政规范性文件", "本年制发件数", 1},
			{2026, "行政规范性文件", "本年废止件数", 1},
			{2026, "行政规范性文件", "现行有效件数", 2},
			{2025, "行政处罚", "本年处理决定数量", 6},
			{2025, "行政事业性收费", "本年收费金额（单位：万元）", 0.36},
		} {
			entered, err := st.ReportFigures(ctx, town.ID, tt.year)
			if err != nil {
				t.Fatal(err)
			}
			two := disclosure.TableTwo(annualreport.FormatForYear(tt.year), tt.year, docs, entered.Cells)
			if c := two[tt.row][tt.col]; c.State != annualreport.Value || c.Num != tt.want {
				t.Errorf("%d %s / %s = %+v; want %v", tt.year, tt.row, tt.col, c, tt.want)
			}
		}
	})

	t.Run("catalogue", func(t *testing.T) {
		items, err := st.CatalogueItems(ctx, town.ID)
		if err != nil {
			t.Fatal(err)
		}
		domains := map[string]bool{}
		for _, it := range items {
			domains[it.Domain] = true
		}
		if len(items) < 6 || len(domains) != 3 {
			t.Errorf("catalogue: %d lines in %d domains; want at least 6 in 3", len(items), len(domains))
		}
		attached, err := st.CatalogueDocuments(ctx, town.ID)
		if err != nil || len(attached) != 1 {
			t.Errorf("documents on catalogue lines = %+v, %v; want 1", attached, err)
		}
	})

	t.Run("interaction", func(t *testing.T) {
		today := workday.Today(now)
		days, err := st.UnansweredConsultations(ctx)
		if err != nil {
			t.Fatal(err)
		}
		overdue, waiting := 0, 0
		for _, d := range days {
			if d.BodyID != town.ID {
				continue
			}
			waiting += d.Count
			if interact.Overdue(d.Day, today) {
				overdue += d.Count
			}
		}
		if overdue != 1 || waiting != 2 {
			t.Errorf("unanswered %d, overdue %d; want 2 and 1", waiting, overdue)
		}
		if _, n, err := st.PublishedConsultations(ctx, town.ID, 0, 10); err != nil || n != 1 {
			t.Errorf("published consultations = %d, %v; want 1", n, err)
		}
		ps, err := st.CommentPeriods(ctx, town.ID)
		if err != nil {
			t.Fatal(err)
		}
		states := map[interact.PeriodState]int{}
		for _, p := range ps {
			s := interact.StateOn(p.Start, p.End, p.Closed != nil, today)
			states[s]++
			if s == interact.PeriodClosed && (p.Adoption == "" || p.Adopted > p.Received || p.Received == 0) {
				t.Errorf("closed period %q: adopted %d of %d, summary %q", p.Title, p.Adopted, p.Received, p.Adoption)
			}
		}
		if states[interact.PeriodClosed] != 1 || states[interact.PeriodOpen] != 1 {
			t.Errorf("comment period states = %v; want one closed and one open", states)
		}
	})
}
