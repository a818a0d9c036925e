package sitecheck

import (
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/disclosure"
)

var on = time.Date(2026, 6, 30, 12, 0, 0, 0, time.UTC)

func news(last time.Time) Column {
	return Column{Type: disclosure.ColumnNews, Period: disclosure.DefaultPeriod(disclosure.ColumnNews), Documents: 3, Last: last}
}

func notice(first bool, last time.Time) Column {
	return Column{Type: disclosure.ColumnNotice, Period: disclosure.DefaultPeriod(disclosure.ColumnNotice),
		FirstLevel: first, Documents: 1, Last: last}
}

func repeat(c Column, n int) []Column {
	var cs []Column
	for range n {
		cs = append(cs, c)
	}
	return cs
}

func TestCheck(t *testing.T) {
	day := 24 * time.Hour
	tests := []struct {
		name               string
		cols               []Column
		late, key, blank   int
		staleHit, blankHit bool
	}{
		{"news exactly two weeks old is on time", []Column{news(on.Add(-14 * day))}, 0, 0, 0, false, false},
		{"news a second past two weeks is late", []Column{news(on.Add(-14*day - time.Second))}, 1, 1, 0, false, false},
		{"four late news columns: no veto", repeat(news(on.Add(-20*day)), 4), 4, 4, 0, false, false},
		{"five late news columns: veto", repeat(news(on.Add(-20*day)), 5), 5, 5, 0, true, false},
		{"first-level notice six months old is on time", []Column{notice(true, on.AddDate(0, -6, 0))}, 0, 0, 0, false, false},
		{"first-level notice past six months is key", []Column{notice(true, on.AddDate(0, -6, -1))}, 1, 1, 0, false, false},
		{"second-level notice is late but not key", []Column{notice(false, on.AddDate(0, -6, -1))}, 1, 0, 0, false, false},
		{"mixed five key columns hit the veto",
			append(repeat(news(on.Add(-15*day)), 3), repeat(notice(true, on.AddDate(-1, 0, 0)), 2)...), 5, 5, 0, true, false},
		{"ten second-level columns late by their own period hit the veto",
			repeat(notice(false, on.AddDate(-1, 0, 0)), 10), 10, 0, 0, true, false},
		{"nine are not enough", repeat(notice(false, on.AddDate(-1, 0, 0)), 9), 9, 0, 0, false, false},
		{"other column without a period is never late",
			[]Column{{Type: disclosure.ColumnOther, Documents: 1, Last: on.AddDate(-5, 0, 0)}}, 0, 0, 0, false, false},
		{"personnel one year plus a day is late",
			[]Column{{Type: disclosure.ColumnPersonnel, Period: disclosure.DefaultPeriod(disclosure.ColumnPersonnel), Documents: 1,
				Last: on.AddDate(-1, 0, -1)}}, 1, 0, 0, false, false},
		{"four blank columns: no veto", repeat(Column{Type: disclosure.ColumnOther}, 4), 0, 0, 4, false, false},
		{"five blank columns: veto", repeat(Column{Type: disclosure.ColumnNews}, 5), 0, 0, 5, false, true},
		{"containers are neither blank nor late", repeat(Column{Container: true, Type: disclosure.ColumnNews}, 6), 0, 0, 0, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Check(tt.cols, on)
			if len(r.Late) != tt.late || r.KeyLate != tt.key || len(r.Blank) != tt.blank ||
				r.StaleHit != tt.staleHit || r.BlankHit != tt.blankHit {
				t.Errorf("late %d key %d blank %d stale %v blankHit %v; want %d %d %d %v %v",
					len(r.Late), r.KeyLate, len(r.Blank), r.StaleHit, r.BlankHit,
					tt.late, tt.key, tt.blank, tt.staleHit, tt.blankHit)
			}
			if r.Unqualified() != (tt.staleHit || tt.blankHit || r.HomeHit) {
				t.Errorf("Unqualified = %v", r.Unqualified())
			}
		})
	}
}

func TestPeriodRoundTrip(t *testing.T) {
	for _, p := range disclosure.PeriodChoices() {
		got, err := disclosure.ParsePeriod(p.String())
		if err != nil || got != p {
			t.Errorf("%v: got %v %v", p, got, err)
		}
	}
	for _, bad := range []string{"w", "0w", "3d", "-1m", "x"} {
		if _, err := disclosure.ParsePeriod(bad); err == nil {
			t.Errorf("ParsePeriod(%q) accepted", bad)
		}
	}
}

func TestHomeNotUpdated(t *testing.T) {
	day := 24 * time.Hour
	tests := []struct {
		name string
		cols []Column
		hit  bool
	}{
		{"nothing published at all", []Column{{Type: disclosure.ColumnOther}}, true},
		{"newest exactly two weeks old", []Column{news(on.Add(-30 * day)), notice(true, on.Add(-14*day))}, false},
		{"newest a second older", []Column{news(on.Add(-14*day - time.Second))}, true},
		{"a container's own documents count", []Column{{Container: true, Documents: 1, Last: on.Add(-day)}}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Check(tt.cols, on)
			if r.HomeHit != tt.hit || r.Unqualified() != (tt.hit || r.StaleHit || r.BlankHit) {
				t.Errorf("HomeHit = %v, want %v (latest %v)", r.HomeHit, tt.hit, r.Latest)
			}
		})
	}
}
