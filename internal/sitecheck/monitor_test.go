package sitecheck

import (
	"testing"
	"time"
)

func TestMonitor(t *testing.T) {
	day := 24 * time.Hour
	fresh := news(on.Add(-1 * day))
	tests := []struct {
		name  string
		facts Facts
		want  map[string]int // indicator code → count
		veto  bool
	}{
		{"all well", Facts{OnSite: true, Columns: []Column{fresh}, GuideUpdated: on.Add(-10 * day)}, map[string]int{}, false},
		{"one late news column: a warning, no veto",
			Facts{OnSite: true, Columns: []Column{fresh, news(on.Add(-20 * day))}}, map[string]int{"stale-columns": 1}, false},
		{"five late news columns: 栏目不更新 veto",
			Facts{OnSite: true, Columns: append(repeat(news(on.Add(-20*day)), 5), fresh)}, map[string]int{"stale-columns": 5}, true},
		{"nothing new for three weeks: 首页不更新 veto",
			Facts{OnSite: true, Columns: []Column{{Type: "other", Documents: 1, Last: on.Add(-21 * day)}}},
			map[string]int{"home-not-updated": 1}, true},
		{"one consultation unanswered for 3 months: 互动回应差 veto",
			Facts{OnSite: true, Columns: []Column{fresh}, Unanswered: []Consultation{{ID: 1, Subject: "低保", Asked: on.Add(-100 * day)}}},
			map[string]int{"consultation-unanswered": 1}, true},
		{"overdue request and late document: no veto",
			Facts{OnSite: true, Columns: []Column{fresh}, Overdue: []Request{{Code: "A1", Due: on.Add(-3 * day)}},
				Late: []Document{{Title: "通知", Written: on.Add(-90 * day), Due: on.Add(-60 * day), Published: on.Add(-30 * day)}}},
			map[string]int{"request-overdue": 1, "late-publication": 1}, false},
		{"guide lacks a phone and its record is two years old",
			Facts{OnSite: true, Columns: []Column{fresh}, GuideMissing: []string{"联系电话"}, GuideUpdated: on.Add(-730 * day)},
			map[string]int{"guide": 2}, false},
		{"annual report due yesterday, not published",
			Facts{OnSite: true, Columns: []Column{fresh}, Report: Report{Year: 2025, Due: on.Add(-day), Applies: true}},
			map[string]int{"annual-report-missing": 1}, false},
		{"annual report due tomorrow: nothing yet",
			Facts{OnSite: true, Columns: []Column{fresh}, Report: Report{Year: 2025, Due: on.Add(day), Applies: true}}, map[string]int{}, false},
		{"annual report published", Facts{OnSite: true, Columns: []Column{fresh},
			Report: Report{Year: 2025, Due: on.Add(-day), Applies: true, Published: true}}, map[string]int{}, false},
		{"off the platform: only the report is checked",
			Facts{Columns: repeat(news(on.Add(-20*day)), 6), Unanswered: []Consultation{{Asked: on.Add(-100 * day)}},
				Report: Report{Year: 2025, Due: on.Add(-day), Applies: true}},
			map[string]int{"annual-report-missing": 1}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := Monitor(tc.facts, on)
			got := map[string]int{}
			for _, b := range res.Breaches {
				got[b.Indicator.Code] = b.Count
				if b.Summary == "" {
					t.Errorf("%s has no summary", b.Indicator.Code)
				}
			}
			if len(got) != len(tc.want) {
				t.Errorf("breaches %v, want %v", got, tc.want)
			}
			for code, n := range tc.want {
				if got[code] != n {
					t.Errorf("%s: %d, want %d (all: %v)", code, got[code], n, got)
				}
			}
			if res.Veto() != tc.veto {
				t.Errorf("veto = %v, want %v", res.Veto(), tc.veto)
			}
		})
	}
}
