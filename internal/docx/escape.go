package docx

import (
	"encoding/xml"
	"strings"
)

// escape makes any string safe as XML text or as an attribute value in
// double quotes; every string of the model goes through it. It drops the
// characters XML 1.0 cannot hold at all, even as references (control
// characters pasted from other programs, U+FFFE, U+FFFF), rather than
// letting one of them make the whole document unreadable, and escapes
// &, <, >, quotes, and tab, newline and carriage return (so an attribute
// keeps them). Invalid UTF-8 becomes U+FFFD.
func escape(s string) string {
	clean := strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' || r >= 0x20 && r != 0xfffe && r != 0xffff {
			return r
		}
		return -1
	}, s)
	var b strings.Builder
	xml.EscapeText(&b, []byte(clean))
	return b.String()
}
