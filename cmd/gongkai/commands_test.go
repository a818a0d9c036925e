package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/config"
	"github.com/gongkai/gongkai/internal/store"
)

// TestStoreCommands runs migrate, user, backup and serve's refusals
// in-process against one SQLite data directory, in order.
func TestStoreCommands(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	getenv := func(k string) string {
		if k == "GONGKAI_DATA_DIR" {
			return data
		}
		return ""
	}
	steps := []struct {
		args       []string
		stdin      string
		wantCode   int
		wantOut    string // substring of stdout
		wantErrOut string // substring of stderr
	}{
		{args: []string{"migrate"}, wantOut: "schema version): "},
		{args: []string{"user", "add", "--username", "root", "--name", "管理员", "--role", "sysadmin"}, wantOut: "one-time password"},
		{args: []string{"user", "add", "--username", "ed", "--role", "editor"}, wantCode: 1, wantErrOut: "必须用 --body 指定单位"},
		{args: []string{"user", "add", "--username", "ed", "--role", "editor", "--body", "nowhere"}, wantCode: 1, wantErrOut: "找不到单位"},
		{args: []string{"user", "add", "--username", "ed", "--role", "boss"}, wantCode: 1, wantErrOut: "角色 \"boss\" 无效"},
		{args: []string{"user", "add", "--username", "root", "--role", "sysadmin", "--password-stdin"}, stdin: "short\n", wantCode: 1, wantErrOut: "至少需要10个字符"},
		{args: []string{"user", "add", "--username", "root", "--role", "sysadmin", "--password-stdin"}, stdin: "long-enough-password\n", wantCode: 1, wantErrOut: "无法创建账号"},
		{args: []string{"user", "passwd", "--username", "root", "--password-stdin"}, stdin: "long-enough-password\n", wantOut: "已重设 root 的密码"},
		{args: []string{"user", "disable", "--username", "root"}, wantOut: "已停用"},
		{args: []string{"user", "list"}, wantOut: "root"},
		{args: []string{"user", "list"}, wantOut: "停用"},
		{args: []string{"user", "enable", "--username", "nobody"}, wantCode: 1, wantErrOut: "找不到账号"},
		{args: []string{"user", "frobnicate"}, wantCode: 2, wantErrOut: "未知子命令"},
		{args: []string{"backup", filepath.Join(dir, "copy.db")}, wantOut: "已备份到"},
		{args: []string{"backup", filepath.Join(dir, "copy.db")}, wantCode: 1, wantErrOut: "already exists"},
		{args: []string{"backup"}, wantCode: 2, wantErrOut: "用法"},
		{args: []string{"migrate", "-log-format", "xml"}, wantCode: 2, wantErrOut: "-log-format / GONGKAI_LOG_FORMAT"},
		{args: []string{"serve", "--demo", "-listen", "127.0.0.1:0"}, wantCode: 1, wantErrOut: "--demo 只能用于全新的数据目录"},
		{args: []string{"migrate", "-db", filepath.Join(dir, "copy.db")}, wantOut: "schema version): "},
		{args: []string{"config", "-markdown"}, wantOut: "| `-listen` | `GONGKAI_LISTEN` | 127.0.0.1:8080 |"},
		{args: []string{"config", "-smtp-password", "hunter2"}, wantOut: "******"},
		{args: []string{"user", "add", "--username", "ed", "--role", "editor", "--body", "1"}, wantCode: 1, wantErrOut: "找不到单位 1"},
	}
	for _, st := range steps {
		var stdout, stderr bytes.Buffer
		env := &environment{stdin: strings.NewReader(st.stdin), stdout: &stdout, stderr: &stderr, getenv: getenv}
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		code := dispatch(ctx, env, st.args)
		cancel()
		if code != st.wantCode || !strings.Contains(stdout.String(), st.wantOut) || !strings.Contains(stderr.String(), st.wantErrOut) {
			t.Errorf("gongkai %s = %d\nstdout: %s\nstderr: %s\nwant code %d, stdout ∋ %q, stderr ∋ %q",
				strings.Join(st.args, " "), code, stdout.String(), stderr.String(), st.wantCode, st.wantOut, st.wantErrOut)
		}
	}
}

// TestServeDemo starts serve --demo in-process on a fresh directory,
// then again on the same directory (already the demo: accepted).
func TestServeDemo(t *testing.T) {
	data := t.TempDir()
	getenv := func(k string) string { return map[string]string{"GONGKAI_DATA_DIR": data}[k] }
	for round := range 2 {
		code, out, errOut := serveUntilListening(t, getenv, "--demo")
		if code != 0 {
			t.Fatalf("round %d: serve --demo = %d\n%s", round, code, errOut)
		}
		for _, want := range []string{"wc-editor", "demo-editor-2021", "tb-supervisor"} {
			if !strings.Contains(out, want) {
				t.Errorf("round %d: demo accounts not printed (%q missing):\n%s", round, want, out)
			}
		}
	}
}

// TestReadmeSettingsTable keeps README's settings table what `gongkai
// config -markdown` prints: a new setting must be documented there.
func TestReadmeSettingsTable(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	if table := config.MarkdownTable(); !strings.Contains(string(readme), table) {
		t.Errorf("README.md lacks the settings table; paste the output of `go run ./cmd/gongkai config -markdown`:\n%s", table)
	}
}

// TestUserOneTimePassword: user add and user passwd flag a generated
// password to be changed at the next login, and not one typed in with
// --password-stdin.
func TestUserOneTimePassword(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	getenv := func(k string) string { return map[string]string{"GONGKAI_DATA_DIR": data}[k] }
	run := func(stdin string, args ...string) string {
		t.Helper()
		var stdout, stderr bytes.Buffer
		env := &environment{stdin: strings.NewReader(stdin), stdout: &stdout, stderr: &stderr, getenv: getenv}
		if code := dispatch(t.Context(), env, args); code != 0 {
			t.Fatalf("gongkai %s = %d\n%s", strings.Join(args, " "), code, stderr.String())
		}
		return stdout.String()
	}
	mustChange := func(username string) bool {
		t.Helper()
		st, err := store.Open(t.Context(), filepath.Join(data, "gongkai.db"), store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		u, err := st.UserByName(t.Context(), username)
		if err != nil {
			t.Fatal(err)
		}
		return u.MustChangePassword
	}
	if out := run("", "user", "add", "--username", "gen", "--name", "生成", "--role", "sysadmin"); !strings.Contains(out, "必须修改") {
		t.Errorf("user add does not say the password must be changed:\n%s", out)
	}
	run("keyed-in-passphrase\n", "user", "add", "--username", "typed", "--name", "自定", "--role", "sysadmin", "--password-stdin")
	if !mustChange("gen") || mustChange("typed") {
		t.Errorf("after user add: generated %v, typed in %v; want true, false", mustChange("gen"), mustChange("typed"))
	}
	if out := run("", "user", "list"); !strings.Contains(out, "待修改一次性密码") {
		t.Errorf("user list does not show the pending change:\n%s", out)
	}
	run("", "user", "passwd", "--username", "typed")
	run("another-typed-password\n", "user", "passwd", "--username", "gen", "--password-stdin")
	if mustChange("gen") || !mustChange("typed") {
		t.Errorf("after user passwd: typed in %v, generated %v; want false, true", mustChange("gen"), mustChange("typed"))
	}
}
