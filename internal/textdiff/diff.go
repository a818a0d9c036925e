// Package textdiff compares two texts line by line, for showing a
// reviewer what changed between two versions of a document. It does no
// I/O and knows nothing of documents beyond how to split their source
// into lines (lines.go).
package textdiff

// Kind says what an Op does to the old text.
type Kind int

const (
	Equal  Kind = iota // the line is in both texts
	Insert             // the line is only in the new text
	Delete             // the line is only in the old text
)

// Op is one line of a diff. Applying the ops in order to the old text
// (keeping Equal lines, dropping Delete lines, adding Insert lines)
// gives the new text.
type Op struct {
	Kind Kind
	Line string
}

// MaxEdits bounds the work of one diff. Myers' algorithm costs time
// O((N+M)·D) and, keeping one frontier per step for the way back,
// memory O(D²), where D is the number of inserted plus deleted lines.
// Beyond MaxEdits the changed middle of the texts (after their common
// first and last lines) is reported as all removed, then all added:
// still a correct diff, only not a minimal one, and a rewrite of more
// than a thousand lines is read as a new text anyway. At the bound two
// 10,000-line texts take some tens of milliseconds and about 8 MB.
const MaxEdits = 1000

// Lines returns a shortest edit script from a to b, unless that takes
// more than MaxEdits inserted and deleted lines (see MaxEdits).
func Lines(a, b []string) []Op { return lines(a, b, MaxEdits) }

// lines is Lines with the bound as a parameter, so that tests reach the
// fallback with small texts.
func lines(a, b []string, maxEdits int) []Op {
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	ops := make([]Op, 0, len(a)+len(b)-pre-suf)
	for _, l := range a[:pre] {
		ops = append(ops, Op{Equal, l})
	}
	ma, mb := a[pre:len(a)-suf], b[pre:len(b)-suf]
	if mid, ok := myers(ma, mb, maxEdits); ok {
		ops = append(ops, mid...)
	} else {
		for _, l := range ma {
			ops = append(ops, Op{Delete, l})
		}
		for _, l := range mb {
			ops = append(ops, Op{Insert, l})
		}
	}
	for _, l := range a[len(a)-suf:] {
		ops = append(ops, Op{Equal, l})
	}
	return ops
}

// myers is Myers' greedy O((N+M)·D) algorithm ("An O(ND) Difference
// Algorithm and Its Variations", 1986). It gives up, returning false,
// when the edit distance exceeds limit.
func myers(a, b []string, limit int) ([]Op, bool) {
	n, m := len(a), len(b)
	limit = min(limit, n+m)
	off := limit + 1
	// v[off+k] is the furthest x reached on diagonal k = x−y.
	v := make([]int, 2*limit+3)
	// trace[d] is v[off-d .. off+d] as it was before step d, which the
	// way back needs to know where each step came from.
	var trace [][]int
	for d := 0; d <= limit; d++ {
		trace = append(trace, append([]int(nil), v[off-d:off+d+1]...))
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || k != d && v[off+k-1] < v[off+k+1] {
				x = v[off+k+1] // down: an insertion
			} else {
				x = v[off+k-1] + 1 // right: a deletion
			}
			y := x - k
			for x < n && y < m && a[x] == b[y] {
				x, y = x+1, y+1
			}
			v[off+k] = x
			if x >= n && y >= m {
				return backtrack(a, b, trace, d), true
			}
		}
	}
	return nil, false
}

// backtrack walks from the end of both texts back to their start
// through the frontiers kept by myers, collecting the ops in reverse.
func backtrack(a, b []string, trace [][]int, dist int) []Op {
	ops := make([]Op, 0, len(a)+len(b))
	x, y := len(a), len(b)
	for d := dist; d > 0; d-- {
		v := trace[d] // index k+d holds diagonal k
		k := x - y
		prev := k - 1
		if k == -d || k != d && v[k-1+d] < v[k+1+d] {
			prev = k + 1
		}
		px := v[prev+d]
		py := px - prev
		for x > px && y > py {
			x, y = x-1, y-1
			ops = append(ops, Op{Equal, a[x]})
		}
		if x == px {
			y--
			ops = append(ops, Op{Insert, b[y]})
		} else {
			x--
			ops = append(ops, Op{Delete, a[x]})
		}
	}
	for x > 0 && y > 0 {
		x, y = x-1, y-1
		ops = append(ops, Op{Equal, a[x]})
	}
	for i, j := 0, len(ops)-1; i < j; i, j = i+1, j-1 {
		ops[i], ops[j] = ops[j], ops[i]
	}
	return ops
}
