package annualreport

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
)

// fixtureCase is a NAME.expected.json of testdata/fixtures.
type fixtureCase struct {
	name        string
	want        *Report
	expectRules []string
	forbidRules []string
}

func loadFixture(t testing.TB, name string) fixtureCase {
	t.Helper()
	return loadExpected(t, filepath.Join("testdata", "fixtures", name+".expected.json"))
}

func loadExpected(t testing.TB, path string) fixtureCase {
	t.Helper()
	name := strings.TrimSuffix(filepath.Base(path), ".expected.json")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want, err := DecodeJSON(data)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	var rules struct {
		Expect []string `json:"expect_rules"`
		Forbid []string `json:"forbid_rules"`
	}
	if err := json.Unmarshal(data, &rules); err != nil {
		t.Fatal(err)
	}
	return fixtureCase{name: name, want: want, expectRules: rules.Expect, forbidRules: rules.Forbid}
}

// seedReportPath is the seed report, the township's 2021 report as it
// was published: the copy the demo embeds (internal/demo), the only one.
// A test here cannot import the demo (it imports this package), so it
// reads the file.
const seedReportPath = "../demo/wucheng-2021-annual-report.txt"

func readFile(t testing.TB, path string) *Report {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	r, err := Read(filepath.Base(path), data)
	if err != nil {
		t.Fatalf("Read(%s): %v", path, err)
	}
	return r
}

// TestFixtures: reading each fixture gives the expected model and the
// expected rules, and none of the forbidden ones.
func TestFixtures(t *testing.T) {
	// Every NAME.expected.json of testdata/fixtures and testdata/variants
	// with each NAME.txt / NAME.html beside it; the seed (the demo's
	// copy) and the clean example's HTML are kept once, in their own
	// folders.
	type pair struct{ expected, file string }
	files := []pair{
		{"testdata/fixtures/seed-wucheng-2021.expected.json", seedReportPath},
		{"testdata/fixtures/example-2023-clean.expected.json", "testdata/html/example-2023-clean.html"},
	}
	for _, dir := range []string{"fixtures", "variants"} {
		exp, _ := filepath.Glob(filepath.Join("testdata", dir, "*.expected.json"))
		for _, e := range exp {
			for _, ext := range []string{".txt", ".html"} {
				f := strings.TrimSuffix(e, ".expected.json") + ext
				if _, err := os.Stat(f); err == nil {
					files = append(files, pair{e, f})
				}
			}
		}
	}
	if len(files) < 5 { // the same five files as before the duplicates went
		t.Fatalf("only %d fixture files found", len(files))
	}
	for _, tc := range files {
		t.Run(filepath.Base(tc.file), func(t *testing.T) {
			fx := loadExpected(t, tc.expected)
			got := readFile(t, tc.file)
			if got.Org != fx.want.Org || got.Year != fx.want.Year || got.Format != fx.want.Format || got.Title != fx.want.Title {
				t.Errorf("org/year/format/title = %q %d %q %q, want %q %d %q %q",
					got.Org, got.Year, got.Format, got.Title, fx.want.Org, fx.want.Year, fx.want.Format, fx.want.Title)
			}
			diffTables(t, fx.want.Tables, got.Tables)
			if len(fx.want.Units) > 0 && !equalMaps(fx.want.Units, got.Units) {
				t.Errorf("units = %v, want %v", got.Units, fx.want.Units)
			}
			findings := Lint(got, nil, Options{})
			rules := ruleSet(findings)
			for _, r := range fx.expectRules {
				if !rules[r] {
					t.Errorf("rule %s not reported; findings:\n%s", r, dumpFindings(findings))
				}
			}
			for _, r := range fx.forbidRules {
				if rules[r] {
					t.Errorf("rule %s reported:\n%s", r, dumpFindings(findings))
				}
			}
		})
	}
}

func ruleSet(fs []Finding) map[string]bool {
	m := map[string]bool{}
	for _, f := range fs {
		m[f.Rule] = true
	}
	return m
}

func dumpFindings(fs []Finding) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString("  " + f.Rule + " [" + f.Section + "/" + f.Row + "/" + f.Column + "] " + f.Message + "\n")
	}
	return b.String()
}

// diffTables reports every cell that differs.
func diffTables(t *testing.T, want, got Tables) {
	t.Helper()
	for _, tb := range []struct {
		name      string
		want, got map[string]map[string]Cell
	}{{"二", want.Two, got.Two}, {"三", want.Three, got.Three}, {"四", want.Four, got.Four}} {
		if reflect.DeepEqual(tb.want, tb.got) {
			continue
		}
		keys := map[string]bool{}
		for k := range tb.want {
			keys[k] = true
		}
		for k := range tb.got {
			keys[k] = true
		}
		var ks []string
		for k := range keys {
			ks = append(ks, k)
		}
		sort.Strings(ks)
		for _, k := range ks {
			if !reflect.DeepEqual(tb.want[k], tb.got[k]) {
				t.Errorf("table %s row %s: got %v, want %v", tb.name, k, tb.got[k], tb.want[k])
			}
		}
	}
}

// TestSeedExactlyTheRealDefects: the seed has four defects and the lint
// must report exactly those, nothing false.
func TestSeedExactlyTheRealDefects(t *testing.T) {
	r := readFile(t, seedReportPath)
	fs := Lint(r, nil, Options{})
	var got []string
	for _, f := range fs {
		got = append(got, f.Rule)
	}
	sort.Strings(got)
	want := []string{RuleFeeNotReported, RuleFormatMismatch, RuleUnknownLabel, RuleYearMismatch}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("seed findings = %v, want %v:\n%s", got, want, dumpFindings(fs))
	}
	if r.Units["政府集中采购/采购总金额"] != "万元" {
		t.Errorf("采购总金额 unit = %q, want 万元", r.Units["政府集中采购/采购总金额"])
	}
}

// TestSeedVariants: the seed report corrected step by step.
func TestSeedVariants(t *testing.T) {
	data, err := os.ReadFile(seedReportPath)
	if err != nil {
		t.Fatal(err)
	}
	seed := string(data)
	as2020 := strings.Replace(seed, "吴城镇人民政府2021年", "吴城镇人民政府2020年", 1)
	fixed := strings.Replace(as2020, "信息内容 | 本年新 | 本年新 |", "信息内容 | 本年新制作数量 | 本年新公开数量 |", 1)
	for _, tc := range []struct {
		name  string
		doc   string
		rules []string
		check func(t *testing.T, r *Report)
	}{
		{name: "a 2020 report in the trial format", doc: as2020, rules: []string{RuleUnknownLabel}},
		{name: "headers complete", doc: fixed},
		{name: "unit in the cell, negative 本年增/减", doc: strings.NewReplacer(
			"采购总金额(单位:万元)", "采购总金额",
			"政府集中采购 | 1 | 60 |", "政府集中采购 | 1 | 60万元 |",
			"行政许可 | 0 | 0 | 0 |", "行政许可 | 5 | -2 | 3 |").Replace(fixed),
			check: func(t *testing.T, r *Report) {
				if r.Units["政府集中采购/采购总金额"] != "万元" || r.Tables.Two["政府集中采购"]["采购总金额"] != num(60) {
					t.Errorf("采购总金额 = %v %q", r.Tables.Two["政府集中采购"]["采购总金额"], r.Units["政府集中采购/采购总金额"])
				}
				if r.Tables.Two["行政许可"]["本年增/减"] != num(-2) {
					t.Errorf("本年增/减 = %v", r.Tables.Two["行政许可"]["本年增/减"])
				}
			}},
		{name: "a negative count", doc: strings.Replace(fixed, "行政处罚 | 0 | 0 | 0 |", "行政处罚 | 0 | 0 | -1 |", 1), rules: []string{RuleBadValue}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.doc == seed {
				t.Fatal("variant did not change the seed")
			}
			r, err := Read("seed.txt", []byte(tc.doc))
			if err != nil {
				t.Fatal(err)
			}
			if r.Format != "2019" {
				t.Errorf("format = %q", r.Format)
			}
			fs := Lint(r, nil, Options{})
			var got []string
			for _, f := range fs {
				got = append(got, f.Rule)
			}
			if strings.Join(got, ",") != strings.Join(tc.rules, ",") {
				t.Errorf("rules = %v, want %v:\n%s", got, tc.rules, dumpFindings(fs))
			}
			if tc.check != nil {
				tc.check(t, r)
			}
		})
	}
}
