package main

import (
	"context"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/store"
)

// serveUntilListening runs serve in-process until it listens (or fails),
// then stops it, returning the exit code and output.
func serveUntilListening(t *testing.T, getenv func(string) string, extra ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr syncBuffer
	env := &environment{stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr, getenv: getenv}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan int, 1)
	go func() { done <- dispatch(ctx, env, append([]string{"serve", "-listen", "127.0.0.1:0"}, extra...)) }()
	deadline := time.After(30 * time.Second)
	for {
		select {
		case code := <-done:
			return code, stdout.String(), stderr.String()
		case <-deadline:
			t.Fatal("serve neither listened nor failed within 30s")
		case <-time.After(20 * time.Millisecond):
			if strings.Contains(stderr.String(), "msg=listening") {
				cancel()
				return <-done, stdout.String(), stderr.String()
			}
		}
	}
}

func TestServeFirstAdmin(t *testing.T) {
	tests := []struct {
		name     string
		password string
		wantCode int
		wantOut  string
		wantErr  string
	}{
		{"too short a configured password", "short", 1, "", "GONGKAI_ADMIN_PASSWORD"},
		{"configured password", "configured-password", 0, "已用 GONGKAI_ADMIN_PASSWORD 创建系统管理员 admin", ""},
		{"generated one-time password", "", 0, "一次性密码 (one-time password): ", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := t.TempDir()
			getenv := func(k string) string {
				return map[string]string{"GONGKAI_DATA_DIR": data, "GONGKAI_ADMIN_PASSWORD": tt.password}[k]
			}
			code, out, errOut := serveUntilListening(t, getenv)
			if code != tt.wantCode || !strings.Contains(out, tt.wantOut) || !strings.Contains(errOut, tt.wantErr) {
				t.Fatalf("serve = %d\nstdout: %s\nstderr: %s", code, out, errOut)
			}
			if code != 0 {
				return
			}
			pw := tt.password
			if pw == "" {
				m := regexp.MustCompile(`one-time password\): (\S+)`).FindStringSubmatch(out)
				if m == nil {
					t.Fatalf("no password printed:\n%s", out)
				}
				pw = m[1]
			}
			st, err := store.Open(context.Background(), filepath.Join(data, "gongkai.db"), store.Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			u, err := st.UserByName(context.Background(), "admin")
			if err != nil {
				t.Fatal(err)
			}
			if ok, err := auth.CheckPassword(u.PasswordHash, pw); !ok || err != nil {
				t.Errorf("printed password does not match the stored hash (%v)", err)
			}
			// Only a generated password has to be changed at the first login.
			if generated := tt.password == ""; u.MustChangePassword != generated {
				t.Errorf("MustChangePassword = %v with a generated password %v", u.MustChangePassword, generated)
			}
			gs, _ := st.Grants(context.Background(), u.ID)
			if len(gs) != 1 || gs[0].Role != auth.RoleSysAdmin {
				t.Errorf("admin grants = %+v", gs)
			}
			// A second start creates nobody and prints no password.
			code, out, errOut = serveUntilListening(t, getenv)
			if code != 0 || strings.Contains(out, "admin") {
				t.Errorf("second start = %d\nstdout: %s\nstderr: %s", code, out, errOut)
			}
		})
	}
}
