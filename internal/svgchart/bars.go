package svgchart

import (
	"fmt"
	"html/template"
	"math"
	"strings"
)

// Bars is a bar chart of categories × series: grouped side by side, or
// stacked; vertical (columns), or horizontal for long category labels.
// Negative values are drawn as 0 (the table shows them as they are).
type Bars struct {
	Common
	// CategoryLabel heads the category column of the table, e.g. 月份.
	CategoryLabel string
	Categories    []string
	Series        []Series
	Stacked       bool
	Horizontal    bool
}

const (
	plotHeight = 170.0
	hBarHeight = 14.0 // one bar of a horizontal chart
	hGroupGap  = 8.0
)

// HTML renders the chart as a figure with its data table.
func (c Bars) HTML() template.HTML {
	id := c.chartID()
	names := seriesNames(c.Series)
	var svg strings.Builder
	if c.Horizontal {
		c.horizontal(&svg, id, names)
	} else {
		c.vertical(&svg, id, names)
	}
	table := seriesTable(c.Title, orDefault(c.CategoryLabel, "项目"), c.Unit, c.Categories, c.Series, c.Stacked && len(c.Series) > 1)
	return figure(id, c.Title, svg.String(), table)
}

func seriesNames(series []Series) []string {
	out := make([]string, len(series))
	for i, s := range series {
		out[i] = s.Name
	}
	return out
}

// extent is the largest bar (or stack) to fit on the axis.
func (c Bars) extent() float64 {
	top := 0.0
	for i := range c.Categories {
		sum := 0.0
		for _, s := range c.Series {
			v := math.Max(0, value(s, i))
			sum += v
			top = math.Max(top, v)
		}
		if c.Stacked {
			top = math.Max(top, sum)
		}
	}
	return top
}

func (c Bars) barTitle(cat string, s Series, v float64) string {
	if s.Name == "" {
		return cat + "：" + c.withUnit(v)
	}
	return cat + " " + s.Name + "：" + c.withUnit(v)
}

func (c Bars) vertical(b *strings.Builder, id string, names []string) {
	top, step := niceScale(c.extent(), allWhole(c.Series))
	ticks := int(math.Round(top / step))
	tickW := 0.0
	for k := 0; k <= ticks; k++ {
		tickW = math.Max(tickW, textWidth(num(float64(k)*step), smallFont))
	}
	left, right := tickW+10, width-6
	legendRows := 0
	if len(names) > 1 {
		legendRows = len(names)
	}
	plotTop := float64(legendRows)*lineGap + 8 + lineGap // room for value labels
	if legendRows > 0 {
		plotTop += 4
	}
	plotBottom := plotTop + plotHeight
	height := plotBottom + lineGap + 8
	svgOpen(b, id, c.Title, seriesDesc(c.Unit, c.Categories, c.Series), height)
	legend(b, names, 4, false)
	y := func(v float64) float64 { return plotBottom - math.Max(0, v)/top*plotHeight }
	// Grid and tick labels.
	for k := 0; k <= ticks; k++ {
		v := float64(k) * step
		fmt.Fprintf(b, `<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s"/>`, coord(left), coord(y(v)), coord(right), coord(y(v)), gridColor)
		fmt.Fprintf(b, `<text x="%s" y="%s" text-anchor="end" dominant-baseline="middle" font-size="%s" fill="%s">%s</text>`,
			coord(left-4), coord(y(v)), coord(smallFont), axisColor, num(v))
	}
	n := len(c.Categories)
	if n == 0 {
		b.WriteString(`</svg>`)
		return
	}
	band := (right - left) / float64(n)
	group := band * 0.72
	barW := group
	if !c.Stacked && len(c.Series) > 0 {
		barW = group / float64(len(c.Series))
	}
	labelEvery := labelStride(c.Categories, band, smallFont)
	for i, cat := range c.Categories {
		x0 := left + band*float64(i) + (band-group)/2
		base := 0.0
		for j, s := range c.Series {
			v := value(s, i)
			x := x0
			if !c.Stacked {
				x = x0 + barW*float64(j)
			}
			lo, hi := base, base+math.Max(0, v)
			if !c.Stacked {
				lo, hi = 0, math.Max(0, v)
			}
			if hi > lo {
				fmt.Fprintf(b, `<rect x="%s" y="%s" width="%s" height="%s" fill="%s" stroke="#fff" stroke-width="1"><title>%s</title></rect>`,
					coord(x), coord(y(hi)), coord(barW), coord(y(lo)-y(hi)), Colour(j), esc(c.barTitle(cat, s, v)))
			}
			if !c.Stacked && textWidth(num(v), smallFont)+4 <= barW {
				fmt.Fprintf(b, `<text x="%s" y="%s" text-anchor="middle" font-size="%s">%s</text>`,
					coord(x+barW/2), coord(y(hi)-4), coord(smallFont), num(v))
			}
			if c.Stacked {
				base = hi
			}
		}
		if c.Stacked && textWidth(num(base), smallFont) <= band {
			fmt.Fprintf(b, `<text x="%s" y="%s" text-anchor="middle" font-size="%s">%s</text>`,
				coord(x0+group/2), coord(y(base)-4), coord(smallFont), num(base))
		}
		if i%labelEvery == 0 {
			fmt.Fprintf(b, `<text x="%s" y="%s" text-anchor="middle" font-size="%s">%s</text>`,
				coord(left+band*(float64(i)+0.5)), coord(plotBottom+lineGap-2), coord(smallFont), esc(fit(cat, band*float64(labelEvery)-2, smallFont)))
		}
	}
	fmt.Fprintf(b, `<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s"/>`, coord(left), coord(plotBottom), coord(right), coord(plotBottom), axisColor)
	b.WriteString(`</svg>`)
}

// labelStride is how many categories one label may span so that labels
// do not overlap: every label when they fit, else every second, third …
func labelStride(categories []string, band, size float64) int {
	widest := 0.0
	for _, c := range categories {
		widest = math.Max(widest, textWidth(c, size))
	}
	k := int(math.Ceil((widest + 4) / band))
	return max(1, k)
}

func (c Bars) horizontal(b *strings.Builder, id string, names []string) {
	labelW := 0.0
	for _, cat := range c.Categories {
		labelW = math.Max(labelW, textWidth(cat, fontSize))
	}
	labelW = math.Min(labelW, width*0.42)
	valueW := 0.0
	for i := range c.Categories {
		sum := 0.0
		for _, s := range c.Series {
			valueW = math.Max(valueW, textWidth(num(value(s, i)), smallFont))
			sum += math.Max(0, value(s, i))
		}
		if c.Stacked {
			valueW = math.Max(valueW, textWidth(num(sum), smallFont))
		}
	}
	left, right := labelW+10, width-valueW-8
	bars := len(c.Series)
	if c.Stacked {
		bars = min(1, bars)
	}
	groupH := float64(bars)*hBarHeight + hGroupGap
	y0 := 0.0
	if len(names) > 1 {
		y0 = float64(len(names))*lineGap + 8
	}
	height := y0 + groupH*float64(len(c.Categories)) + 8
	svgOpen(b, id, c.Title, seriesDesc(c.Unit, c.Categories, c.Series), height)
	legend(b, names, 4, false)
	extent := c.extent()
	if extent <= 0 {
		extent = 1
	}
	x := func(v float64) float64 { return left + math.Max(0, v)/extent*(right-left) }
	for i, cat := range c.Categories {
		gy := y0 + groupH*float64(i)
		fmt.Fprintf(b, `<text x="%s" y="%s" text-anchor="end" dominant-baseline="middle">%s</text>`,
			coord(left-6), coord(gy+float64(bars)*hBarHeight/2), esc(fit(cat, labelW, fontSize)))
		base := 0.0
		for j, s := range c.Series {
			v := value(s, i)
			by := gy + hBarHeight*float64(j)
			lo, hi := 0.0, math.Max(0, v)
			if c.Stacked {
				by = gy
				lo, hi = base, base+math.Max(0, v)
				base = hi
			}
			if hi > lo {
				fmt.Fprintf(b, `<rect x="%s" y="%s" width="%s" height="%s" fill="%s" stroke="#fff" stroke-width="1"><title>%s</title></rect>`,
					coord(x(lo)), coord(by), coord(x(hi)-x(lo)), coord(hBarHeight), Colour(j), esc(c.barTitle(cat, s, v)))
			}
			if !c.Stacked {
				fmt.Fprintf(b, `<text x="%s" y="%s" dominant-baseline="middle" font-size="%s">%s</text>`,
					coord(x(hi)+4), coord(by+hBarHeight/2), coord(smallFont), num(v))
			}
		}
		if c.Stacked {
			fmt.Fprintf(b, `<text x="%s" y="%s" dominant-baseline="middle" font-size="%s">%s</text>`,
				coord(x(base)+4), coord(gy+hBarHeight/2), coord(smallFont), num(base))
		}
	}
	fmt.Fprintf(b, `<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s"/>`, coord(left), coord(y0-2), coord(left), coord(height-8), axisColor)
	b.WriteString(`</svg>`)
}
