package annualreport

import (
	"regexp"
	"strings"
)

// labelKey is a canonical label prepared for matching: its numbering and
// the normalized core text of the label and of its known variants.
type labelKey struct {
	m     marker
	cores []string // [0] is the label itself
}

func makeKey(label string, variants []string) labelKey {
	m, rest := splitMarker(normalize(label))
	k := labelKey{m: m, cores: []string{coreText(rest)}}
	for _, v := range variants {
		_, vr := splitMarker(normalize(v))
		k.cores = append(k.cores, coreText(vr))
	}
	return k
}

// match compares the core of a label as read; a known variant counts as
// exact.
func (k labelKey) match(core string) matchQuality {
	best := matchNone
	for _, c := range k.cores {
		if q := compareCore(core, c); q > best {
			best = q
		}
	}
	return best
}

// formatKeys holds the prepared keys of a format, parallel to its slices.
type formatKeys struct {
	sections   []sectionKey
	twoCols    [][]labelKey
	twoRows    [][]labelKey
	threeRows  []labelKey
	threeCols  []labelKey
	threeGroup []labelKey
	fourCols   []labelKey
	fourGroups []labelKey // groups, then their distinct parents
	fourParent []string
}

type sectionKey struct {
	num      int
	full     []string // normalized label and aliases
	core     []string // the same without numbering
	keywords []string
}

func (f *Format) prepare() {
	k := &formatKeys{}
	for _, s := range f.Sections {
		sk := sectionKey{num: chineseNumeral(s.ID)}
		for _, l := range append([]string{s.Label}, s.Aliases...) {
			n := normalize(l)
			_, rest := splitMarker(n)
			sk.full = append(sk.full, n)
			sk.core = append(sk.core, rest)
		}
		for _, w := range s.Keywords {
			sk.keywords = append(sk.keywords, normalize(w))
		}
		k.sections = append(k.sections, sk)
	}
	for _, st := range f.Two {
		var cols, rows []labelKey
		for _, c := range st.Columns {
			cols = append(cols, makeKey(c.Label, c.Variants))
		}
		for _, r := range st.Rows {
			rows = append(rows, makeKey(r.Label, r.Variants))
		}
		k.twoCols = append(k.twoCols, cols)
		k.twoRows = append(k.twoRows, rows)
	}
	for _, r := range f.Three.Rows {
		k.threeRows = append(k.threeRows, makeKey(r.Label, r.Variants))
	}
	for _, c := range f.Three.Columns {
		k.threeCols = append(k.threeCols, makeKey(c.Label, c.Variants))
	}
	for _, g := range f.Three.Groups {
		k.threeGroup = append(k.threeGroup, makeKey(g, nil))
	}
	for _, c := range f.Four.Columns {
		k.fourCols = append(k.fourCols, makeKey(c.Label, c.Variants))
	}
	seen := map[string]bool{}
	for _, g := range f.Four.Groups {
		k.fourGroups = append(k.fourGroups, makeKey(g.Label, nil))
		if g.Parent != "" && !seen[g.Parent] {
			seen[g.Parent] = true
			k.fourParent = append(k.fourParent, g.Parent)
			k.fourGroups = append(k.fourGroups, makeKey(g.Parent, nil))
		}
	}
	f.keys = k
}

// bestMatch finds the best of keys for a core text. ok is false when
// nothing matches or when two keys match equally well (ambiguous).
func bestMatch(keys []labelKey, core string, allow func(i int) bool) (idx int, q matchQuality, ambiguous []int) {
	idx, q = -1, matchNone
	for i, k := range keys {
		if allow != nil && !allow(i) {
			continue
		}
		kq := k.match(core)
		switch {
		case kq == matchNone:
		case kq > q:
			idx, q, ambiguous = i, kq, []int{i}
		case kq == q:
			ambiguous = append(ambiguous, i)
		}
	}
	if len(ambiguous) > 1 {
		return -1, q, ambiguous
	}
	return idx, q, nil
}

var captionRe = regexp.MustCompile(`第二十条第\(?([一二三四五六七八九十]+)\)?项`)

// captionItem recognises a table-二 caption such as 第二十条第（一）项.
func captionItem(n string) (string, bool) {
	m := captionRe.FindStringSubmatch(n)
	if m == nil {
		return "", false
	}
	return m[1], true
}

// sectionOf recognises a section heading; "" when text is not one.
func (f *Format) sectionOf(text string) string {
	if len(text) > 240 { // far longer than any heading; skip normalising prose
		return ""
	}
	n := normalize(text)
	if n == "" || len([]rune(n)) > 40 {
		return ""
	}
	m, rest := splitMarker(n)
	for i, sk := range f.keys.sections {
		for j := range sk.full {
			if n == sk.full[j] || (m.kind == 't' && m.num == sk.num && rest == sk.core[j]) {
				return f.Sections[i].ID
			}
			if m.kind == 0 && n == sk.core[j] {
				return f.Sections[i].ID
			}
		}
		if m.kind != 't' || m.num != sk.num {
			continue
		}
		for _, w := range sk.keywords {
			if strings.Contains(rest, w) {
				return f.Sections[i].ID
			}
		}
	}
	return ""
}
