package search

import (
	"encoding/hex"
	"strconv"
)

// Filters are indexed as tokens of a separate "meta" column (b12, y2023…)
// rather than checked row by row: the database then intersects the filter's
// posting list with the text match, so a filter on a small body does not
// scan every match of a common word. The values also live in plain columns
// of the document table for display and re-indexing.

// Filter restricts a search; zero values mean "any".
type Filter struct {
	BodyID   int64
	ColumnID int64
	Theme    string // 主题分类
	Year     int
	Kind     string // 体裁分类 or document type
}

// tokens returns the meta tokens a filter requires.
func (f Filter) tokens() []string {
	var out []string
	if f.BodyID != 0 {
		out = append(out, "b"+strconv.FormatInt(f.BodyID, 10))
	}
	if f.ColumnID != 0 {
		out = append(out, "c"+strconv.FormatInt(f.ColumnID, 10))
	}
	if f.Theme != "" {
		out = append(out, "t"+hex.EncodeToString([]byte(f.Theme)))
	}
	if f.Year != 0 {
		out = append(out, "y"+strconv.Itoa(f.Year))
	}
	if f.Kind != "" {
		out = append(out, "k"+hex.EncodeToString([]byte(f.Kind)))
	}
	return out
}

// tokenQuery makes a query that requires every token (no phrases).
func tokenQuery(toks []string) ParsedQuery {
	q := ParsedQuery{Terms: make([]Term, len(toks))}
	for i, t := range toks {
		q.Terms[i] = Term{Text: t, Tokens: []string{t}}
	}
	return q
}
