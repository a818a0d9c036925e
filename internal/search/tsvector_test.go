package search

import (
	"fmt"
	"strings"
	"testing"
)

func TestSplitChunks(t *testing.T) {
	for _, tc := range []struct {
		name   string
		tokens int
		vocab  int // distinct tokens, cycled
		long   bool
	}{
		{"short", 600, 300, false},
		{"positions", 40000, 5000, true},
		{"repeated lexeme", 3000, 5, true},
		{"exactly full", maxTSPosition, maxTSPosition, false},
		{"one over", maxTSPosition + 1, maxTSPosition + 1, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			toks := make([]string, tc.tokens)
			for i := range toks {
				toks[i] = fmt.Sprintf("t%d", i%tc.vocab)
			}
			stream := positioned(toks)
			if got := !fitsTSVector(stream); got != tc.long {
				t.Fatalf("long = %v, want %v", got, tc.long)
			}
			chunks := splitChunks(stream)
			if !tc.long && len(chunks) != 1 {
				t.Fatalf("%d chunks, want 1", len(chunks))
			}
			end := 0 // index in stream after the previous chunk
			for i, c := range chunks {
				if !fitsTSVector(c) {
					t.Errorf("chunk %d (%d tokens) does not fit a tsvector", i, len(c))
				}
				start := c[0].pos - 1
				if i > 0 && end-start != chunkOverlapTokens {
					t.Errorf("chunk %d overlaps the previous one by %d tokens, want %d", i, end-start, chunkOverlapTokens)
				}
				end = start + len(c)
			}
			if end != len(stream) {
				t.Errorf("chunks end at %d of %d tokens", end, len(stream))
			}
			// Every phrase of maxPhraseTokens lies whole in one chunk.
			for p := 0; p+maxPhraseTokens <= len(stream); p += 97 {
				found := false
				for _, c := range chunks {
					if first := c[0].pos - 1; first <= p && p+maxPhraseTokens <= first+len(c) {
						found = true
						break
					}
				}
				if !found {
					t.Fatalf("phrase at %d is in no chunk", p)
				}
			}
		})
	}
}

func TestTSVectorLiteral(t *testing.T) {
	stream := positioned([]string{"a", "b"}, []string{"c", "d"})
	if got, want := tsvectorLiteral(stream[2:]), `'c':1 'd':2`; got != want {
		t.Errorf("chunk literal = %s, want %s (positions renumbered)", got, want)
	}
	if got, want := lexemesLiteral([]string{"b", "a"}, []string{"a", "it's"}), `'a' 'b' 'it''s'`; got != want {
		t.Errorf("lexemesLiteral = %s, want %s", got, want)
	}
}

func TestWindowCover(t *testing.T) {
	const b = 1 << windowFirstBlockLog
	for _, r := range [][2]int64{{0, b}, {b, 3 * b}, {0, 1 << 20}, {5 * b, (1 << 20) + 7*b}, {(1 << 16) - b, (1 << 21) + b}} {
		covered := map[int64]int{}
		for _, tok := range windowCover(r[0], r[1]) {
			var shift uint
			var block int64
			if _, err := fmt.Sscanf(tok, "w%dx%d", &shift, &block); err != nil {
				t.Fatalf("token %q: %v", tok, err)
			}
			for id := block << shift; id < (block+1)<<shift; id += b {
				covered[id]++
			}
		}
		for id := r[0]; id < r[1]; id += b {
			if covered[id] != 1 {
				t.Errorf("[%d,%d): block at %d covered %d times", r[0], r[1], id, covered[id])
			}
		}
		if want := int((r[1] - r[0]) / b); len(covered) != want {
			t.Errorf("[%d,%d): %d blocks covered, want %d", r[0], r[1], len(covered), want)
		}
	}
	if got, want := strings.Join(windowTokens(70000), " "), "w20x0 w16x1 w12x17 w8x273"; got != want {
		t.Errorf("windowTokens(70000) = %s, want %s", got, want)
	}
}

func TestDescendingWindows(t *testing.T) {
	// No matches: the ranges widen eightfold and end at ID 0.
	var got []window
	for w := range descendingWindows(100000, 10, func() int { return 0 }) {
		got = append(got, w)
	}
	last := got[len(got)-1]
	if last.lo != 0 || last.cover != nil || len(got) > 6 {
		t.Errorf("windows %+v: want a few, the last reaching 0 without tokens", got)
	}
	for i := 1; i < len(got); i++ {
		if got[i].hi != got[i-1].lo {
			t.Errorf("window %d %+v does not continue %+v", i, got[i], got[i-1])
		}
	}
	// Enough matches in the first range: one range.
	n := 0
	for range descendingWindows(100000, 10, func() int { return 10 * n }) {
		n++
	}
	if n != 1 {
		t.Errorf("%d ranges, want 1", n)
	}
}

func TestEstimateTotal(t *testing.T) {
	for _, tc := range []struct {
		newest, nth, oldest int64
		n, want             int
	}{
		{30, 10, 1, 21, 30},                  // 21 matches in 21 IDs, 30 IDs in all
		{1000000, 990001, 1, 201, 20000},     // 201 in 10,000 IDs of 1,000,000
		{1000000, 999800, 999000, 201, 1000}, // all matches recent
		{500, 300, 300, 201, 200},            // the nth is the oldest
		{123456, 100000, 7, 201, 1100},       // 201 × 123450 / 23457 = 1057.9
	} {
		if got := estimateTotal(tc.newest, tc.nth, tc.oldest, tc.n); got != tc.want {
			t.Errorf("estimateTotal(%d, %d, %d, %d) = %d, want %d", tc.newest, tc.nth, tc.oldest, tc.n, got, tc.want)
		}
	}
}
