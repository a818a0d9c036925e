package textdiff

import "strings"

// TextLines splits Markdown or plain text into lines for comparison.
// Blank lines and trailing spaces are dropped: they change nothing a
// reader sees. Leading spaces are kept, as in Markdown they decide
// whether a line is a nested list item or code.
func TextLines(src string) []string {
	var out []string
	for _, l := range strings.Split(src, "\n") {
		if l = strings.TrimRight(l, " \t\r\f\v"); strings.TrimSpace(l) != "" {
			out = append(out, l)
		}
	}
	return out
}

// blockEnds are the HTML end tags after which a source is cut into
// lines: a paragraph, list item, heading, table row or division, and
// the list, table and quotation around them, so that an edit to one
// paragraph shows as that paragraph even when the editor wrote the
// whole body on one line.
var blockEnds = map[string]bool{
	"p": true, "li": true, "tr": true, "div": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"ul": true, "ol": true, "table": true, "blockquote": true,
}

// HTMLLines splits an HTML source into lines for comparison: after each
// block end tag (blockEnds), after each <br>, and at newlines. Lines are
// trimmed of surrounding white space and empty ones dropped, since HTML
// renders those the same.
func HTMLLines(src string) []string {
	var out []string
	emit := func(s string) {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	start := 0
	for i := 0; i < len(src); i++ {
		switch src[i] {
		case '\n':
			emit(src[start:i])
			start = i + 1
		case '<':
			if end, ok := breakingTag(src, i); ok {
				emit(src[start:end])
				start, i = end, end-1
			}
		}
	}
	emit(src[start:])
	return out
}

// breakingTag reports whether the tag opening at src[i] ('<') is a
// block end tag or a <br>, and where it ends (just after its '>').
func breakingTag(src string, i int) (end int, ok bool) {
	j := i + 1
	closing := j < len(src) && src[j] == '/'
	if closing {
		j++
	}
	n := j
	for n < len(src) && isNameByte(src[n]) {
		n++
	}
	name := strings.ToLower(src[j:n])
	if name == "" || !(closing && blockEnds[name] || !closing && name == "br") {
		return 0, false
	}
	gt := strings.IndexByte(src[n:], '>')
	if gt < 0 {
		return 0, false
	}
	return n + gt + 1, true
}

func isNameByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}
