package web

import (
	"maps"
	"net/url"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/interact"
	"github.com/gongkai/gongkai/internal/workday"
)

// TestPeriodForm reads a new comment period (征求意见): title and draft
// required, dates as typed, and the kind's minimum length from
// interact.ValidatePeriod on the official calendar.
func TestPeriodForm(t *testing.T) {
	today := stepTestDay("2026-05-06")
	cal := workday.Official()
	valid := url.Values{"title": {" 关于某办法的征求意见稿 "}, "draft": {"正文"}, "kind": {string(interact.DraftMajorDecision)},
		"start": {"2026-05-06"}, "end": {"2026-06-05"}}
	least, err := interact.MinimumEnd(cal, interact.DraftMajorDecision, today)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name   string
		change url.Values
		fields []string
	}{
		{"valid", nil, nil},
		{"no title", url.Values{"title": {""}}, []string{"title"}},
		{"long title", url.Values{"title": {strings.Repeat("题", 201)}}, []string{"title"}},
		{"no draft", url.Values{"draft": {" "}}, []string{"draft"}},
		{"unknown kind", url.Values{"kind": {"notice"}}, []string{"kind"}},
		{"start typed wrong", url.Values{"start": {"5月6日"}}, []string{"start"}},
		{"end typed wrong", url.Values{"end": {"6月5日"}}, []string{"end"}},
		{"opening yesterday", url.Values{"start": {"2026-05-05"}}, []string{"start"}},
		{"shorter than the kind's minimum", url.Values{"end": {least.AddDays(-1).String()}}, []string{"end"}},
		{"no dates", url.Values{"start": {""}, "end": {""}}, []string{"start"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			form := maps.Clone(valid)
			maps.Copy(form, c.change)
			f := readPeriodForm(form.Get)
			if f.Title != strings.TrimSpace(form.Get("title")) {
				t.Errorf("title read as %q", f.Title)
			}
			start, end, fe, err := f.check(cal, today)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, k := range periodFields {
				if _, ok := fe[k]; ok {
					got = append(got, k)
				}
			}
			if strings.Join(got, ",") != strings.Join(c.fields, ",") || len(fe) != len(got) {
				t.Errorf("fields %v (%v), want %v", got, fe, c.fields)
			}
			if len(c.fields) == 0 && (start.String() != form.Get("start") || end.String() != form.Get("end")) {
				t.Errorf("period %v – %v", start, end)
			}
		})
	}
}

// TestCloseForm reads the adoption (采纳情况) published when a period
// ends: a text and a count of adopted comments, 0 or more.
func TestCloseForm(t *testing.T) {
	cases := []struct {
		name    string
		form    url.Values
		adopted int
		errs    map[string]string
	}{
		{"adopted some", url.Values{"adoption": {" 采纳 2 条 "}, "adopted": {" 2 "}}, 2, map[string]string{}},
		{"adopted none", url.Values{"adoption": {"未采纳"}, "adopted": {"0"}}, 0, map[string]string{}},
		{"no text", url.Values{"adopted": {"1"}}, 1, map[string]string{"adoption": "请填写意见采纳情况。"}},
		{"negative", url.Values{"adoption": {"x"}, "adopted": {"-1"}}, -1, map[string]string{"adopted": "请填写采纳意见的条数（0 或正整数）。"}},
		{"not a number", url.Values{"adoption": {"x"}, "adopted": {"两条"}}, 0, map[string]string{"adopted": "请填写采纳意见的条数（0 或正整数）。"}},
	}
	for _, c := range cases {
		f, adopted, fe := parseCloseForm(c.form.Get)
		if f.Adoption != strings.TrimSpace(c.form.Get("adoption")) || !maps.Equal(map[string]string(fe), c.errs) ||
			(len(c.errs) == 0 && adopted != c.adopted) {
			t.Errorf("%s: %+v %d %v; want %d %v", c.name, f, adopted, fe, c.adopted, c.errs)
		}
	}
}
