package web

import (
	"net/url"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/disclosure"
)

// TestReadValidityEvent reads a document's validity form: a date in
// China time, the status as sent (the store checks it), an optional
// replacing document.
func TestReadValidityEvent(t *testing.T) {
	day := time.Date(2026, 3, 1, 0, 0, 0, 0, chinaTime)
	cases := []struct {
		name string
		in   url.Values
		want disclosure.ValidityEvent
		msg  string
	}{
		{"abolished, replaced", url.Values{"status": {"abolished"}, "effective": {" 2026-03-01 "}, "note": {" 见新文件 "}, "replaced_by": {"42"}},
			disclosure.ValidityEvent{DocumentID: 9, Status: disclosure.ValidityAbolished, Effective: day, Note: "见新文件", ReplacedBy: 42}, ""},
		{"amended, no replacement", url.Values{"status": {"amended"}, "effective": {"2026-03-01"}},
			disclosure.ValidityEvent{DocumentID: 9, Status: disclosure.ValidityAmended, Effective: day}, ""},
		{"no date", url.Values{"status": {"amended"}}, disclosure.ValidityEvent{}, "请按 YYYY-MM-DD 填写生效日期。"},
		{"a date in another form", url.Values{"effective": {"2026/03/01"}}, disclosure.ValidityEvent{}, "请按 YYYY-MM-DD 填写生效日期。"},
		{"a replacement that is no id", url.Values{"effective": {"2026-03-01"}, "replaced_by": {"新文件"}},
			disclosure.ValidityEvent{DocumentID: 9, Effective: day}, "替代文件不正确。"},
	}
	for _, c := range cases {
		ev, err := readValidityEvent(c.in.Get, 9)
		if invalidMessage(err) != c.msg || !ev.Effective.Equal(c.want.Effective) || ev.DocumentID != c.want.DocumentID ||
			ev.Status != c.want.Status || ev.Note != c.want.Note || ev.ReplacedBy != c.want.ReplacedBy {
			t.Errorf("%s: = %+v, %q; want %+v, %q", c.name, ev, invalidMessage(err), c.want, c.msg)
		}
	}
}
