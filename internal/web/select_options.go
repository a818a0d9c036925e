package web

import (
	"html/template"
	"strings"
	"sync"

	"github.com/gongkai/gongkai/internal/body"
	"github.com/gongkai/gongkai/internal/disclosure"
)

// selectOption is one <option> of a filter list.
type selectOption struct{ Value, Label string }

// optionsHTML renders opts as <option> elements, the one whose value is
// selected marked. The search form carries some 170 options; through
// html/template each would cost several reflective calls (the escapers
// and eq), here it costs one escape of each string, which is most of
// what rendering a search page cost (BenchmarkSearchPage).
func optionsHTML(opts []selectOption, selected string) template.HTML {
	var b strings.Builder
	for _, o := range opts {
		b.WriteString(`<option value="`)
		b.WriteString(template.HTMLEscapeString(o.Value))
		b.WriteByte('"')
		if o.Value == selected {
			b.WriteString(" selected")
		}
		b.WriteByte('>')
		b.WriteString(template.HTMLEscapeString(o.Label))
		b.WriteString("</option>")
	}
	return template.HTML(b.String())
}

// themeOptions and documentKindOptions are fixed for the life of the process.
var (
	themeOptions = sync.OnceValue(func() []selectOption {
		opts := []selectOption{{"", "全部主题"}}
		for _, t := range disclosure.Themes() {
			label := t.Name
			if t.Parent != "" {
				label = "　" + label
			}
			opts = append(opts, selectOption{t.Code, label})
		}
		return opts
	})
	documentKindOptions = sync.OnceValue(func() []selectOption {
		opts := []selectOption{{"", "全部类型"}}
		for _, k := range disclosure.Kinds() {
			opts = append(opts, selectOption{string(k), k.Name()})
		}
		return opts
	})
)

func bodyOptions(bodies []body.Body) []selectOption {
	opts := []selectOption{{"", "全部单位"}}
	for _, b := range bodies {
		opts = append(opts, selectOption{b.Slug, b.Name})
	}
	return opts
}

func columnOptions(cols []disclosure.Column) []selectOption {
	opts := []selectOption{{"", "全部栏目"}}
	for _, c := range cols {
		if !c.Retired {
			opts = append(opts, selectOption{c.Slug, c.Name})
		}
	}
	return opts
}
