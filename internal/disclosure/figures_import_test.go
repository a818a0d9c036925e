package disclosure

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/annualreport"
)

var figTarget = FigureTarget{Year: 2023, BodyName: "某县人民政府", BodyCode: "11340000000000000X"}

func figRows(data ...[]string) [][]string {
	return append([][]string{{"年度", "单位", "项目", "指标", "数值"}}, data...)
}

func TestParseFigures(t *testing.T) {
	const fee = "本年收费金额（单位：万元）"
	cases := []struct {
		name   string
		target FigureTarget
		rows   [][]string
		want   map[string]map[string]annualreport.Cell // nil: errors expected
		errRow int                                     // row of the first error
		errHas string
	}{
		{"counts and fee", figTarget, figRows(
			[]string{"2023", "某县人民政府", "行政许可", "本年处理决定数量", "1,204"},
			[]string{"2023", "", " 行政事业性收费", "本年收费金额(单位:万元)", "12.35"},
			[]string{"", "11340000000000000X", "行政强制", "本年处理决定数量", "／"},
			[]string{"", "", "", "", ""},
			[]string{"2023", "", "行政处罚", "本年处理决定数量", ""}),
			map[string]map[string]annualreport.Cell{
				"行政许可":    {"本年处理决定数量": {State: annualreport.Value, Num: 1204}},
				"行政事业性收费": {fee: {State: annualreport.Value, Num: 12.35}},
				"行政强制":    {"本年处理决定数量": {State: annualreport.NotApplicable}},
				"行政处罚":    {"本年处理决定数量": {State: annualreport.Blank}},
			}, 0, ""},
		{"title lines and no optional columns", figTarget, [][]string{{"2023年度表二数据"}, {"项目", "指标", "数值"}, {"行政许可", "本年处理决定数量", "3"}},
			map[string]map[string]annualreport.Cell{"行政许可": {"本年处理决定数量": {State: annualreport.Value, Num: 3}}}, 0, ""},
		{"2019 signed column by variant", FigureTarget{Year: 2020, BodyName: "x"}, figRows([]string{"2020", "", "行政处罚", "本年增减", "-4"}),
			map[string]map[string]annualreport.Cell{"行政处罚": {"本年增/减": {State: annualreport.Value, Num: -4}}}, 0, ""},
		{"unknown row", figTarget, figRows([]string{"2023", "", "行政许可", "本年处理决定数量", "1"}, []string{"2023", "", "行政确认", "本年处理决定数量", "1"}), nil, 3, "行政确认"},
		{"column of another format", figTarget, figRows([]string{"2023", "", "行政许可", "处理决定数量", "1"}), nil, 2, "处理决定数量"},
		{"document row refused", figTarget, figRows([]string{"2023", "", "规范性文件", "本年制发件数", "5"}), nil, 2, "文件及其有效性记录统计"},
		{"negative count", figTarget, figRows([]string{"2023", "", "行政许可", "本年处理决定数量", "-1"}), nil, 2, "非负整数"},
		{"fractional count", figTarget, figRows([]string{"2023", "", "行政许可", "本年处理决定数量", "1.5"}), nil, 2, "非负整数"},
		{"negative fee", figTarget, figRows([]string{"2023", "", "行政事业性收费", fee, "-2"}), nil, 2, "非负金额"},
		{"text value", figTarget, figRows([]string{"2023", "", "行政许可", "本年处理决定数量", "若干"}), nil, 2, "若干"},
		{"other year", figTarget, figRows([]string{"2022", "", "行政许可", "本年处理决定数量", "1"}), nil, 2, "2023 年度"},
		{"other body", figTarget, figRows([]string{"2023", "某镇人民政府", "行政许可", "本年处理决定数量", "1"}), nil, 2, "某镇人民政府"},
		{"duplicate", figTarget, figRows([]string{"2023", "", "行政许可", "本年处理决定数量", "1"}, []string{"2023", "", "行政许可", "本年处理决定数量", "2"}), nil, 3, "第 2 行重复"},
		{"no header", figTarget, [][]string{{"行政许可", "1"}}, nil, 0, "表头"},
		{"no data", figTarget, figRows(), nil, 0, "没有数据行"},
		{"year without format", FigureTarget{Year: 2018}, figRows(), nil, 0, "2018"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fig, errs := ParseFigures(c.rows, c.target)
			got := fig.Cells
			if c.want == nil {
				if len(errs) == 0 || got != nil {
					t.Fatalf("got %v, want errors", got)
				}
				if errs[0].Row != c.errRow || !strings.Contains(errs[0].Error(), c.errHas) {
					t.Errorf("first error %q (row %d), want row %d containing %q", errs[0].Error(), errs[0].Row, c.errRow, c.errHas)
				}
				return
			}
			if len(errs) > 0 {
				t.Fatalf("errors: %v", errs)
			}
			if len(got) != len(c.want) {
				t.Errorf("got %v, want %v", got, c.want)
			}
			for r, cols := range c.want {
				for col, cell := range cols {
					if g, ok := got[r][col]; !ok || g.State != cell.State || g.Num != cell.Num {
						t.Errorf("%s / %s = %+v (%v), want %+v", r, col, g, ok, cell)
					}
				}
			}
		})
	}
}

// TestParseFiguresUnits: an amount of a column whose format gives no
// unit (2019 采购总金额) carries 万元 or 元 after the figure, in any
// width and spacing; without one, or with one on any other column, the
// row is refused by its number.
func TestParseFiguresUnits(t *testing.T) {
	y2020 := FigureTarget{Year: 2020, BodyName: "某县人民政府"}
	const buy, total, count = "政府集中采购", "采购总金额", "采购项目数量"
	cases := []struct {
		name   string
		target FigureTarget
		value  string
		col    string
		want   annualreport.Cell
		unit   string
		errHas string // "" when the row is accepted
	}{
		{"万元 suffix", y2020, "12.5万元", total, annualreport.Cell{State: annualreport.Value, Num: 12.5}, "万元", ""},
		{"元 with a space", y2020, "125000 元", total, annualreport.Cell{State: annualreport.Value, Num: 125000}, "元", ""},
		{"thousands separator", y2020, "1,250,000元", total, annualreport.Cell{State: annualreport.Value, Num: 1250000}, "元", ""},
		{"full-width digits", y2020, "１２.５万元", total, annualreport.Cell{State: annualreport.Value, Num: 12.5}, "万元", ""},
		{"full-width digits and space", y2020, "３０　万元", total, annualreport.Cell{State: annualreport.Value, Num: 30}, "万元", ""},
		{"zero", y2020, "0元", total, annualreport.Cell{State: annualreport.Value, Num: 0}, "元", ""},
		{"not applicable", y2020, "/", total, annualreport.Cell{State: annualreport.NotApplicable}, "", ""},
		{"blank clears", y2020, "", total, annualreport.Cell{State: annualreport.Blank}, "", ""},
		{"label with the template's note", y2020, "8万元", total + "（填写时注明万元或元）", annualreport.Cell{State: annualreport.Value, Num: 8}, "万元", ""},
		{"count beside it unchanged", y2020, "3", count, annualreport.Cell{State: annualreport.Value, Num: 3}, "", ""},
		{"missing unit", y2020, "12.5", total, annualreport.Cell{}, "", "第 2 行：“政府集中采购 / 采购总金额”请注明金额单位：万元或元"},
		{"full-width number without unit", y2020, "１２.５", total, annualreport.Cell{}, "", "请注明金额单位"},
		{"unit without amount", y2020, "万元", total, annualreport.Cell{}, "", "并注明单位"},
		{"negative amount", y2020, "-3万元", total, annualreport.Cell{}, "", "非负金额"},
		{"other unit", y2020, "12.5美元", total, annualreport.Cell{}, "", "非负金额"},
		{"unit on a count", y2020, "3元", count, annualreport.Cell{}, "", "第 2 行：“政府集中采购 / 采购项目数量”只填数字，不写单位“元”"},
		{"unit on the 2021 fee", figTarget, "0.36万元", "本年收费金额（单位：万元）", annualreport.Cell{}, "", "不写单位“万元”"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			row := buy
			if c.target.Year != 2020 {
				row = "行政事业性收费"
			}
			fig, errs := ParseFigures(figRows([]string{strconv.Itoa(c.target.Year), "", row, c.col, c.value}), c.target)
			if c.errHas != "" {
				if len(errs) != 1 || fig.Cells != nil || !strings.Contains(errs[0].Error(), c.errHas) {
					t.Fatalf("got %v, errors %v; want one containing %q", fig, errs, c.errHas)
				}
				return
			}
			if len(errs) > 0 {
				t.Fatalf("errors: %v", errs)
			}
			var got annualreport.Cell
			for _, cols := range fig.Cells {
				for _, cell := range cols {
					got = cell
				}
			}
			var unit string
			for _, u := range fig.Units {
				unit = u
			}
			if got.State != c.want.State || got.Num != c.want.Num || unit != c.unit || len(fig.Units) > 1 {
				t.Errorf("cell %+v units %v; want %+v with %q", got, fig.Units, c.want, c.unit)
			}
			if c.unit != "" && fig.Units[UnitKey(buy, total)] != c.unit {
				t.Errorf("units %v: want %s/%s keyed", fig.Units, buy, total)
			}
			if err := fig.CheckUnits(c.target.Year); err != nil {
				t.Error(err)
			}
		})
	}
}

// TestParseFiguresAllErrors: every bad row is reported, not only the first.
func TestParseFiguresAllErrors(t *testing.T) {
	_, errs := ParseFigures(figRows(
		[]string{"2023", "", "规章", "本年制发件数", "1"},
		[]string{"2023", "", "行政许可", "本年处理决定数量", "2"},
		[]string{"2023", "", "行政许可x", "本年处理决定数量", "2"}), figTarget)
	if len(errs) != 2 || errs[0].Row != 2 || errs[1].Row != 4 {
		t.Errorf("errors = %v, want rows 2 and 4", errs)
	}
}

func TestReadFiguresCSV(t *testing.T) {
	want := "行政许可"
	for name, data := range map[string][]byte{
		"utf8":     []byte("项目,指标,数值\n行政许可,本年处理决定数量,3\n"),
		"utf8 bom": []byte("\xef\xbb\xbf项目,指标,数值\n行政许可,本年处理决定数量,3\n"),
		// 行政许可 in GBK.
		"gbk": append([]byte("a,b,c\n\xd0\xd0\xd5\xfe\xd0\xed\xbf\xc9"), ",x,3\n"...),
	} {
		rows, err := ReadFiguresCSV(bytes.NewReader(data))
		if err != nil || len(rows) != 2 || rows[1][0] != want {
			t.Errorf("%s: rows %q, err %v", name, rows, err)
		}
	}
}

// TestFiguresTemplateRoundTrip: the template lists exactly the entered
// cells of the year's format and reads back as they were entered, an
// amount of the 2019 format with its unit.
func TestFiguresTemplateRoundTrip(t *testing.T) {
	for _, year := range []int{2020, 2023} {
		entered := Figures{Cells: map[string]map[string]annualreport.Cell{"行政处罚": {}}, Units: map[string]string{}}
		f := annualreport.FormatForYear(year)
		col := f.Two[2].Columns[len(f.Two[2].Columns)-1].Label
		entered.Cells["行政处罚"][col] = annualreport.Cell{State: annualreport.Value, Num: 7}
		if year == 2020 {
			entered.Cells["政府集中采购"] = map[string]annualreport.Cell{"采购总金额": {State: annualreport.Value, Num: 1234.56}}
			entered.Units[UnitKey("政府集中采购", "采购总金额")] = "元"
		}
		var buf bytes.Buffer
		if err := WriteFiguresTemplate(&buf, year, "某县人民政府", entered); err != nil {
			t.Fatal(err)
		}
		rows, err := ReadFiguresXLSX(&buf)
		if err != nil {
			t.Fatal(err)
		}
		if year == 2020 && !strings.Contains(fmt.Sprint(rows), "采购总金额（填写时注明万元或元） 1234.56元") {
			t.Errorf("2020 template rows: %v", rows)
		}
		fig, errs := ParseFigures(rows, FigureTarget{Year: year, BodyName: "某县人民政府"})
		if len(errs) > 0 {
			t.Fatalf("%d: %v", year, errs)
		}
		got := fig.Cells
		if fmt.Sprint(fig.Units) != fmt.Sprint(entered.Units) {
			t.Errorf("%d: units read back as %v, want %v", year, fig.Units, entered.Units)
		}
		n := 0
		for _, st := range f.Two {
			for _, r := range st.Rows {
				for _, c := range st.Columns {
					_, listed := got[r.Label][c.Label]
					if listed == FromDocuments(r, c) {
						t.Errorf("%d: %s / %s listed=%v", year, r.Label, c.Label, listed)
					}
					if listed {
						n++
					}
				}
			}
		}
		if n == 0 || got["行政处罚"][col].Num != 7 || got["行政许可"][f.Two[1].Columns[0].Label].State != annualreport.Blank {
			t.Errorf("%d: template read back as %v", year, got)
		}
	}
}

func FuzzParseFigures(f *testing.F) {
	f.Add("项目,指标,数值\n行政许可,本年处理决定数量,3\n")
	f.Add("年度,单位,项目,指标,数值\n2023,,行政事业性收费,本年收费金额（单位：万元）,1e3\n")
	f.Add("项目,指标,数值\n规章,本年制发件数,/\n,,\n")
	f.Add("项目,指标,数值\n政府集中采购,采购总金额（填写时注明万元或元）,１２.５ 万元\n政府集中采购,采购项目数量,3元\n")
	f.Fuzz(func(t *testing.T, s string) {
		rows, err := ReadFiguresCSV(strings.NewReader(s))
		if err != nil {
			return
		}
		// 2023 has no amount that carries its unit; 2020 has 采购总金额.
		for _, target := range []FigureTarget{figTarget, {Year: 2020, BodyName: "某县人民政府"}} {
			fig, errs := ParseFigures(rows, target)
			cells := fig.Cells
			if (cells == nil) == (len(errs) == 0) {
				t.Fatalf("cells %v and errors %v", cells, errs)
			}
			for _, e := range errs {
				if e.Row < 0 || e.Row > len(rows) {
					t.Fatalf("error row %d outside 0..%d", e.Row, len(rows))
				}
			}
			for r, cols := range cells {
				for c, cell := range cols {
					if cell.State == annualreport.Value && cell.Num < 0 && !strings.Contains(c, "增") {
						t.Fatalf("%s / %s negative: %v", r, c, cell.Num)
					}
				}
			}
			if err := fig.CheckUnits(target.Year); err != nil {
				t.Fatalf("units the store would refuse: %v", err)
			}
			if c := cells["政府集中采购"]["采购总金额"]; c.State == annualreport.Value && fig.Units["政府集中采购/采购总金额"] == "" {
				t.Fatalf("采购总金额 %v without a unit", c.Num)
			}
		}
	})
}
