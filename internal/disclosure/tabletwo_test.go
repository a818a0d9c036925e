package disclosure

import (
	"testing"

	"github.com/gongkai/gongkai/internal/annualreport"
)

// docsAcrossYears: normative documents made in 2021 and 2022, one
// abolished in 2022, one amended (still in force), one withdrawn, and a
// 规章 made in 2022; plus an unrelated other-kind document.
func docsAcrossYears() []Document {
	pub := func(kind Kind, written, published string, hist ...ValidityEvent) Document {
		return Document{Kind: kind, State: StatePublished, Written: ptr(day(written)), Published: ptr(day(published)), Validity: hist}
	}
	ev := func(v Validity, at string) ValidityEvent { return ValidityEvent{Status: v, Effective: day(at)} }
	withdrawn := pub(KindNormative, "2021-02-01", "2021-02-03")
	withdrawn.State = StateWithdrawn
	return []Document{
		pub(KindNormative, "2021-03-01", "2021-03-05", ev(ValidityInForce, "2021-03-01"), ev(ValidityAbolished, "2022-06-30")),
		pub(KindNormative, "2021-04-01", "2021-04-02", ev(ValidityInForce, "2021-04-01"), ev(ValidityAmended, "2022-01-15")),
		pub(KindNormative, "2021-12-30", "2022-01-05", ev(ValidityInForce, "2021-12-30")), // made 2021, published 2022
		pub(KindNormative, "2022-05-01", "2022-05-06", ev(ValidityInForce, "2022-05-01")),
		pub(KindRule, "2022-07-01", "2022-07-02", ev(ValidityInForce, "2022-07-01")),
		pub(KindOther, "2022-07-01", "2022-07-02"),
		withdrawn,
	}
}

func num(t *testing.T, cells map[string]map[string]annualreport.Cell, row, col string) float64 {
	t.Helper()
	c, ok := cells[row][col]
	if !ok {
		t.Fatalf("cell %s/%s missing", row, col)
	}
	if c.State != annualreport.Value {
		t.Fatalf("cell %s/%s has state %d, want a value", row, col, c.State)
	}
	return c.Num
}

func TestTableTwo2021(t *testing.T) {
	docs := docsAcrossYears()
	f := annualreport.FormatForYear(2022)
	entered := map[string]map[string]annualreport.Cell{
		"行政许可": {"本年处理决定数量": {State: annualreport.Value, Num: 12}},
		"行政强制": {"本年处理决定数量": {State: annualreport.NotApplicable}},
	}
	cases := []struct {
		year                   int
		made, abolished, stock float64
		rules                  float64
	}{
		{2021, 3, 0, 3, 0},
		{2022, 1, 1, 3, 1},
	}
	tables := map[int]map[string]map[string]annualreport.Cell{}
	for _, c := range cases {
		cells := TableTwo(f, c.year, docs, entered)
		tables[c.year] = cells
		if got := num(t, cells, "行政规范性文件", "本年制发件数"); got != c.made {
			t.Errorf("%d 制发 = %v, want %v", c.year, got, c.made)
		}
		if got := num(t, cells, "行政规范性文件", "本年废止件数"); got != c.abolished {
			t.Errorf("%d 废止 = %v, want %v", c.year, got, c.abolished)
		}
		if got := num(t, cells, "行政规范性文件", "现行有效件数"); got != c.stock {
			t.Errorf("%d 现行有效 = %v, want %v", c.year, got, c.stock)
		}
		if got := num(t, cells, "规章", "现行有效件数"); got != c.rules {
			t.Errorf("%d 规章现行有效 = %v, want %v", c.year, got, c.rules)
		}
		if got := num(t, cells, "行政许可", "本年处理决定数量"); got != 12 {
			t.Errorf("%d 行政许可 = %v, want the entered 12", c.year, got)
		}
		if cells["行政强制"]["本年处理决定数量"].State != annualreport.NotApplicable {
			t.Errorf("%d 行政强制 not kept as “/”", c.year)
		}
		if cell := cells["行政处罚"]["本年处理决定数量"]; cell.State != annualreport.Blank {
			t.Errorf("%d 行政处罚 never entered but is %+v", c.year, cell)
		}
	}
	// annualreport's own stock rule must find nothing between the years.
	rep := func(y int) *annualreport.Report {
		return &annualreport.Report{Year: y, Format: f.ID, Tables: annualreport.Tables{Two: tables[y]}}
	}
	for _, fd := range annualreport.Check(rep(2022), rep(2021)) {
		if fd.Rule == annualreport.RuleStock {
			t.Errorf("stock rule fails on computed tables: %s", fd.Message)
		}
	}
}

func TestTableTwo2019(t *testing.T) {
	f := annualreport.FormatForYear(2020)
	if f.ID != "2019" {
		t.Fatalf("2020 uses format %s", f.ID)
	}
	cells := TableTwo(f, 2021, docsAcrossYears(), nil)
	// Row label in the 2019 format is 规范性文件.
	for col, want := range map[string]float64{"本年新制作数量": 3, "本年新公开数量": 2, "对外公开总数量": 2} {
		if got := num(t, cells, "规范性文件", col); got != want {
			t.Errorf("2019 format %s = %v, want %v", col, got, want)
		}
	}
	if _, ok := cells["政府集中采购"]["采购项目数量"]; !ok {
		t.Error("the 2019 format's 第二十条第（九）项 row is missing")
	}
	for _, st := range f.Two {
		for _, r := range st.Rows {
			for _, c := range st.Columns {
				if _, ok := cells[r.Label][c.Label]; !ok {
					t.Errorf("cell %s/%s missing", r.Label, c.Label)
				}
			}
		}
	}
}
