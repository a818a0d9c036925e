package annualreport

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// normalize prepares a label for matching (NFKC, drop all
// whitespace, unify quotes, treat 、，, as equivalent). NFKC already
// folds full-width forms (（ → (, ： → :, ／ → /, １ → 1); the comma-like
// marks all become ",".
func normalize(s string) string {
	if isPlainASCIINoSpace(s) {
		return s
	}
	s = norm.NFKC.String(s)
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case unicode.IsSpace(r), r == '\u200b', r == '\u200c', r == '\u200d', r == '\ufeff':
			continue
		case r == '“' || r == '”' || r == '„' || r == '「' || r == '」' || r == '『' || r == '』' || r == '〝' || r == '〞':
			b.WriteByte('"')
		case r == '‘' || r == '’':
			b.WriteByte('\'')
		case r == '、' || r == '，' || r == '､' || r == '﹐' || r == '﹑':
			b.WriteByte(',')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func isPlainASCIINoSpace(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || c <= ' ' || c == '"' {
			return false
		}
	}
	return true
}

// marker is the numbering in front of a label: 一、 (top), （一） (paren)
// or 1. (arabic).
type marker struct {
	kind byte // 0 none, 't' top, 'p' paren, 'a' arabic
	num  int
}

var (
	topMarkerRe   = regexp.MustCompile(`^([一二三四五六七八九十]+)[,.:]`)
	parenMarkerRe = regexp.MustCompile(`^\(([一二三四五六七八九十]+)\)`)
	arabicMarkRe  = regexp.MustCompile(`^(?:(\d{1,2})[.,:)]|\((\d{1,2})\))`)
	annotationRe  = regexp.MustCompile(`\([^()]*\)`)
)

// splitMarker splits a normalized label into its numbering and the rest.
func splitMarker(n string) (marker, string) {
	if n == "" {
		return marker{}, n
	}
	// Fast reject: a marker starts with "(", a digit or a numeral.
	if c := n[0]; c != '(' && (c < '0' || c > '9') {
		r, _ := utf8.DecodeRuneInString(n)
		if !strings.ContainsRune("一二三四五六七八九十", r) {
			return marker{}, n
		}
	}
	if m := parenMarkerRe.FindStringSubmatch(n); m != nil {
		return marker{'p', chineseNumeral(m[1])}, n[len(m[0]):]
	}
	if m := topMarkerRe.FindStringSubmatch(n); m != nil {
		return marker{'t', chineseNumeral(m[1])}, n[len(m[0]):]
	}
	if m := arabicMarkRe.FindStringSubmatch(n); m != nil {
		d := m[1]
		if d == "" {
			d = m[2]
		}
		v := 0
		for _, c := range d {
			v = v*10 + int(c-'0')
		}
		return marker{'a', v}, n[len(m[0]):]
	}
	return marker{}, n
}

// chineseNumeral converts 一 … 九十九; 0 when it is not one.
func chineseNumeral(s string) int {
	digits := map[rune]int{'一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}
	rs := []rune(s)
	switch {
	case len(rs) == 1 && rs[0] == '十':
		return 10
	case len(rs) == 1:
		return digits[rs[0]]
	case len(rs) == 2 && rs[0] == '十':
		return 10 + digits[rs[1]]
	case len(rs) == 2 && rs[1] == '十':
		return digits[rs[0]] * 10
	case len(rs) == 3 && rs[1] == '十':
		return digits[rs[0]]*10 + digits[rs[2]]
	}
	return 0
}

// coreText drops parenthesised annotations such as
// （区分处理的，只计这一情形，不计其他情形） or （单位：万元）: reports word
// them freely, and the words before them identify the label.
func coreText(rest string) string {
	for i := 0; i < 3 && strings.Contains(rest, "("); i++ {
		rest = annotationRe.ReplaceAllString(rest, "")
	}
	return rest
}

// matchQuality ranks how a label read from a report matches a canonical
// label.
type matchQuality int

const (
	matchNone      matchQuality = iota
	matchTruncated              // a strict prefix: the label was cut off
	matchFuzzy                  // same first characters (item number plus first characters)
	matchExact                  // equal after normalisation, or a known variant
)

// fuzzyPrefix is how many leading characters identify a label.
const fuzzyPrefix = 4

// compareCore compares the normalized core of a label as read (got) with
// a canonical one (want).
func compareCore(got, want string) matchQuality {
	switch {
	case got == want:
		return matchExact
	case got == "" || want == "":
		return matchNone
	case strings.HasPrefix(want, got):
		return matchTruncated
	}
	if utf8.RuneCountInString(want) >= fuzzyPrefix && utf8.RuneCountInString(got) >= fuzzyPrefix &&
		firstRunes(got, fuzzyPrefix) == firstRunes(want, fuzzyPrefix) {
		return matchFuzzy
	}
	return matchNone
}

func firstRunes(s string, n int) string {
	i := 0
	for pos := range s {
		if i == n {
			return s[:pos]
		}
		i++
	}
	return s
}

// unitIn extracts a money unit named in a label or cell (（单位：万元）,
// （万元）, 万元).
func unitIn(n string) string {
	switch {
	case strings.Contains(n, "万元"):
		return "万元"
	case strings.Contains(n, "元"):
		return "元"
	}
	return ""
}

// hanCount counts CJK ideographs; label cells have some, figures none.
func hanCount(s string) int {
	n := 0
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			n++
		}
	}
	return n
}
