package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/body"
	"github.com/gongkai/gongkai/internal/docimport"
	"github.com/gongkai/gongkai/internal/store"
	"github.com/gongkai/gongkai/internal/store/storetest"
)

// importChildEnv makes the test binary run one `gongkai import` (the
// arguments in the variable, one a line) slowly, to be killed.
const importChildEnv = "GONGKAI_TEST_IMPORT_CHILD"

// runImportChildIfRequested is called by TestMain.
func runImportChildIfRequested() {
	args := os.Getenv(importChildEnv)
	if args == "" {
		return
	}
	importBatchHook = func(docimport.Progress) { time.Sleep(20 * time.Millisecond) }
	env := &environment{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv}
	os.Exit(dispatch(context.Background(), env, strings.Split(args, "\n")))
}

// importSetup makes a database with the body wucheng and a file of n
// rows; it returns getenv for the command and the store.
func importSetup(t *testing.T, dbURL string, n int) (func(string) string, *store.Store, string) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, dbURL, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := st.CreateBody(ctx, body.Body{Name: "吴城镇人民政府", Kind: body.Township, Slug: "wucheng", Code: "000014349"}); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := docimport.WriteSample(&b, false, docimport.SampleRows(n, "000014349", "statutory", 100)); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "存量信息.csv")
	if err := os.WriteFile(file, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	data := t.TempDir()
	getenv := func(k string) string {
		return map[string]string{"GONGKAI_DATABASE_URL": dbURL, "GONGKAI_DATA_DIR": data}[k]
	}
	return getenv, st, file
}

func importedCount(t *testing.T, st *store.Store) int {
	t.Helper()
	_, n, err := st.BodyDocuments(context.Background(), 1, "", 0, 1)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestImportCommand runs `gongkai import documents` through its cases
// in order on one SQLite database.
func TestImportCommand(t *testing.T) {
	getenv, st, file := importSetup(t, filepath.Join(t.TempDir(), "gongkai.db"), 30)
	bad := filepath.Join(t.TempDir(), "bad.csv")
	if err := os.WriteFile(bad, []byte("索引号,标题,发布日期,栏目\n000014349/2019-00001,甲,2019-13-01,statutory\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		args             []string
		wantCode         int
		wantOut, wantErr string
		wantDocs         int
	}{
		{args: []string{"import"}, wantCode: 2, wantErr: "未知子命令"},
		{args: []string{"import", "documents", file}, wantCode: 2, wantErr: "需要 -body"},
		{args: []string{"import", "documents", "-body", "wucheng", "-batch", "0", file}, wantCode: 2, wantErr: "-batch 应在"},
		{args: []string{"import", "documents", "-body", "nowhere", file}, wantCode: 1, wantErr: "找不到单位"},
		{args: []string{"import", "documents", "-body", "wucheng", "-dry-run", bad}, wantCode: 1, wantErr: "第 2 行：发布日期“2019-13-01”"},
		{args: []string{"import", "documents", "-body", "wucheng", "-dry-run", file}, wantOut: "检查通过：30 行"},
		{args: []string{"import", "documents", "-body", "1", "-batch", "7", file}, wantOut: "已导入 30 条", wantErr: "已处理 30/30 行（100%）", wantDocs: 30},
		{args: []string{"import", "documents", "-body", "wucheng", file}, wantOut: "此文件已于", wantDocs: 30},
		{args: []string{"import", "documents", "-body", "wucheng", bad}, wantCode: 1, wantErr: "此批未导入，前 0 行已导入", wantDocs: 30},
	}
	for _, s := range steps {
		var stdout, stderr bytes.Buffer
		env := &environment{stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr, getenv: getenv}
		code := dispatch(context.Background(), env, s.args)
		if code != s.wantCode || !strings.Contains(stdout.String(), s.wantOut) || !strings.Contains(stderr.String(), s.wantErr) {
			t.Errorf("gongkai %s = %d\nstdout: %s\nstderr: %s\nwant %d, stdout ∋ %q, stderr ∋ %q",
				strings.Join(s.args, " "), code, stdout.String(), stderr.String(), s.wantCode, s.wantOut, s.wantErr)
		}
		if n := importedCount(t, st); n != s.wantDocs {
			t.Errorf("gongkai %s: %d documents, want %d", strings.Join(s.args, " "), n, s.wantDocs)
		}
	}
}

// TestImportKilled kills an import with SIGKILL in the middle, on each
// database, and runs it again: it continues after the last committed
// batch and every row is imported exactly once.
func TestImportKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("runs and kills a child process")
	}
	const rows = 400
	for _, tg := range storetest.Targets(t, os.Getenv) {
		t.Run(tg.Name, func(t *testing.T) {
			getenv, st, file := importSetup(t, tg.URL, rows)
			args := []string{"import", "documents", "-body", "wucheng", "-batch", "10", file}
			child := exec.Command(os.Args[0], "-test.run=^$")
			child.Env = append(os.Environ(), importChildEnv+"="+strings.Join(args, "\n"),
				"GONGKAI_DATABASE_URL="+tg.URL, "GONGKAI_DATA_DIR="+getenv("GONGKAI_DATA_DIR"))
			var childErr bytes.Buffer
			child.Stderr = &childErr
			if err := child.Start(); err != nil {
				t.Fatal(err)
			}
			deadline := time.Now().Add(2 * time.Minute)
			for importedCount(t, st) < 50 {
				if time.Now().After(deadline) {
					_ = child.Process.Kill()
					t.Fatalf("the child imported too little in 2 minutes: %s", childErr.String())
				}
				time.Sleep(10 * time.Millisecond)
			}
			if err := child.Process.Signal(syscall.SIGKILL); err != nil {
				t.Fatal(err)
			}
			err := child.Wait()
			if ws, ok := child.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() {
				t.Fatalf("the child was not killed (it finished first?): %v\n%s", err, childErr.String())
			}
			killedAt := importedCount(t, st)
			if killedAt >= rows || killedAt%10 != 0 {
				t.Fatalf("after the kill %d documents: want whole batches, fewer than %d", killedAt, rows)
			}
			var stdout, stderr bytes.Buffer
			env := &environment{stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr, getenv: getenv}
			if code := dispatch(context.Background(), env, args); code != 0 {
				t.Fatalf("second run = %d\n%s", code, stderr.String())
			}
			if !strings.Contains(stdout.String(), "接续此前中断的导入") {
				t.Errorf("second run did not say it resumed: %s", stdout.String())
			}
			if n := importedCount(t, st); n != rows {
				t.Errorf("%d documents after the second run, want %d (killed at %d)", n, rows, killedAt)
			}
		})
	}
}
