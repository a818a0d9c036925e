package search

import (
	"html"
	"html/template"
	"slices"
	"strings"
	"unicode/utf8"
)

// Snippets are cut and highlighted in Go from the original text, so they
// look the same whichever database found the document, and every character
// of the document passes through html.EscapeString.

// Snippet window in characters: some context before the first match and
// enough after it for two lines of a result list.
const (
	snippetBefore = 30
	snippetLength = 120
)

// span is a highlighted range of rune offsets, end exclusive.
type span struct{ start, end int }

// matchSpans finds every occurrence of the terms in folded text, merged and
// sorted. A term whose whole text is absent is looked for piece by piece.
func matchSpans(folded []rune, terms []Term) []span {
	var spans []span
	for _, t := range terms {
		found := findAll(folded, []rune(t.Text))
		if len(found) == 0 {
			for _, p := range t.Pieces {
				found = append(found, findAll(folded, []rune(p))...)
			}
		}
		spans = append(spans, found...)
	}
	slices.SortFunc(spans, func(a, b span) int { return a.start - b.start })
	var merged []span
	for _, s := range spans {
		if n := len(merged); n > 0 && s.start <= merged[n-1].end {
			merged[n-1].end = max(merged[n-1].end, s.end)
			continue
		}
		merged = append(merged, s)
	}
	return merged
}

// findAll returns the non-overlapping occurrences of needle in hay.
func findAll(hay, needle []rune) []span {
	var out []span
	if len(needle) == 0 {
		return nil
	}
	for i := 0; i+len(needle) <= len(hay); {
		if slices.Equal(hay[i:i+len(needle)], needle) {
			out = append(out, span{i, i + len(needle)})
			i += len(needle)
			continue
		}
		i++
	}
	return out
}

// highlight renders original[from:to] (rune offsets) as escaped HTML with
// <mark> around the spans.
func highlight(original []rune, from, to int, spans []span) string {
	var b strings.Builder
	pos := from
	for _, s := range spans {
		start, end := max(s.start, from), min(s.end, to)
		if start >= end {
			continue
		}
		b.WriteString(html.EscapeString(string(original[pos:start])))
		b.WriteString("<mark>")
		b.WriteString(html.EscapeString(string(original[start:end])))
		b.WriteString("</mark>")
		pos = end
	}
	b.WriteString(html.EscapeString(string(original[pos:to])))
	return b.String()
}

// TitleHTML returns the whole title with the terms marked.
func TitleHTML(title string, terms []Term) template.HTML {
	rs := []rune(title)
	return template.HTML(highlight(rs, 0, len(rs), matchSpans(foldString(title), terms)))
}

// SnippetHTML returns a window of text around the first occurrence of a
// term, with the terms marked and … where text was cut. Text without an
// occurrence (a title-only match) gives its opening.
//
// When folding leaves the text as it is (always for Chinese terms, which
// have no case), the window is found by byte offsets and only it becomes
// runes: a document of 100,000 characters then costs a strings.Index,
// not two rune copies of the whole text (about 10 ms a document, most of
// a search that lists several long documents).
func SnippetHTML(text string, terms []Term) template.HTML {
	folded := text
	if !cjkOnly(terms) {
		folded = foldText(text)
	}
	if len(folded) != len(text) || folded != text {
		return template.HTML(wholeTextSnippet([]rune(text), []rune(folded), terms))
	}
	from, widest := 0, 0
	if first := firstOccurrence(text, terms); first >= 0 {
		from = first
		for n := 0; n < snippetBefore && from > 0; n++ {
			_, size := utf8.DecodeLastRuneInString(text[:from])
			from -= size
		}
	}
	for _, t := range terms {
		widest = max(widest, utf8.RuneCountInString(t.Text))
	}
	// Nothing occurs before the first occurrence, so the window starts at
	// from; it reaches past its end by the longest term, so that an
	// occurrence across the end is marked as in the whole text.
	to := runesForward(text, from, snippetLength)
	window := []rune(text[from:runesForward(text, to, widest)])
	end := utf8.RuneCountInString(text[from:to])
	var b strings.Builder
	if from > 0 {
		b.WriteString("…")
	}
	b.WriteString(highlight(window, 0, end, matchSpans(window, presentTerms(text, terms))))
	if to < len(text) {
		b.WriteString("…")
	}
	return template.HTML(b.String())
}

// wholeTextSnippet is SnippetHTML over the whole text as runes: original
// and folded have the same runes but not the same bytes.
func wholeTextSnippet(rs, folded []rune, terms []Term) string {
	spans := matchSpans(folded, terms)
	from := 0
	if len(spans) > 0 {
		from = max(0, spans[0].start-snippetBefore)
	}
	to := min(len(rs), from+snippetLength)
	var b strings.Builder
	if from > 0 {
		b.WriteString("…")
	}
	b.WriteString(highlight(rs, from, to, spans))
	if to < len(rs) {
		b.WriteString("…")
	}
	return b.String()
}

// runesForward returns the byte offset n runes after byte offset i of s
// (or len(s)).
func runesForward(s string, i, n int) int {
	for ; n > 0 && i < len(s); n-- {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return i
}

// firstOccurrence returns the byte offset of the earliest occurrence of a
// term in folded text, or of a piece for a term whose whole text is
// absent; -1 when there is none.
func firstOccurrence(folded string, terms []Term) int {
	first := -1
	note := func(i int) {
		if i >= 0 && (first < 0 || i < first) {
			first = i
		}
	}
	for _, t := range terms {
		if i := strings.Index(folded, t.Text); i >= 0 || len(t.Pieces) == 0 {
			note(i)
			continue
		}
		for _, p := range t.Pieces {
			note(strings.Index(folded, p))
		}
	}
	return first
}

// presentTerms marks a term absent from the whole text by its pieces
// only, as matchSpans would decide on the whole text: within a window the
// term may be absent though it occurs elsewhere.
func presentTerms(folded string, terms []Term) []Term {
	out := make([]Term, len(terms))
	for i, t := range terms {
		out[i] = t
		if len(t.Pieces) > 0 && !strings.Contains(folded, t.Text) {
			out[i].Text = "" // findAll finds nothing for an empty needle
		} else {
			out[i].Pieces = nil
		}
	}
	return out
}
