package search

import (
	"strings"
	"unicode/utf8"
)

// Ranking
//
// bm25 over every match costs ~2.5 µs a match (0.3–2.9 s for a common word
// in 1M documents), so relevance is computed only for a bounded candidate
// set: the newest Options.Candidates matches plus the newest
// Options.Candidates title matches. That window is ordered by
//
//  1. title hit: every term occurs in the title;
//  2. score: saturated term counts in title and body, body counts
//     normalised by length, plus a bonus when the query's dictionary words
//     are words of the document (not just characters in a row);
//  3. newest first.
//
// Matches outside the window follow, newest first. "Newest" is the highest
// document ID, the order FTS5 reads its postings in for free: IDs are
// expected to grow with publication, as when the store assigns them on
// publishing. Sorting by a date column instead would mean reading every
// match. The score uses no
// collection statistics, so it is the same on SQLite and PostgreSQL and
// costs the same for rare and common words.

// avgBodyRunes is the typical document length the length norm is centred on.
const avgBodyRunes = 600

// rankedRunes is how much of a document's text ranking and snippets read:
// its opening, about eight times a typical document. A match deeper in a
// longer document (a yearbook, a plan of 100,000 characters) is still
// found, but scored on its title and opening, and its snippet shows the
// opening. Reading whole long texts cost more than the rest of a search:
// detoasting and sending 40 of them (one in 25,000 documents is that
// long) took 50–150 ms on PostgreSQL. Both databases cut the text the
// same way (substr counts characters in both), so results stay identical.
const rankedRunes = 5000

// Score weights; title occurrences weigh twice a body occurrence.
const (
	titleWeight = 2.0
	wordBonus   = 0.5
)

// candidate is a document in the ranked window.
type candidate struct {
	doc      Doc
	titleHit bool
	score    float64
}

// scoreDoc computes the title-hit flag and the score of one document.
func scoreDoc(terms []Term, doc Doc, seg *Segmenter, words []string) (bool, float64) {
	title, body := doc.Title, doc.Text
	if !cjkOnly(terms) {
		// Only letters and digits change when folded; Chinese terms can be
		// counted in the text as stored, which saves a pass over it.
		title, body = foldText(title), foldText(body)
	}
	norm := 0.25 + 0.75*float64(utf8.RuneCountInString(body))/avgBodyRunes
	titleHit := true
	score := 0.0
	for _, t := range terms {
		tt := occurrences(title, t)
		if tt == 0 {
			titleHit = false
		}
		score += titleWeight * saturate(float64(tt))
		score += saturate(float64(occurrences(body, t)) / norm)
	}
	if len(words) > 0 && hasWords(seg, title, body, words) {
		score += wordBonus
	}
	return titleHit, score
}

// cjkOnly reports whether every term is written in CJK characters only.
func cjkOnly(terms []Term) bool {
	for _, t := range terms {
		for _, r := range t.Text {
			if classify(r) != classCJK {
				return false
			}
		}
	}
	return true
}

// hasWords reports whether every query word is a word of the title or the
// body.
func hasWords(seg *Segmenter, title, body string, words []string) bool {
	for _, w := range words {
		if !seg.HasWord(title, w) && !seg.HasWord(body, w) {
			return false
		}
	}
	return true
}

// occurrences counts a term in folded text: the whole term, or when the
// document has its pieces apart (2023 年 for 2023年), the rarest piece if
// all pieces occur.
func occurrences(text string, t Term) int {
	if n := strings.Count(text, t.Text); n > 0 || len(t.Pieces) == 0 {
		return n
	}
	least := -1
	for _, p := range t.Pieces {
		n := strings.Count(text, p)
		if least < 0 || n < least {
			least = n
		}
	}
	return least
}

// saturate makes the 10th occurrence worth little more than the 3rd.
func saturate(x float64) float64 { return x / (x + 1.2) }
