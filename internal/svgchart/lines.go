package svgchart

import (
	"fmt"
	"html/template"
	"math"
	"strings"
)

// Lines is a line chart over ordered categories, such as years: one
// line per series, each point marked, every second line dashed.
type Lines struct {
	Common
	// CategoryLabel heads the category column of the table, e.g. 年度.
	CategoryLabel string
	Categories    []string
	Series        []Series
}

// HTML renders the chart as a figure with its data table.
func (c Lines) HTML() template.HTML {
	id := c.chartID()
	var b strings.Builder
	extent := 0.0
	for _, s := range c.Series {
		for i := range c.Categories {
			extent = math.Max(extent, value(s, i))
		}
	}
	top, step := niceScale(extent, allWhole(c.Series))
	ticks := int(math.Round(top / step))
	tickW := 0.0
	for k := 0; k <= ticks; k++ {
		tickW = math.Max(tickW, textWidth(num(float64(k)*step), smallFont))
	}
	names := seriesNames(c.Series)
	left, right := tickW+10, width-14
	plotTop := lineGap + 8
	if len(names) > 1 {
		plotTop += float64(len(names))*lineGap + 4
	}
	plotBottom := plotTop + plotHeight
	height := plotBottom + lineGap + 8
	svgOpen(&b, id, c.Title, seriesDesc(c.Unit, c.Categories, c.Series), height)
	legend(&b, names, 4, true)
	y := func(v float64) float64 { return plotBottom - math.Max(0, v)/top*plotHeight }
	for k := 0; k <= ticks; k++ {
		v := float64(k) * step
		fmt.Fprintf(&b, `<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s"/>`, coord(left), coord(y(v)), coord(right), coord(y(v)), gridColor)
		fmt.Fprintf(&b, `<text x="%s" y="%s" text-anchor="end" dominant-baseline="middle" font-size="%s" fill="%s">%s</text>`,
			coord(left-4), coord(y(v)), coord(smallFont), axisColor, num(v))
	}
	n := len(c.Categories)
	x := func(i int) float64 {
		if n == 1 {
			return (left + right) / 2
		}
		return left + 8 + (right-left-16)*float64(i)/float64(n-1)
	}
	// Points are labelled when one line is drawn and the labels fit.
	labelled := len(c.Series) == 1 && n > 0
	if n > 1 {
		gap := (right - left - 16) / float64(n-1)
		labelEvery := labelStride(c.Categories, gap, smallFont)
		for _, s := range c.Series {
			for i := range c.Categories {
				if textWidth(num(value(s, i)), smallFont) > gap-2 {
					labelled = false
				}
			}
		}
		for i, cat := range c.Categories {
			if i%labelEvery == 0 {
				fmt.Fprintf(&b, `<text x="%s" y="%s" text-anchor="middle" font-size="%s">%s</text>`,
					coord(x(i)), coord(plotBottom+lineGap-2), coord(smallFont), esc(fit(cat, gap*float64(labelEvery)-2, smallFont)))
			}
		}
	} else if n == 1 {
		fmt.Fprintf(&b, `<text x="%s" y="%s" text-anchor="middle" font-size="%s">%s</text>`,
			coord(x(0)), coord(plotBottom+lineGap-2), coord(smallFont), esc(c.Categories[0]))
	}
	for j, s := range c.Series {
		var pts []string
		for i := range c.Categories {
			pts = append(pts, coord(x(i))+","+coord(y(value(s, i))))
		}
		if len(pts) > 1 {
			fmt.Fprintf(&b, `<polyline points="%s" fill="none" stroke="%s" stroke-width="2.5"%s/>`, strings.Join(pts, " "), Colour(j), dash(j))
		}
		for i, cat := range c.Categories {
			v := value(s, i)
			t := cat + "：" + c.withUnit(v)
			if s.Name != "" {
				t = cat + " " + s.Name + "：" + c.withUnit(v)
			}
			fmt.Fprintf(&b, `<circle cx="%s" cy="%s" r="3.5" fill="%s"><title>%s</title></circle>`, coord(x(i)), coord(y(v)), Colour(j), esc(t))
			if labelled {
				fmt.Fprintf(&b, `<text x="%s" y="%s" text-anchor="middle" font-size="%s">%s</text>`,
					coord(x(i)), coord(y(v)-8), coord(smallFont), num(v))
			}
		}
	}
	fmt.Fprintf(&b, `<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s"/>`, coord(left), coord(plotBottom), coord(right), coord(plotBottom), axisColor)
	b.WriteString(`</svg>`)
	table := seriesTable(c.Title, orDefault(c.CategoryLabel, "项目"), c.Unit, c.Categories, c.Series, false)
	return figure(id, c.Title, b.String(), table)
}
