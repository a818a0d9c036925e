package annualreport

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// updateGolden rewrites the golden files: go test -run Golden -update.
// It reuses an "update" flag another test file of the package may have
// defined, so the two cannot collide.
var updateGolden = lookupOrDefineUpdate()

func lookupOrDefineUpdate() *bool {
	if f := flag.Lookup("update"); f != nil {
		if g, ok := f.Value.(flag.Getter); ok {
			if b, ok := g.Get().(bool); ok {
				v := b
				return &v
			}
		}
	}
	return flag.Bool("update", false, "rewrite golden files")
}

// golden compares got with testdata/golden/name, or rewrites it.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *updateGolden {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from golden file (run with -update after checking):\n--- got\n%s", name, got)
	}
}

// sameModel fails when a round trip lost or changed anything of the
// model (findings aside: they are recomputed).
func sameModel(t *testing.T, want, got *Report) {
	t.Helper()
	if got.Org != want.Org || got.Year != want.Year || got.Title != want.Title || got.Format != want.Format {
		t.Errorf("header: got %q %d %q %q, want %q %d %q %q", got.Org, got.Year, got.Title, got.Format,
			want.Org, want.Year, want.Title, want.Format)
	}
	if got.Preamble != want.Preamble {
		t.Errorf("preamble: got %q, want %q", got.Preamble, want.Preamble)
	}
	if len(got.Sections) != len(want.Sections) {
		t.Errorf("sections: got %d, want %d", len(got.Sections), len(want.Sections))
	}
	for id, w := range want.Sections {
		if g, ok := got.Sections[id]; !ok || g != w {
			t.Errorf("section %s: got %q, want %q", id, g, w)
		}
	}
	diffTables(t, want.Tables, got.Tables)
	if len(want.Units)+len(got.Units) > 0 && !equalMaps(want.Units, got.Units) {
		t.Errorf("units: got %v, want %v", got.Units, want.Units)
	}
	if (want.Published == nil) != (got.Published == nil) || want.Published != nil && !want.Published.Equal(*got.Published) {
		t.Errorf("published: got %v, want %v", got.Published, want.Published)
	}
}

func equalMaps(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// roundTripCases are the models the render tests start from.
func roundTripCases(t *testing.T) map[string]*Report {
	clean := cleanReport(t)
	odd := cloneReport(clean)
	odd.Published = date(2024, time.January, 26)
	odd.Tables.Two["规章"] = map[string]Cell{"本年制发件数": {State: NotApplicable}, "本年废止件数": {State: NotApplicable}, "现行有效件数": {State: NotApplicable}}
	odd.Tables.Two["行政事业性收费"]["本年收费金额（单位：万元）"] = num(0.03)
	odd.Tables.Three["三.三.2"]["科研机构"] = Cell{State: Blank}
	odd.Tables.Four["行政诉讼/复议后起诉"]["尚未审结"] = Cell{State: Blank}
	return map[string]*Report{
		"seed-2019":     readFile(t, seedReportPath),
		"clean-2021":    clean,
		"states-2021":   odd,
		"county-2022":   readFile(t, "testdata/variants/county-dept-2022.txt"),
		"township-2020": readFile(t, "testdata/variants/township-2020-errors.txt"),
	}
}

func TestRenderTextGoldenAndRoundTrip(t *testing.T) {
	for name, want := range roundTripCases(t) {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := RenderText(&buf, want); err != nil {
				t.Fatal(err)
			}
			golden(t, name+".txt", buf.Bytes())
			got, err := Read(name+".txt", buf.Bytes())
			if err != nil {
				t.Fatal(err)
			}
			sameModel(t, want, got)
			for _, f := range got.Findings {
				t.Errorf("rendered text reads with finding %s: %s", f.Rule, f.Message)
			}
		})
	}
}

// TestRenderTextUnitsInCells: rows with different units keep them in
// the cells.
func TestRenderTextUnitsInCells(t *testing.T) {
	r := readFile(t, seedReportPath)
	if r.Units["政府集中采购/采购总金额"] != "万元" {
		t.Fatalf("seed unit = %q, want 万元", r.Units["政府集中采购/采购总金额"])
	}
	r.Units["政府集中采购/采购总金额"] = "元"
	var buf bytes.Buffer
	if err := RenderText(&buf, r); err != nil {
		t.Fatal(err)
	}
	got, err := Read("units.txt", buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if got.Units["政府集中采购/采购总金额"] != "元" {
		t.Errorf("unit after round trip = %q, want 元", got.Units["政府集中采购/采购总金额"])
	}
}
