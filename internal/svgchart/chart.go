// Package svgchart draws small charts as inline SVG on the server, for
// pages that work without JavaScript: bar charts (grouped, stacked or
// horizontal), line charts of trends and a share bar of parts of a whole.
//
// Every chart is a <figure> holding a visible caption, the SVG (role="img",
// named by its <title> and described by a <desc> that states the
// figures) and the same figures as a table in a <details> element, so a
// screen reader, a printout and a phone all get the numbers. The SVG
// scales with its viewBox to the width of its container; labels are
// sized for a phone's width. Output is deterministic: the same chart
// gives the same bytes.
package svgchart

import (
	"fmt"
	"hash/fnv"
	"html/template"
	"math"
	"strconv"
	"strings"
)

// Series is one named run of values, one per category.
type Series struct {
	Name   string
	Values []float64
}

// Common is what every chart has.
type Common struct {
	// ID prefixes the ids of the chart's elements; it must be unique on
	// the page. Empty: derived from the title.
	ID string
	// Title is the caption and the SVG's accessible name.
	Title string
	// Unit follows each figure in the description and table, e.g. 件.
	Unit string
}

// palette: each colour has at least 4.5:1 contrast on white (WCAG
// 1.4.11 asks 3:1 for graphics), and adjacent ones differ in lightness
// as well as hue, so neighbouring bars stay apart in grey.
var palette = []string{
	"#1d4f91", // blue
	"#a84f00", // orange
	"#1e6b3a", // green
	"#8e2a8c", // purple
	"#a3161d", // red
	"#00727a", // teal
	"#5c4a00", // olive
	"#4a5360", // slate
}

// Colour returns the colour the charts give the i-th series or part, so
// a page can draw a matching key elsewhere.
func Colour(i int) string { return palette[i%len(palette)] }

// Layout constants, in viewBox units. The viewBox is narrow so that at a
// phone's width (about 340 px for the chart) text keeps nearly its
// nominal size; on a wide screen the figure's CSS bounds its width.
const (
	width     = 320.0
	fontSize  = 14.0
	smallFont = 12.0
	lineGap   = 19.0 // one legend or label row
	inkColour = "#1d232b"
	axisColor = "#4a5360"
	gridColor = "#dde1e7"
)

// chartID is c.ID when it is a safe id, else one derived from the title.
func (c Common) chartID() string {
	ok := c.ID != ""
	for _, r := range c.ID {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			ok = false
		}
	}
	if ok {
		return c.ID
	}
	h := fnv.New32a()
	h.Write([]byte(c.Title))
	return fmt.Sprintf("chart-%08x", h.Sum32())
}

// num formats a figure: integers plainly, other values with at most two
// decimals, no trailing zeros.
func num(v float64) string {
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		return strconv.FormatFloat(v, 'f', 0, 64)
	}
	s := strconv.FormatFloat(v, 'f', 2, 64)
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}

// withUnit is a figure followed by the unit.
func (c Common) withUnit(v float64) string { return num(v) + c.Unit }

// coord formats a coordinate with one decimal, the precision the
// drawing needs, so output stays small and stable.
func coord(v float64) string {
	s := strconv.FormatFloat(v, 'f', 1, 64)
	return strings.TrimSuffix(s, ".0")
}

func esc(s string) string { return template.HTMLEscapeString(s) }

// textWidth estimates the width of s at size: CJK and full-width
// characters take a full em, others a little over half.
func textWidth(s string, size float64) float64 {
	w := 0.0
	for _, r := range s {
		switch {
		case r >= 0x2E80:
			w += 1
		case r == ' ' || r == '.' || r == ',' || r == ':':
			w += 0.3
		default:
			w += 0.6
		}
	}
	return w * size
}

// fit shortens s with an ellipsis so that it is at most w wide.
func fit(s string, w, size float64) string {
	if textWidth(s, size) <= w {
		return s
	}
	rs := []rune(s)
	for len(rs) > 1 {
		rs = rs[:len(rs)-1]
		if textWidth(string(rs)+"…", size) <= w {
			break
		}
	}
	return string(rs) + "…"
}

// niceScale returns an axis maximum and tick step covering max with at
// most five steps of 1, 2 or 5 times a power of ten (whole numbers for
// whole-number data, so counts never get ticks such as 2.5).
func niceScale(max float64, whole bool) (top, step float64) {
	if max <= 0 {
		return 1, 1
	}
	raw := max / 5
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 5, 10} {
		step = m * mag
		if step >= raw {
			break
		}
	}
	if whole && step < 1 {
		step = 1
	}
	top = math.Ceil(max/step) * step
	return top, step
}

// allWhole reports whether every value is an integer.
func allWhole(series []Series) bool {
	for _, s := range series {
		for _, v := range s.Values {
			if v != math.Trunc(v) {
				return false
			}
		}
	}
	return true
}

// value is series s's value for category i; a missing one counts as 0.
func value(s Series, i int) float64 {
	if i < len(s.Values) {
		return s.Values[i]
	}
	return 0
}

// svgOpen starts the SVG element: scalable, named by its title and
// described by its description.
func svgOpen(b *strings.Builder, id, title, desc string, height float64) {
	fmt.Fprintf(b, `<svg class="chart-svg" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %s %s" role="img" aria-labelledby="%s-t %s-d" font-size="%s" fill="%s">`,
		coord(width), coord(height), id, id, coord(fontSize), inkColour)
	fmt.Fprintf(b, `<title id="%s-t">%s</title><desc id="%s-d">%s</desc>`, id, esc(title), id, esc(desc))
}

// legend draws one row per series at y, swatch then name, and returns
// the y below it. Rows keep every name readable at any width.
func legend(b *strings.Builder, names []string, y float64, line bool) float64 {
	if len(names) < 2 {
		return y
	}
	for i, n := range names {
		cy := y + lineGap/2
		if line {
			fmt.Fprintf(b, `<line x1="4" y1="%s" x2="22" y2="%s" stroke="%s" stroke-width="2.5"%s/>`,
				coord(cy), coord(cy), Colour(i), dash(i))
			fmt.Fprintf(b, `<circle cx="13" cy="%s" r="3" fill="%s"/>`, coord(cy), Colour(i))
		} else {
			fmt.Fprintf(b, `<rect x="4" y="%s" width="14" height="10" fill="%s"/>`, coord(cy-5), Colour(i))
		}
		fmt.Fprintf(b, `<text x="28" y="%s" dominant-baseline="middle">%s</text>`, coord(cy), esc(fit(n, width-32, fontSize)))
		y += lineGap
	}
	return y + 4
}

// dash gives every second line series a dashed stroke, so lines differ
// by more than colour.
func dash(i int) string {
	if i%2 == 1 {
		return ` stroke-dasharray="6 3"`
	}
	return ""
}

// figure wraps the SVG with the caption and the data table.
func figure(id, title, svg, table string) template.HTML {
	var b strings.Builder
	fmt.Fprintf(&b, `<figure class="chart" id="%s">`, id)
	fmt.Fprintf(&b, `<figcaption>%s</figcaption>`, esc(title))
	b.WriteString(svg)
	fmt.Fprintf(&b, `<details class="chart-data"><summary>数据表</summary>%s</details>`, table)
	b.WriteString(`</figure>`)
	return template.HTML(b.String())
}

// seriesTable is the figures of category × series as an HTML table,
// with a total column when total is set.
func seriesTable(title, categoryLabel, unit string, categories []string, series []Series, total bool) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<table><caption>%s</caption><thead><tr><th scope="col">%s</th>`, esc(title), esc(categoryLabel))
	for _, s := range series {
		fmt.Fprintf(&b, `<th scope="col">%s</th>`, esc(s.Name))
	}
	if total {
		b.WriteString(`<th scope="col">合计</th>`)
	}
	b.WriteString(`</tr></thead><tbody>`)
	for i, c := range categories {
		fmt.Fprintf(&b, `<tr><th scope="row">%s</th>`, esc(c))
		sum := 0.0
		for _, s := range series {
			v := value(s, i)
			sum += v
			fmt.Fprintf(&b, `<td class="num">%s</td>`, esc(num(v)+unit))
		}
		if total {
			fmt.Fprintf(&b, `<td class="num">%s</td>`, esc(num(sum)+unit))
		}
		b.WriteString(`</tr>`)
	}
	b.WriteString(`</tbody></table>`)
	return b.String()
}

// seriesDesc states every figure in words, series by series.
func seriesDesc(unit string, categories []string, series []Series) string {
	var parts []string
	for _, s := range series {
		var items []string
		for i, c := range categories {
			items = append(items, c+" "+num(value(s, i))+unit)
		}
		p := strings.Join(items, "，")
		if len(series) > 1 || s.Name != "" {
			p = s.Name + "：" + p
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, "；") + "。"
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
