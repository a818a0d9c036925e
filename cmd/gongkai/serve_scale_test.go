package main

import (
	"bufio"

	"encoding/json"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/store/storetest"
)

// instance is one `gongkai serve` process under test.
type instance struct {
	cmd  *exec.Cmd
	base string // http://127.0.0.1:port
	mu   sync.Mutex
	logs []map[string]any // JSON log records from stderr
}

func (in *instance) records(msg string) []map[string]any {
	in.mu.Lock()
	defer in.mu.Unlock()
	var out []map[string]any
	for _, r := range in.logs {
		if r["msg"] == msg {
			out = append(out, r)
		}
	}
	return out
}

// jobRecords are the log records with message msg about one job; other
// jobs (such as calendar-refresh, which runs on every instance) log the
// same messages.
func (in *instance) jobRecords(msg, job string) []map[string]any {
	var out []map[string]any
	for _, r := range in.records(msg) {
		if r["job"] == job {
			out = append(out, r)
		}
	}
	return out
}

// startInstance runs the binary with env and waits until it listens.
func startInstance(t *testing.T, bin string, env []string) *instance {
	t.Helper()
	in := &instance{cmd: exec.Command(bin, "serve", "-listen", "127.0.0.1:0")}
	in.cmd.Env = append(os.Environ(), env...)
	stderr, err := in.cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := in.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		// Graceful stop, as a service manager would; killed if it hangs.
		_ = in.cmd.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { _ = in.cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(30 * time.Second):
			t.Error("instance did not stop within 30s of SIGINT")
			_ = in.cmd.Process.Kill()
			<-done
		}
	})
	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			var rec map[string]any
			if json.Unmarshal(sc.Bytes(), &rec) != nil {
				continue
			}
			in.mu.Lock()
			in.logs = append(in.logs, rec)
			in.mu.Unlock()
			if rec["msg"] == "listening" {
				addr <- rec["addr"].(string)
			}
		}
	}()
	select {
	case a := <-addr:
		in.base = "http://" + a
	case <-time.After(60 * time.Second):
		t.Fatal("instance did not start listening")
	}
	return in
}

// TestScaleOut starts two serve processes on one fresh PostgreSQL
// database and shows they act as one platform: a login on one is a
// session on the other, throttling counts failures from both, and the
// lease-guarded job runs on one only.
func TestScaleOut(t *testing.T) {
	server := storetest.PostgresServer(t, os.Getenv)
	if server == "" {
		t.Skip(storetest.EnvPostgres + " not set")
	}
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	dbURL := storetest.FreshPostgres(t, server)
	bin := filepath.Join(t.TempDir(), "gongkai")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	const password = "scale-out-password"
	env := []string{"GONGKAI_DATABASE_URL=" + dbURL, "GONGKAI_ADMIN_PASSWORD=" + password,
		"GONGKAI_LOG_FORMAT=json", "GONGKAI_LOG_LEVEL=debug", "GONGKAI_DATA_DIR=" + t.TempDir()}
	a := startInstance(t, bin, env)
	b := startInstance(t, bin, env)

	post := func(in *instance, c *http.Client, user, pw string) int {
		t.Helper()
		req, _ := http.NewRequest("POST", in.base+"/admin/login",
			strings.NewReader(url.Values{"username": {user}, "password": {pw}}.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Origin", in.base)
		resp, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	noRedirect := func(c *http.Client) *http.Client {
		c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
		return c
	}

	// A session made on A is valid on B: the cookie names a row in the
	// shared sessions table.
	jar, _ := cookiejar.New(nil)
	client := noRedirect(&http.Client{Jar: jar, Timeout: 30 * time.Second})
	if code := post(a, client, "admin", password); code != http.StatusSeeOther {
		t.Fatalf("login on A = %d, want 303", code)
	}
	aURL, _ := url.Parse(a.base)
	cookies := jar.Cookies(aURL)
	if len(cookies) == 0 {
		t.Fatal("login on A set no cookie")
	}
	for _, tc := range []struct {
		name    string
		cookies []*http.Cookie
		want    int
	}{
		{"with A's session cookie", cookies, http.StatusOK},
		{"without a cookie", nil, http.StatusSeeOther},
	} {
		req, _ := http.NewRequest("GET", b.base+"/admin/", nil)
		for _, c := range tc.cookies {
			req.AddCookie(c)
		}
		resp, err := noRedirect(&http.Client{Timeout: 30 * time.Second}).Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != tc.want {
			t.Errorf("console on B %s = %d, want %d", tc.name, resp.StatusCode, tc.want)
		}
	}

	// Throttling: 3 failures on A and 2 on B reach the limit of 5, so
	// the right password is refused on both.
	plain := noRedirect(&http.Client{Timeout: 30 * time.Second})
	for i, in := range []*instance{a, a, a, b, b} {
		if code := post(in, plain, "admin", "wrong-password"); code != http.StatusUnauthorized {
			t.Fatalf("failure %d = %d, want 401", i, code)
		}
	}
	for name, in := range map[string]*instance{"A": a, "B": b} {
		if code := post(in, plain, "admin", password); code != http.StatusTooManyRequests {
			t.Errorf("right password on %s after 5 shared failures = %d, want 429", name, code)
		}
	}

	// The session-cleanup job ran on exactly one instance; the other
	// found the lease taken.
	const skip = "job skipped: lease held by another instance"
	var ran, skipped int
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		ran = len(a.jobRecords("job ran", "session-cleanup")) + len(b.jobRecords("job ran", "session-cleanup"))
		skipped = len(a.jobRecords(skip, "session-cleanup")) + len(b.jobRecords(skip, "session-cleanup"))
		if ran+skipped >= 2 {
			break
		}
	}
	if ran != 1 || skipped != 1 {
		t.Errorf("session-cleanup ran %d times and was skipped %d times across two instances, want 1 and 1", ran, skipped)
	}
}
