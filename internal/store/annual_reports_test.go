package store_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/reportflow"
	"github.com/gongkai/gongkai/internal/store"
	"github.com/gongkai/gongkai/internal/store/storetest"
)

// TestAnnualReportWorkflow: the steps move the state as reportflow
// says and refuse anything else without writing; a return keeps its
// comments; publication creates the 年度报告 document and a version whose
// sha256 is of its canonical bytes; a correction is version 2 on the
// same document; versions cannot be changed or deleted; the statuses of
// several bodies come back in one call. On both databases.
func TestAnnualReportWorkflow(t *testing.T) {
	for _, tg := range storetest.Targets(t, os.Getenv) {
		t.Run(tg.Name, func(t *testing.T) {
			ctx := context.Background()
			s := openTarget(t, tg, &clock{t: time.Date(2027, 1, 10, 2, 0, 0, 0, time.UTC)})
			bid, _ := docBody(t, s, "flow", "000014349")
			other, _ := docBody(t, s, "flow-other", "")
			state := func(want reportflow.State) store.AnnualReportRecord {
				t.Helper()
				rec, err := s.AnnualReport(ctx, bid, 2026)
				if err != nil || rec.State != want {
					t.Fatalf("state %q (%v), want %q", rec.State, err, want)
				}
				return rec
			}
			state(reportflow.NotStarted)
			if err := s.SetReportSections(ctx, bid, 2026, map[string]string{"一": "总体。"}, store.ReportCheck{Errors: 2}, editor); err != nil {
				t.Fatal(err)
			}
			state(reportflow.Draft)
			if _, err := s.PublishAnnualReport(ctx, store.Publication{BodyID: bid, Year: 2026}, editor); !errors.Is(err, store.ErrReportState) {
				t.Errorf("publish a draft: %v", err)
			}
			snap := []byte(`{"schema":"gongkai.annual-report/v1"}`)
			if err := s.SubmitAnnualReport(ctx, store.Submission{BodyID: bid, Year: 2026, SupervisorID: other, Snapshot: snap,
				Check: store.ReportCheck{Errors: 1, Warnings: 3}}, editor); err != nil {
				t.Fatal(err)
			}
			rec := state(reportflow.Submitted)
			if string(rec.Snapshot) != string(snap) || rec.SupervisorID != other || rec.Check.Warnings != 3 {
				t.Errorf("submitted record %+v", rec)
			}
			if err := s.SetReportSections(ctx, bid, 2026, map[string]string{"一": "改。"}, store.ReportCheck{}, editor); !errors.Is(err, store.ErrReportState) {
				t.Errorf("edit while submitted: %v", err)
			}
			if got, _ := s.ReportSections(ctx, bid, 2026); got["一"] != "总体。" {
				t.Errorf("a refused edit wrote %q", got["一"])
			}
			cell := reportflow.Comment{Section: "二", Table: "二", Row: "行政强制", Column: "本年处理决定数量", Text: "空白"}
			if err := s.ReturnAnnualReport(ctx, bid, 2026, "请修改", []reportflow.Comment{cell, {Section: "五", Text: "太简略"}}, editor); err != nil {
				t.Fatal(err)
			}
			rec = state(reportflow.Returned)
			if cs := rec.Comments(); len(cs) != 2 || cs[0] != cell {
				t.Errorf("comments %+v", cs)
			}
			if err := s.SubmitAnnualReport(ctx, store.Submission{BodyID: bid, Year: 2026, Snapshot: snap}, editor); err != nil {
				t.Fatal(err)
			}
			if err := s.ApproveAnnualReport(ctx, bid, 2026, "", "上级同意", store.ReportCheck{Errors: 1}, editor); err != nil {
				t.Fatal(err)
			}
			rec = state(reportflow.Approved)
			if last := rec.Events[len(rec.Events)-1]; last.Override != "上级同意" || last.Action != reportflow.ActionApprove {
				t.Errorf("approval event %+v", last)
			}
			canonical := []byte(`{"schema":"gongkai.annual-report/v1","year":2026}`)
			v1, err := s.PublishAnnualReport(ctx, store.Publication{BodyID: bid, Year: 2026, Title: "测试2026年政府信息公开工作年度报告",
				Canonical: canonical, HTML: "<p>正文</p><script>x</script>"}, editor)
			if err != nil {
				t.Fatal(err)
			}
			sum := sha256.Sum256(canonical)
			if v1.Version != 1 || v1.SHA256 != hex.EncodeToString(sum[:]) || v1.DocumentID == 0 {
				t.Errorf("version 1 %+v", v1)
			}
			d, err := s.Document(ctx, v1.DocumentID)
			if err != nil || d.IndexNo == "" || d.Published == nil || d.BodyHTML != "<p>正文</p>" {
				t.Errorf("report document %+v, %v", d, err)
			}
			if err := s.CorrectAnnualReport(ctx, bid, 2026, editor); err != nil {
				t.Fatal(err)
			}
			if rec = state(reportflow.Draft); rec.Version != 2 || !rec.Published() {
				t.Errorf("correction record %+v", rec)
			}
			if err := s.SubmitAnnualReport(ctx, store.Submission{BodyID: bid, Year: 2026, Snapshot: snap, ChangeNote: "更正表三"}, editor); err != nil {
				t.Fatal(err)
			}
			if err := s.ApproveAnnualReport(ctx, bid, 2026, "", "", store.ReportCheck{}, editor); err != nil {
				t.Fatal(err)
			}
			v2, err := s.PublishAnnualReport(ctx, store.Publication{BodyID: bid, Year: 2026, Title: "测试2026年政府信息公开工作年度报告",
				Canonical: []byte(`{"v":2}`), HTML: "<p>更正后</p>"}, editor)
			if err != nil {
				t.Fatal(err)
			}
			if v2.Version != 2 || v2.DocumentID != v1.DocumentID || v2.ChangeNote != "更正表三" {
				t.Errorf("version 2 %+v", v2)
			}
			vs, err := s.ReportVersionsOfDocument(ctx, v1.DocumentID)
			if err != nil || len(vs) != 2 || string(vs[0].Canonical) != string(canonical) {
				t.Errorf("versions of the document %+v, %v", vs, err)
			}
			if d, _ := s.Document(ctx, v1.DocumentID); d.BodyHTML != "<p>更正后</p>" || d.Version != 2 {
				t.Errorf("document after the correction: version %d, %q", d.Version, d.BodyHTML)
			}
			for _, q := range []string{"UPDATE annual_report_versions SET sha256 = 'x'", "DELETE FROM annual_report_versions"} {
				if _, err := s.WriterDB().ExecContext(ctx, q); err == nil {
					t.Errorf("%s was allowed", q)
				}
			}

			// An off-platform body's upload, and the statuses of all three.
			up := store.Publication{BodyID: other, Year: 2026, Title: "外部", Canonical: []byte(`{}`), Published: time.Date(2027, 1, 5, 0, 0, 0, 0, time.UTC),
				Original: store.ReportOriginal{Hash: "ab", Name: "报告.docx"}}
			if _, err := s.RecordPublishedReport(ctx, up, store.ReportSourceUpload, false, editor); err != nil {
				t.Fatal(err)
			}
			third, _ := docBody(t, s, "flow-third", "")
			st, err := s.AnnualReportStatuses(ctx, []int64{bid, other, third}, 2026)
			if err != nil {
				t.Fatal(err)
			}
			if x := st[bid]; x.State != reportflow.Published || x.Version != 2 || x.SHA256 != v2.SHA256 || x.FirstPublished == nil ||
				!x.LastPublished.After(*x.FirstPublished) && !x.LastPublished.Equal(*x.FirstPublished) {
				t.Errorf("status of the platform body %+v", x)
			}
			if x := st[other]; x.Source != store.ReportSourceUpload || !x.FirstPublished.Equal(up.Published) {
				t.Errorf("status of the uploaded body %+v", x)
			}
			if _, ok := st[third]; ok {
				t.Errorf("a body with nothing has a status")
			}
			if only, _ := s.AnnualReportStatuses(ctx, []int64{other}, 2026); len(only) != 1 {
				t.Errorf("statuses outside the set: %v", only)
			}
		})
	}
}

// TestReportSettings: settings are stored per body, replaced whole,
// and an off-platform body is created with its mark in one step.
func TestReportSettings(t *testing.T) {
	for _, tg := range storetest.Targets(t, os.Getenv) {
		t.Run(tg.Name, func(t *testing.T) {
			ctx := context.Background()
			s := openTarget(t, tg, &clock{t: time.Date(2027, 1, 10, 2, 0, 0, 0, time.UTC)})
			bid, _ := docBody(t, s, "settings", "")
			want := store.BodyReportSettings{DeadlineMonth: 1, DeadlineDay: 20}
			if err := s.SetReportSettings(ctx, bid, want, editor); err != nil {
				t.Fatal(err)
			}
			want.OffPlatform, want.DeadlineMonth, want.DeadlineDay = true, 0, 0
			if err := s.SetReportSettings(ctx, bid, want, editor); err != nil {
				t.Fatal(err)
			}
			got, err := s.ReportSettings(ctx)
			if err != nil || got[bid] != want {
				t.Errorf("settings %+v, %v; want %+v", got[bid], err, want)
			}
		})
	}
}
