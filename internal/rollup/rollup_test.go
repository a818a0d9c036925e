package rollup

import (
	"testing"

	"github.com/gongkai/gongkai/internal/annualreport"
)

type cells = map[string]map[string]annualreport.Cell

func val(v float64) annualreport.Cell { return annualreport.Cell{State: annualreport.Value, Num: v} }

var na = annualreport.Cell{State: annualreport.NotApplicable}

func TestSumAddsCellsAndConvertsYuan(t *testing.T) {
	f2019 := annualreport.FormatForYear(2020)
	f2021 := annualreport.FormatForYear(2023)
	a := Part{Tables: annualreport.Tables{
		Three: cells{"一": {"自然人": val(3), "总计": val(3)}},
		Four:  cells{"行政复议": {"结果纠正": val(1)}},
		Two:   cells{"行政许可": {"本年处理决定数量": val(10)}},
	}}
	b := Part{Tables: annualreport.Tables{
		Three: cells{"一": {"自然人": val(2), "总计": val(2)}, "不存在的行": {"自然人": val(9)}},
		Two:   cells{"行政许可": {"本年处理决定数量": na}, "行政处罚": {"本年处理决定数量": na}},
	}}
	c := Part{Tables: annualreport.Tables{Two: cells{"行政处罚": {"本年处理决定数量": na}}}}
	sum, _, skipped := Sum(f2021, []Part{a, b})
	tests := []struct {
		name      string
		got, want annualreport.Cell
	}{
		{"values add", sum.Three["一"]["自然人"], val(5)},
		{"total adds", sum.Three["一"]["总计"], val(5)},
		{"one part's value wins over another's /", sum.Two["行政许可"]["本年处理决定数量"], val(10)},
		{"a cell nobody filled is blank", sum.Three["三.一"]["自然人"], annualreport.Cell{}},
		{"table 四", sum.Four["行政复议"]["结果纠正"], val(1)},
	}
	for _, tc := range tests {
		if tc.got != tc.want {
			t.Errorf("%s: got %+v, want %+v", tc.name, tc.got, tc.want)
		}
	}
	if skipped != 1 {
		t.Errorf("skipped = %d, want 1 (a row outside the format)", skipped)
	}
	all, _, _ := Sum(f2021, []Part{c})
	if got := all.Two["行政处罚"]["本年处理决定数量"]; got != na {
		t.Errorf("a cell every part marks / = %+v, want /", got)
	}

	// 2019 采购总金额 carries its unit in the report: 元 becomes 万元.
	var row, col string
	for _, st := range f2019.Two {
		for _, cl := range st.Columns {
			if cl.UnitFromReport {
				row, col = st.Rows[0].Label, cl.Label
			}
		}
	}
	if row == "" {
		t.Fatal("the 2019 format has no amount with a unit from the report")
	}
	yuan := Part{Tables: annualreport.Tables{Two: cells{row: {col: val(60000)}}}, Units: map[string]string{row + "/" + col: "元"}}
	wan := Part{Tables: annualreport.Tables{Two: cells{row: {col: val(1.5)}}}, Units: map[string]string{row + "/" + col: "万元"}}
	sum19, units, _ := Sum(f2019, []Part{yuan, wan})
	if got := sum19.Two[row][col]; got != val(7.5) || units[row+"/"+col] != Unit {
		t.Errorf("2019 amount: %+v %q, want 7.5 万元", got, units[row+"/"+col])
	}
}

func TestHeadlineOutcomesAndCompare(t *testing.T) {
	f := annualreport.FormatForYear(2023)
	tb := annualreport.Tables{
		Three: cells{"一": {"总计": val(10)}, "三.一": {"总计": val(4)}, "三.三.1": {"总计": val(1)}, "三.三.4": {"总计": val(2)}, "三.七": {"总计": val(7)}},
		Four:  cells{"行政诉讼/复议后起诉": {"总计": val(2), "结果纠正": val(1)}, "行政诉讼/未经复议直接起诉": {"总计": val(1)}},
	}
	h := Headline(f, tb, 6)
	want := map[string]float64{"本年新收申请": 10, "本年办结": 7, "其中予以公开": 4, "按期答复": 6, "行政诉讼": 3, "行政诉讼结果纠正": 1}
	for _, fig := range h {
		if w, ok := want[fig.Label]; ok && fig.Value != w {
			t.Errorf("%s = %v, want %v", fig.Label, fig.Value, w)
		}
	}
	out := Outcomes(f, tb)
	if len(out) != 6 || out[0].Label != "予以公开" || out[2].Label != "不予公开" || out[2].Value != 3 {
		t.Errorf("outcomes = %+v", out)
	}
	prev := []Figure{{"本年新收申请", 8}, {"上年结转申请", 0}}
	cmp := Compare([]Figure{{"本年新收申请", 10}, {"上年结转申请", 2}}, prev)
	if cmp[0].Change != 2 || !cmp[0].HasPercent || cmp[0].Percent != 25 {
		t.Errorf("compare = %+v", cmp[0])
	}
	if cmp[1].HasPercent {
		t.Errorf("a change from 0 has no percentage: %+v", cmp[1])
	}
	if got := ShortLabel("（二）部分公开（区分处理的，只计这一情形，不计其他情形）"); got != "部分公开" {
		t.Errorf("ShortLabel = %q", got)
	}
}
