// Package search is the portal's Chinese full-text search: token streams
// made in Go, indexed by the database's own full-text engine (SQLite FTS5
// or PostgreSQL tsvector/GIN), ranked and highlighted in Go.
//
// # Recall
//
// Every run of CJK characters is indexed as its character bigrams, framed
// by its first and last character (tokens.go); letters and digits are
// indexed as lower-cased whole words. A query of n ≥ 2 characters becomes
// the phrase of its bigrams, so it finds every document that contains it —
// two-character words (公开, 预算) and names no dictionary knows (岚溪 in
// 岚溪镇) alike. A lone character becomes a prefix query on the bigrams.
// Numbers and Latin words match whole tokens: 2023 finds 2023年 but not
// 12023. Fullwidth letters and digits fold to ASCII.
//
// # Both databases, same results
//
// Both databases receive the same token streams and the same parsed query
// (FTS5 with the 'ascii' tokenizer sees exactly the Go tokens; PostgreSQL
// gets tsvector/tsquery literals, which bypass its parser and locale), and
// ranking and snippets are computed in Go from the stored text (its first
// rankedRunes characters, cut the same way by both), so results are
// identical (TestSameResults). A document too long for one PostgreSQL
// tsvector (16383 positions, 256 a lexeme: about 15,000 characters) is
// checked in overlapping chunks there, so a phrase anywhere in it is found
// as in SQLite (postgres.go, tsvector.go).
//
// # Words
//
// gse dictionary words (compact embedded dictionary plus government terms)
// are a ranking signal only, checked at query time around the matches of
// the ranked candidates (segmenter.go), so nothing is re-indexed when the
// dictionary loads or changes. The Segmenter loads in the background.
//
// # Cost
//
// Ranking is bounded (rank.go): relevance is computed for at most
// 2×Options.Candidates documents, and matches are counted exactly up to
// Options.CountCap and estimated past it, so a query's cost does not grow
// with the number of matches. SQLite's FTS5 reads postings newest first
// for free; PostgreSQL's GIN does not, so it is asked for the newest
// matches in widening ID windows (tsvector.go). Measured numbers:
// bench/search.
package search
