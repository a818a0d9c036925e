package annualreport

import "bytes"

// stripRunProperties removes the run formatting (<w:rPr>…</w:rPr>) from
// document.xml before it is tokenised: it never holds text, and in
// documents written by word processors it is a large share of the markup
// the XML decoder would otherwise read element by element. Nested rPr
// (inside w:rPrChange) are counted so the cut ends at the matching close.
// Documents that use another prefix for the main namespace are left as
// they are (the decoder skips rPr there).
func stripRunProperties(body []byte) []byte {
	open, closeTag := []byte("<w:rPr"), []byte("</w:rPr>")
	if !bytes.Contains(body, open) {
		return body
	}
	out := make([]byte, 0, len(body))
	for {
		i := indexTag(body, open)
		if i < 0 {
			return append(out, body...)
		}
		out = append(out, body[:i]...)
		rest := body[i:]
		end := bytes.IndexByte(rest, '>')
		if end < 0 {
			return append(out, rest...)
		}
		if rest[end-1] == '/' { // <w:rPr/>
			body = rest[end+1:]
			continue
		}
		depth, pos := 1, end+1
		for depth > 0 {
			o := indexTag(rest[pos:], open)
			c := bytes.Index(rest[pos:], closeTag)
			if c < 0 {
				// Unbalanced: keep the rest for the decoder to judge.
				return append(out, rest...)
			}
			if o >= 0 && o < c {
				if e := bytes.IndexByte(rest[pos+o:], '>'); e > 0 && rest[pos+o+e-1] != '/' {
					depth++
				}
				pos += o + len(open)
				continue
			}
			depth--
			pos += c + len(closeTag)
		}
		body = rest[pos:]
	}
}

// indexTag finds tag (e.g. "<w:rPr") as a whole element name: followed by
// '>', '/' or a space, not by more name characters (w:rPrChange).
func indexTag(b, tag []byte) int {
	off := 0
	for {
		i := bytes.Index(b[off:], tag)
		if i < 0 {
			return -1
		}
		j := off + i + len(tag)
		if j < len(b) && (b[j] == '>' || b[j] == '/' || b[j] == ' ' || b[j] == '\t' || b[j] == '\n' || b[j] == '\r') {
			return off + i
		}
		off = j
	}
}
