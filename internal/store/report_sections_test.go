package store_test

import (
	"context"
	"errors"
	"os"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/store"
	"github.com/gongkai/gongkai/internal/store/storetest"
)

// TestReportSections: a year's narrative text is stored per section and
// read back on both databases; saving again replaces the whole year (a
// cleared section is gone), other years and bodies are untouched, an
// unknown section is refused without a write, and each save is audited.
func TestReportSections(t *testing.T) {
	for _, tg := range storetest.Targets(t, os.Getenv) {
		t.Run(tg.Name, func(t *testing.T) {
			ctx := context.Background()
			s := openTarget(t, tg, &clock{t: time.Date(2026, 1, 10, 2, 0, 0, 0, time.UTC)})
			bid, _ := docBody(t, s, "sections", "000014349")
			other, _ := docBody(t, s, "sections-other", "")
			first := map[string]string{"一": "本年度，我镇深入贯彻《中华人民共和国政府信息公开条例》。", "三": "表三说明。",
				"五": "存在的问题：公开内容不够全面。", "六": "本年度未收取信息处理费。"}
			if err := s.SetReportSections(ctx, bid, 2025, first, store.ReportCheck{}, editor); err != nil {
				t.Fatal(err)
			}
			if err := s.SetReportSections(ctx, bid, 2024, map[string]string{"一": "上一年度。"}, store.ReportCheck{}, editor); err != nil {
				t.Fatal(err)
			}
			got, err := s.ReportSections(ctx, bid, 2025)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(first) || got["一"] != first["一"] || got["六"] != first["六"] {
				t.Errorf("read back %v, want %v", got, first)
			}

			if err := s.SetReportSections(ctx, bid, 2025, map[string]string{"一": "改写后的总体情况。", "七": "多余"}, store.ReportCheck{}, editor); !errors.Is(err, store.ErrBadSection) {
				t.Errorf("unknown section: err %v, want ErrBadSection", err)
			}
			if again, _ := s.ReportSections(ctx, bid, 2025); again["一"] != first["一"] || len(again) != len(first) {
				t.Errorf("after a refused save: %v", again)
			}

			if err := s.SetReportSections(ctx, bid, 2025, map[string]string{"一": "改写后的总体情况。", "五": "  \n"}, store.ReportCheck{}, editor); err != nil {
				t.Fatal(err)
			}
			if got, _ := s.ReportSections(ctx, bid, 2025); len(got) != 1 || got["一"] != "改写后的总体情况。" {
				t.Errorf("after replacing: %v", got)
			}
			if prev, _ := s.ReportSections(ctx, bid, 2024); prev["一"] != "上一年度。" {
				t.Errorf("another year changed: %v", prev)
			}
			if none, err := s.ReportSections(ctx, other, 2025); err != nil || len(none) != 0 || none == nil {
				t.Errorf("another body: %v, %v", none, err)
			}
			entries, err := s.Audit(ctx, audit.Filter{Action: "report.sections", BodyIDs: []int64{bid}, Limit: 10})
			if err != nil {
				t.Fatal(err)
			}
			if len(entries) != 3 || entries[0].Target != "report:2025" || entries[0].Username != editor.Username {
				t.Errorf("audit entries %+v", entries)
			}
		})
	}
}
