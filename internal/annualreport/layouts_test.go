package annualreport

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// TestLayoutVariantsReadBack is the layout property test: one report
// model rendered through every generated layout variant reads back to the
// same model (header, sections, every table cell in its state) with no
// reading findings.
func TestLayoutVariantsReadBack(t *testing.T) {
	// qingshi has blank and "/" cells, which spaced columns cannot show.
	for _, src := range []string{"html/example-2023-clean.html", "html/beishan-2020-trial.html", "html/qingshi-2022-gbk-chrome.html"} {
		want := interpretFile(t, filepath.Join("testdata", src))
		type variant struct {
			name   string
			render func() []byte
			read   func([]byte) (Document, error)
		}
		var variants []variant
		for _, v := range pdfVariants {
			variants = append(variants, variant{"pdf-" + v.name, func() []byte { return renderLayoutPDF(want, v) }, readPDF})
		}
		variants = append(variants, variant{"text-cell-per-line", func() []byte { return textLayout(want, cellPerLine) }, readText})
		if !strings.Contains(src, "qingshi") {
			variants = append(variants, variant{"text-spaced-columns", func() []byte { return textLayout(want, spacedColumns) }, readText})
		}
		for _, v := range variants {
			t.Run(filepath.Base(src)+"/"+v.name, func(t *testing.T) {
				data := v.render()
				if os.Getenv("GONGKAI_WRITE_LAYOUTS") != "" {
					// To look at a fixture: GONGKAI_WRITE_LAYOUTS=1 go test -run TestLayoutVariants
					os.WriteFile(filepath.Join(os.TempDir(), filepath.Base(src)+"-"+v.name), data, 0o644)
				}
				doc, err := v.read(data)
				if err != nil {
					t.Fatal(err)
				}
				got, err := Interpret(doc)
				if err != nil {
					t.Fatal(err)
				}
				sameReading(t, want, got)
			})
		}
	}
}

// sameReading is sameModel with no reading findings allowed.
func sameReading(t *testing.T, want, got *Report) {
	t.Helper()
	sameModel(t, want, got)
	for _, f := range got.Findings {
		t.Errorf("reads with finding %s: %s", f.Rule, f.Message)
	}
}

// TestTwoFiguresNeverOneNumber: figures a missing rule leaves in one cell
// ("13" and "4", 17.5 pt apart) are kept as an unreadable cell for
// bad-value, never read as 134.
func TestTwoFiguresNeverOneNumber(t *testing.T) {
	for _, raw := range []string{"13 4", "13  4", "0 0 0"} {
		if c, _ := parseCell(raw, Column{}); c.State == Value || c.Raw == "" {
			t.Errorf("parseCell(%q) = %+v, want an unreadable cell", raw, c)
		}
	}
	if c, _ := parseCell("1,234", Column{}); c != rdNum(1234) {
		t.Errorf("parseCell(1,234) = %+v", c)
	}
}

// TestYearFromText: a title without a year takes it from the statement of
// the reporting period, else from a paragraph opening with the year; a
// title with a year wins over the text.
func TestYearFromText(t *testing.T) {
	base, err := os.ReadFile("testdata/fixtures/example-2023-clean.txt")
	if err != nil {
		t.Fatal(err)
	}
	const title = "宛城区人民政府办公室2023年政府信息公开工作年度报告"
	const period = "所列数据统计期限为2023年1月1日至2023年12月31日"
	tests := []struct {
		name, title, period, opening string
		want                         int
	}{
		{"period 自…起至…止", "宛城区人民政府办公室政府信息公开工作年度报告", "所列数据统计期限自2022年1月1日起至2022年12月31日止", "2023年，", 2022},
		{"opening paragraph", "宛城区人民政府办公室政府信息公开工作年度报告", "特此报告", "2021年，", 2021},
		{"title wins", title, "所列数据统计期限自2022年1月1日起至2022年12月31日止", "2021年，", 2023},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := strings.Replace(string(base), title, tc.title, 1)
			s = strings.Replace(s, period, tc.period, 1)
			s = strings.Replace(s, "2023年，区政府办公室", tc.opening+"区政府办公室", 1)
			r, err := Read("year.txt", []byte(s))
			if err != nil {
				t.Fatal(err)
			}
			if r.Year != tc.want || r.Org != "宛城区人民政府办公室" || r.Title != tc.title {
				t.Errorf("year %d org %q title %q, want %d", r.Year, r.Org, r.Title, tc.want)
			}
		})
	}
}

// TestTableSources: the JSON tells per table which reader read it, from
// which PDF pages, by grid or by text heuristics, and how sure it is.
func TestTableSources(t *testing.T) {
	want := interpretFile(t, filepath.Join("testdata", "html", "example-2023-clean.html"))
	r, err := Read("ruled.pdf", renderLayoutPDF(want, pdfVariants[2]))
	if err != nil {
		t.Fatal(err)
	}
	if got := r.Sources["三"]; got.Reader != "pdf" || !slices.Equal(got.Pages, []int{1, 2}) || got.Method != MethodGrid || got.Confidence != "high" {
		t.Errorf("三 source = %+v, want pdf pages 1,2 grid high", got)
	}
	if got := r.Sources["四"]; !slices.Equal(got.Pages, []int{2}) {
		t.Errorf("四 source = %+v, want page 2", got)
	}
	borderless, err := Read("borderless.pdf", renderLayoutPDF(want, pdfVariant{borderless: true, top: 780}))
	if err != nil {
		t.Fatal(err)
	}
	if got := borderless.Sources["四"]; got.Method != MethodHeuristic || got.Confidence == "high" {
		t.Errorf("borderless 四 source = %+v, want text-heuristic below high", got)
	}
	data, err := EncodeJSON(r)
	if err != nil {
		t.Fatal(err)
	}
	back, err := DecodeJSON(data)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back.Sources, r.Sources) {
		t.Errorf("sources after JSON = %+v, want %+v", back.Sources, r.Sources)
	}
	if !strings.Contains(string(data), `"method": "grid"`) {
		t.Errorf("JSON lacks the method:\n%s", data)
	}
}

// TestReadPDFFiguresUnderMissingRule: two figure cells whose dividing rule
// is missing read as the two figures in their columns, not as one cell.
func TestReadPDFFiguresUnderMissingRule(t *testing.T) {
	texts := []pdfTestText{
		{100, 740, 12, "一、总体情况"},
		{110, 680, 10, "信息内容"}, {260, 680, 10, "甲"}, {360, 680, 10, "乙"},
		{110, 645, 10, "行政许可"}, {332.5, 645, 10, "13"}, {360, 645, 10, "4"}, // 17.5 pt apart
	}
	var rules [][4]float64
	for _, y := range []float64{700, 670, 630} {
		rules = append(rules, [4]float64{100, y, 450, y})
	}
	rules = append(rules, [4]float64{100, 630, 100, 700}, [4]float64{250, 630, 250, 700}, [4]float64{450, 630, 450, 700})
	rules = append(rules, [4]float64{350, 670, 350, 700}) // the rule between 13 and 4 is missing
	doc, err := readPDF(cidPDF(texts, rules))
	if err != nil {
		t.Fatal(err)
	}
	var grid *Grid
	for _, b := range doc.Blocks {
		if b.Table != nil {
			grid = b.Table
		}
	}
	if grid == nil || len(grid.Rows) != 2 {
		t.Fatalf("blocks = %+v", doc.Blocks)
	}
	want := []GridCell{{"行政许可", true}, {"13", true}, {"4", true}}
	if !slices.Equal(grid.Rows[1], want) {
		t.Errorf("row = %+v, want %+v", grid.Rows[1], want)
	}
}
