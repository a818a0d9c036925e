package annualreport

import (
	"bytes"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// metaCharsetRe finds the charset a page declares, in either
// <meta charset="gbk"> or <meta http-equiv="Content-Type"
// content="text/html; charset=gb2312">.
var metaCharsetRe = regexp.MustCompile(`(?i)<meta[^>]*?charset\s*=\s*["']?\s*([a-z0-9_\-:.]+)`)

// decodeHTMLBytes returns the page as UTF-8. Many government sites still
// serve GBK or GB2312 (often mislabelled), so the bytes decide before the
// label does: text that is valid UTF-8 is UTF-8 whatever the page claims,
// and text that is not is decoded with the declared charset, or GB18030
// (a superset of GB2312 and GBK) when there is none or the page wrongly
// claims UTF-8.
func decodeHTMLBytes(data []byte) string {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		return strings.ToValidUTF8(string(data[3:]), "\uFFFD")
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		dec := unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewDecoder()
		if s, err := dec.String(string(data)); err == nil {
			return s
		}
	}
	if utf8.Valid(data) {
		return string(data)
	}
	enc := encoding.Encoding(simplifiedchinese.GB18030)
	head := data
	if len(head) > 8192 {
		head = head[:8192]
	}
	if m := metaCharsetRe.FindSubmatch(head); m != nil {
		label := strings.ToLower(string(m[1]))
		switch label {
		case "gbk", "gb2312", "gb18030", "x-gbk", "cp936", "euc-cn", "gb_2312-80", "chinese":
			// GB18030 decodes all of these (and the characters sites use
			// beyond GB2312 while still labelling the page gb2312).
		default:
			if e, err := htmlindex.Get(label); err == nil {
				if name, _ := htmlindex.Name(e); name != "utf-8" {
					enc = e
				}
			}
		}
	}
	s, err := enc.NewDecoder().String(string(data))
	if err != nil {
		return strings.ToValidUTF8(string(data), "\uFFFD")
	}
	return s
}
