package demo_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/annualreport"
	"github.com/gongkai/gongkai/internal/reportflow"
	"github.com/gongkai/gongkai/internal/store"
	"github.com/gongkai/gongkai/internal/workday"
)

// TestSeedAnnualReports: the township's 2021 report is imported as
// published, in the official layout from the model (captioned tables,
// not the flattened text), with the original attached and its four
// known findings; 月河镇 is off the platform, with the report its
// supervisor uploaded for the last full year, checked and in time.
func TestSeedAnnualReports(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 11, 27, 8, 0, 0, 0, time.UTC)
	st := seededDemo(t, now)
	town, err := st.BodyBySlug(ctx, "wucheng")
	if err != nil {
		t.Fatal(err)
	}
	rec, err := st.AnnualReport(ctx, town.ID, 2021)
	if err != nil || rec.State != reportflow.Published || len(rec.Versions) != 1 {
		t.Fatalf("2021 report %+v, %v", rec, err)
	}
	v := rec.Versions[0]
	if v.Source != store.ReportSourceImport || v.Original.Hash == "" || !strings.HasSuffix(v.Original.Name, ".txt") || v.DocumentID == 0 {
		t.Errorf("2021 version %+v", v)
	}
	rep, err := annualreport.DecodeJSON(v.Canonical)
	if err != nil {
		t.Fatal(err)
	}
	rules := map[string]bool{}
	for _, f := range rep.Findings {
		rules[f.Rule] = true
	}
	for _, r := range []string{annualreport.RuleYearMismatch, annualreport.RuleFormatMismatch, annualreport.RuleUnknownLabel, annualreport.RuleFeeNotReported} {
		if !rules[r] {
			t.Errorf("2021 report lacks its %s finding: %v", r, rules)
		}
	}
	d, err := st.Document(ctx, v.DocumentID)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(d.BodyHTML, "<caption>") || !strings.Contains(d.BodyHTML, "<h2>一、总体情况</h2>") || len(d.Attachments) != 1 {
		t.Errorf("2021 document: attachments %d, body\n%.600s", len(d.Attachments), d.BodyHTML)
	}

	yuehe, err := st.BodyBySlug(ctx, "yuehe")
	if err != nil {
		t.Fatal(err)
	}
	settings, err := st.ReportSettings(ctx)
	if err != nil || !settings[yuehe.ID].OffPlatform {
		t.Errorf("月河镇 settings %+v, %v", settings[yuehe.ID], err)
	}
	statuses, err := st.AnnualReportStatuses(ctx, []int64{town.ID, yuehe.ID}, 2025)
	if err != nil {
		t.Fatal(err)
	}
	ys := statuses[yuehe.ID]
	if ys.State != reportflow.Published || ys.Source != store.ReportSourceUpload || ys.Check.Errors != 0 || ys.FirstPublished == nil ||
		ys.FirstPublished.In(workday.China).Format("2006-01-02") != "2026-01-24" {
		t.Errorf("月河镇 2025 status %+v", ys)
	}
	if _, ok := statuses[town.ID]; ok {
		t.Errorf("the township's 2025 report is started already: %+v", statuses[town.ID])
	}
}
