package crash

import (
	"bufio"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// buildBinary compiles gongkai once for the test, as operators run it.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "gongkai")
	cmd := exec.Command("go", "build", "-o", bin, "../../cmd/gongkai")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	return bin
}

// server is one `gongkai serve` process.
type server struct {
	cmd  *exec.Cmd
	base string // http://127.0.0.1:port
	done chan struct{}
}

// startServer runs serve with env on a free port and waits until it
// logs that it listens.
func startServer(t *testing.T, bin string, env []string) *server {
	t.Helper()
	cmd := exec.Command(bin, "serve", "-listen", "127.0.0.1:0")
	cmd.Env = append(os.Environ(), env...)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	s := &server{cmd: cmd, done: make(chan struct{})}
	addr := make(chan string, 1)
	go func() {
		// Read stderr to the end so the server never blocks on its logs.
		sc := bufio.NewScanner(stderr)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		for sc.Scan() {
			var rec map[string]any
			if json.Unmarshal(sc.Bytes(), &rec) != nil {
				continue
			}
			if rec["msg"] == "listening" {
				if a, ok := rec["addr"].(string); ok {
					addr <- a
				}
			}
			if rec["level"] == "ERROR" {
				t.Logf("server: %s", sc.Text())
			}
		}
		_ = cmd.Wait()
		close(s.done)
	}()
	t.Cleanup(func() {
		select {
		case <-s.done:
		default:
			_ = cmd.Process.Kill()
			<-s.done
		}
	})
	select {
	case a := <-addr:
		s.base = "http://" + a
	case <-s.done:
		t.Fatal("server exited before listening")
	case <-time.After(60 * time.Second):
		_ = cmd.Process.Kill()
		t.Fatal("server did not start listening within 60s")
	}
	return s
}

// kill is the crash: SIGKILL, no chance to flush or shut down.
func (s *server) kill(t *testing.T) {
	t.Helper()
	if err := s.cmd.Process.Kill(); err != nil {
		t.Fatalf("kill: %v", err)
	}
	<-s.done
}

// stop is a graceful stop, as a service manager does it.
func (s *server) stop(t *testing.T) {
	t.Helper()
	_ = s.cmd.Process.Signal(os.Interrupt)
	select {
	case <-s.done:
	case <-time.After(30 * time.Second):
		_ = s.cmd.Process.Kill()
		<-s.done
		t.Error("server did not stop within 30s of SIGINT")
	}
}
