package web

import (
	"bufio"
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/annualreport/hostile"
	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/parsejail"
)

// TestHostileUploadsLeaveServerAnswering uploads every hostile file of
// annualreport/hostile, at the size that was probed, to the report check: while
// the batch is read, /healthz answers within a second and the server's
// resident memory stays under 1 GB; afterwards each file is a row of the
// results saying it could not be read.
func TestHostileUploadsLeaveServerAnswering(t *testing.T) {
	if testing.Short() || raceTest {
		t.Skip("full-size hostile files: not in -short or -race runs (the race detector multiplies memory)")
	}
	e := newTestEnv(t)
	jail := parsejail.New(parsejail.Config{Budget: parsejail.Budget{Wall: 10 * time.Second, Memory: 256 << 20}})
	sup := e.login(e.users[auth.RoleSupervisor].Username)
	files := hostile.Files(hostile.Full)
	var uploads []uploadFile
	for _, f := range files {
		uploads = append(uploads, uploadFile{name: f.Name, data: f.Data})
	}
	loc, _ := e.postBatch(t, nil, uploads, sup)
	// The full-size files take hundreds of MB to build; give them back
	// so the tests after this one run on a quiet process.
	defer debug.FreeOSMemory()
	uploads, files = nil, nil // only the queued batch holds the bytes now
	debug.FreeOSMemory()

	// How fast /healthz answers on this machine now, before the batch:
	// the bound below scales with it, so a machine loaded by others
	// slows the bound as much as the server.
	baseline := healthzBaseline(t, e)

	// The worker reads the batch as serve's does, while /healthz is asked.
	done := make(chan struct{})
	go func() { e.runReportBatchesWith("hostile", jail); close(done) }()
	var slowest time.Duration
	var peak int64
	for finished := false; !finished; {
		waited := time.Now()
		select {
		case <-done:
			finished = true
		case <-time.After(200 * time.Millisecond):
			// How late this process was woken is the machine's load at
			// this moment, not the server's doing.
			late := time.Since(waited) - 200*time.Millisecond
			start := time.Now()
			w := e.serve(request("GET", "/healthz", nil, nil))
			d := time.Since(start)
			slowest = max(slowest, d)
			peak = max(peak, residentBytes(t))
			if limit := max(time.Second, 10*baseline) + late; w.Code != http.StatusOK || d > limit {
				t.Errorf("/healthz during the batch: %d after %v, over %v (before the batch: %v; woken %v late)",
					w.Code, d, limit, baseline, late)
			}
		}
	}
	page := e.serve(request("GET", loc, nil, sup)).Body.String()
	t.Logf("slowest /healthz %v (before the batch %v), peak RSS %d MB", slowest, baseline, peak>>20)
	if peak > 1<<30 {
		t.Errorf("resident memory reached %d MB", peak>>20)
	}
	// Every file comes with a finding: most cannot be read at all; one
	// whose hostile part the reader skips (tables nested too deep) reads
	// as a report with errors.
	n := len(hostile.Files(hostile.Small))
	m := summaryRE.FindStringSubmatch(page)
	if m == nil || m[1] != strconv.Itoa(n) || atoiOr0(m[2])+atoiOr0(m[3]) != n {
		t.Errorf("results summary %q, want %d files each with errors or unreadable\n%.3000s", m, n, page)
	}
	for _, f := range hostile.Files(hostile.Small) {
		if !strings.Contains(page, f.Name) {
			t.Errorf("results page lacks the row of %s", f.Name)
		}
	}
}

// TestReportCheckOverBudget: a file whose parse runs past its budget is
// a row saying the file is too complex or broken, and the batch goes on
// with the next file.
func TestReportCheckOverBudget(t *testing.T) {
	e := newTestEnv(t)
	sup := e.login(e.users[auth.RoleSupervisor].Username)
	batch := reportCheckBatch(t)[:2]
	loc, _ := e.postBatch(t, nil, batch[:1], sup)
	e.runReportBatchesWith("tight", parsejail.New(parsejail.Config{Budget: parsejail.Budget{Wall: time.Millisecond}}))
	w := e.serve(request("GET", loc, nil, sup))
	mustStatus(t, w, http.StatusOK, "over budget")
	if !strings.Contains(w.Body.String(), parsejail.Message) || !strings.Contains(w.Body.String(), "1 份报告，0 份有错误，1 份未能读取") {
		t.Errorf("no over-budget finding\n%.3000s", w.Body.String())
	}
	loc, _ = e.postBatch(t, nil, batch, sup)
	e.runReportBatches("default")
	w = e.serve(request("GET", loc, nil, sup))
	if !strings.Contains(w.Body.String(), "2 份报告") || strings.Contains(w.Body.String(), parsejail.Message) {
		t.Errorf("with the default budget the batch is read\n%.3000s", w.Body.String())
	}
}

// healthzBaseline is the slowest of five /healthz answers a fifth of a
// second apart, with nothing else running in the server.
func healthzBaseline(t *testing.T, e *testEnv) time.Duration {
	t.Helper()
	var slowest time.Duration
	for range 5 {
		time.Sleep(200 * time.Millisecond)
		start := time.Now()
		if w := e.serve(request("GET", "/healthz", nil, nil)); w.Code != http.StatusOK {
			t.Fatalf("/healthz before the batch: %d", w.Code)
		}
		slowest = max(slowest, time.Since(start))
	}
	return slowest
}

// residentBytes is this process's resident memory (VmRSS).
func residentBytes(t *testing.T) int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		t.Skip("no /proc: resident memory not measured")
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmRSS:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kb << 10
		}
	}
	return 0
}

// TestReportCheckChildUnavailable: a parse child that cannot be started
// is the server's fault, an error page, not a row blaming the file.
func TestReportCheckChildUnavailable(t *testing.T) {
	e := newTestEnv(t)
	sup := e.login(e.users[auth.RoleSupervisor].Username)
	loc, _ := e.postBatch(t, nil, reportCheckBatch(t)[:1], sup)
	jail := parsejail.New(parsejail.Config{Executable: filepath.Join(t.TempDir(), "missing")})
	w := NewReportBatchWorker(e.st, slog.New(slog.NewTextHandler(io.Discard, nil)), "broken", jail)
	if _, err := w.Run(context.Background()); !errors.Is(err, parsejail.ErrChild) {
		t.Errorf("worker without a parse child: %v, want ErrChild", err)
	}
	if page := e.serve(request("GET", loc, nil, sup)).Body.String(); strings.Contains(page, "份未能读取") {
		t.Errorf("the file is blamed for the server's fault\n%.2000s", page)
	}
}

// summaryRE reads the batch page's summary line.
var summaryRE = regexp.MustCompile(`(\d+) 份报告，(\d+) 份有错误，(\d+) 份未能读取`)

func atoiOr0(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}
