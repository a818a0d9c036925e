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
func RunChildIfRequested() {
	childReady = true
	spec, ok := os.LookupEnv(childEnv)
	if !ok {
		return
	}
	os.Exit(childMain(spec, os.Stdin, os.Stdout, annualreport.Read))
}

// reply is the child's answer on stdout.
type reply struct {
	Report *annualreport.Report
	Err    string // the reader's error, "" when Report is set
	Kind   string // which sentinel error Err wraps, if any
}

// sentinels are the reader's errors callers tell apart (the scanned-PDF
// message, …); they keep matching errors.Is across the process boundary.
var sentinels = map[string]error{
	"no-text-layer":   annualreport.ErrNoTextLayer,
	"undecodable-pdf": annualreport.ErrUndecodablePDF,
	"no-report":       annualreport.ErrNoReport,
}

// childMain is the child: limits first, then read, parse, answer. The
// spec is "memory-bytes cpu-seconds" for one file on stdin, or with
// " serve" appended for a child that answers one framed file after
// another (see serveFiles) until its stdin closes. The exit code is 0
// whenever every answer was written; the parent treats anything else as
// a crash.
func childMain(spec string, in io.Reader, out io.Writer, read func(string, []byte) (*annualreport.Report, error)) int {
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
	name, err := strconv.Unquote(strings.TrimSuffix(line, "\n"))
	if err != nil {
		fmt.Fprintf(os.Stderr, "parsejail child: bad name: %v\n", err)
		return 3
	}
	data, err := io.ReadAll(br)
	if err != nil {
		fmt.Fprintf(os.Stderr, "parsejail child: read file: %v\n", err)
		return 3
	}
	if err := gob.NewEncoder(out).Encode(answer(name, data, read)); err != nil {
		fmt.Fprintf(os.Stderr, "parsejail child: write answer: %v\n", err)
		return 3
	}
	return 0
}

// answer parses one file into the reply the parent decodes.
func answer(name string, data []byte, read func(string, []byte) (*annualreport.Report, error)) *reply {
	var rep reply
	r, err := read(name, data)
	if err != nil {
		rep.Err = err.Error()
		for kind, s := range sentinels {
			if errors.Is(err, s) {
				rep.Kind = kind
			}
		}
	} else {
		rep.Report = r
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
