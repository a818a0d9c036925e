package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/annualreport/hostile"
	"github.com/gongkai/gongkai/internal/parsejail"
)

// TestReportLintBudget: `report lint` reads each file in a parse child
// under --max-mb: a file over it is reported as too complex and the
// next file is still checked; the flags refuse budgets too small to run.
func TestReportLintBudget(t *testing.T) {
	seed := seedReport
	code, out, errOut := runReportCmd(t, false, "", "report", "parse", "--max-mb", "10", seed)
	if code != 2 || !strings.Contains(errOut, "--max-mb 至少为 64") {
		t.Errorf("--max-mb 10: exit %d, %s", code, errOut)
	}
	if !parsejail.MemoryEnforced {
		t.Skip("memory is not limited by the kernel in this build")
	}
	dir := t.TempDir()
	heavy := filepath.Join(dir, "nested.docx")
	// 1.4 million nested tables: the document part alone inflates to
	// over 60 MB, more than a 64 MB budget leaves once it is read.
	if err := os.WriteFile(heavy, hostile.NestedTablesDOCX(1_400_000), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut = runReportCmd(t, false, "", "report", "lint", "--max-mb", "64", heavy, seed)
	if code != 2 {
		t.Errorf("exit %d, want 2 (a file could not be read)\n%s%s", code, out, errOut)
	}
	all := out + errOut
	if !strings.Contains(all, "文件过于复杂或已损坏，无法读取") || !strings.Contains(all, "--max-mb 64") {
		t.Errorf("no over-budget message:\n%s", all)
	}
	if !strings.Contains(all, "fee-not-reported") {
		t.Errorf("the file after the heavy one was not checked:\n%s", all)
	}
}
