package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func fakeEnv(vars map[string]string) (*environment, *bytes.Buffer, *bytes.Buffer) {
	var out, errb bytes.Buffer
	return &environment{
		stdin:  strings.NewReader(""),
		stdout: &out,
		stderr: &errb,
		getenv: func(k string) string { return vars[k] },
	}, &out, &errb
}

func TestWorkdaysCommand(t *testing.T) {
	dataDir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dataDir, "holidays"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dataDir, "holidays", "2027.json"),
		[]byte(`{"2027": {"holidays": ["2027-01-01"], "workdays": []}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	badDir := t.TempDir()
	if err := os.Mkdir(filepath.Join(badDir, "holidays"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(badDir, "holidays", "broken.json"), []byte(`{"2027": `), 0o644); err != nil {
		t.Fatal(err)
	}
	emptyDir := t.TempDir()

	tests := []struct {
		name   string
		env    map[string]string
		args   []string
		code   int
		stdout []string
		stderr []string
	}{
		{name: "add vector", args: []string{"workdays", "add", "2025-09-26", "20"},
			env: map[string]string{"GONGKAI_DATA_DIR": emptyDir}, stdout: []string{"2025-10-30\n"}},
		{name: "add all vectors", args: []string{"workdays", "add", "2020-01-20", "10"},
			env: map[string]string{"GONGKAI_DATA_DIR": emptyDir}, stdout: []string{"2020-02-11"}},
		{name: "explain", args: []string{"workdays", "explain", "2024-04-30", "15"},
			env:    map[string]string{"GONGKAI_DATA_DIR": emptyDir},
			stdout: []string{"起算日 2024-04-30", "2024-05-01 星期三 法定节假日，不计", "2024-05-11 星期六 调休上班，第 6 个工作日", "期限：2024-05-23"}},
		{name: "missing year", args: []string{"workdays", "add", "2026-12-20", "20"},
			env: map[string]string{"GONGKAI_DATA_DIR": emptyDir}, code: 1, stderr: []string{"缺少 2027 年的节假日安排"}},
		{name: "operator year from flag, flag after args", args: []string{"workdays", "add", "2026-12-20", "20", "--data-dir", dataDir},
			stdout: []string{"2027-01-18"}},
		{name: "operator year from env", args: []string{"workdays", "add", "2026-12-31", "1"},
			env: map[string]string{"GONGKAI_DATA_DIR": dataDir}, stdout: []string{"2027-01-04"}},
		{name: "flag overrides env", args: []string{"workdays", "--data-dir", dataDir, "add", "2026-12-31", "1"},
			env: map[string]string{"GONGKAI_DATA_DIR": emptyDir}, stdout: []string{"2027-01-04"}},
		{name: "broken schedule file", args: []string{"workdays", "add", "2025-01-01", "1", "--data-dir", badDir},
			code: 1, stderr: []string{"broken.json", "节假日安排无效"}},
		{name: "explicit data dir missing", args: []string{"workdays", "add", "2025-01-01", "1"},
			env: map[string]string{"GONGKAI_DATA_DIR": filepath.Join(emptyDir, "nope")}, code: 2, stderr: []string{"数据目录", "不存在"}},
		{name: "bad date", args: []string{"workdays", "add", "2025-02-30", "1"}, code: 2, stderr: []string{"无效"}},
		{name: "bad format", args: []string{"workdays", "add", "2025/02/03", "1"}, code: 2, stderr: []string{"YYYY-MM-DD"}},
		{name: "bad N", args: []string{"workdays", "add", "2025-02-03", "x"}, code: 2, stderr: []string{"工作日数"}},
		{name: "negative N", args: []string{"workdays", "add", "2025-02-03", "-3"}, code: 2, stderr: []string{"参数错误"}},
		{name: "missing N", args: []string{"workdays", "add", "2025-02-03"}, code: 2, stderr: []string{"需要两个参数"}},
		{name: "unknown sub", args: []string{"workdays", "sub", "2025-02-03", "1"}, code: 2, stderr: []string{"未知子命令"}},
		{name: "no sub", args: []string{"workdays"}, code: 2, stderr: []string{"用法"}},
		{name: "help", args: []string{"workdays", "-h"}, stdout: []string{"用法", "--data-dir"}},
		{name: "help via help", args: []string{"help", "workdays"}, stdout: []string{"用法"}},
		{name: "listed", args: []string{"help"}, stdout: []string{"workdays"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env, out, errb := fakeEnv(tt.env)
			if code := dispatch(context.Background(), env, tt.args); code != tt.code {
				t.Errorf("exit %d, want %d; stderr %s", code, tt.code, errb)
			}
			for _, want := range tt.stdout {
				if !strings.Contains(out.String(), want) {
					t.Errorf("stdout lacks %q:\n%s", want, out)
				}
			}
			for _, want := range tt.stderr {
				if !strings.Contains(errb.String(), want) {
					t.Errorf("stderr lacks %q:\n%s", want, errb)
				}
			}
		})
	}
}
