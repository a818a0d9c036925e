package parsejail

import (
	"bufio"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"

	"github.com/gongkai/gongkai/internal/annualreport"
	"github.com/gongkai/gongkai/internal/wordbody"
)

// childEnv marks a process started as the child; its value carries the
// budget ("memory-bytes cpu-seconds"), so the limits are set before a
// byte of the file is read.
const childEnv = "GONGKAI_PARSEJAIL_CHILD"

// childReady: this binary calls RunChildIfRequested, so it can be
// started as the child of its own Jail.
var childReady bool

// RunChildIfRequested makes this process the parse child when it was
// started as one, and then exits; otherwise it only records that the
// binary can serve as the child of its own Jail and returns. Call it
// first in main and in TestMain.
func RunChildIfRequested() { RunChildWith(Readers{}) }

// RunChildWith is RunChildIfRequested with the child reading through r
// (a nil field: the real reader). Tests use it to give the child a
// reader that crashes or stalls on demand.
func RunChildWith(r Readers) {
	childReady = true
	spec, ok := os.LookupEnv(childEnv)
	if !ok {
		return
	}
	os.Exit(childMain(spec, os.Stdin, os.Stdout, r.withDefaults()))
}

// Readers are the parsers a child runs, one per job kind.
type Readers struct {
	// Report reads an annual report file (kindReport); nil means
	// annualreport.Read.
	Report func(name string, data []byte) (*annualreport.Report, error)
	// Word converts a .docx body (kindWord), the name being the prefix of
	// its pictures' names; nil means wordbody.Convert.
	Word func(data []byte, prefix string) (wordbody.Body, error)
}

func (r Readers) withDefaults() Readers {
	if r.Report == nil {
		r.Report = annualreport.Read
	}
	if r.Word == nil {
		r.Word = wordbody.Convert
	}
	return r
}

// The job kinds, first on a request's header line.
const (
	kindReport = "report"
	kindWord   = "word"
)

// reply is the child's answer on stdout: one of Report and Body, or Err.
type reply struct {
	Report *annualreport.Report
	Body   *wordbody.Body
	Err    string // the reader's error, "" when the answer is set
	Kind   string // which sentinel error Err wraps, if any
}

// answered: the reply carries a result, not the reader's error.
func (r *reply) answered() bool { return r.Report != nil || r.Body != nil }

// readerErr is the reader's error the reply carries.
func (r *reply) readerErr() error { return &readerError{msg: r.Err, sentinel: sentinels[r.Kind]} }

// sentinels are the reader's errors callers tell apart (the scanned-PDF
// message, …); they keep matching errors.Is across the process boundary.
var sentinels = map[string]error{
	"no-text-layer":   annualreport.ErrNoTextLayer,
	"undecodable-pdf": annualreport.ErrUndecodablePDF,
	"no-report":       annualreport.ErrNoReport,
	"not-docx":        wordbody.ErrNotDocx,
	"docx-too-large":  wordbody.ErrTooLarge,
}

// childMain is the child: limits first, then read, parse, answer. The
// request header is the job kind and the quoted name on one line. The
// spec is "memory-bytes cpu-seconds" for one file on stdin, or with
// " serve" appended for a child that answers one framed file after
// another (see serveFiles) until its stdin closes. The exit code is 0
// whenever every answer was written; the parent treats anything else as
// a crash.
func childMain(spec string, in io.Reader, out io.Writer, read Readers) int {
	f := strings.Fields(spec)
	var mem int64
	var cpu int
	if len(f) >= 2 {
		mem, _ = strconv.ParseInt(f[0], 10, 64)
		cpu, _ = strconv.Atoi(f[1])
	}
	serve := len(f) == 3 && f[2] == "serve"
	if mem <= 0 || cpu <= 0 || (len(f) != 2 && !serve) {
		fmt.Fprintf(os.Stderr, "parsejail child: bad budget %q\n", spec)
		return 3
	}
	// One thread of Go code: two children must leave the server a core.
	runtime.GOMAXPROCS(1)
	debug.SetMemoryLimit(mem)
	// A parse's live heap starts near zero, so the default GOGC would
	// collect every few MB; the memory limit above bounds the heap
	// whatever this says, so collecting less often costs nothing unsafe.
	debug.SetGCPercent(400)
	// A runaway recursion fails at 64 MB of stack rather than filling the
	// address space first.
	debug.SetMaxStack(64 << 20)
	lifetime := cpu
	if serve {
		lifetime = cpu * maxFilesPerChild
	}
	if err := setLimits(mem, lifetime); err != nil {
		fmt.Fprintf(os.Stderr, "parsejail child: limits: %v\n", err)
		return 3
	}
	br := bufio.NewReader(in)
	if serve {
		return serveFiles(br, out, cpu, read)
	}
	line, err := br.ReadString('\n')
	if err != nil {
		fmt.Fprintf(os.Stderr, "parsejail child: read name: %v\n", err)
		return 3
	}
	kind, name, err := parseHeader(line)
	if err != nil {
		fmt.Fprintf(os.Stderr, "parsejail child: %v\n", err)
		return 3
	}
	data, err := io.ReadAll(br)
	if err != nil {
		fmt.Fprintf(os.Stderr, "parsejail child: read file: %v\n", err)
		return 3
	}
	if err := gob.NewEncoder(out).Encode(answer(kind, name, data, read)); err != nil {
		fmt.Fprintf(os.Stderr, "parsejail child: write answer: %v\n", err)
		return 3
	}
	return 0
}

// header is a request's first line: the job kind and the quoted name.
func header(kind, name string) string { return kind + " " + strconv.Quote(name) + "\n" }

// parseHeader reads a header line back.
func parseHeader(line string) (kind, name string, err error) {
	kind, quoted, ok := strings.Cut(strings.TrimSuffix(line, "\n"), " ")
	if !ok || (kind != kindReport && kind != kindWord) {
		return "", "", fmt.Errorf("bad header %q", line)
	}
	if name, err = strconv.Unquote(quoted); err != nil {
		return "", "", fmt.Errorf("bad name: %w", err)
	}
	return kind, name, nil
}

// answer runs one job into the reply the parent decodes.
func answer(kind, name string, data []byte, read Readers) *reply {
	var rep reply
	var err error
	if kind == kindWord {
		var b wordbody.Body
		if b, err = read.Word(data, name); err == nil {
			rep.Body = &b
		}
	} else {
		rep.Report, err = read.Report(name, data)
	}
	if err != nil {
		rep.Err = err.Error()
		for kind, s := range sentinels {
			if errors.Is(err, s) {
				rep.Kind = kind
			}
		}
	}
	return &rep
}

// readerError is the reader's error as the child gave it: the same text,
// and the same sentinel for errors.Is.
type readerError struct {
	msg      string
	sentinel error
}

func (e *readerError) Error() string { return e.msg }
func (e *readerError) Unwrap() error { return e.sentinel }
