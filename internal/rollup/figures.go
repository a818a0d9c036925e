package rollup

import (
	"math"
	"strings"

	"github.com/gongkai/gongkai/internal/annualreport"
)

// Figure is one headline figure of a year's tables.
type Figure struct {
	Label string
	Value float64
}

// Comparison is a headline figure this year beside last year's.
type Comparison struct {
	Label      string
	Value      float64
	Previous   float64
	Change     float64
	HasPercent bool    // false when last year's figure was 0
	Percent    float64 // change against last year, rounded to 0.1
}

// totalColumn is the label of table 三's 总计 column in f.
func totalColumn(f *annualreport.Format) string {
	for _, c := range f.Three.Columns {
		if c.Total {
			return c.Label
		}
	}
	return ""
}

// Headline states the figures a supervisor looks at first: requests
// received, carried in, closed, granted in full, carried out, answered
// on time (onTime, counted from the records), reconsiderations and
// lawsuits, and how many of each corrected the body.
func Headline(f *annualreport.Format, t annualreport.Tables, onTime int) []Figure {
	tc := totalColumn(f)
	three := func(row string) float64 { return Num(t.Three, row, tc) }
	var suits, suitsCorrected float64
	for _, g := range f.Four.Groups {
		if strings.HasPrefix(g.ID, "行政诉讼") {
			suits += Num(t.Four, g.ID, "总计")
			suitsCorrected += Num(t.Four, g.ID, "结果纠正")
		}
	}
	return []Figure{
		{"本年新收申请", three("一")},
		{"上年结转申请", three("二")},
		{"本年办结", three("三.七")},
		{"其中予以公开", three("三.一")},
		{"按期答复", float64(onTime)},
		{"结转下年度", three("四")},
		{"行政复议", Num(t.Four, "行政复议", "总计")},
		{"行政复议结果纠正", Num(t.Four, "行政复议", "结果纠正")},
		{"行政诉讼", suits},
		{"行政诉讼结果纠正", suitsCorrected},
	}
}

// Compare sets this year's headline figures beside last year's, in the
// same order (both from Headline).
func Compare(cur, prev []Figure) []Comparison {
	out := make([]Comparison, len(cur))
	for i, c := range cur {
		p := 0.0
		if i < len(prev) {
			p = prev[i].Value
		}
		cmp := Comparison{Label: c.Label, Value: c.Value, Previous: p, Change: c.Value - p}
		if p != 0 {
			cmp.HasPercent = true
			cmp.Percent = math.Round((c.Value-p)/p*1000) / 10
		}
		out[i] = cmp
	}
	return out
}

// Outcomes are table 三's outcome categories ((一) to (六)) with their
// totals, a group summed over its items: what a share chart shows.
func Outcomes(f *annualreport.Format, t annualreport.Tables) []Figure {
	tc := totalColumn(f)
	var out []Figure
	for _, r := range f.Three.Rows {
		if r.Parent != "三" || r.Total {
			continue
		}
		v := 0.0
		if r.Group {
			for _, c := range f.Three.Rows {
				if c.Parent == r.ID {
					v += Num(t.Three, c.ID, tc)
				}
			}
		} else {
			v = Num(t.Three, r.ID, tc)
		}
		out = append(out, Figure{Label: ShortLabel(r.Label), Value: v})
	}
	return out
}

// ShortLabel drops a row label's numbering and its parenthetical note:
// "（二）部分公开（区分处理的…）" is 部分公开.
func ShortLabel(label string) string {
	if strings.HasPrefix(label, "（") {
		if i := strings.Index(label, "）"); i >= 0 {
			label = label[i+len("）"):]
		}
	}
	if i := strings.Index(label, "（"); i > 0 {
		label = label[:i]
	}
	return label
}
