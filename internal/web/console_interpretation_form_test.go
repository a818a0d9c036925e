package web

import (
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/disclosure"
)

// TestReadInterpretationElements reads the platform's and a body's
// interpretation elements: one a line, blank and repeated lines
// dropped. The platform's empty list is the defaults; a body's empty
// list, or its "clear" button, is none of its own (nil).
func TestReadInterpretationElements(t *testing.T) {
	long := strings.Repeat("要", 51)
	cases := []struct {
		name     string
		body     bool
		in       url.Values
		text     string
		want     []string
		errMatch string
	}{
		{"platform list", false, url.Values{"elements": {"背景依据\n\n主要内容\n背景依据\n"}}, "背景依据\n\n主要内容\n背景依据\n",
			[]string{"背景依据", "主要内容"}, ""},
		{"platform empty: the defaults", false, url.Values{"elements": {"  \n"}}, "  \n", disclosure.DefaultInterpretationElements, ""},
		{"platform element too long", false, url.Values{"elements": {long}}, long, nil, "要素“" + long + "”过长"},
		{"body list", true, url.Values{"elements": {" 背景依据\n主要内容 "}}, "背景依据\n主要内容", []string{"背景依据", "主要内容"}, ""},
		{"body empty: none of its own", true, url.Values{"elements": {" \n "}}, "", nil, ""},
		{"body cleared, text ignored", true, url.Values{"elements": {long}, "clear": {"1"}}, long, nil, ""},
		{"body element too long", true, url.Values{"elements": {long}}, long, nil, "要素“" + long + "”过长"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			read := readPlatformElements
			if c.body {
				read = readBodyElements
			}
			text, els, err := read(c.in.Get)
			msg := ""
			if err != nil {
				msg = err.Error()
			}
			if text != c.text || !slices.Equal(els, c.want) || msg != c.errMatch {
				t.Errorf("= %q, %q, %q; want %q, %q, %q", text, els, msg, c.text, c.want, c.errMatch)
			}
			if c.body && c.want == nil && els != nil {
				t.Errorf("a body with no elements of its own got %q", els)
			}
		})
	}
}
