package parsejail

import (
	"bytes"
	"context"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"math"
	"os/exec"
	"strconv"
	"strings"
	"time"

	"github.com/gongkai/gongkai/internal/annualreport"
)

// maxAnswer bounds the child's answer; a report's model is a small
// fraction of its file, and files are at most tens of MB.
const maxAnswer = 64 << 20

// parse runs one child for one file.
func parse(ctx context.Context, exe, name string, data []byte, b Budget) (*annualreport.Report, error) {
	rep, err := runOnce(ctx, exe, kindReport, name, data, b)
	if err != nil {
		return nil, err
	}
	return rep.Report, nil
}

// runOnce runs one child for one job.
func runOnce(ctx context.Context, exe, kind, name string, data []byte, b Budget) (*reply, error) {
	path, err := executable(exe)
	if err != nil {
		return nil, err
	}
	wall, cancel := context.WithTimeout(ctx, b.Wall)
	defer cancel()
	cmd := exec.CommandContext(wall, path)
	cmd.Env = childEnvFor(b, "")
	cmd.Stdin = io.MultiReader(strings.NewReader(header(kind, name)), bytes.NewReader(data))
	out := &capped{max: maxAnswer}
	stderr := &capped{max: 4 << 10}
	cmd.Stdout, cmd.Stderr = out, stderr
	cmd.SysProcAttr = sysProcAttr()
	cmd.WaitDelay = time.Second
	runErr := cmd.Run()
	switch {
	case ctx.Err() != nil:
		return nil, ctx.Err()
	case wall.Err() != nil:
		return nil, &BudgetError{Name: name, Reason: "wall time over " + b.Wall.String()}
	case runErr != nil:
		return nil, crashError(name, cmd, runErr, stderr.String())
	case out.over:
		return nil, &BudgetError{Name: name, Reason: "answer over " + strconv.Itoa(maxAnswer>>20) + " MB"}
	}
	var rep reply
	if err := gob.NewDecoder(&out.buf).Decode(&rep); err != nil {
		return nil, fmt.Errorf("%w: %s: decode its answer: %w", ErrChild, name, err)
	}
	if !rep.answered() {
		return nil, rep.readerErr()
	}
	return &rep, nil
}

// childEnvFor is a child's whole environment: only the marker with its
// budget ("memory-bytes cpu-seconds", then mode when set), since the
// child needs nothing else from the server's environment (secrets
// included).
func childEnvFor(b Budget, mode string) []string {
	spec := strconv.FormatInt(b.Memory, 10) + " " + strconv.Itoa(int(math.Ceil(b.CPU.Seconds())))
	if mode != "" {
		spec += " " + mode
	}
	return []string{childEnv + "=" + spec}
}

// crashError explains a child that ended without an answer: killed by
// the kernel at its CPU limit, out of memory, or a fatal error.
func crashError(name string, cmd *exec.Cmd, runErr error, stderr string) error {
	var exit *exec.ExitError
	if !errors.As(runErr, &exit) {
		// It did not start at all: a fault of the server, not of the file.
		return fmt.Errorf("%w: start: %w", ErrChild, runErr)
	}
	detail := fatalLine(stderr)
	reason := "crashed: " + cmd.ProcessState.String()
	switch {
	case strings.Contains(stderr, "out of memory") || strings.Contains(stderr, "cannot allocate memory") ||
		strings.Contains(stderr, "failed to allocate"):
		reason = "memory over budget"
	case strings.Contains(stderr, "stack exceeds") || strings.Contains(stderr, "stack overflow"):
		reason = "stack overflow"
	case strings.Contains(cmd.ProcessState.String(), "killed"), strings.Contains(cmd.ProcessState.String(), "CPU time limit"):
		reason = "CPU time over budget"
	}
	return &BudgetError{Name: name, Reason: reason, Detail: detail}
}

// fatalLine picks the line of a Go crash that says what happened.
func fatalLine(stderr string) string {
	for _, l := range strings.Split(stderr, "\n") {
		for _, p := range []string{"fatal error:", "panic:", "runtime:"} {
			if strings.HasPrefix(l, p) {
				return l
			}
		}
	}
	return ""
}

// capped keeps the first max bytes written and drops the rest without
// failing the writer, so a child that talks too much is never blocked on
// its pipe (it ends, and the answer is refused).
type capped struct {
	buf  bytes.Buffer
	max  int
	over bool
}

func (c *capped) Write(p []byte) (int, error) {
	room := c.max - c.buf.Len()
	if len(p) > room {
		c.over = true
		c.buf.Write(p[:max(room, 0)])
		return len(p), nil
	}
	return c.buf.Write(p)
}

func (c *capped) String() string { return c.buf.String() }
