package web

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/annualreport"
)

// TestReadReportSections reads an annual report's text sections: line
// ends made "\n", trimmed, every unreadable or overlong section one
// message in the format's order, the texts kept as typed either way.
func TestReadReportSections(t *testing.T) {
	f := annualreport.FormatForYear(2026)
	if len(f.Sections) < 3 {
		t.Fatalf("format has %d sections", len(f.Sections))
	}
	long := strings.Repeat("字", maxSectionRunes+1)
	in := url.Values{sectionField(0): {" 第一行\r\n第二行 "}, sectionField(1): {long}, sectionField(2): {"坏\xff"}}
	texts, errs := readReportSections(in.Get, f)
	want := []string{fmt.Sprintf("“%s”过长（不超过 %d 字）。", f.Sections[1].Label, maxSectionRunes),
		fmt.Sprintf("“%s”含有无法识别的字符。", f.Sections[2].Label)}
	if !slices.Equal(errs, want) {
		t.Errorf("errors %q, want %q", errs, want)
	}
	if texts[f.Sections[0].ID] != "第一行\n第二行" || texts[f.Sections[1].ID] != long || len(texts) != len(f.Sections) {
		t.Errorf("texts %q", texts[f.Sections[0].ID])
	}
	if _, errs := readReportSections(url.Values{sectionField(0): {strings.Repeat("字", maxSectionRunes)}}.Get, f); errs != nil {
		t.Errorf("a section of exactly the limit: %q", errs)
	}
}

// TestReadChangeNote: a corrected report needs a change note that fits;
// a first version needs none.
func TestReadChangeNote(t *testing.T) {
	tooLong := fmt.Sprintf("更正说明过长或含有无法识别的字符（不超过 %d 字）。", maxChangeNoteRunes)
	cases := []struct {
		note    string
		version int
		want    string
		msg     string
	}{
		{"", 1, "", ""},
		{strings.Repeat("注", maxChangeNoteRunes+1), 1, strings.Repeat("注", maxChangeNoteRunes+1), ""},
		{" 更正表三数字 ", 2, "更正表三数字", ""},
		{"  ", 2, "", "更正后的年度报告须填写更正说明（将随报告公开）。"},
		{strings.Repeat("注", maxChangeNoteRunes+1), 3, strings.Repeat("注", maxChangeNoteRunes+1), tooLong},
		{"坏\xff", 2, "坏\xff", tooLong},
	}
	for _, c := range cases {
		note, err := readChangeNote(url.Values{"change_note": {c.note}}.Get, c.version)
		if note != c.want || invalidMessage(err) != c.msg {
			t.Errorf("(%.20q, v%d) = %.20q, %q; want %.20q, %q", c.note, c.version, note, invalidMessage(err), c.want, c.msg)
		}
	}
}

// TestReadReportUpload: the publication date of an uploaded report lies
// between the report's year and today; a year with uploads already
// needs a change note that fits.
func TestReadReportUpload(t *testing.T) {
	today := time.Date(2027, 1, 20, 0, 0, 0, 0, chinaTime)
	const badDay = "请填写该报告在其网站上的发布日期（不晚于今天，不早于报告年度）。"
	cases := []struct {
		name, published, note string
		versions              int
		msg                   string
	}{
		{"first upload", " 2027-01-15 ", "", 0, ""},
		{"today", "2027-01-20", "", 0, ""},
		{"in the report's year", "2026-12-31", "", 0, ""},
		{"tomorrow", "2027-01-21", "", 0, badDay},
		{"before the year", "2025-12-31", "", 0, badDay},
		{"no date", "", "", 0, badDay},
		{"another form", "2027/01/15", "", 0, badDay},
		{"a correction without note", "2027-01-15", " ", 1, "该年度已有上传的报告：请填写更正说明。"},
		{"a correction", "2027-01-15", "更正", 1, ""},
		{"a note too long", "2027-01-15", strings.Repeat("注", maxChangeNoteRunes+1), 0, "更正说明过长或含有无法识别的字符。"},
	}
	for _, c := range cases {
		u, msg := readReportUpload(url.Values{"published": {c.published}, "change_note": {c.note}}.Get, 2026, c.versions, today)
		if msg != c.msg || u.Published != strings.TrimSpace(c.published) || u.ChangeNote != strings.TrimSpace(c.note) {
			t.Errorf("%s: = %+v, %q; want %q", c.name, u, msg, c.msg)
		}
		if c.msg == "" && (u.Day.Format(time.DateOnly) != u.Published || u.Day.Location() != chinaTime) {
			t.Errorf("%s: day %v", c.name, u.Day)
		}
	}
}
