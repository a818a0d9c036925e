package search

import (
	"html"
	"html/template"
	"slices"
	"strings"
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
func SnippetHTML(text string, terms []Term) template.HTML {
	rs := []rune(text)
	spans := matchSpans(foldString(text), terms)
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
	return template.HTML(b.String())
}
