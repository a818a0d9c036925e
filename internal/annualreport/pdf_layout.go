package annualreport

import (
	"math"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// pdfLine is a line of text outside the ruled tables: its glyphs in x
// order and the cells they fall into when split at wide gaps.
type pdfLine struct {
	glyphs []pdfGlyph
	y      float64 // baseline
	size   float64
	x0, x1 float64
	cells  []pdfCell
	text   string
}

type pdfCell struct {
	x0, x1 float64
	text   string
}

// pdfItem is a line or a table placed on a page, for reading order.
type pdfItem struct {
	top   float64
	line  *pdfLine
	table *Grid
	xs    []float64 // a ruled table's column boundaries
	full  []bool    // per column: the last row's text runs to the cell's right edge
}

// layoutPDF turns the pages' glyphs and rulings into blocks: ruled tables
// first (their cells are the rectangles the rulings draw, so wrapped
// labels and vertically centred figures land in the right cell), then the
// remaining text as lines, borderless tables found among the lines by
// their column alignment, and lines joined into paragraphs where they
// wrap.
func layoutPDF(doc *Document, pages []*pdfPage) {
	bands := repeatedBands(pages)
	var items [][]pdfItem
	for i, p := range pages {
		page := pageItems(p, bands)
		for k := range page {
			if page[k].table != nil {
				page[k].table.Pages = []int{i + 1}
			}
		}
		items = append(items, page)
	}
	body := bodyMetrics(items)
	var para *pdfLine
	var paraText strings.Builder
	flushPara := func() {
		if para != nil {
			appendParagraph(doc, paraText.String())
			para = nil
			paraText.Reset()
		}
	}
	var open *pdfItem // the last ruled table, while it may continue
	var tables []*Grid
	for _, pageItems := range items {
		for k, it := range pageItems {
			if it.table != nil {
				flushPara()
				// A ruled table that runs on from the previous page continues
				// the same Grid.
				if k == 0 && open != nil && it.xs != nil && joinContinued(open, &it) {
					continue
				}
				appendGrid(doc, it.table)
				tables = append(tables, it.table)
				open = nil
				if it.xs != nil {
					cp := it
					open = &cp
				}
				continue
			}
			open = nil
			l := it.line
			if para != nil && continuesParagraph(para, l, body) {
				if needsSpace(lastRune(paraText.String()), firstRune(l.text)) {
					paraText.WriteByte(' ')
				}
				paraText.WriteString(l.text)
				para = l
				continue
			}
			flushPara()
			para = l
			paraText.WriteString(l.text)
		}
	}
	for _, t := range tables {
		dropEmptyColumns(t)
	}
	flushPara()
}

// pdfBody is the body text's measure: its usual font size and left and
// right margins.
type pdfBody struct {
	size, left, right float64
}

func bodyMetrics(items [][]pdfItem) pdfBody {
	sizes := map[int]int{}
	right := 0.0
	for _, page := range items {
		for _, it := range page {
			if it.line != nil {
				sizes[int(math.Round(it.line.size))] += len(it.line.glyphs)
				right = max(right, it.line.x1)
			}
		}
	}
	b := pdfBody{size: float64(mode(sizes)), right: right}
	if b.size == 0 {
		b.size = 12
	}
	// The left margin is where wrapped lines start: the leftmost start
	// shared by several body lines (first lines are indented two
	// characters further in).
	lefts := map[int]int{}
	for _, page := range items {
		for _, it := range page {
			if it.line != nil && math.Abs(it.line.size-b.size) < 1 {
				lefts[int(math.Round(it.line.x0))]++
			}
		}
	}
	b.left = math.MaxFloat64
	for x, n := range lefts {
		if n >= 2 && float64(x) < b.left {
			b.left = float64(x)
		}
	}
	if b.left == math.MaxFloat64 {
		b.left = float64(mode(lefts))
	}
	return b
}

func mode(m map[int]int) int {
	best, bestN := 0, -1
	for k, n := range m {
		if n > bestN || (n == bestN && k < best) {
			best, bestN = k, n
		}
	}
	return best
}

// continuesParagraph tells a wrapped line from a new paragraph: the line
// before ran to the right margin and this one starts at the left margin
// (no first-line indent), in the same size; or both are lines of a large
// centred title.
func continuesParagraph(prev, l *pdfLine, b pdfBody) bool {
	if len(prev.cells) > 1 || len(l.cells) > 1 {
		return false
	}
	if math.Abs(prev.size-l.size) > 0.6 {
		return false
	}
	gap := prev.y - l.y
	title := l.size >= 1.15*b.size && prev.size >= 1.15*b.size
	if title && gap > 0 && gap <= 3*l.size {
		return true // a title wrapped over lines, often widely spaced
	}
	if gap <= 0 || gap > 2.2*l.size {
		// A new page's first line has a negative gap to the last line of
		// the page before: judge it by the margins alone.
		if gap > 0 || prev.x1 < b.right-1.5*l.size {
			return false
		}
	}
	if headingLikeRe.MatchString(prev.text) {
		return false
	}
	return prev.x1 >= b.right-1.5*l.size && math.Abs(l.x0-b.left) < 0.6*l.size
}

func lastRune(s string) rune {
	r := []rune(s)
	if len(r) == 0 {
		return 0
	}
	return r[len(r)-1]
}

func firstRune(s string) rune {
	for _, r := range s {
		return r
	}
	return 0
}

// needsSpace: text that wraps between two Latin letters or digits needs a
// space; Chinese text wraps without one.
func needsSpace(a, b rune) bool {
	latin := func(r rune) bool { return r < 0x2E80 && (unicode.IsLetter(r) || unicode.IsDigit(r)) }
	return latin(a) && latin(b)
}

// pageNumberRe matches page furniture: "- 3 -", "— 3 —", "第3页 共5页", "3/5".
var pageNumberRe = regexp.MustCompile(`^(?:[-—–－\s]*\d+[-—–－\s]*|第\s*\d+\s*页.*|共\s*\d+\s*页.*|\d+\s*/\s*\d+|Page\s*\d+.*)$`)

// repeatedBands finds running headers and footers: the same text in the
// top or bottom band of at least two pages.
func repeatedBands(pages []*pdfPage) map[string]bool {
	seen := map[string]int{}
	for _, p := range pages {
		done := map[string]bool{}
		for _, l := range groupLines(p.glyphs) {
			if inBand(p, l) && !done[l.text] {
				done[l.text] = true
				seen[l.text]++
			}
		}
	}
	out := map[string]bool{}
	for t, n := range seen {
		if n >= 2 && len(pages) >= 2 {
			out[t] = true
		}
	}
	return out
}

func inBand(p *pdfPage, l *pdfLine) bool {
	return l.y > p.height*0.93 || l.y < p.height*0.07
}

// pageItems lays out one page: ruled tables, then lines, then borderless
// tables among the lines, in reading order from the top.
func pageItems(p *pdfPage, bands map[string]bool) []pdfItem {
	var items []pdfItem
	used := make([]bool, len(p.glyphs))
	for _, t := range ruledTables(p, used) {
		items = append(items, t)
	}
	var rest []pdfGlyph
	for i, g := range p.glyphs {
		if !used[i] {
			rest = append(rest, g)
		}
	}
	var lines []*pdfLine
	for _, l := range groupLines(rest) {
		if inBand(p, l) && (pageNumberRe.MatchString(l.text) || bands[l.text]) {
			continue
		}
		lines = append(lines, l)
	}
	items = append(items, streamTables(lines)...)
	sort.SliceStable(items, func(i, j int) bool { return items[i].top > items[j].top })
	return items
}

// groupLines puts glyphs on lines by their baselines and splits each line
// into cells at gaps wider than about two characters.
func groupLines(glyphs []pdfGlyph) []*pdfLine {
	gs := slices.Clone(glyphs)
	sort.SliceStable(gs, func(i, j int) bool {
		if math.Abs(gs[i].y-gs[j].y) > 0.01 {
			return gs[i].y > gs[j].y
		}
		return gs[i].x < gs[j].x
	})
	var lines []*pdfLine
	var cur *pdfLine
	for _, g := range gs {
		if cur != nil && math.Abs(cur.y-g.y) <= 0.35*max(cur.size, g.size) {
			cur.glyphs = append(cur.glyphs, g)
			cur.size = max(cur.size, g.size)
			continue
		}
		cur = &pdfLine{y: g.y, size: g.size, glyphs: []pdfGlyph{g}}
		lines = append(lines, cur)
	}
	var out []*pdfLine
	for _, l := range lines {
		sort.SliceStable(l.glyphs, func(i, j int) bool { return l.glyphs[i].x < l.glyphs[j].x })
		finishLine(l)
		if l.text != "" {
			out = append(out, l)
		}
	}
	return out
}

// finishLine builds a line's text and cells. Glyph positions, not space
// characters, decide the breaks: PDF writers rarely emit spaces between
// table cells, and some emit them inside words.
func finishLine(l *pdfLine) {
	var cell strings.Builder
	var c pdfCell
	var prev *pdfGlyph
	endCell := func() {
		if t := cleanText(cell.String()); t != "" {
			c.text = t
			l.cells = append(l.cells, c)
		}
		cell.Reset()
	}
	for i := range l.glyphs {
		g := &l.glyphs[i]
		if unicode.IsSpace(g.r) || g.r == 0xA0 {
			continue
		}
		// Writers fake bold by drawing a glyph twice, slightly offset.
		if prev != nil && g.r == prev.r && math.Abs(g.x-prev.x) < 0.3*max(g.size, prev.size) {
			continue
		}
		if prev != nil {
			gap := g.x - (prev.x + prev.w)
			em := max(prev.size, g.size)
			switch {
			case gap > 1.8*em:
				endCell()
				c = pdfCell{x0: g.x}
			case gap > 0.25*em && needsSpace(prev.r, g.r):
				cell.WriteByte(' ')
			case gap > 0.6*em:
				cell.WriteByte(' ')
			}
		} else {
			c = pdfCell{x0: g.x}
		}
		cell.WriteRune(g.r)
		c.x1 = g.x + g.w
		prev = g
	}
	endCell()
	if len(l.cells) == 0 {
		return
	}
	l.x0, l.x1 = l.cells[0].x0, l.cells[len(l.cells)-1].x1
	texts := make([]string, len(l.cells))
	for i, c := range l.cells {
		texts[i] = c.text
	}
	l.text = strings.Join(texts, " ")
}

// streamTables finds borderless tables: runs of at least two lines that
// each split into two or more cells, where the lines align into three or
// more columns or hold figures.
func streamTables(lines []*pdfLine) []pdfItem {
	var items []pdfItem
	for i := 0; i < len(lines); {
		j := i
		figures := false
		most := 0
		for j < len(lines) && (len(lines[j].cells) >= 2 || labelRow(lines[i], lines[j])) {
			most = max(most, len(lines[j].cells))
			for _, c := range lines[j].cells {
				figures = figures || isFigure(c.text)
			}
			j++
		}
		if j-i >= 2 && len(lines[i].cells) >= 2 && lines[i].cells[0].text == "信息内容" {
			figures = true // a table 二 item whose figures are all blank
		}
		if j-i < 2 || (most < 3 && !figures) {
			items = append(items, pdfItem{top: lines[i].y + lines[i].size, line: lines[i]})
			i++
			continue
		}
		g := alignedGrid(lines[i:j])
		g.Inferred = true
		items = append(items, pdfItem{top: lines[i].y + lines[i].size, table: g})
		i = j
	}
	return items
}

// figureRe matches a table figure: a number (with an optional money
// unit), "/" for not applicable, or a dash.
var figureRe = regexp.MustCompile(`^(?:[-+]?[\d,]+(?:\.\d+)?(?:万元|元)?|/|／|-|—)$`)

func isFigure(s string) bool { return figureRe.MatchString(s) }

// alignedGrid puts the lines of a borderless table on columns. The
// columns start where the cells of the fullest rows with figures start
// (figures and labels are aligned in their columns; headers are often
// centred over them); every cell goes to the column its centre is in.
func alignedGrid(rows []*pdfLine) *Grid {
	most, mostFig := 0, 0
	for _, r := range rows {
		most = max(most, len(r.cells))
		if rowHasFigure(r) {
			mostFig = max(mostFig, len(r.cells))
		}
	}
	var starts []float64
	em := 0.0
	for _, r := range rows {
		em = max(em, r.size)
		if (mostFig > 0 && rowHasFigure(r) && len(r.cells) == mostFig) || (mostFig == 0 && len(r.cells) == most) {
			for _, c := range r.cells {
				starts = append(starts, c.x0)
			}
		}
	}
	sort.Float64s(starts)
	var cols []float64
	for _, x := range starts {
		if n := len(cols); n > 0 && x-cols[n-1] <= 1.5*em {
			continue
		}
		cols = append(cols, x)
	}
	if len(cols) > maxGridCols {
		cols = cols[:maxGridCols]
	}
	var spanRows [][]spanCell
	for _, r := range rows {
		texts := make([]string, len(cols))
		for _, c := range r.cells {
			mid := (c.x0 + c.x1) / 2
			k := sort.SearchFloat64s(cols, mid+0.5*em) - 1
			if isFigure(c.text) || mid < c.x0+2*em {
				// Short cells and figures: by where they start.
				k = sort.SearchFloat64s(cols, c.x0+0.75*em) - 1
			}
			k = min(max(k, 0), len(cols)-1)
			texts[k] = strings.TrimSpace(texts[k] + " " + c.text)
		}
		row := make([]spanCell, len(cols))
		for k, t := range texts {
			row[k] = spanCell{text: t, rowspan: 1, colspan: 1}
		}
		spanRows = append(spanRows, row)
	}
	return buildGrid(spanRows)
}

// labelRow tells a row label standing alone under a borderless table 二
// header (信息内容 …) because its figures are blank: it lies under the
// header's first column and is a short label, not a sentence, caption or
// heading.
func labelRow(head, l *pdfLine) bool {
	if head == l || len(head.cells) < 2 || head.cells[0].text != "信息内容" || len(l.cells) != 1 {
		return false
	}
	t := l.cells[0].text
	return l.cells[0].x1 < head.cells[1].x0 && l.cells[0].x0 < head.cells[0].x1 && utf8.RuneCountInString(t) <= 20 &&
		!strings.ContainsAny(t, "。；") && !itemMarkerRe.MatchString(t)
}

func rowHasFigure(l *pdfLine) bool {
	for _, c := range l.cells {
		if isFigure(c.text) {
			return true
		}
	}
	return false
}
