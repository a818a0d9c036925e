package textdiff

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

// render writes ops one per line as " x", "+x" or "-x".
func render(ops []Op) string {
	var b strings.Builder
	for _, o := range ops {
		b.WriteString(map[Kind]string{Equal: " ", Insert: "+", Delete: "-"}[o.Kind] + o.Line + "\n")
	}
	return b.String()
}

// apply checks that ops turn a into b, Equal lines being in both, and
// returns the number of inserted and deleted lines.
func apply(t testing.TB, a, b []string, ops []Op) int {
	t.Helper()
	var i, j, edits int
	for _, o := range ops {
		switch o.Kind {
		case Equal:
			if i >= len(a) || j >= len(b) || a[i] != o.Line || b[j] != o.Line {
				t.Fatalf("equal %q is not at a[%d] and b[%d]\n%s", o.Line, i, j, render(ops))
			}
			i, j = i+1, j+1
		case Delete:
			if i >= len(a) || a[i] != o.Line {
				t.Fatalf("delete %q is not a[%d]\n%s", o.Line, i, render(ops))
			}
			i, edits = i+1, edits+1
		case Insert:
			if j >= len(b) || b[j] != o.Line {
				t.Fatalf("insert %q is not b[%d]\n%s", o.Line, j, render(ops))
			}
			j, edits = j+1, edits+1
		default:
			t.Fatalf("unknown kind %d", o.Kind)
		}
	}
	if i != len(a) || j != len(b) {
		t.Fatalf("ops consume %d of %d old and %d of %d new lines\n%s", i, len(a), j, len(b), render(ops))
	}
	return edits
}

func TestLines(t *testing.T) {
	for _, c := range []struct {
		name, a, b, want string
	}{
		{"both empty", "", "", ""},
		{"all added", "", "甲 乙", "+甲\n+乙\n"},
		{"all removed", "甲 乙", "", "-甲\n-乙\n"},
		{"same", "甲 乙 丙", "甲 乙 丙", " 甲\n 乙\n 丙\n"},
		{"one changed", "甲 乙 丙", "甲 丁 丙", " 甲\n-乙\n+丁\n 丙\n"},
		{"inserted in the middle", "甲 丙", "甲 乙 丙", " 甲\n+乙\n 丙\n"},
		{"removed at the start", "甲 乙 丙", "乙 丙", "-甲\n 乙\n 丙\n"},
		{"appended", "甲", "甲 乙", " 甲\n+乙\n"},
		{"moved line", "a b c a b b a", "c b a b a c", ""},
		{"repeated lines", "x x x", "x x", " x\n x\n-x\n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			a, b := strings.Fields(c.a), strings.Fields(c.b)
			ops := Lines(a, b)
			edits := apply(t, a, b, ops)
			if c.want != "" || len(a)+len(b) == 0 {
				if got := render(ops); got != c.want {
					t.Errorf("diff:\n%s\nwant:\n%s", got, c.want)
				}
			}
			if c.name == "moved line" && edits != 5 {
				// The example of Myers' paper: distance 5.
				t.Errorf("edits = %d, want 5\n%s", edits, render(ops))
			}
		})
	}
}

// TestLinesMinimal compares the edit count with a dynamic-programming
// longest common subsequence on small inputs.
func TestLinesMinimal(t *testing.T) {
	words := []string{"甲", "乙", "丙"}
	seq := func(n, seed int) []string {
		var out []string
		for i := range n {
			out = append(out, words[(seed>>uint(i%20)+i*seed)%len(words)])
		}
		return out
	}
	for seed := 1; seed < 200; seed++ {
		a, b := seq(seed%9, seed), seq(seed%7, seed*31+5)
		edits := apply(t, a, b, Lines(a, b))
		if want := len(a) + len(b) - 2*lcs(a, b); edits != want {
			t.Fatalf("%v → %v: %d edits, want %d", a, b, edits, want)
		}
	}
}

func lcs(a, b []string) int {
	prev := make([]int, len(b)+1)
	for i := range a {
		cur := make([]int, len(b)+1)
		for j := range b {
			if a[i] == b[j] {
				cur[j+1] = prev[j] + 1
			} else {
				cur[j+1] = max(prev[j+1], cur[j])
			}
		}
		prev = cur
	}
	return prev[len(b)]
}

// TestLinesLarge: two 10,000-line texts, one with a change every 20
// lines (1,000 edits: at the bound, still minimal) and one rewritten
// (beyond the bound: all removed, then all added).
func TestLinesLarge(t *testing.T) {
	a := make([]string, 10000)
	scattered := make([]string, 10000)
	rewritten := make([]string, 10000)
	for i := range a {
		a[i] = fmt.Sprintf("第%d行", i)
		scattered[i] = a[i]
		if i%20 == 10 {
			scattered[i] = fmt.Sprintf("第%d行（修改）", i)
		}
		rewritten[i] = fmt.Sprintf("新的第%d行", i)
	}
	start := time.Now()
	ops := Lines(a, scattered)
	if edits := apply(t, a, scattered, ops); edits != 1000 {
		t.Errorf("scattered changes: %d edits, want 1000", edits)
	}
	ops = Lines(a, rewritten)
	if edits := apply(t, a, rewritten, ops); edits != 20000 {
		t.Errorf("rewrite: %d edits, want 20000", edits)
	}
	if !slices.EqualFunc(ops[:10000], a, func(o Op, l string) bool { return o.Kind == Delete && o.Line == l }) {
		t.Error("rewrite: the old lines do not come first, all removed")
	}
	// A generous bound: the point is that it is not quadratic in the
	// length (10⁸ steps), which would take seconds.
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("two 10,000-line diffs took %v", d)
	}
}

// TestLinesBeyondBoundKeepsEnds: the fallback keeps the common first and
// last lines as unchanged.
func TestLinesBeyondBoundKeepsEnds(t *testing.T) {
	a, b := []string{"头"}, []string{"头"}
	for i := range MaxEdits {
		a = append(a, fmt.Sprint("旧", i))
		b = append(b, fmt.Sprint("新", i))
	}
	a, b = append(a, "尾"), append(b, "尾")
	ops := Lines(a, b)
	apply(t, a, b, ops)
	if ops[0] != (Op{Equal, "头"}) || ops[len(ops)-1] != (Op{Equal, "尾"}) || ops[1] != (Op{Delete, "旧0"}) {
		t.Errorf("ends: %v … %v", ops[:2], ops[len(ops)-1])
	}
}

func BenchmarkLines10000(b *testing.B) {
	x, y := make([]string, 10000), make([]string, 10000)
	for i := range x {
		x[i] = fmt.Sprint("行", i)
		y[i] = x[i]
		if i%20 == 0 {
			y[i] += "改"
		}
	}
	for b.Loop() {
		Lines(x, y)
	}
}
