package parsejail

import (
	"context"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"strconv"
	"time"
)

// worker is one serving child (see serve.go), kept between files so a
// file pays for a pipe round trip, not for starting a process.
type worker struct {
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	out    *frameReader
	dec    *gob.Decoder
	stderr *capped
	served int
	exited chan struct{} // closed when the process has been waited for
	err    error         // cmd.Wait's error, once exited is closed
	// idleTimer retires the worker after idleTimeout in the Jail's idle
	// list; set under the Jail's lock.
	idleTimer *time.Timer
}

// startWorker starts a serving child with budget b.
func startWorker(exe string, b Budget) (*worker, error) {
	path, err := executable(exe)
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(path)
	cmd.Env = childEnvFor(b, "serve")
	w := &worker{cmd: cmd, stderr: &capped{max: 4 << 10}, exited: make(chan struct{})}
	cmd.Stderr = w.stderr
	cmd.SysProcAttr = sysProcAttr()
	if w.stdin, err = cmd.StdinPipe(); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrChild, err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrChild, err)
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("%w: start: %w", ErrChild, err)
	}
	w.out = &frameReader{r: stdout}
	w.dec = gob.NewDecoder(w.out)
	go func() { w.err = cmd.Wait(); close(w.exited) }()
	return w, nil
}

// run sends one job and waits for its answer within the wall budget
// and ctx. Any failure leaves the worker dead (killed if need be); only
// a worker that answered may be used again.
func (w *worker) run(ctx context.Context, kind, name string, data []byte, b Budget) (*reply, error) {
	w.served++
	w.out.reset(maxAnswer)
	type result struct {
		rep reply
		err error
	}
	done := make(chan result, 1)
	go func() {
		var res result
		frame := header(kind, name) + strconv.Itoa(len(data)) + "\n"
		if _, err := io.WriteString(w.stdin, frame); err != nil {
			res.err = err
		} else if _, err := w.stdin.Write(data); err != nil {
			res.err = err
		} else {
			res.err = w.dec.Decode(&res.rep)
		}
		done <- res
	}()
	timer := time.NewTimer(b.Wall)
	defer timer.Stop()
	select {
	case res := <-done:
		if res.err == nil {
			if !res.rep.answered() {
				return nil, res.rep.readerErr()
			}
			return &res.rep, nil
		}
		w.kill()
		if w.out.over {
			return nil, &BudgetError{Name: name, Reason: "answer over " + strconv.Itoa(maxAnswer>>20) + " MB"}
		}
		return nil, w.crashError(name)
	case <-timer.C:
		w.kill()
		return nil, &BudgetError{Name: name, Reason: "wall time over " + b.Wall.String()}
	case <-ctx.Done():
		w.kill()
		return nil, ctx.Err()
	}
}

// crashError explains a child that stopped answering: waited for, then
// read like a one-file child's end.
func (w *worker) crashError(name string) error {
	select {
	case <-w.exited:
	case <-time.After(5 * time.Second):
		return fmt.Errorf("%w: %s: the child stopped answering", ErrChild, name)
	}
	var exit *exec.ExitError
	if errors.As(w.err, &exit) && exit.ExitCode() == exitCPU {
		return &BudgetError{Name: name, Reason: "CPU time over budget"}
	}
	if w.err == nil {
		return fmt.Errorf("%w: %s: the child ended without an answer", ErrChild, name)
	}
	return crashError(name, w.cmd, w.err, w.stderr.String())
}

// close ends an idle worker: its stdin closes and it exits.
func (w *worker) close() {
	_ = w.stdin.Close()
	select {
	case <-w.exited:
	case <-time.After(time.Second):
		w.kill()
	}
}

func (w *worker) kill() {
	_ = w.cmd.Process.Kill()
	_ = w.stdin.Close()
	<-w.exited
}

// frameReader bounds what one answer may take from the child's stdout.
type frameReader struct {
	r    io.Reader
	left int
	over bool
}

func (f *frameReader) reset(n int) { f.left, f.over = n, false }

func (f *frameReader) Read(p []byte) (int, error) {
	if f.left <= 0 {
		f.over = true
		return 0, errors.New("parsejail: answer too large")
	}
	if len(p) > f.left {
		p = p[:f.left]
	}
	n, err := f.r.Read(p)
	f.left -= n
	return n, err
}
