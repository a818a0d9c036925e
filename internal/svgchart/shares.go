package svgchart

import (
	"fmt"
	"html/template"
	"math"
	"strings"
)

// Part is one part of a whole.
type Part struct {
	Label string
	Value float64
}

// Shares is a horizontal bar of a whole split into its parts, with a
// key giving each part's figure and percentage: outcomes of requests,
// results of cases. Parts of zero are listed but not drawn.
type Shares struct {
	Common
	// PartLabel heads the part column of the table, e.g. 办理结果.
	PartLabel string
	Parts     []Part
}

const shareBarHeight = 28.0

// HTML renders the chart as a figure with its data table.
func (c Shares) HTML() template.HTML {
	id := c.chartID()
	total := 0.0
	for _, p := range c.Parts {
		total += math.Max(0, p.Value)
	}
	var b strings.Builder
	height := 8 + shareBarHeight + 10 + lineGap*float64(len(c.Parts)) + 6
	svgOpen(&b, id, c.Title, c.desc(total), height)
	left, right := 4.0, width-4
	if total <= 0 {
		fmt.Fprintf(&b, `<rect x="%s" y="8" width="%s" height="%s" fill="#fff" stroke="%s"/>`, coord(left), coord(right-left), coord(shareBarHeight), axisColor)
		fmt.Fprintf(&b, `<text x="%s" y="%s" text-anchor="middle" dominant-baseline="middle" fill="%s">无数据</text>`,
			coord((left+right)/2), coord(8+shareBarHeight/2), axisColor)
	}
	x := left
	for i, p := range c.Parts {
		if total <= 0 || p.Value <= 0 {
			continue
		}
		w := p.Value / total * (right - left)
		fmt.Fprintf(&b, `<rect x="%s" y="8" width="%s" height="%s" fill="%s" stroke="#fff" stroke-width="1.5"><title>%s</title></rect>`,
			coord(x), coord(w), coord(shareBarHeight), Colour(i), esc(p.Label+"："+c.withUnit(p.Value)+"（"+percent(p.Value, total)+"）"))
		x += w
	}
	y := 8 + shareBarHeight + 10
	for i, p := range c.Parts {
		cy := y + lineGap/2
		fmt.Fprintf(&b, `<rect x="4" y="%s" width="14" height="10" fill="%s"/>`, coord(cy-5), Colour(i))
		fig := c.withUnit(p.Value) + "（" + percent(p.Value, total) + "）"
		fw := textWidth(fig, fontSize)
		fmt.Fprintf(&b, `<text x="26" y="%s" dominant-baseline="middle">%s</text>`, coord(cy), esc(fit(p.Label, right-26-fw-10, fontSize)))
		fmt.Fprintf(&b, `<text x="%s" y="%s" text-anchor="end" dominant-baseline="middle">%s</text>`, coord(right), coord(cy), esc(fig))
		y += lineGap
	}
	b.WriteString(`</svg>`)
	return figure(id, c.Title, b.String(), c.table(total))
}

// percent is v's share of total with one decimal.
func percent(v, total float64) string {
	if total <= 0 {
		return "0%"
	}
	return fmt.Sprintf("%.1f%%", v/total*100)
}

func (c Shares) desc(total float64) string {
	var items []string
	for _, p := range c.Parts {
		items = append(items, p.Label+" "+c.withUnit(p.Value)+"（"+percent(p.Value, total)+"）")
	}
	return "合计 " + c.withUnit(total) + "：" + strings.Join(items, "，") + "。"
}

func (c Shares) table(total float64) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<table><caption>%s</caption><thead><tr><th scope="col">%s</th><th scope="col">数量</th><th scope="col">占比</th></tr></thead><tbody>`,
		esc(c.Title), esc(orDefault(c.PartLabel, "项目")))
	for _, p := range c.Parts {
		fmt.Fprintf(&b, `<tr><th scope="row">%s</th><td class="num">%s</td><td class="num">%s</td></tr>`,
			esc(p.Label), esc(c.withUnit(p.Value)), percent(p.Value, total))
	}
	fmt.Fprintf(&b, `<tr><th scope="row">合计</th><td class="num">%s</td><td class="num">%s</td></tr></tbody></table>`,
		esc(c.withUnit(total)), percent(total, total))
	return b.String()
}
