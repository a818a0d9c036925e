package annualreport

import (
	"os"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
)

func TestFormatForYear(t *testing.T) {
	for year, want := range map[int]string{2018: "", 2019: "2019", 2020: "2019", 2021: "2021", 2023: "2021", 2040: "2021"} {
		f := FormatForYear(year)
		got := ""
		if f != nil {
			got = f.ID
		}
		if got != want {
			t.Errorf("FormatForYear(%d) = %q, want %q", year, got, want)
		}
	}
}

func TestApplicantColumnsAndOutcomeRows(t *testing.T) {
	f := FormatByID("2021")
	want := []string{"自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"}
	if got := f.ApplicantColumns(); !reflect.DeepEqual(got, want) {
		t.Errorf("ApplicantColumns = %v", got)
	}
	rows := f.OutcomeRows()
	if len(rows) != 21 || rows[0].ID != "三.一" || rows[20].ID != "三.六.3" || rows[20].Parent != "三.六" {
		t.Errorf("2021 OutcomeRows: %d rows, first %v, last %v", len(rows), rows[0], rows[len(rows)-1])
	}
	old := FormatByID("2019").OutcomeRows()
	if len(old) != 19 || old[18].ID != "三.六" || old[18].Parent != "三" {
		t.Errorf("2019 OutcomeRows: %d rows, last %v", len(old), old[len(old)-1])
	}
	for _, r := range rows {
		if r.Group || r.Total || r.Label == "" {
			t.Errorf("outcome row %+v", r)
		}
	}
}

// TestFormatsAreData: a future revision is one more file. A copy of the
// 2021 format from 2031 on becomes the format of 2031 and ends nothing
// else; a broken file is refused with its name.
func TestFormatsAreData(t *testing.T) {
	data21, err := os.ReadFile("formats/2021.json")
	if err != nil {
		t.Fatal(err)
	}
	data19, err := os.ReadFile("formats/2019.json")
	if err != nil {
		t.Fatal(err)
	}
	next := strings.Replace(strings.Replace(string(data21), `"id": "2021"`, `"id": "2031"`, 1), `"from_year": 2021`, `"from_year": 2031`, 1)
	fsys := fstest.MapFS{
		"formats/2019.json": {Data: data19},
		"formats/2021.json": {Data: data21},
		"formats/2031.json": {Data: []byte(next)},
	}
	fs, err := loadFormats(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 3 || fs[2].ID != "2031" || fs[2].keys == nil {
		t.Fatalf("loaded %d formats", len(fs))
	}
	broken := fstest.MapFS{"formats/bad.json": {Data: []byte(strings.Replace(string(data21), `"三.七", "四"]`, `"三.八", "四"]`, 1))}}
	if _, err := loadFormats(broken); err == nil || !strings.Contains(err.Error(), "bad.json") {
		t.Errorf("broken relation: err = %v", err)
	}
}

// TestFormatRelationsCoverRows: every data row of table 三 is in a sum.
func TestFormatRelationsCoverRows(t *testing.T) {
	for _, f := range Formats() {
		in := map[string]bool{}
		for _, rel := range f.Relations {
			if rel.Sum == "rows" {
				for _, n := range append(append([]string{}, rel.Left...), rel.Right...) {
					in[n] = true
				}
			}
		}
		for _, r := range f.DataRows() {
			if !in[r.ID] {
				t.Errorf("format %s: row %s in no sum", f.ID, r.ID)
			}
		}
	}
}
