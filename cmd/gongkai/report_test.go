package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/annualreport"
)

const (
	reportTestdata = "../../internal/annualreport/testdata"
	seedReport     = "../../internal/demo/wucheng-2021-annual-report.txt" // the demo's copy, the only one
	cleanReportTxt = reportTestdata + "/fixtures/example-2023-clean.txt"
	cleanReportHTM = reportTestdata + "/html/example-2023-clean.html"
)

// runReportCmd runs `gongkai ARGS` through dispatch with a fake
// environment.
func runReportCmd(t *testing.T, terminal bool, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	env := &environment{
		stdin:      strings.NewReader(stdin),
		stdout:     &out,
		stderr:     &errOut,
		getenv:     func(string) string { return "" },
		isTerminal: terminal,
	}
	code = dispatch(context.Background(), env, args)
	return code, out.String(), errOut.String()
}

func TestReportCommand(t *testing.T) {
	dir := t.TempDir()
	// A copy of the clean report whose 二 disagrees with last year's 四.
	prev := filepath.Join(dir, "prev.json")
	{
		data, err := os.ReadFile(cleanReportTxt)
		if err != nil {
			t.Fatal(err)
		}
		r, err := annualreport.Read("clean.txt", data)
		if err != nil {
			t.Fatal(err)
		}
		r.Year = 2022
		r.Tables.Three["四"] = map[string]annualreport.Cell{"自然人": {State: annualreport.Value, Num: 9}}
		js, err := annualreport.EncodeJSON(r)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(prev, js, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	seed, err := os.ReadFile(seedReport)
	if err != nil {
		t.Fatal(err)
	}
	outJSON := filepath.Join(dir, "out.json")
	cases := []struct {
		name     string
		terminal bool
		stdin    string
		args     []string
		code     int
		out      []string // substrings of stdout
		errOut   []string // substrings of stderr
		notOut   []string
	}{
		{name: "help", args: []string{"report", "-h"}, out: []string{"gongkai report lint"}},
		{name: "help via help", args: []string{"help", "report"}, out: []string{"--previous"}},
		{name: "no subcommand", args: []string{"report"}, code: 2},
		{name: "unknown subcommand", args: []string{"report", "check"}, code: 2, errOut: []string{"未知子命令"}},
		{name: "lint clean", args: []string{"report", "lint", cleanReportTxt, cleanReportHTM}, out: []string{"未发现问题", "共检查2个文件：错误0个，警告0个"}},
		{name: "lint seed", args: []string{"report", "lint", seedReport}, code: 1,
			out:    []string{"year-mismatch", "format-mismatch", "unknown-label", "fee-not-reported", "错误2个，警告2个"},
			notOut: []string{"balance", "row-total", "missing-"}},
		{name: "lint flags after files, json", args: []string{"report", "lint", seedReport, cleanReportTxt, "--json"}, code: 1,
			out: []string{`"errors": 2`, `"rule": "year-mismatch"`}},
		{name: "lint unreadable", args: []string{"report", "lint", cleanReportTxt, filepath.Join(dir, "missing.txt")}, code: 2,
			out: []string{"无法读取", "1个文件无法读取"}},
		{name: "lint progress on a terminal", terminal: true, args: []string{"report", "lint", cleanReportTxt, cleanReportHTM},
			errOut: []string{"正在检查 2/2"}},
		{name: "lint no progress for one file", terminal: true, args: []string{"report", "lint", cleanReportTxt}},
		{name: "lint previous year", args: []string{"report", "lint", "--previous", prev, cleanReportTxt}, out: []string{"carryover"}},
		{name: "lint bad deadline", args: []string{"report", "lint", "--deadline", "soon", cleanReportTxt}, code: 2, errOut: []string{"--deadline"}},
		{name: "lint late with local deadline", args: []string{"report", "lint", "--deadline", "01-15", cleanReportHTM}, out: []string{"late"}},
		{name: "lint no files", args: []string{"report", "lint"}, code: 2},
		{name: "parse summary", args: []string{"report", "parse", seedReport}, out: []string{"机关：吴城镇人民政府", "年度：2021", "2019年试行格式", "问题：错误2个，警告2个"}},
		{name: "parse json from stdin", stdin: string(seed), args: []string{"report", "parse", "--json", "-"},
			out: []string{`"schema": "gongkai.annual-report/v1"`, `"三.六": {`, `"rule": "fee-not-reported"`,
				`"sources": {`, `"reader": "text"`, `"method": "grid"`, `"confidence": "medium"`}},
		{name: "parse rejects lint options", args: []string{"report", "parse", "--previous", prev, seedReport}, code: 2},
		{name: "parse two files", args: []string{"report", "parse", seedReport, cleanReportTxt}, code: 2},
		{name: "render txt", args: []string{"report", "render", "--to", "txt", cleanReportHTM}, out: []string{"第二十条第（一）项 | ", "（七）总计 | 37 | 6 | 1 | 0 | 3 | 2 | 49"}},
		{name: "render json to file", args: []string{"report", "render", seedReport, "--to", "json", "-o", outJSON}},
		{name: "render unknown form", args: []string{"report", "render", "--to", "pdf", seedReport}, code: 2, errOut: []string{"--to"}},
		{name: "render unreadable", args: []string{"report", "render", "--to", "txt", filepath.Join(dir, "none")}, code: 2},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := runReportCmd(t, tc.terminal, tc.stdin, tc.args...)
			if code != tc.code {
				t.Errorf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tc.code, out, errOut)
			}
			for _, s := range tc.out {
				if !strings.Contains(out, s) {
					t.Errorf("stdout lacks %q:\n%s", s, out)
				}
			}
			for _, s := range tc.notOut {
				if strings.Contains(out, s) {
					t.Errorf("stdout has %q:\n%s", s, out)
				}
			}
			for _, s := range tc.errOut {
				if !strings.Contains(errOut, s) {
					t.Errorf("stderr lacks %q:\n%s", s, errOut)
				}
			}
			if !tc.terminal && strings.Contains(errOut, "正在检查") {
				t.Errorf("progress shown without a terminal")
			}
		})
	}

	// The JSON written by render reads back as the same report.
	data, err := os.ReadFile(outJSON)
	if err != nil {
		t.Fatal(err)
	}
	r, err := annualreport.DecodeJSON(data)
	if err != nil {
		t.Fatal(err)
	}
	if r.Org != "吴城镇人民政府" || r.Format != "2019" || len(r.Findings) != 4 {
		t.Errorf("rendered JSON: %q %q %d findings", r.Org, r.Format, len(r.Findings))
	}
	var shape map[string]json.RawMessage
	if err := json.Unmarshal(data, &shape); err != nil || shape["tables"] == nil {
		t.Errorf("rendered JSON shape: %v", err)
	}
}
