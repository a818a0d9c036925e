package annualreport

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestJSONGoldenAndRoundTrip(t *testing.T) {
	for name, want := range roundTripCases(t) {
		t.Run(name, func(t *testing.T) {
			want.Findings = Lint(want, nil, Options{})
			data, err := EncodeJSON(want)
			if err != nil {
				t.Fatal(err)
			}
			golden(t, name+".json", append(data, '\n'))
			got, err := Read(name+".json", data)
			if err != nil {
				t.Fatal(err)
			}
			sameModel(t, want, got)
			if len(got.Findings) != len(want.Findings) {
				t.Errorf("findings: got %d, want %d", len(got.Findings), len(want.Findings))
			}
			// Re-encoding gives the same bytes.
			again, err := EncodeJSON(got)
			if err != nil {
				t.Fatal(err)
			}
			if string(again) != string(data) {
				t.Errorf("re-encoded JSON differs")
			}
			// Linting the decoded report adds nothing new.
			if n := len(Lint(got, nil, Options{})); n != len(want.Findings) {
				t.Errorf("lint after decode: %d findings, want %d", n, len(want.Findings))
			}
		})
	}
}

// TestJSONShape checks the contract's key shapes and the three cell
// states.
func TestJSONShape(t *testing.T) {
	r := cloneReport(cleanReport(t))
	r.Tables.Two["规章"]["本年制发件数"] = Cell{State: NotApplicable}
	r.Tables.Two["规章"]["本年废止件数"] = Cell{State: Blank}
	data, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	if m["schema"] != Schema || m["format"] != "2021" || m["year"].(float64) != 2023 {
		t.Errorf("header keys: %v %v %v", m["schema"], m["format"], m["year"])
	}
	tables := m["tables"].(map[string]any)
	two := tables["二"].(map[string]any)["规章"].(map[string]any)
	if two["本年制发件数"] != "/" || two["本年废止件数"] != nil || two["现行有效件数"].(float64) != 0 {
		t.Errorf("cell states: %v", two)
	}
	if _, ok := tables["三"].(map[string]any)["三.六.2"]; !ok {
		t.Errorf("table 三 not keyed by row id")
	}
	if _, ok := tables["四"].(map[string]any)["行政诉讼/复议后起诉"]; !ok {
		t.Errorf("table 四 not keyed by group")
	}
	if f, ok := m["findings"].([]any); !ok || len(f) != 0 {
		t.Errorf("findings = %v, want []", m["findings"])
	}
	// Keys in format order: 一 before 二 before 三.一.
	s := string(data)
	if strings.Index(s, `"一":{"自然人"`) > strings.Index(s, `"三.一":`) {
		t.Errorf("table 三 rows not in format order")
	}
}

func TestDecodeJSONErrors(t *testing.T) {
	for name, in := range map[string]string{
		"not json":   `{"schema": `,
		"schema":     `{"schema": "other/v1"}`,
		"bad cell":   `{"schema": "gongkai.annual-report/v1", "tables": {"三": {"一": {"自然人": true}}}}`,
		"bad date":   `{"schema": "gongkai.annual-report/v1", "published": "yesterday"}`,
		"cell array": `{"schema": "gongkai.annual-report/v1", "tables": {"四": {"行政复议": {"总计": [1]}}}}`,
	} {
		if _, err := DecodeJSON([]byte(in)); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}
