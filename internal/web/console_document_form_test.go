package web

import (
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/disclosure"
)

func TestReadDocumentForm(t *testing.T) {
	cols := []disclosure.Column{{ID: 7, BodyID: 3}, {ID: 8, BodyID: 3}}
	valid := func(change func(url.Values)) url.Values {
		f := url.Values{"title": {" 关于开展检查的通知 "}, "column_id": {"7"}, "kind": {"other"},
			"format": {"markdown"}, "source": {"正文 **加粗**"}, "keywords": {"检查，通知"}, "doc_no": {" 某政发〔2026〕1号 "}}
		if change != nil {
			change(f)
		}
		return f
	}
	cases := []struct {
		name string
		form url.Values
		want func(disclosure.Document) bool // nil: nothing beyond the errors
		errs []string
	}{
		{"a valid draft is trimmed and its body rendered", valid(nil), func(d disclosure.Document) bool {
			return d.BodyID == 3 && d.Title == "关于开展检查的通知" && d.DocNo == "某政发〔2026〕1号" && d.ColumnID == 7 &&
				strings.Contains(d.BodyHTML, "<strong>加粗</strong>") && slices.Equal(d.Keywords, []string{"检查", "通知"})
		}, nil},
		{"a column of another body is no column", valid(func(f url.Values) { f.Set("column_id", "9") }),
			func(d disclosure.Document) bool { return d.ColumnID == 0 }, []string{"请选择栏目。"}},
		{"a column id that is no number", valid(func(f url.Values) { f.Set("column_id", "x") }), nil, []string{"请选择栏目。"}},
		{"no title", valid(func(f url.Values) { f.Set("title", "  ") }), nil, []string{"请填写标题。"}},
		{"a bad interpreted document", valid(func(f url.Values) { f.Set("interprets", "-2") }), nil, []string{"所解读的文件不正确。"}},
		{"an interpreted document", valid(func(f url.Values) { f.Set("interprets", "12") }),
			func(d disclosure.Document) bool { return d.Interprets == 12 }, nil},
		{"a written date in China's day", valid(func(f url.Values) { f.Set("written", "2026-03-01") }),
			func(d disclosure.Document) bool {
				return d.Written != nil && d.Written.In(chinaTime).Format("2006-01-02 15:04") == "2026-03-01 00:00"
			}, nil},
		{"a malformed written date", valid(func(f url.Values) { f.Set("written", "2026/03/01") }), nil,
			[]string{"成文日期格式应为 YYYY-MM-DD。"}},
		{"a normative document without its written date", valid(func(f url.Values) { f.Set("kind", "normative") }), nil,
			[]string{"规章和行政规范性文件须填写成文日期。"}},
		{"an unknown body format", valid(func(f url.Values) { f.Set("format", "docx") }),
			func(d disclosure.Document) bool { return d.BodyHTML == "" }, []string{"正文格式不正确。"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d, errs := readDocumentForm(c.form, 3, cols)
			if !slices.Equal(errs, c.errs) {
				t.Errorf("errors = %q, want %q", errs, c.errs)
			}
			if c.want != nil && !c.want(d) {
				t.Errorf("document = %+v", d)
			}
		})
	}
}
