// Package parsejail reads untrusted uploaded files (annual reports, and
// Word files uploaded as a document's body) in a child
// process under limits the kernel enforces, so that no uploaded file can
// kill, stall or starve the process that serves the site.
//
// A reader bug may end in a fatal runtime error (stack overflow, out of
// memory) that no recover catches, or in a loop that never ends. The
// child is the same binary started again with an environment marker:
// RunChildIfRequested, called first in main (and in TestMain of every
// test binary that parses through a Jail), turns such a process into the
// child. The child sets its own address-space and CPU-time limits
// (setrlimit, Linux), reads the job (its kind, name and file) from
// stdin, parses it with annualreport.Read or converts it with
// wordbody.Convert, and writes the result as gob on stdout. The parent
// kills it on the request's context and at the wall-time budget.
//
// A Jail keeps its children between files (serve.go): each reads one
// framed file after another, with its per-file CPU time raised before
// each file, so a file costs a pipe round trip rather than a process
// start (about 10 ms). A child that breaks a budget is ended and the
// next file gets a new one; a child idle for a minute, or one that has
// read maxFilesPerChild files, is ended too. Parse (the command line)
// starts one child per file.
//
//	j := parsejail.New(parsejail.Config{Workers: 2, Budget: parsejail.DefaultBudget})
//	r, err := j.Parse(ctx, name, data)
//	var over *parsejail.BudgetError // the file is too complex or broken
//	if errors.As(err, &over) { … }
package parsejail

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/gongkai/gongkai/internal/annualreport"
	"github.com/gongkai/gongkai/internal/wordbody"
)

// Budget bounds the parse of one file.
type Budget struct {
	// Wall is the whole parse, from the child's start to its answer.
	Wall time.Duration
	// CPU is the processor time the child may use; it is killed by the
	// kernel (RLIMIT_CPU) when it uses more. 0 means Wall.
	CPU time.Duration
	// Memory is what the child may allocate beyond the address space the
	// Go runtime reserves at start (RLIMIT_AS is set to that reservation
	// plus Memory; the garbage collector is told the same figure).
	Memory int64
}

// DefaultBudget fits the reports bodies publish: the heaviest real
// report (a 20 MB scanned-and-OCRed PDF) reads in a few seconds and a
// few hundred MB.
var DefaultBudget = Budget{Wall: 30 * time.Second, Memory: 512 << 20}

func (b Budget) withDefaults() Budget {
	if b.Wall <= 0 {
		b.Wall = DefaultBudget.Wall
	}
	if b.CPU <= 0 {
		b.CPU = b.Wall
	}
	if b.Memory <= 0 {
		b.Memory = DefaultBudget.Memory
	}
	return b
}

// ErrBudget is what every BudgetError matches with errors.Is.
var ErrBudget = errors.New("parsejail: file over budget")

// BudgetError says the child did not give an answer within its budget:
// it was killed at the wall time or the CPU limit, ran out of memory, or
// died of a fatal error. To a person it is one thing: the file is too
// complex or broken to read (Message).
type BudgetError struct {
	Name   string
	Reason string // wall time, CPU time, memory, crashed: why, in English, for logs
	Detail string // the first line of the child's fatal error, if any
}

// Message is what a person is shown for the file.
const Message = "文件过于复杂或已损坏，无法读取"

func (e *BudgetError) Error() string {
	s := fmt.Sprintf("parsejail: %s: %s", e.Name, e.Reason)
	if e.Detail != "" {
		s += " (" + e.Detail + ")"
	}
	return s
}

func (e *BudgetError) Is(target error) bool { return target == ErrBudget }

// ErrChild is what errors.Is matches when the child could not be run at
// all (this binary cannot be its own child, it could not be started, or
// its answer was garbled): a fault of the server, not of the file.
var ErrChild = errors.New("parsejail: the parse child could not run")

// Config configures a Jail.
type Config struct {
	Budget Budget
	// Workers is how many children may run at once; more callers wait
	// (as long as their context lets them). 0 means 2.
	Workers int
	// Executable is the binary to start as the child; "" means this
	// process's own (os.Executable), which must call RunChildIfRequested.
	Executable string
}

// Jail runs parses in children, a bounded number at once. It is safe for
// concurrent use; a server holds one.
type Jail struct {
	budget Budget
	exe    string
	slots  chan struct{}

	mu   sync.Mutex
	idle []*worker // serving children between files, at most one per slot
}

// idleTimeout is how long a child waits for its next file before it is
// ended: a quiet server keeps no parse children.
const idleTimeout = time.Minute

// New returns a Jail for cfg.
func New(cfg Config) *Jail {
	n := cfg.Workers
	if n <= 0 {
		n = 2
	}
	return &Jail{budget: cfg.Budget.withDefaults(), exe: cfg.Executable, slots: make(chan struct{}, n)}
}

// Parse reads one file in a child once a slot is free. Waiting for the
// slot and the parse both end with ctx: a client that goes away stops
// its parse. A file over budget gives a *BudgetError; a file the reader
// rejects gives the reader's error, with annualreport's sentinel errors
// (ErrNoTextLayer …) still matching errors.Is.
func (j *Jail) Parse(ctx context.Context, name string, data []byte) (*annualreport.Report, error) {
	rep, err := j.run(ctx, kindReport, name, data)
	if err != nil {
		return nil, err
	}
	return rep.Report, nil
}

// ConvertWord converts a Word file (.docx) uploaded as a document's body
// with wordbody.Convert in a child, as Parse reads a report: prefix
// starts its pictures' names. A file over budget (the converter crashed
// or stalled on it) gives a *BudgetError; the converter's own refusals
// still match wordbody.ErrNotDocx and wordbody.ErrTooLarge.
func (j *Jail) ConvertWord(ctx context.Context, data []byte, prefix string) (wordbody.Body, error) {
	rep, err := j.run(ctx, kindWord, prefix, data)
	if err != nil {
		return wordbody.Body{}, err
	}
	return *rep.Body, nil
}

// run does one job in a child once a slot is free.
func (j *Jail) run(ctx context.Context, kind, name string, data []byte) (*reply, error) {
	select {
	case j.slots <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	defer func() { <-j.slots }()
	w, err := j.worker()
	if err != nil {
		return nil, err
	}
	r, err := w.run(ctx, kind, name, data, j.budget)
	if err == nil || isReaderError(err) {
		j.release(w)
		return r, err
	}
	var over *BudgetError
	if w.served > 1 && errors.As(err, &over) && !strings.HasPrefix(over.Reason, "wall time") {
		// A child that read other files first may have failed for what
		// they left behind (a fragmented heap): the file gets a fresh
		// child before it is blamed. Its wall time is not given twice.
		if w, err2 := j.start(); err2 == nil {
			r, err = w.run(ctx, kind, name, data, j.budget)
			if err == nil || isReaderError(err) {
				j.release(w)
			}
		}
	}
	return r, err
}

// worker takes an idle serving child, or starts one.
func (j *Jail) worker() (*worker, error) {
	j.mu.Lock()
	if n := len(j.idle); n > 0 {
		w := j.idle[n-1]
		j.idle = j.idle[:n-1]
		j.mu.Unlock()
		w.idleTimer.Stop() // if it already fired, it finds w gone
		return w, nil
	}
	j.mu.Unlock()
	return j.start()
}

func (j *Jail) start() (*worker, error) { return startWorker(j.exe, j.budget) }

// release keeps a child that answered for the next file, unless it has
// read its share.
func (j *Jail) release(w *worker) {
	j.mu.Lock()
	if w.served >= maxFilesPerChild || len(j.idle) >= cap(j.slots) {
		j.mu.Unlock()
		w.close()
		return
	}
	j.idle = append(j.idle, w)
	w.idleTimer = time.AfterFunc(idleTimeout, func() { j.retire(w) })
	j.mu.Unlock()
}

// retire ends w if it is still idle.
func (j *Jail) retire(w *worker) {
	j.mu.Lock()
	i := slices.Index(j.idle, w)
	if i < 0 {
		j.mu.Unlock()
		return
	}
	j.idle = slices.Delete(j.idle, i, i+1)
	j.mu.Unlock()
	w.close()
}

// isReaderError: the file was read and refused by the reader; the child
// is well.
func isReaderError(err error) bool {
	var re *readerError
	return errors.As(err, &re)
}

// Parse reads one file in a child with budget b, without a bound on
// parses at once (the command line reads one file at a time).
func Parse(ctx context.Context, name string, data []byte, b Budget) (*annualreport.Report, error) {
	return parse(ctx, "", name, data, b.withDefaults())
}

// executable is the child binary: exe, or this process's own when it can
// serve as the child.
func executable(exe string) (string, error) {
	if exe != "" {
		return exe, nil
	}
	if !childReady {
		return "", fmt.Errorf("%w: this binary does not run the parse child: call parsejail.RunChildIfRequested first in main or TestMain", ErrChild)
	}
	return os.Executable()
}
