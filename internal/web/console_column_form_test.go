package web

import (
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/disclosure"
)

// TestReadNewColumn reads the new-column form: type and period (the
// period defaults by type), then name, slug and parent, every problem
// reported in that order with the console's messages.
func TestReadNewColumn(t *testing.T) {
	form := func(kv ...string) url.Values {
		v := url.Values{"name": {" 专项资金 "}, "slug": {"funds"}, "type": {"policy"}, "period": {"default"}, "parent_id": {"0"}}
		for i := 0; i+1 < len(kv); i += 2 {
			v.Set(kv[i], kv[i+1])
		}
		return v
	}
	cases := []struct {
		name string
		in   url.Values
		want disclosure.Column
		errs []string
	}{
		{"defaults by type", form(), disclosure.Column{BodyID: 7, Name: "专项资金", Slug: "funds",
			Type: disclosure.ColumnPolicy, Period: disclosure.Period{N: 6, Unit: 'm'}}, nil},
		{"a chosen period and parent", form("period", "1w", "parent_id", "12"), disclosure.Column{BodyID: 7, ParentID: 12,
			Name: "专项资金", Slug: "funds", Type: disclosure.ColumnPolicy, Period: disclosure.Period{N: 1, Unit: 'w'}}, nil},
		{"no period", form("type", "other", "period", ""), disclosure.Column{BodyID: 7, Name: "专项资金", Slug: "funds",
			Type: disclosure.ColumnOther}, nil},
		{"every field wrong, in order", form("type", "blog", "period", "3x", "name", " ", "slug", "Funds!", "parent_id", "-1"),
			disclosure.Column{}, []string{"请选择栏目类型。", "更新周期不正确。", "栏目名称不能为空。",
				"网址标识只能使用小写英文字母、数字和连字符，不超过40个字符。", "请选择上级栏目。"}},
		{"the root's name", form("name", disclosure.RootColumnName), disclosure.Column{},
			[]string{"“政府信息公开”是固定栏目名称，请换一个名称。"}},
		{"no parent chosen", form("parent_id", ""), disclosure.Column{}, []string{"请选择上级栏目。"}},
		{"a name too long", form("name", strings.Repeat("栏", 41)), disclosure.Column{}, []string{"栏目名称不能超过40字。"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f, errs := readNewColumn(c.in.Get, 7)
			if !slices.Equal(errs, c.errs) {
				t.Fatalf("errors %q, want %q", errs, c.errs)
			}
			if f.Period != c.in.Get("period") || f.ParentRaw != c.in.Get("parent_id") {
				t.Errorf("raw period %q, parent %q: not as typed", f.Period, f.ParentRaw)
			}
			if c.errs == nil && f.Column != c.want {
				t.Errorf("column %+v, want %+v", f.Column, c.want)
			}
		})
	}
}

// TestReadColumnEdit applies a column row's form: a statutory column
// keeps its fixed name whatever is sent, and a form with errors changes
// nothing.
func TestReadColumnEdit(t *testing.T) {
	own := disclosure.Column{ID: 3, BodyID: 7, Name: "专项资金", Slug: "funds", Type: disclosure.ColumnOther}
	fixed := disclosure.Column{ID: 4, BodyID: 7, Name: "机构职能", Slug: "functions", Type: disclosure.ColumnOther, Fixed: true}
	cases := []struct {
		name string
		col  disclosure.Column
		in   url.Values
		want disclosure.Column
		errs []string
	}{
		{"rename and retype", own, url.Values{"name": {" 资金公开 "}, "type": {"notice"}, "period": {"default"}},
			disclosure.Column{ID: 3, BodyID: 7, Name: "资金公开", Slug: "funds", Type: disclosure.ColumnNotice,
				Period: disclosure.Period{N: 6, Unit: 'm'}}, nil},
		{"a fixed name stays", fixed, url.Values{"name": {"别的名称"}, "type": {"news"}, "period": {"1m"}},
			disclosure.Column{ID: 4, BodyID: 7, Name: "机构职能", Slug: "functions", Type: disclosure.ColumnNews,
				Period: disclosure.Period{N: 1, Unit: 'm'}, Fixed: true}, nil},
		{"a fixed column needs no name", fixed, url.Values{"type": {"other"}, "period": {""}}, fixed, nil},
		{"errors change nothing", own, url.Values{"name": {""}, "type": {""}, "period": {"0w"}}, own,
			[]string{"请选择栏目类型。", "更新周期不正确。", "栏目名称不能为空。"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, errs := readColumnEdit(c.in.Get, c.col)
			if !slices.Equal(errs, c.errs) || got != c.want {
				t.Errorf("= %+v, %q; want %+v, %q", got, errs, c.want, c.errs)
			}
		})
	}
}
