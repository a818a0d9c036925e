package web

import (
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/annualreport"
	"github.com/gongkai/gongkai/internal/reportflow"
)

// TestReadReportReturn reads a report's return form: filled slots become
// comments checked against the year's format, each problem numbered by
// its slot, then the note, which a return without comments needs.
func TestReadReportReturn(t *testing.T) {
	f := annualreport.FormatForYear(2026)
	sec := f.Sections[0].ID
	long := strings.Repeat("长", reportflow.MaxCommentRunes+1)
	cases := []struct {
		name     string
		in       url.Values
		comments []reportflow.Comment
		errs     []string
	}{
		{"a note alone", url.Values{"note": {" 请补充。 "}}, nil, nil},
		{"a section comment", url.Values{"c1-where": {"section:" + sec}, "c1-text": {" 请核对。 "}},
			[]reportflow.Comment{{Section: sec, Text: "请核对。"}}, nil},
		{"nothing to say", url.Values{"note": {"  "}}, nil, []string{"退回时请填写退回说明或至少一条意见。"}},
		{"a note too long", url.Values{"note": {long}}, nil, []string{"退回说明过长或含有无法识别的字符。"}},
		{"slots wrong, numbered", url.Values{"note": {"见意见"},
			"c0-text": {"没有位置"}, "c0-where": {"nowhere"},
			"c2-where": {"row:二|行政强制"}, "c2-col": {"三|自然人"}, "c2-text": {"错配的列"}}, nil,
			[]string{"第 1 条意见：请选择意见针对的部分或单元格。",
				"第 3 条意见：请选择与所选行同一表格的列。"}},
		{"a section the format lacks", url.Values{"c0-where": {"section:十"}, "c0-text": {"x"}}, nil,
			[]string{"第 1 条意见：意见所指的部分不存在。"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ret, errs := readReportReturn(c.in.Get, f)
			if !slices.Equal(errs, c.errs) || !slices.Equal(ret.Comments, c.comments) {
				t.Fatalf("= %+v, %q; want %+v, %q", ret.Comments, errs, c.comments, c.errs)
			}
			if ret.Note != strings.TrimSpace(c.in.Get("note")) || len(ret.Slots) != commentSlots {
				t.Errorf("note %q, %d slots", ret.Note, len(ret.Slots))
			}
			for i, sl := range ret.Slots {
				if sl.N != i || sl.Num != i+1 || sl.Where != c.in.Get(slotField(i, "where")) {
					t.Errorf("slot %d = %+v: not as typed", i, sl)
				}
			}
		})
	}
}

func slotField(i int, name string) string { return "c" + string(rune('0'+i)) + "-" + name }

// TestReadReportApproval: a report with blockers is approved only with
// the override ticked and a reason, which is dropped when there are no
// blockers; both texts must fit.
func TestReadReportApproval(t *testing.T) {
	long := strings.Repeat("长", reportflow.MaxCommentRunes+1)
	blocked := "报告有 2 项须处理的问题（见下方）。请退回修改；确需通过的，勾选“确认仍予通过”并填写理由。"
	cases := []struct {
		name         string
		in           url.Values
		blockers     int
		note, reason string
		errs         []string
	}{
		{"clean, reason dropped", url.Values{"note": {" 同意 "}, "override_reason": {"无关"}}, 0, "同意", "", nil},
		{"blockers overridden", url.Values{"override": {"1"}, "override_reason": {" 已核实 "}}, 2, "", "已核实", nil},
		{"blockers, no override", url.Values{"override_reason": {"已核实"}}, 2, "", "已核实", []string{blocked}},
		{"blockers, no reason", url.Values{"override": {"1"}}, 2, "", "", []string{blocked}},
		{"reason and note too long", url.Values{"override": {"1"}, "override_reason": {long}, "note": {long}}, 2, long, long,
			[]string{"通过理由过长或含有无法识别的字符。", "审核意见过长或含有无法识别的字符。"}},
	}
	for _, c := range cases {
		note, reason, errs := readReportApproval(c.in.Get, c.blockers)
		if note != c.note || reason != c.reason || !slices.Equal(errs, c.errs) {
			t.Errorf("%s: = %q, %q, %q; want %q, %q, %q", c.name, note, reason, errs, c.note, c.reason, c.errs)
		}
	}
}
