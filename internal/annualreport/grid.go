package annualreport

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits that keep a hostile or broken document from making a reader
// allocate without bound (a colspan of 10000 on every row, a rowspan to the
// end of a huge table). Real report tables are at most about 20 columns
// wide and 40 rows long.
const (
	maxGridCols = 128
	maxGridRows = 2000
	maxColspan  = 64
)

// spanCell is one cell as a source writes it: its text and how many grid
// rows and columns it covers.
type spanCell struct {
	text    string
	rowspan int // ≥ 1
	colspan int // ≥ 1
}

// buildGrid places rows of spanning cells on a grid, the way HTML tables
// lay out (a cell goes to the first free column of its row, skipping
// positions covered by rowspans from above). Every position covered by a
// merge repeats the merge's text with Origin false. The result is
// rectangular; columns that are empty in every row are dropped.
func buildGrid(rows [][]spanCell) *Grid {
	if len(rows) > maxGridRows {
		rows = rows[:maxGridRows]
	}
	nrows := len(rows)
	type slot struct {
		cell   GridCell
		filled bool
	}
	grid := make([][]slot, nrows)
	width := 0
	for r, row := range rows {
		c := 0
		for _, sc := range row {
			for c < len(grid[r]) && grid[r][c].filled {
				c++
			}
			if c >= maxGridCols {
				break
			}
			rs, cs := max(sc.rowspan, 1), min(max(sc.colspan, 1), maxColspan)
			if r+rs > nrows {
				rs = nrows - r
			}
			if c+cs > maxGridCols {
				cs = maxGridCols - c
			}
			for dr := 0; dr < rs; dr++ {
				line := grid[r+dr]
				if need := c + cs; len(line) < need {
					line = append(line, make([]slot, need-len(line))...)
				}
				for dc := 0; dc < cs; dc++ {
					// A later cell never overwrites an earlier merge: broken
					// sources overlap spans, and the first writer wins.
					if !line[c+dc].filled {
						line[c+dc] = slot{cell: GridCell{Text: sc.text, Origin: dr == 0 && dc == 0}, filled: true}
					}
				}
				grid[r+dr] = line
			}
			c += cs
			if c > width {
				width = c
			}
		}
		if len(grid[r]) > width {
			width = len(grid[r])
		}
	}
	g := &Grid{Rows: make([][]GridCell, nrows)}
	for r := range grid {
		out := make([]GridCell, width)
		for c := range out {
			if c < len(grid[r]) && grid[r][c].filled {
				out[c] = grid[r][c].cell
			} else {
				out[c] = GridCell{Origin: true}
			}
		}
		g.Rows[r] = out
	}
	dropEmptyColumns(g)
	return g
}

// dropEmptyColumns removes columns whose every cell is blank: spacer
// columns that some sites put between the label and the figures, and the
// trailing padding of ragged rows.
func dropEmptyColumns(g *Grid) {
	if len(g.Rows) == 0 {
		return
	}
	width := len(g.Rows[0])
	keep := make([]bool, width)
	hasText := false
	for _, row := range g.Rows {
		for c, cell := range row {
			if cell.Text != "" {
				keep[c] = true
				hasText = true
			}
		}
	}
	if !hasText {
		g.Rows = nil
		return
	}
	for r, row := range g.Rows {
		out := row[:0]
		for c, cell := range row {
			if keep[c] {
				out = append(out, cell)
			}
		}
		g.Rows[r] = out
	}
}

// cleanText turns text as a source holds it into one line: no-break spaces
// and other Unicode spaces become ordinary spaces, runs of spaces collapse
// to one, and the ends are trimmed (including the ideographic spaces used
// to indent paragraphs). Zero-width characters are dropped.
func cleanText(s string) string {
	if s == "" {
		return ""
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for len(s) > 0 {
		r, size := utf8.DecodeRuneInString(s)
		s = s[size:]
		switch {
		case r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\ufeff' || r == '\u00ad':
			continue
		case r == utf8.RuneError && size == 1:
			continue
		case unicode.IsSpace(r) || r == '\u3000' || unicode.Is(unicode.Zs, r):
			space = true
			continue
		case unicode.IsControl(r):
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// appendParagraph adds a paragraph block unless it is empty after cleaning.
func appendParagraph(doc *Document, text string) {
	if t := cleanText(text); t != "" {
		doc.Blocks = append(doc.Blocks, Block{Text: t})
	}
}

// appendGrid adds a table block unless the grid holds no text at all.
func appendGrid(doc *Document, g *Grid) {
	if g != nil && len(g.Rows) > 0 {
		doc.Blocks = append(doc.Blocks, Block{Table: g})
	}
}

// splitHeadingParagraphs splits a paragraph that starts with a section
// heading of the national format and runs on into the section's text
// ("五、存在的主要问题及改进情况一是……", common where the heading is
// only set in bold) into the heading and the text. Only the exact labels
// and aliases of the formats are split off.
func splitHeadingParagraphs(doc *Document) {
	var labels []string
	seen := map[string]bool{}
	for _, f := range Formats() {
		for _, s := range f.Sections {
			for _, l := range append([]string{s.Label}, s.Aliases...) {
				if !seen[l] {
					seen[l] = true
					labels = append(labels, l)
				}
			}
		}
	}
	// Longest first, so an alias that extends a label wins.
	sort.Slice(labels, func(i, j int) bool { return len(labels[i]) > len(labels[j]) })
	out := doc.Blocks[:0:0]
	for _, b := range doc.Blocks {
		if b.Table == nil {
			if head, rest, ok := cutHeading(b.Text, labels); ok {
				out = append(out, Block{Text: head}, Block{Text: rest})
				continue
			}
		}
		out = append(out, b)
	}
	doc.Blocks = out
}

func cutHeading(text string, labels []string) (string, string, bool) {
	compact := strings.ReplaceAll(text, " ", "")
	for _, l := range labels {
		if !strings.HasPrefix(compact, l) || len(compact) == len(l) {
			continue
		}
		rest := strings.TrimLeft(compact[len(l):], "：:。.， ")
		if rest == "" {
			return "", "", false
		}
		// Keep the original spacing of the rest.
		if i := strings.Index(text, rest[:min(len(rest), 6)]); i >= 0 && strings.ReplaceAll(text[i:], " ", "") == rest {
			rest = text[i:]
		}
		return l, rest, true
	}
	return "", "", false
}
