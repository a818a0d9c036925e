package web

import (
	"net/url"
	"strings"
	"testing"
)

// TestTokenName reads a new access token's purpose: required, at most 60
// characters, trimmed.
func TestTokenName(t *testing.T) {
	const msg = "请为令牌填写用途说明（不超过 60 个字）。"
	cases := []struct{ in, want, msg string }{
		{" 数据同步 ", "数据同步", ""},
		{strings.Repeat("令", 60), strings.Repeat("令", 60), ""},
		{strings.Repeat("令", 61), strings.Repeat("令", 61), msg},
		{"  ", "", msg},
	}
	for _, c := range cases {
		name, err := parseTokenName(url.Values{"name": {c.in}}.Get)
		if name != c.want || invalidMessage(err) != c.msg {
			t.Errorf("parseTokenName(%q) = %q, %q; want %q, %q", c.in, name, invalidMessage(err), c.want, c.msg)
		}
	}
}
