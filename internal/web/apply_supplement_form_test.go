package web

import (
	"net/url"
	"strings"
	"testing"
)

// TestReadSupplementText: a 补正 has text, files or both; its text is at
// most maxSupplementText characters.
func TestReadSupplementText(t *testing.T) {
	const tooLong, empty = "补正内容不超过 5000 字。", "请填写补正内容或上传补正材料。"
	cases := []struct {
		text  string
		files int
		want  string
		msg   string
	}{
		{" 补充材料如下 ", 0, "补充材料如下", ""},
		{"", 1, "", ""},
		{" \n ", 0, "", empty},
		{strings.Repeat("补", maxSupplementText), 0, strings.Repeat("补", maxSupplementText), ""},
		{strings.Repeat("补", maxSupplementText+1), 2, strings.Repeat("补", maxSupplementText+1), tooLong},
	}
	for _, c := range cases {
		text, msg := readSupplementText(url.Values{"text": {c.text}}.Get, c.files)
		if text != c.want || msg != c.msg {
			t.Errorf("(%.20q, %d files) = %.20q, %q; want %.20q, %q", c.text, c.files, text, msg, c.want, c.msg)
		}
	}
}
