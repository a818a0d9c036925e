package parsejail

import (
	"context"
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/annualreport"
	"github.com/gongkai/gongkai/internal/wordbody"
)

// TestMain lets this test binary be its own parse child. The child reads
// with testRead, which misbehaves on demand so the kernel limits and the
// kills can be seen working whatever the readers do today.
func TestMain(m *testing.M) {
	if spec, ok := os.LookupEnv(childEnv); ok {
		os.Exit(childMain(spec, os.Stdin, os.Stdout, Readers{Report: testRead, Word: testWord}))
	}
	childReady = true
	os.Exit(m.Run())
}

// sink keeps allocations alive so the compiler cannot drop them.
var sink [][]byte

func testRead(name string, data []byte) (*annualreport.Report, error) {
	switch name {
	case "alloc":
		for {
			b := make([]byte, 8<<20)
			for i := range b {
				b[i] = 1
			}
			sink = append(sink, b)
		}
	case "spin":
		for n := 0; ; n++ {
			if n < 0 {
				return nil, nil
			}
		}
	case "recurse":
		return recurse(1), nil
	case "sleep":
		time.Sleep(time.Hour)
	case "chatty":
		return &annualreport.Report{Preamble: strings.Repeat("长", maxAnswer)}, nil
	}
	return annualreport.Read(name, data)
}

// testWord converts with wordbody.Convert, except for the prefixes that
// make it panic or loop, as a converter bug would.
func testWord(data []byte, prefix string) (wordbody.Body, error) {
	switch prefix {
	case "panic-":
		panic("wordbody: injected fault")
	case "spin-":
		for n := 0; ; n++ {
			if n < 0 {
				return wordbody.Body{}, nil
			}
		}
	}
	return wordbody.Convert(data, prefix)
}

func recurse(n int) *annualreport.Report {
	var pad [256]byte
	pad[n%256] = byte(n)
	if r := recurse(n + 1); r != nil || pad[0] == 7 {
		return r
	}
	return nil
}

func seedReport(t testing.TB) []byte {
	t.Helper()
	// The seed report as the demo embeds it.
	data, err := os.ReadFile("../demo/wucheng-2021-annual-report.txt")
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestParseGivesTheReaderReport(t *testing.T) {
	data := seedReport(t)
	want, err := annualreport.Read("seed.txt", data)
	if err != nil {
		t.Fatal(err)
	}
	got, err := New(Config{}).Parse(context.Background(), "seed.txt", data)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("the child's report differs from the in-process one:\n got %+v\nwant %+v", got, want)
	}
}

func TestParseKeepsReaderErrors(t *testing.T) {
	data := []byte("这不是年度报告，只是一段话。")
	_, want := annualreport.Read("note.txt", data)
	_, err := Parse(context.Background(), "note.txt", data, Budget{})
	if err == nil || want == nil {
		t.Fatalf("errors: child %v, in process %v", err, want)
	}
	if err.Error() != want.Error() || !errors.Is(err, annualreport.ErrNoReport) {
		t.Errorf("child error %q (is ErrNoReport: %v), want %q", err, errors.Is(err, annualreport.ErrNoReport), want)
	}
	if errors.Is(err, ErrBudget) {
		t.Error("a file the reader rejects is not over budget")
	}
}

// fallbackWall bounds a test parse whose limit under test is not the wall
// time: long enough that a loaded machine (the child runs niced, so a
// second of its CPU can take many seconds) never reaches it first, which
// would make the reason "wall time" instead of the limit's own.
const fallbackWall = 2 * time.Minute

// childBaseline is how long a fresh child takes, now, to start and read
// the seed report: the machine's present speed, measured in the run that
// compares against it, so a time bound scales with the load instead of
// failing from it.
func childBaseline(t *testing.T) time.Duration {
	t.Helper()
	start := time.Now()
	if _, err := Parse(context.Background(), "seed.txt", seedReport(t), Budget{Wall: fallbackWall}); err != nil {
		t.Fatal(err)
	}
	return time.Since(start)
}

// TestParseBudgets: each limit ends a child that breaks it and is named
// as the reason. The reason is what tells one limit from another: if a
// limit were broken the child would run on until the fallback wall, and
// the reason would say "wall time". Only the wall-time case is timed,
// against a fresh child's start measured just before it.
func TestParseBudgets(t *testing.T) {
	for _, tc := range []struct {
		name   string
		budget Budget
		reason string
	}{
		// 20 s, not the fallback: were the memory limit broken, this
		// child would take the machine's memory for as long as it ran.
		{"alloc", Budget{Wall: 20 * time.Second, Memory: 64 << 20}, "memory"},
		{"spin", Budget{Wall: fallbackWall, CPU: time.Second}, "CPU time"},
		{"recurse", Budget{Wall: fallbackWall}, "stack overflow"},
		{"sleep", Budget{Wall: 300 * time.Millisecond}, "wall time"},
		{"chatty", Budget{Wall: fallbackWall, Memory: 1 << 30}, "answer over"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.name == "alloc" && !MemoryEnforced {
				t.Skip("memory is not limited by the kernel in this build")
			}
			var baseline time.Duration
			if tc.reason == "wall time" {
				baseline = childBaseline(t)
			}
			start := time.Now()
			_, err := Parse(context.Background(), tc.name, nil, tc.budget)
			took := time.Since(start)
			var over *BudgetError
			if !errors.As(err, &over) || !errors.Is(err, ErrBudget) {
				t.Fatalf("err = %v, want a BudgetError", err)
			}
			if !strings.Contains(over.Reason, tc.reason) {
				t.Errorf("reason %q (%s), want %q", over.Reason, over.Detail, tc.reason)
			}
			if baseline == 0 {
				return
			}
			// The wall budget, plus a child's start and end at the
			// present speed several times over: a stalled child is
			// killed at its wall time, not when it pleases.
			if limit := tc.budget.Wall + 5*baseline + time.Second; took > limit {
				t.Errorf("took %v, over %v (wall %v, a fresh child now takes %v)", took, limit, tc.budget.Wall, baseline)
			}
		})
	}
}

func TestParseStopsWithTheContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(200*time.Millisecond, cancel)
	start := time.Now()
	_, err := Parse(ctx, "sleep", nil, Budget{Wall: time.Minute})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("the child outlived its request by %v", d)
	}
}

func TestJailBoundsParsesAtOnce(t *testing.T) {
	j := New(Config{Workers: 1, Budget: Budget{Wall: 3 * time.Second}})
	busy := make(chan error)
	go func() {
		_, err := j.Parse(context.Background(), "sleep", nil)
		busy <- err
	}()
	time.Sleep(300 * time.Millisecond) // the first parse holds the only slot
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	if _, err := j.Parse(ctx, "seed.txt", seedReport(t)); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("second parse: %v, want to wait for the slot until its context ends", err)
	}
	if err := <-busy; !errors.Is(err, ErrBudget) {
		t.Errorf("first parse: %v", err)
	}
	if _, err := j.Parse(context.Background(), "seed.txt", seedReport(t)); err != nil {
		t.Errorf("after the slot is free: %v", err)
	}
}

func TestParseNeedsAChildBinary(t *testing.T) {
	childReady = false
	defer func() { childReady = true }()
	_, err := Parse(context.Background(), "seed.txt", seedReport(t), Budget{})
	if !errors.Is(err, ErrChild) || !strings.Contains(err.Error(), "RunChildIfRequested") {
		t.Errorf("err = %v, want the binary to be refused as its own child", err)
	}
}

// TestJailKeepsItsChildren: a Jail's child reads one file after another
// (the server pays for a process start once, not per file); a file that
// breaks its budget ends that child, and the next file gets a new one.
func TestJailKeepsItsChildren(t *testing.T) {
	j := New(Config{Workers: 1, Budget: Budget{Wall: time.Minute, CPU: time.Second}})
	seed := seedReport(t)
	pid := func() int {
		t.Helper()
		j.mu.Lock()
		defer j.mu.Unlock()
		if len(j.idle) != 1 {
			t.Fatalf("%d idle children, want 1", len(j.idle))
		}
		return j.idle[0].cmd.Process.Pid
	}
	for i := range 3 {
		r, err := j.Parse(context.Background(), "seed.txt", seed)
		if err != nil || r == nil {
			t.Fatalf("file %d: %v", i, err)
		}
	}
	first := pid()
	if _, err := j.Parse(context.Background(), "seed.txt", seed); err != nil || pid() != first {
		t.Fatalf("the fourth file went to another child (%v)", err)
	}
	// The reader's own refusal keeps the child.
	if _, err := j.Parse(context.Background(), "empty.txt", nil); err == nil || errors.Is(err, ErrBudget) || pid() != first {
		t.Fatalf("a refused file: %v, or the child was replaced", err)
	}
	// The per-file CPU limit holds in a child that read files before.
	_, err := j.Parse(context.Background(), "spin", nil)
	var over *BudgetError
	if !errors.As(err, &over) || !strings.Contains(over.Reason, "CPU time") {
		t.Fatalf("spin: %v, want the CPU budget", err)
	}
	j.mu.Lock()
	kept := len(j.idle)
	j.mu.Unlock()
	if kept != 0 {
		t.Fatal("the child that broke its budget is still kept")
	}
	if r, err := j.Parse(context.Background(), "seed.txt", seed); err != nil || r == nil || pid() == first {
		t.Fatalf("after a breach: %v", err)
	}
}

// TestJailWallTimeInAKeptChild: a file that stalls a kept child is cut
// at the wall budget and the child replaced.
// The files that must be read get the fallback wall, so a loaded machine
// cannot make them look stalled; only the stalling file gets a short one
// (a per-file budget, which a kept child applies to each file).
func TestJailWallTimeInAKeptChild(t *testing.T) {
	j := New(Config{Workers: 1, Budget: Budget{Wall: fallbackWall}})
	if _, err := j.Parse(context.Background(), "seed.txt", seedReport(t)); err != nil {
		t.Fatal(err)
	}
	j.budget.Wall = 500 * time.Millisecond
	_, err := j.Parse(context.Background(), "sleep", nil)
	var over *BudgetError
	if !errors.As(err, &over) || !strings.Contains(over.Reason, "wall time") {
		t.Fatalf("sleep: %v, want the wall budget", err)
	}
	if n := len(j.idle); n != 0 {
		t.Fatalf("the stalled child is still kept (%d idle)", n)
	}
	j.budget.Wall = fallbackWall
	if _, err := j.Parse(context.Background(), "seed.txt", seedReport(t)); err != nil {
		t.Fatalf("after a stalled file: %v", err)
	}
}

// TestJailRetiresIdleChildren: a child left idle is ended.
func TestJailRetiresIdleChildren(t *testing.T) {
	j := New(Config{Workers: 1})
	if _, err := j.Parse(context.Background(), "seed.txt", seedReport(t)); err != nil {
		t.Fatal(err)
	}
	j.mu.Lock()
	w := j.idle[0]
	j.mu.Unlock()
	j.retire(w)
	select {
	case <-w.exited:
	case <-time.After(5 * time.Second):
		t.Fatal("the retired child is still running")
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	if len(j.idle) != 0 {
		t.Fatal("the retired child is still listed")
	}
}
