package main

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/blob"
	"github.com/gongkai/gongkai/internal/demo"
	"github.com/gongkai/gongkai/internal/store"
)

// TestCheck runs `gongkai check` on the demo site: the county's subtree
// has a consultation unanswered for more than three months (互动回应差,
// a single veto), overdue requests and a late column, so it exits 1 for
// cron; the township that publishes elsewhere has its report uploaded
// and nothing else checked, so checking it alone exits 0; bad
// arguments exit 2.
func TestCheck(t *testing.T) {
	data := t.TempDir()
	st, err := store.Open(t.Context(), filepath.Join(data, "gongkai.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	blobs, err := blob.NewFileStore(filepath.Join(data, "blobs"))
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	if _, err := demo.Seed(t.Context(), st, blobs, now); err != nil {
		t.Fatal(err)
	}
	bodies, err := st.Bodies(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	ids := map[string]int64{}
	for _, b := range bodies {
		ids[b.Name] = b.ID
	}
	getenv := func(k string) string { return map[string]string{"GONGKAI_DATA_DIR": data}[k] }
	run := func(args ...string) (int, string, string) {
		var stdout, stderr bytes.Buffer
		env := &environment{stdout: &stdout, stderr: &stderr, getenv: getenv}
		return dispatch(t.Context(), env, append([]string{"check"}, args...)), stdout.String(), stderr.String()
	}

	code, out, errOut := run("--subtree", "--json")
	if code != 1 {
		t.Fatalf("check --subtree = %d, want 1 (a single veto)\n%s%s", code, out, errOut)
	}
	var rep checkReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("check --json: %v\n%s", err, out)
	}
	found := map[string]bool{}
	for _, b := range rep.Bodies {
		for _, x := range b.Breaches {
			found[b.Name+"/"+x.Indicator] = true
			if x.Indicator == "consultation-unanswered" && (!x.Hit || !b.Veto) {
				t.Errorf("%s: an unanswered consultation is a single veto: %+v", b.Name, x)
			}
		}
	}
	for _, want := range []string{"吴城镇人民政府/consultation-unanswered", "吴城镇人民政府/request-overdue", "吴城镇人民政府/stale-columns"} {
		if !found[want] {
			t.Errorf("check --subtree does not list %s; found %v", want, found)
		}
	}
	if rep.Vetoed == 0 {
		t.Errorf("vetoed = 0")
	}

	code, out, _ = run("--subtree")
	if code != 1 || !strings.Contains(out, "[单项否决] 互动回应差") || !strings.Contains(out, "依申请公开答复超期") {
		t.Errorf("check --subtree (text) = %d:\n%s", code, out)
	}
	off := ids["月河镇人民政府"]
	if off == 0 {
		t.Fatal("the demo has no 月河镇人民政府")
	}
	if code, out, errOut := run("--body", itoa(off)); code != 0 {
		t.Errorf("check --body %d (off the platform, report uploaded) = %d, want 0\n%s%s", off, code, out, errOut)
	}
	for _, args := range [][]string{{"--date", "2026/01/01"}, {"extra"}, {"--body", "999999"}} {
		if code, _, _ := run(args...); code != 2 {
			t.Errorf("check %v = %d, want 2", args, code)
		}
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
