package disclosure

import (
	"bytes"
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
			got, errs := ParseFigures(c.rows, c.target)
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
// cells of the year's format and reads back as they were entered.
func TestFiguresTemplateRoundTrip(t *testing.T) {
	for _, year := range []int{2020, 2023} {
		entered := map[string]map[string]annualreport.Cell{"行政处罚": {}}
		f := annualreport.FormatForYear(year)
		col := f.Two[2].Columns[len(f.Two[2].Columns)-1].Label
		entered["行政处罚"][col] = annualreport.Cell{State: annualreport.Value, Num: 7}
		var buf bytes.Buffer
		if err := WriteFiguresTemplate(&buf, year, "某县人民政府", entered); err != nil {
			t.Fatal(err)
		}
		rows, err := ReadFiguresXLSX(&buf)
		if err != nil {
			t.Fatal(err)
		}
		got, errs := ParseFigures(rows, FigureTarget{Year: year, BodyName: "某县人民政府"})
		if len(errs) > 0 {
			t.Fatalf("%d: %v", year, errs)
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
	f.Fuzz(func(t *testing.T, s string) {
		rows, err := ReadFiguresCSV(strings.NewReader(s))
		if err != nil {
			return
		}
		cells, errs := ParseFigures(rows, figTarget)
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
	})
}
