package annualreport

import (
	"bytes"
	"errors"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// readText reads the flattened text form of a report (as the seed):
// one paragraph per line, table rows as cells separated by "|" (or the
// full-width "｜"). Consecutive row lines form one table. Text saved in
// GB18030/GBK, common for Chinese government files, is decoded.
func readText(data []byte) (Document, error) {
	s, err := decodeText(data)
	if err != nil {
		return Document{}, err
	}
	lines := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	var doc Document
	var rows [][]string
	// The open table's columns are separated by spaces, or it has rows
	// with | or tabs: a change of kind starts a new table.
	spaced, piped := false, false
	var labelCols []int // where the last spaced row's label cells start
	flush := func() {
		if len(rows) > 0 {
			inferred := spaced
			if isCellPerLine(rows) {
				rows, inferred = regroupCellLines(rows), true
			}
			g := textGrid(rows)
			g.Inferred = inferred
			doc.Blocks = append(doc.Blocks, Block{Table: g})
			rows, spaced, piped, labelCols = nil, false, false, nil
		}
	}
	prefix := "" // first line of a row label broken over two lines
	for i, line := range lines {
		line = strings.TrimRight(line, "\r")
		if isTabRow(line) {
			// Copied from a word processor: cells separated by tabs.
			line = strings.ReplaceAll(trimSpace(line), "\t", "|")
		}
		if strings.ContainsAny(line, "|｜") {
			if spaced {
				flush()
			}
			piped = true
			cells := splitRow(line)
			if cells == nil {
				continue // a Markdown separator row
			}
			if prefix != "" {
				cells[firstNonEmpty(cells)] = prefix + cells[firstNonEmpty(cells)]
				prefix = ""
			}
			rows = append(rows, cells)
			continue
		}
		t := trimSpace(line)
		if t == "" {
			continue
		}
		if cells, cols, ok := spacedRow(line); ok {
			if piped {
				flush()
			}
			rows, spaced, labelCols = append(rows, cells), true, cols
			continue
		}
		if spaced && len(rows) > 0 && continueLabels(rows[len(rows)-1], labelCols, line) {
			continue
		}
		if cells, ok := spacedHeader(t); ok && nextIsRow(lines[i+1:]) {
			flush()
			rows, spaced = append(rows, cells), true
			continue
		}
		if headerBeforeSpacedRows(lines, i) {
			// Column headers of a spaced table, stacked over lines: the
			// format gives the columns, the figures are read in its order.
			continue
		}
		// A table label on a line of its own before a row (a group label
		// such as （三）不予公开, 行政复议) is a row of the table.
		if nextIsRow(lines[i+1:]) && isTableLabel(t) {
			if prefix != "" {
				flushPrefix(&rows, &prefix)
			}
			rows = append(rows, []string{t})
			continue
		}
		// A short line between two table rows is the first line of a
		// label the next row continues (商业 / 企业, long row labels).
		if len(rows) > 0 && nextIsRow(lines[i+1:]) && isLabelFragment(t) {
			prefix += t
			continue
		}
		if prefix != "" {
			flushPrefix(&rows, &prefix)
		}
		flush()
		doc.Blocks = append(doc.Blocks, Block{Text: t})
	}
	if prefix != "" {
		flushPrefix(&rows, &prefix)
	}
	flush()
	return doc, nil
}

// flushPrefix keeps a dangling label line as a row of its own.
func flushPrefix(rows *[][]string, prefix *string) {
	*rows = append(*rows, []string{*prefix})
	*prefix = ""
}

func nextIsRow(rest []string) bool {
	for _, l := range rest {
		if trimSpace(l) == "" {
			continue
		}
		if strings.ContainsAny(l, "|｜") || isTabRow(l) {
			return true
		}
		_, _, ok := spacedRow(l)
		return ok
	}
	return false
}

func firstNonEmpty(cells []string) int {
	for i, c := range cells {
		if trimSpace(c) != "" {
			return i
		}
	}
	return 0
}

// splitRow splits a table line into trimmed cells; nil for a Markdown
// separator row (|---|:--|).
func splitRow(line string) []string {
	line = strings.ReplaceAll(line, "｜", "|")
	if t := trimSpace(line); len(t) >= 2 && t[0] == '|' && t[len(t)-1] == '|' {
		// A Markdown row: the outer pipes enclose the cells.
		line = t[1 : len(t)-1]
	}
	parts := strings.Split(line, "|")
	sep := true
	for i, p := range parts {
		parts[i] = trimSpace(p)
		if strings.Trim(parts[i], "-: ") != "" {
			sep = false
		}
	}
	if sep && strings.Contains(line, "-") {
		return nil
	}
	return parts
}

// trimSpace also trims the ideographic space and no-break space.
func trimSpace(s string) string {
	return strings.TrimFunc(s, func(r rune) bool {
		return r == ' ' || r == '\t' || r == '\u3000' || r == '\u00a0' || r == '\r' || r == '\ufeff'
	})
}

// maxTextColumns bounds a table's width: report tables have at most
// 15 figures plus labels and spacers, and padding every row to the width
// of one absurd line must not exhaust memory.
const maxTextColumns = 200

// textGrid makes rows of cells into a Grid of equal width.
func textGrid(rows [][]string) *Grid {
	width := 0
	for _, r := range rows {
		width = max(width, len(r))
	}
	width = min(width, maxTextColumns)
	g := &Grid{Rows: make([][]GridCell, len(rows))}
	for i, r := range rows {
		row := make([]GridCell, width)
		for j := range row {
			row[j].Origin = true
			if j < len(r) {
				row[j].Text = r[j]
			}
		}
		g.Rows[i] = row
	}
	return g
}

var errNotText = errors.New("不是文本文件（含有二进制数据）")

// decodeText returns data as UTF-8: UTF-8 (with or without BOM) as is,
// otherwise GB18030, which covers GBK and GB2312.
func decodeText(data []byte) (string, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if bytes.IndexByte(data, 0) >= 0 {
		return "", errNotText
	}
	if utf8.Valid(data) {
		return string(data), nil
	}
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
	if err != nil || !utf8.Valid(out) {
		return "", errors.New("文本编码无法识别（既不是UTF-8也不是GB18030/GBK）")
	}
	return string(out), nil
}

// isLabelFragment: short, no sentence end, not a heading or caption.
func isLabelFragment(t string) bool {
	n := normalize(t)
	if utf8.RuneCountInString(n) > 30 || strings.ContainsAny(n, "。:;") {
		return false
	}
	if m, _ := splitMarker(n); m.kind == 't' {
		return false
	}
	_, caption := captionItem(n)
	return !caption && formats[0].sectionOf(t) == ""
}

// isTabRow: a line with a tab inside its text (not just indentation).
func isTabRow(line string) bool {
	return strings.Contains(strings.Trim(line, " \t\u3000\r"), "\t")
}

// tableLabels are the normalized labels of every format's tables.
var tableLabels = func() map[string]bool {
	m := map[string]bool{}
	add := func(s string) { m[normalize(s)] = true }
	for _, f := range formats {
		for _, r := range f.Three.Rows {
			add(r.Label)
		}
		for _, g := range f.Three.Groups {
			add(g)
		}
		for _, g := range f.Four.Groups {
			add(g.Label)
			add(g.Parent)
		}
		add("信息内容")
	}
	delete(m, "")
	return m
}()

// isTableLabel: the line is exactly a label of a table row or header.
func isTableLabel(t string) bool {
	return len(t) < 200 && tableLabels[normalize(t)]
}
