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
// window tokens, which only the transaction that takes the ID knows.
type pgTokens struct {
	title, text []pgtype.TSVectorLexeme
	meta        []string // sorted and distinct
	long        bool
	chunks      [][]pgtype.TSVectorLexeme // a long document's chunk table rows
}

func pgTokensOf(d preparedDoc) pgTokens {
	text := positioned(d.title, d.body)
	var t pgTokens
	var fits bool
	t.title, _ = positionedLexemes(positioned(d.title))
	if t.text, fits = positionedLexemes(text); !fits {
		t.long = true
		t.text = bareLexemes(d.title, d.body)
		for _, c := range splitChunks(text) {
			lexemes, _ := positionedLexemes(c)
			t.chunks = append(t.chunks, lexemes)
		}
	}
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

// copyRows are the rows of docs (IDs set, prepared by an index on
// PostgreSQL) in the document table and, for long ones, the chunk table.
func (s postgresDialect) copyRows(docs []Prepared) []tableRows {
	d := tableRows{table: s.p + "_doc", cols: []string{"id", "body_id", "column_id", "theme", "year", "kind",
		"title", "body", "title_tsv", "text_tsv", "meta_tsv", "long"}}
	c := tableRows{table: s.p + "_chunk", cols: []string{"doc_id", "n", "tsv"}}
	for _, p := range docs {
		t := p.pg
		meta := bareLexemes(t.meta, windowTokens(p.d.ID))
		d.rows = append(d.rows, []any{p.d.ID, p.d.BodyID, p.d.ColumnID, p.d.Theme, int32(p.d.Year), p.d.Kind,
			p.d.Title, p.d.Text, tsvector(t.title), tsvector(t.text), tsvector(meta), t.long})
		for i, chunk := range t.chunks {
			c.rows = append(c.rows, []any{p.d.ID, int32(i), tsvector(chunk)})
		}
	}
	return []tableRows{d, c}
}
