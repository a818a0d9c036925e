package svgchart

import (
	"encoding/xml"
	"flag"
	"html/template"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files")

var months = []string{"1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月"}

// charts are the golden cases: every kind of chart, with the shapes
// pages use and the edge cases (nothing to draw, long labels, markup in
// labels, decimals).
func charts() map[string]interface{ HTML() template.HTML } {
	return map[string]interface{ HTML() template.HTML }{
		"bars-grouped": Bars{Common: Common{ID: "by-month", Title: "各月新收申请", Unit: "件"}, CategoryLabel: "月份",
			Categories: months, Series: []Series{
				{Name: "2024年", Values: []float64{3, 5, 2, 8, 13, 4, 0, 6, 7, 9, 1, 2}},
				{Name: "2025年", Values: []float64{4, 6, 1, 9, 11, 5, 2, 7, 3, 10, 0, 120}},
			}},
		"bars-single": Bars{Common: Common{ID: "single", Title: "按期答复", Unit: "件"},
			Categories: []string{"按期", "逾期"}, Series: []Series{{Values: []float64{41, 2}}}},
		"bars-stacked": Bars{Common: Common{ID: "stacked", Title: "复议和诉讼结果", Unit: "件"}, Stacked: true,
			Categories: []string{"行政复议", "直接起诉", "复议后起诉"}, Series: []Series{
				{Name: "结果维持", Values: []float64{5, 2, 1}},
				{Name: "结果纠正", Values: []float64{1, 0, 0}},
				{Name: "其他结果", Values: []float64{0, 1, 0}},
				{Name: "尚未审结", Values: []float64{2, 1, 1}},
			}},
		"bars-horizontal": Bars{Common: Common{ID: "outcomes", Title: "办理结果", Unit: "件"}, Horizontal: true,
			Categories: []string{"予以公开", "部分公开（区分处理的，只计这一情形，不计其他情形）", "不予公开", "<b>无法提供</b>"},
			Series:     []Series{{Name: "上年", Values: []float64{10, 2, 1, 4}}, {Name: "本年", Values: []float64{12, 3, 0, 5}}}},
		"bars-horizontal-stacked": Bars{Common: Common{ID: "hstack", Title: "各单位申请", Unit: "件"}, Horizontal: true, Stacked: true,
			Categories: []string{"吴城镇人民政府", "桐柏县民政局"},
			Series:     []Series{{Name: "办结", Values: []float64{30, 4}}, {Name: "结转", Values: []float64{3, 0}}}},
		"bars-empty": Bars{Common: Common{Title: "没有数据"}, Categories: months,
			Series: []Series{{Name: "本年", Values: nil}}},
		"bars-decimal": Bars{Common: Common{ID: "fees", Title: "收费金额", Unit: "万元"},
			Categories: []string{"2023年", "2024年"}, Series: []Series{{Values: []float64{0.35, 1.2}}}},
		"lines-trend": Lines{Common: Common{ID: "trend", Title: "历年申请情况", Unit: "件"}, CategoryLabel: "年度",
			Categories: []string{"2019年", "2020年", "2021年", "2022年", "2023年", "2024年", "2025年"},
			Series: []Series{
				{Name: "新收申请", Values: []float64{120, 135, 160, 150, 171, 190, 240}},
				{Name: "办结", Values: []float64{110, 130, 158, 149, 165, 188, 230}},
			}},
		"lines-one": Lines{Common: Common{ID: "one", Title: "行政复议", Unit: "件"},
			Categories: []string{"2023年", "2024年", "2025年"}, Series: []Series{{Values: []float64{1, 0, 2}}}},
		"lines-single-point": Lines{Common: Common{ID: "point", Title: "一年", Unit: "件"},
			Categories: []string{"2025年"}, Series: []Series{{Values: []float64{7}}}},
		"shares": Shares{Common: Common{ID: "share", Title: "办理结果构成", Unit: "件"}, PartLabel: "办理结果",
			Parts: []Part{{"予以公开", 120}, {"部分公开", 30}, {"不予公开", 0}, {"无法提供", 40}, {"不予处理", 5}, {"其他处理", 5}}},
		"shares-empty": Shares{Common: Common{ID: "none", Title: "没有办结的申请", Unit: "件"},
			Parts: []Part{{"予以公开", 0}, {"部分公开", 0}}},
	}
}

func TestGolden(t *testing.T) {
	for name, c := range charts() {
		t.Run(name, func(t *testing.T) {
			got := string(c.HTML())
			path := filepath.Join("testdata", name+".html")
			if *update {
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (go test -update creates it)", err)
			}
			if got != string(want) {
				t.Errorf("%s differs from the golden file (go test -update rewrites it); got:\n%s", path, got)
			}
			if again := string(c.HTML()); again != got {
				t.Error("two renderings of one chart differ")
			}
		})
	}
}

// TestWellFormed parses every chart as XML and checks what assistive
// technology relies on: the SVG is an image named by its title and
// described by its description, both present with those ids; the
// figures are in a table; no script and no style attribute (the CSP
// forbids inline styles).
func TestWellFormed(t *testing.T) {
	for name, c := range charts() {
		t.Run(name, func(t *testing.T) {
			out := string(c.HTML())
			dec := xml.NewDecoder(strings.NewReader(out))
			dec.Strict = true
			dec.Entity = xml.HTMLEntity
			ids := map[string]bool{}
			var labelledBy, role string
			var svgs, tables int
			for {
				tok, err := dec.Token()
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatalf("not well-formed: %v\n%s", err, out)
				}
				se, ok := tok.(xml.StartElement)
				if !ok {
					continue
				}
				switch se.Name.Local {
				case "script", "style", "foreignObject":
					t.Errorf("unexpected <%s>", se.Name.Local)
				case "svg":
					svgs++
				case "table":
					tables++
				}
				for _, a := range se.Attr {
					switch a.Name.Local {
					case "id":
						ids[a.Value] = true
					case "aria-labelledby":
						labelledBy = a.Value
					case "role":
						role = a.Value
					case "style":
						t.Errorf("style attribute on <%s>", se.Name.Local)
					}
					if strings.HasPrefix(a.Name.Local, "on") {
						t.Errorf("event handler %s", a.Name.Local)
					}
				}
			}
			if svgs != 1 || tables != 1 || role != "img" {
				t.Errorf("svgs %d, tables %d, role %q", svgs, tables, role)
			}
			refs := strings.Fields(labelledBy)
			if len(refs) != 2 {
				t.Fatalf("aria-labelledby %q", labelledBy)
			}
			for _, r := range refs {
				if !ids[r] {
					t.Errorf("aria-labelledby names %q, which is not an id in the chart", r)
				}
			}
		})
	}
}

// TestFiguresInDescription: every figure is stated in the description,
// which is what a screen reader reads out for the image.
func TestFiguresInDescription(t *testing.T) {
	out := string(charts()["bars-grouped"].HTML())
	desc := between(out, `-d">`, `</desc>`)
	for _, want := range []string{"2024年：1月 3件", "12月 2件", "2025年：1月 4件", "12月 120件"} {
		if !strings.Contains(desc, want) {
			t.Errorf("description lacks %q: %s", want, desc)
		}
	}
	share := string(charts()["shares"].HTML())
	if d := between(share, `-d">`, `</desc>`); !strings.Contains(d, "合计 200件") || !strings.Contains(d, "予以公开 120件（60.0%）") {
		t.Errorf("share description: %s", d)
	}
}

func between(s, from, to string) string {
	_, rest, _ := strings.Cut(s, from)
	out, _, _ := strings.Cut(rest, to)
	return out
}

// TestEscaping: labels are text, never markup.
func TestEscaping(t *testing.T) {
	out := string(charts()["bars-horizontal"].HTML())
	if strings.Contains(out, "<b>") || !strings.Contains(out, "&lt;b&gt;无法提供") {
		t.Errorf("label markup not escaped:\n%s", out)
	}
}

// TestPaletteContrast: each colour has at least 4.5:1 against white.
func TestPaletteContrast(t *testing.T) {
	for i, c := range palette {
		if r := contrast(c, "#ffffff"); r < 4.5 {
			t.Errorf("colour %d %s: contrast %.2f on white", i, c, r)
		}
	}
	for _, c := range []string{inkColour, axisColor} {
		if r := contrast(c, "#ffffff"); r < 4.5 {
			t.Errorf("text colour %s: contrast %.2f on white", c, r)
		}
	}
}

func contrast(a, b string) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

func luminance(hex string) float64 {
	ch := func(i int) float64 {
		v, _ := strconv.ParseUint(hex[1+2*i:3+2*i], 16, 8)
		c := float64(v) / 255
		if c <= 0.03928 {
			return c / 12.92
		}
		return math.Pow((c+0.055)/1.055, 2.4)
	}
	return 0.2126*ch(0) + 0.7152*ch(1) + 0.0722*ch(2)
}

func TestNiceScale(t *testing.T) {
	for _, tc := range []struct {
		max       float64
		whole     bool
		top, step float64
	}{
		{0, true, 1, 1},
		{3, true, 3, 1},
		{7, true, 8, 2},
		{120, true, 150, 50},
		{1000, true, 1000, 200},
		{1.2, false, 1.5, 0.5},
		{0.35, false, 0.4, 0.1},
	} {
		top, step := niceScale(tc.max, tc.whole)
		if math.Abs(top-tc.top) > 1e-9 || math.Abs(step-tc.step) > 1e-9 {
			t.Errorf("niceScale(%v, %v) = %v, %v; want %v, %v", tc.max, tc.whole, top, step, tc.top, tc.step)
		}
	}
}

func TestIDFromTitle(t *testing.T) {
	a := Common{Title: "各月新收申请"}.chartID()
	b := Common{Title: "各月新收申请", ID: "bad id\""}.chartID()
	if a != b || !strings.HasPrefix(a, "chart-") {
		t.Errorf("ids %q and %q", a, b)
	}
}
