package web

import (
	"net/url"
	"testing"
)

// TestReadReportDeadline reads the deadline for lower bodies' annual
// reports: both fields empty clears it; a day the month lacks, 29
// February, a month alone or a month 0 are refused.
func TestReadReportDeadline(t *testing.T) {
	const msg = "公布期限不是有效的日期（月 1–12，日按该月天数；不可设为 2 月 29 日）。"
	cases := []struct {
		month, day string
		m, d       int
		msg        string
	}{
		{"", "", 0, 0, ""},
		{" 2 ", " 15 ", 2, 15, ""},
		{"12", "31", 12, 31, ""},
		{"2", "29", 0, 0, msg},
		{"4", "31", 0, 0, msg},
		{"3", "", 0, 0, msg},
		{"0", "0", 0, 0, msg},
		{"13", "1", 0, 0, msg},
		{"三", "1", 0, 0, msg},
	}
	for _, c := range cases {
		m, d, err := readReportDeadline(url.Values{"month": {c.month}, "day": {c.day}}.Get)
		if m != c.m || d != c.d || invalidMessage(err) != c.msg {
			t.Errorf("(%q, %q) = %d, %d, %q; want %d, %d, %q", c.month, c.day, m, d, invalidMessage(err), c.m, c.d, c.msg)
		}
	}
}
