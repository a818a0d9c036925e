package textdiff

import (
	"strings"
	"testing"
)

// FuzzDiff: for any two texts, applying the ops to the old lines gives
// the new ones, and every Equal line is in both (apply checks both);
// the diff is minimal within the bound and correct beyond it (a bound
// of 3 reaches the fallback with short inputs). Lines are split both as
// HTML and as text, so the splitters are fuzzed too; splitting into
// characters makes equal lines, the interesting case, common.
func FuzzDiff(f *testing.F) {
	f.Add("<p>甲</p><p>乙</p>", "<p>甲</p><p>丙</p><p>乙</p>")
	f.Add("a\nb\nc\na\nb\nb\na", "c\nb\na\nb\na\nc")
	f.Add("", "x")
	f.Add("第一行<br>第二行", "第二行<br>")
	f.Fuzz(func(t *testing.T, x, y string) {
		if len(x) > 256 || len(y) > 256 {
			// Long inputs add run time, not cases: TestLinesLarge covers
			// size, and the small bound below the fallback.
			t.Skip()
		}
		for _, split := range []func(string) []string{TextLines, HTMLLines, func(s string) []string { return strings.Split(s, "") }} {
			a, b := split(x), split(y)
			edits := apply(t, a, b, Lines(a, b))
			if want := len(a) + len(b) - 2*lcs(a, b); edits != want {
				t.Fatalf("%q → %q: %d edits, want the minimum %d", a, b, edits, want)
			}
			if edits := apply(t, a, b, lines(a, b, 3)); edits > len(a)+len(b) {
				t.Fatalf("bound 3: %d edits for %d and %d lines", edits, len(a), len(b))
			}
		}
	})
}
