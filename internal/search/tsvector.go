package search

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// PostgreSQL's tsvector keeps positions 1–16383 (later ones are stored as
// 16383) and at most 256 positions a lexeme (later ones are dropped). A
// document whose token stream exceeds either limit would lose phrase
// matches in its later part, so it is indexed in chunks (postgres.go):
// overlapping slices of the stream that each fit, the overlap longer than
// any query phrase, so a phrase across a chunk boundary lies whole in the
// next chunk.
const (
	maxTSPosition       = 16383
	maxLexemePositions  = 256
	maxPhraseTokens     = 2 * maxQueryRunes // a term has at most two tokens a character
	chunkOverlapTokens  = maxPhraseTokens
	windowFirstBlockLog = 8
)

// posToken is a token and its position in the combined stream.
type posToken struct {
	tok string
	pos int
}

// positioned numbers the tokens of the streams from 1, leaving a gap of one
// position between streams so a phrase cannot run from the title into the
// body (in SQLite they are separate columns, which has the same effect).
func positioned(streams ...[]string) []posToken {
	var out []posToken
	pos := 0
	for si, toks := range streams {
		if si > 0 {
			pos++ // the gap
		}
		for _, t := range toks {
			pos++
			out = append(out, posToken{t, pos})
		}
	}
	return out
}

// fitsTSVector reports whether every position of the stream survives in
// one tsvector.
func fitsTSVector(toks []posToken) bool {
	return chunkEnd(toks, 0) == len(toks)
}

// chunkEnd returns the end of the longest chunk starting at start that
// fits in a tsvector.
func chunkEnd(toks []posToken, start int) int {
	counts := make(map[string]int)
	end := start
	for end < len(toks) && toks[end].pos-toks[start].pos < maxTSPosition && counts[toks[end].tok] < maxLexemePositions {
		counts[toks[end].tok]++
		end++
	}
	return end
}

// splitChunks cuts a stream into chunks that each fit in a tsvector; each
// chunk after the first repeats the last chunkOverlapTokens tokens of the
// one before. Only a chunk cut short by one lexeme repeated 256 times
// within fewer tokens than the overlap overlaps less.
func splitChunks(toks []posToken) [][]posToken {
	var out [][]posToken
	for start := 0; start < len(toks); {
		end := chunkEnd(toks, start)
		out = append(out, toks[start:end])
		if end == len(toks) {
			break
		}
		start = max(end-chunkOverlapTokens, start+1)
	}
	return out
}

// tsvectorLiteral renders a stream as a tsvector literal with explicit
// positions, renumbered from 1. Literal input bypasses the text-search
// parser, so the server's locale cannot change how a token is read.
func tsvectorLiteral(toks []posToken) string {
	var b strings.Builder
	if len(toks) == 0 {
		return ""
	}
	base := toks[0].pos - 1
	for i, t := range toks {
		if i > 0 {
			b.WriteByte(' ')
		}
		writeLexeme(&b, t.tok)
		b.WriteByte(':')
		b.WriteString(strconv.Itoa(min(t.pos-base, maxTSPosition)))
	}
	return b.String()
}

// chunkLiteral is a long document's chunk as a tsvector literal: its
// stream, and the document's window tokens (windowTokens) without
// positions, so one GIN scan finds the chunks of the documents in an ID
// window that hold a phrase's tokens. A word of the text spelt like a
// window token (w8x12) can only add a chunk to re-check: the phrase and
// the document's own range still decide.
func chunkLiteral(id int64, toks []posToken) string {
	var b strings.Builder
	b.WriteString(tsvectorLiteral(toks))
	for _, w := range windowTokens(id) {
		b.WriteByte(' ')
		writeLexeme(&b, w)
	}
	return b.String()
}

// lexemesLiteral renders the distinct tokens without positions: enough to
// find the documents that have every token of a query, not to check the
// order.
func lexemesLiteral(streams ...[]string) string {
	var all []string
	for _, s := range streams {
		all = append(all, s...)
	}
	slices.Sort(all)
	all = slices.Compact(all)
	var b strings.Builder
	for i, t := range all {
		if i > 0 {
			b.WriteByte(' ')
		}
		writeLexeme(&b, t)
	}
	return b.String()
}

// Character tokens
//
// A one-character query matches every token that starts with the
// character, which is every document with that character in a CJK run.
// GIN answers a prefix by merging the postings of every such token (all
// bigrams 镇X) into a bitmap before it can intersect anything, which at a
// million documents costs more than the rest of the search. So the meta
// column also lists each CJK character of the text (u镇) and of the title
// (v镇): one posting list each, like SQLite's prefix index.
const (
	textCharMark  = "u"
	titleCharMark = "v"
)

// charTokens returns each CJK character that starts a token, once, marked.
// Each character is looked at once: a body's tokens repeat a few hundred
// characters, and building a string for every token was a fifth of an
// import's CPU time.
func charTokens(mark string, toks []string) []string {
	var out []string
	seen := make(map[rune]bool, 256)
	for _, t := range toks {
		if t == "" {
			continue
		}
		r, _ := utf8.DecodeRuneInString(t)
		if seen[r] {
			continue
		}
		seen[r] = true
		if classify(r) == classCJK {
			out = append(out, mark+string(r))
		}
	}
	slices.Sort(out)
	return out
}

// Window tokens
//
// "The newest matches" is what every search asks for, and GIN returns
// matches in no useful order: PostgreSQL would read every match of a
// common word to sort them. So each document's meta tsvector also holds
// the aligned ID blocks it falls in, at four sizes (256, 4096, 65536 and
// 1048576 IDs: w8x…, w12x…, w16x…, w20x…). A search asks for the newest
// block first and widens the range until it has enough matches; one GIN
// scan then intersects the words with the range, skipping through long
// posting lists, and only matches inside the range are read from the
// table.
var windowShifts = []uint{20, 16, 12, windowFirstBlockLog}

// windowTokens returns the blocks a document ID belongs to.
func windowTokens(id int64) []string {
	out := make([]string, 0, len(windowShifts))
	for _, s := range windowShifts {
		out = append(out, windowToken(s, id>>s))
	}
	return out
}

func windowToken(shift uint, block int64) string {
	return "w" + strconv.Itoa(int(shift)) + "x" + strconv.FormatInt(block, 10)
}

// windowCover returns the fewest block tokens covering exactly [lo, hi);
// both must be multiples of the smallest block.
func windowCover(lo, hi int64) []string {
	var out []string
	for lo < hi {
		for _, s := range windowShifts {
			size := int64(1) << s
			if lo%size == 0 && lo+size <= hi {
				out = append(out, windowToken(s, lo>>s))
				lo += size
				break
			}
		}
	}
	return out
}

// window is an ID range [lo, hi) and the block tokens covering it (none:
// the range is not restricted in the index).
type window struct {
	lo, hi int64
	cover  []string
}

// descendingWindows yields ID ranges below top, newest first, until found
// reports limit matches or the IDs run out. The first range holds the
// newest 256 to 511 IDs; each next one is sized from the density of matches so
// far to hold what is still missing, and at least doubles, so a rare word
// takes a handful of ranges and a common one usually one. The last range
// reaches down to ID 0 without block tokens.
func descendingWindows(top int64, limit int, found func() int) func(yield func(window) bool) {
	return func(yield func(window) bool) {
		block := int64(1) << windowFirstBlockLog
		lo := max(0, top-block) &^ (block - 1)
		hi, span := top, block
		for found() < limit {
			w := window{lo: lo, hi: hi}
			if lo > 0 {
				w.cover = windowCover(lo, (hi+block-1)&^(block-1))
			}
			if !yield(w) || lo <= 0 {
				return
			}
			n, scanned := int64(found()), top-lo
			if n == 0 {
				span *= 8
			} else {
				span = max(2*span, (int64(limit)-n)*scanned/n*5/4)
			}
			span = (span + block - 1) &^ (block - 1)
			hi, lo = lo, max(0, lo-span)
		}
	}
}
