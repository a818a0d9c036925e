package search

import "unicode"

// runeClass sorts characters into the three kinds the index treats
// differently.
type runeClass uint8

const (
	classSep  runeClass = iota // separates terms; never indexed
	classCJK                   // written without spaces: indexed as bigrams
	classWord                  // letters and digits of spaced scripts: whole words
)

// maxWordRunes caps one ASCII/number token. PostgreSQL rejects lexemes over
// 2 KB and nobody searches for a 64-character token by its tail; the same
// cap applies to documents and queries, so both sides agree.
const maxWordRunes = 64

// fold maps one rune to its search form. The mapping is rune for rune, so a
// position in the folded text is a position in the original text — the
// snippet code relies on that to highlight the original. Separators are
// left alone (they are never indexed), so Chinese text with fullwidth
// punctuation folds to itself without copying.
func fold(r rune) rune {
	switch {
	case r < 0x80:
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return r
	case r >= 0x3400 && r <= 0x9FFF: // CJK ideographs have no case; skip the table lookup
		return r
	case r >= 0xFF10 && r <= 0xFF19, r >= 0xFF21 && r <= 0xFF3A, r >= 0xFF41 && r <= 0xFF5A:
		return fold(r - 0xFEE0) // fullwidth digits and letters: ２０２３ is 2023
	}
	return unicode.ToLower(r)
}

// classify tells how a folded rune is indexed.
func classify(r rune) runeClass {
	if !unicode.IsLetter(r) && !unicode.IsNumber(r) {
		return classSep
	}
	if unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) {
		return classCJK
	}
	return classWord
}

// foldString folds every rune of s.
func foldString(s string) []rune {
	rs := []rune(s)
	for i, r := range rs {
		rs[i] = fold(r)
	}
	return rs
}

// run is a maximal stretch of runes of one class.
type run struct {
	class      runeClass
	start, end int // rune offsets into the folded text, end exclusive
}

// runs splits folded text into its CJK and word runs, dropping separators.
func runs(rs []rune) []run {
	var out []run
	for i := 0; i < len(rs); {
		c := classify(rs[i])
		j := i + 1
		for j < len(rs) && classify(rs[j]) == c {
			j++
		}
		if c != classSep {
			out = append(out, run{class: c, start: i, end: j})
		}
		i = j
	}
	return out
}

// wordToken is the token for a word run, capped at maxWordRunes.
func wordToken(rs []rune) string {
	if len(rs) > maxWordRunes {
		rs = rs[:maxWordRunes]
	}
	return string(rs)
}

// foldText folds s as a string, returning s itself when folding changes
// nothing (the usual case for Chinese text), so ranking does not allocate.
func foldText(s string) string {
	for _, r := range s {
		if fold(r) != r {
			return string(foldString(s))
		}
	}
	return s
}
