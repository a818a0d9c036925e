package annualreport

import (
	"strings"
	"unicode/utf8"
)

// Two text forms of a table that carry no cell separators of their own
// come from copying a published report: a table copied out of a browser
// puts every cell on a line of its own ("自然人 |", "0 |", " |" for a
// blank cell), and text from pdftotext -layout or a PDF viewer separates
// the columns by spaces ("四、结转下年度继续办理 0 0 0 0 0 0 0") with
// header characters stacked over several lines. Both are turned into the
// rows the interpreter reads; their cells are inferred (Grid.Inferred).

// isCellPerLine: every line of the table holds at most one cell, and
// some are figures or blank cells: a browser copy, one cell per line.
func isCellPerLine(rows [][]string) bool {
	if len(rows) < 3 {
		return false
	}
	figures := 0
	for _, r := range rows {
		for i, c := range r {
			if c != "" && i > 0 {
				return false
			}
		}
		// A figure, or a blank cell (a line of just "|").
		if len(r) == 0 || r[0] == "" || isFigure(normalize(r[0])) {
			figures++
		}
	}
	return figures >= 1
}

// regroupCellLines rebuilds the rows of a one-cell-per-line table: a
// label starts a row and the figures and blank cells after it are its
// cells; figures after a column header start a row without a label (the
// figure row of table 四); the column labels after 信息内容 are its
// header row (table 二).
func regroupCellLines(lines [][]string) [][]string {
	var rows [][]string
	header := true // the current row takes no figures
	for _, l := range lines {
		c := ""
		if len(l) > 0 {
			c = l[0]
		}
		n := normalize(c)
		last := len(rows) - 1
		switch {
		case n != "" && headerLabels[n] && last >= 0 && normalize(rows[last][0]) == "信息内容":
			rows[last] = append(rows[last], c)
		case n != "" && !isFigure(n):
			rows = append(rows, []string{c})
			header = headerLabels[n]
		case header || len(rows) == 0:
			rows = append(rows, []string{"", c})
			header = false
		default:
			rows[len(rows)-1] = append(rows[len(rows)-1], c)
		}
	}
	return rows
}

// headerLabels are the normalized column and column-group labels of every
// format's tables: labels that head a column and take no figures.
var headerLabels = func() map[string]bool {
	m := map[string]bool{"信息内容": true}
	for _, f := range formats {
		for _, st := range f.Two {
			for _, c := range st.Columns {
				m[normalize(c.Label)] = true
			}
			m[normalize(st.Caption)] = true
		}
		for _, c := range f.Three.Columns {
			m[normalize(c.Label)] = true
		}
		for _, g := range f.Three.Groups {
			m[normalize(g)] = true
		}
		for _, c := range f.Four.Columns {
			m[normalize(c.Label)] = true
		}
		for _, g := range f.Four.Groups {
			m[normalize(g.Label)] = true
			m[normalize(g.Parent)] = true
		}
		m[normalize(f.Three.Corner)] = true
	}
	delete(m, "")
	return m
}()

// twoRowLabels are the row labels of every format's table 二: a row of a
// one-column sub-table has a single figure.
var twoRowLabels = func() map[string]bool {
	m := map[string]bool{}
	for _, f := range formats {
		for _, st := range f.Two {
			for _, r := range st.Rows {
				m[normalize(r.Label)] = true
			}
		}
	}
	return m
}()

// spacedRow reads a line of space-separated columns: labels, then the
// figures. It needs two figures, or one after a known row label, and no
// sentence in the labels. Label words are joined ("商业 企业"), and a
// word with an item number starts a new label cell ("三、本年度办理结果
// （一）予以公开 15 3 …"). cols gives the column (in characters, as
// pdftotext -layout places text) where each label cell starts.
func spacedRow(line string) (cells []string, cols []int, ok bool) {
	// Most lines are prose: a row ends in a figure.
	if last, _ := utf8.DecodeLastRuneInString(strings.TrimRight(line, " \t\u3000\u00a0")); !(last >= '0' && last <= '9') && !strings.ContainsRune("/／-—元", last) && !(last >= '０' && last <= '９') {
		return nil, nil, false
	}
	words, at := spacedWords(line)
	k := len(words)
	for k > 0 && isFigure(normalize(words[k-1])) {
		k--
	}
	figs := len(words) - k
	label := strings.Join(words[:k], "")
	switch {
	case figs == 0, strings.ContainsAny(label, "。；;"), utf8.RuneCountInString(label) > 80:
		return nil, nil, false
	case figs == 1 && !twoRowLabels[normalize(label)] && !isTableLabel(label):
		return nil, nil, false
	}
	for i, w := range words[:k] {
		if n := len(cells); n > 0 && !itemMarkerRe.MatchString(w) {
			cells[n-1] += w
			continue
		}
		cells, cols = append(cells, w), append(cols, at[i])
	}
	if len(cells) == 0 {
		cells, cols = []string{""}, []int{0}
	}
	return append(cells, words[k:]...), cols, true
}

// spacedWords splits a line at white space and gives the column (in
// characters) each word starts at.
func spacedWords(line string) ([]string, []int) {
	var words []string
	var cols []int
	col, start := 0, -1
	var b strings.Builder
	for _, r := range line {
		if r == ' ' || r == '\t' || r == '\u3000' || r == '\u00a0' {
			if start >= 0 {
				words, cols = append(words, b.String()), append(cols, start)
				b.Reset()
				start = -1
			}
		} else {
			if start < 0 {
				start = col
			}
			b.WriteRune(r)
		}
		col++
	}
	if start >= 0 {
		words, cols = append(words, b.String()), append(cols, start)
	}
	return words, cols
}

// continueLabels joins a line that carries on the labels of the spaced
// row above it (pdftotext -layout wraps a long label in its column:
// "5.要求行政机关确认或重新出具已获 0 0 …" then "取信息") to the label
// cells it stands under. The line holds no figure, no sentence and no
// item number or table label of its own; each word goes to the label cell
// that starts nearest to its left.
func continueLabels(row []string, cols []int, line string) bool {
	t := trimSpace(line)
	if t == "" || len(cols) == 0 || strings.ContainsAny(t, "。；;|｜") || isTableLabel(t) || formats[0].sectionOf(t) != "" {
		return false
	}
	words, at := spacedWords(line)
	target := make([]int, len(words))
	for i, w := range words {
		n := normalize(w)
		if isFigure(n) || itemMarkerRe.MatchString(n) || at[i]+1 < cols[0] || headerLabels[n] {
			return false
		}
		target[i] = 0
		for k, c := range cols {
			if c <= at[i]+1 {
				target[i] = k
			}
		}
	}
	for i, w := range words {
		row[target[i]] += w
	}
	return true
}

// spacedHeader reads the header line of a table 二 sub-table written
// with spaces ("信息内容 本年制发件数 本年废止件数 现行有效件数").
func spacedHeader(line string) ([]string, bool) {
	if !strings.HasPrefix(line, "信息内容") {
		return nil, false
	}
	words := strings.Fields(line)
	if len(words) < 2 || normalize(words[0]) != "信息内容" {
		return nil, false
	}
	return words, true
}

// isStackedHeader: a line of a spaced table's header (column labels,
// often a character or two per line, or the corner note) that goes
// before the figures: no sentence, short words.
func isStackedHeader(t string) bool {
	if strings.ContainsAny(t, "。；;") || (isTableLabel(t) && !headerLabels[normalize(t)]) {
		return false
	}
	if _, caption := captionItem(normalize(t)); caption || formats[0].sectionOf(t) != "" {
		return false
	}
	if strings.Contains(t, "勾稽") || strings.Contains(t, "第三项加第四项") {
		return true
	}
	for _, w := range strings.Fields(t) {
		if utf8.RuneCountInString(w) > 12 || isFigure(normalize(w)) {
			return false
		}
	}
	return true
}

// headerBeforeSpacedRows: lines[i] opens a run of header lines that ends
// in a spaced row. The run is found with cheap tests first; only then is
// each line checked as a header.
func headerBeforeSpacedRows(lines []string, i int) bool {
	end := -1
	for j := i; j < len(lines) && j < i+16 && end < 0; j++ {
		t := trimSpace(lines[j])
		switch {
		case t == "":
		case strings.ContainsAny(t, "|｜\t。；;"):
			return false
		default:
			if _, _, ok := spacedRow(t); ok {
				end = j
			}
		}
	}
	if end <= i {
		return false
	}
	for j := i; j < end; j++ {
		if t := trimSpace(lines[j]); t != "" && !isStackedHeader(t) {
			return false
		}
	}
	return true
}
