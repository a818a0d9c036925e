package search

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Query limits: a portal search box, not a document upload.
const (
	maxQueryRunes = 200
	maxTerms      = 12
)

// Errors from ParseQuery. The web layer shows 请输入检索词 / 检索词过长.
var (
	ErrEmptyQuery   = errors.New("search: empty query")
	ErrQueryTooLong = errors.New("search: query too long")
)

// Term is one space- or punctuation-separated part of a query. All terms
// must match (AND).
type Term struct {
	// Text is the folded term as typed (2023年, 岚溪), used to highlight
	// and to score.
	Text string
	// Pieces are the term's runs (2023, 年): highlighted instead of Text
	// when a document has them apart (2023 年).
	Pieces []string
	// Tokens is the phrase of index tokens that must occur in a row.
	Tokens []string
	// Prefix marks a lone CJK character: it matches every token starting
	// with it (its bigrams and its framing unigram), which is each of its
	// occurrences.
	Prefix bool
}

// ParsedQuery is a query translated into index terms.
type ParsedQuery struct {
	Terms []Term
}

// ParseQuery turns user input into terms. Separators (spaces, punctuation)
// split terms; within a term, CJK and word runs follow each other and form
// one phrase.
func ParseQuery(text string) (ParsedQuery, error) {
	if strings.TrimSpace(text) == "" {
		return ParsedQuery{}, ErrEmptyQuery
	}
	rs := foldString(text)
	if len(rs) > maxQueryRunes {
		return ParsedQuery{}, fmt.Errorf("%w: %d characters, at most %d", ErrQueryTooLong, len(rs), maxQueryRunes)
	}
	var q ParsedQuery
	rr := runs(rs)
	for i := 0; i < len(rr); {
		// A term is a group of runs with nothing between them.
		j := i + 1
		for j < len(rr) && rr[j].start == rr[j-1].end {
			j++
		}
		t := buildTerm(rs, rr[i:j])
		if !slices.ContainsFunc(q.Terms, func(o Term) bool { return o.Text == t.Text }) {
			q.Terms = append(q.Terms, t)
		}
		i = j
	}
	if len(q.Terms) == 0 {
		return ParsedQuery{}, ErrEmptyQuery
	}
	if len(q.Terms) > maxTerms {
		return ParsedQuery{}, fmt.Errorf("%w: %d terms, at most %d", ErrQueryTooLong, len(q.Terms), maxTerms)
	}
	return q, nil
}

// buildTerm makes the phrase for adjacent runs. A run edge that touches
// another run of the term is "closed": the document must have a run edge
// there too, so the framing unigram is part of the phrase. An open edge
// (the term's own start or end) may fall anywhere inside a document run.
func buildTerm(rs []rune, rr []run) Term {
	t := Term{Text: string(rs[rr[0].start:rr[len(rr)-1].end])}
	for k, r := range rr {
		seg := rs[r.start:r.end]
		t.Pieces = append(t.Pieces, string(seg))
		if r.class == classWord {
			t.Tokens = append(t.Tokens, wordToken(seg))
			continue
		}
		closedLeft, closedRight := k > 0, k < len(rr)-1
		switch {
		case len(seg) == 1 && !closedLeft && !closedRight:
			t.Tokens = append(t.Tokens, string(seg))
			t.Prefix = true
		case len(seg) == 1:
			// The document emits the lone character as a frame (or as a
			// one-character run), whichever side is closed.
			t.Tokens = append(t.Tokens, string(seg))
		default:
			if closedLeft {
				t.Tokens = append(t.Tokens, string(seg[0]))
			}
			for i := 0; i+1 < len(seg); i++ {
				t.Tokens = append(t.Tokens, string(seg[i:i+2]))
			}
			if closedRight {
				t.Tokens = append(t.Tokens, string(seg[len(seg)-1]))
			}
		}
	}
	if len(t.Pieces) == 1 {
		t.Pieces = nil
	}
	return t
}

// FTS5 renders the terms as an FTS5 expression restricted to the given
// columns: each term a quoted phrase, all of them ANDed.
func (q ParsedQuery) FTS5(columns ...string) string {
	var b strings.Builder
	b.WriteString("{")
	b.WriteString(strings.Join(columns, " "))
	b.WriteString("} : (")
	for i, t := range q.Terms {
		if i > 0 {
			b.WriteString(" AND ")
		}
		writeFTS5Phrase(&b, t.Tokens, t.Prefix)
	}
	b.WriteString(")")
	return b.String()
}

// writeFTS5Phrase writes "a b c" (or "a"* for a prefix). Tokens never hold
// a double quote, but one would be doubled as FTS5 requires.
func writeFTS5Phrase(b *strings.Builder, toks []string, prefix bool) {
	b.WriteByte('"')
	b.WriteString(strings.ReplaceAll(strings.Join(toks, " "), `"`, `""`))
	b.WriteByte('"')
	if prefix {
		b.WriteByte('*')
	}
}

// TSQuery renders the same terms as a PostgreSQL tsquery literal: tokens of
// a phrase joined by <->, terms by &, a prefix as :*.
func (q ParsedQuery) TSQuery() string {
	var b strings.Builder
	for i, t := range q.Terms {
		if i > 0 {
			b.WriteString(" & ")
		}
		b.WriteByte('(')
		for k, tok := range t.Tokens {
			if k > 0 {
				b.WriteString(" <-> ")
			}
			writeLexeme(&b, tok)
		}
		if t.Prefix {
			b.WriteString(":*")
		}
		b.WriteByte(')')
	}
	return b.String()
}

// hasPhrase reports whether a term has more than one token, so matching
// every token is not yet a match.
func (q ParsedQuery) hasPhrase() bool {
	return slices.ContainsFunc(q.Terms, func(t Term) bool { return len(t.Tokens) > 1 })
}

// tokensQuery is a tsquery requiring every token of every term, in any
// order and place: what an index without positions can answer.
func (q ParsedQuery) tokensQuery() string {
	var b strings.Builder
	for _, t := range q.Terms {
		for _, tok := range t.Tokens {
			if b.Len() > 0 {
				b.WriteString(" & ")
			}
			writeLexeme(&b, tok)
			if t.Prefix {
				b.WriteString(":*")
			}
		}
	}
	return b.String()
}
