package search

import (
	"slices"
	"strings"

	"github.com/jackc/pgx/v5/pgtype"
)

// A bulk import writes documents new to the index with COPY, and the
// tsvectors travel in binary: the server reads lexemes and positions as
// they are instead of parsing each literal character by character, and
// Go sends them without quoting. The values are those of the literals
// (literalsOf), so both paths store equal tsvectors
// (TestCopyRowsMatchUpsert).

// pgTokens are a document's tsvectors for PostgreSQL, except the ID's
// window tokens, which only the transaction that takes the ID knows. A
// long document (one whose text does not fit one tsvector) has none: it
// is written by upsert, with its chunks, as rare as it is.
type pgTokens struct {
	title, text []pgtype.TSVectorLexeme
	meta        []string // sorted and distinct
	long        bool
}

func pgTokensOf(d preparedDoc) pgTokens {
	var t pgTokens
	var fits bool
	if t.text, fits = positionedLexemes(positioned(d.title, d.body)); !fits {
		return pgTokens{long: true}
	}
	t.title, _ = positionedLexemes(positioned(d.title))
	t.meta = distinctTokens(d.meta, charTokens(textCharMark, append(slices.Clone(d.title), d.body...)),
		charTokens(titleCharMark, d.title))
	return t
}

// positionedLexemes is tsvectorLiteral as lexemes: positions renumbered
// from 1, each lexeme's positions kept as PostgreSQL keeps those of a
// literal (distinct, at most 256, none past 16383). fits is
// fitsTSVector's answer, found on the way: no lexeme more than 256
// times, no position past 16383.
func positionedLexemes(toks []posToken) (out []pgtype.TSVectorLexeme, fits bool) {
	if len(toks) == 0 {
		return nil, true
	}
	base := toks[0].pos - 1
	fits = toks[len(toks)-1].pos-toks[0].pos < maxTSPosition
	at := make(map[string]int, len(toks)/2)
	for _, t := range toks {
		i, ok := at[t.tok]
		if !ok {
			i = len(out)
			at[t.tok] = i
			out = append(out, pgtype.TSVectorLexeme{Word: t.tok})
		}
		ps := out[i].Positions
		pos := uint16(min(t.pos-base, maxTSPosition))
		if n := len(ps); n >= maxLexemePositions || n > 0 && ps[n-1].Position >= pos {
			fits = fits && n < maxLexemePositions
			continue
		}
		out[i].Positions = append(ps, pgtype.TSVectorPosition{Position: pos, Weight: pgtype.TSVectorWeightD})
	}
	// PostgreSQL orders lexemes by their bytes, a prefix first, as Go
	// orders strings.
	slices.SortFunc(out, func(a, b pgtype.TSVectorLexeme) int { return strings.Compare(a.Word, b.Word) })
	return out, fits
}

// bareLexemes is lexemesLiteral as lexemes.
func bareLexemes(streams ...[]string) []pgtype.TSVectorLexeme {
	words := distinctTokens(streams...)
	out := make([]pgtype.TSVectorLexeme, len(words))
	for i, w := range words {
		out[i].Word = w
	}
	return out
}

// distinctTokens returns the streams' tokens sorted, each once.
func distinctTokens(streams ...[]string) []string {
	var all []string
	for _, s := range streams {
		all = append(all, s...)
	}
	slices.Sort(all)
	return slices.Compact(all)
}

func tsvector(lexemes []pgtype.TSVectorLexeme) pgtype.TSVector {
	return pgtype.TSVector{Lexemes: lexemes, Valid: true}
}

// copyRows are the document table's rows of docs (IDs set, prepared by
// an index on PostgreSQL), and the long documents, which upsert writes.
func (s postgresDialect) copyRows(docs []Prepared) (tableRows, []preparedDoc) {
	d := tableRows{table: s.p + "_doc", cols: []string{"id", "body_id", "column_id", "theme", "year", "kind",
		"title", "body", "title_tsv", "text_tsv", "meta_tsv", "long"}}
	var long []preparedDoc
	for _, p := range docs {
		t := p.pg
		if t.long {
			long = append(long, p.d)
			continue
		}
		meta := bareLexemes(t.meta, windowTokens(p.d.ID))
		d.rows = append(d.rows, []any{p.d.ID, p.d.BodyID, p.d.ColumnID, p.d.Theme, int32(p.d.Year), p.d.Kind,
			p.d.Title, p.d.Text, tsvector(t.title), tsvector(t.text), tsvector(meta), false})
	}
	return d, long
}
