package annualreport

import (
	"unicode/utf16"

	"github.com/ledongthuc/pdf"
)

// toUnicode is a font's ToUnicode CMap: character code to text. The
// library decodes it too, but only for fonts without an /Encoding
// dictionary, and by scanning every entry for every character; this map
// is built once per font and serves every font kind.
type toUnicode struct {
	m     map[int]string
	space [][2]string // codespace ranges, as raw byte strings
}

// maxCMapEntries bounds a (possibly hostile) CMap.
const maxCMapEntries = 1 << 17

// parseToUnicode reads a ToUnicode stream. scratch is a dictionary of
// the same document that the CMap program's "findresource begin" can
// open (the library offers no way to make a fresh one); the program only
// defines its own keys in the dictionary it opens next.
func parseToUnicode(strm, scratch pdf.Value) *toUnicode {
	t := &toUnicode{m: map[int]string{}}
	pdf.Interpret(strm, func(stk *pdf.Stack, op string) {
		switch op {
		case "findresource":
			stk.Pop()
			stk.Pop()
			stk.Push(scratch)
		case "endcodespacerange":
			for stk.Len() >= 2 {
				hi, lo := stk.Pop().RawString(), stk.Pop().RawString()
				if len(lo) > 0 && len(lo) == len(hi) && len(lo) <= 4 {
					t.space = append(t.space, [2]string{lo, hi})
				}
			}
		case "endbfchar":
			for stk.Len() >= 2 && len(t.m) < maxCMapEntries {
				dst, src := stk.Pop(), stk.Pop().RawString()
				if len(src) > 0 && len(src) <= 4 && dst.Kind() == pdf.String {
					t.m[codeOf(src)] = utf16BE(dst.RawString())
				}
			}
		case "endbfrange":
			for stk.Len() >= 3 {
				dst, hi, lo := stk.Pop(), stk.Pop().RawString(), stk.Pop().RawString()
				if len(lo) == 0 || len(lo) > 4 || len(lo) != len(hi) {
					continue
				}
				a, b := codeOf(lo), codeOf(hi)
				for c := a; c <= b && c-a < 65536 && len(t.m) < maxCMapEntries; c++ {
					switch dst.Kind() {
					case pdf.String:
						base := []rune(utf16BE(dst.RawString()))
						if len(base) == 0 {
							continue
						}
						base[len(base)-1] += rune(c - a)
						t.m[c] = string(base)
					case pdf.Array:
						if v := dst.Index(c - a); v.Kind() == pdf.String {
							t.m[c] = utf16BE(v.RawString())
						}
					}
				}
			}
		default:
			// begincmap, def, begin… and the counts before each section
			// carry nothing the map needs; drop what they left.
			if op == "beginbfchar" || op == "beginbfrange" || op == "begincodespacerange" {
				stk.Pop()
			}
		}
	})
	if len(t.m) == 0 {
		return nil
	}
	return t
}

// codeLen is the length of the code at the start of raw by the
// codespace ranges, 0 when none matches.
func (t *toUnicode) codeLen(raw string) int {
	for n := 1; n <= 4 && n <= len(raw); n++ {
		for _, r := range t.space {
			if len(r[0]) == n && raw[:n] >= r[0] && raw[:n] <= r[1] {
				return n
			}
		}
	}
	return 0
}

func codeOf(s string) int {
	c := 0
	for i := 0; i < len(s); i++ {
		c = c<<8 | int(s[i])
	}
	return c
}

func utf16BE(s string) string {
	u := make([]uint16, 0, len(s)/2)
	for i := 0; i+1 < len(s); i += 2 {
		u = append(u, uint16(s[i])<<8|uint16(s[i+1]))
	}
	return string(utf16.Decode(u))
}
