package annualreport

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"

	"github.com/xuri/excelize/v2"
)

// readXLSX turns an Excel (.xlsx) report into a Document. Each visible
// sheet is read in workbook order; its merged ranges are resolved; rows
// of running text (a title, section headings, narrative) become
// paragraphs and runs of table rows become Grids.
func readXLSX(data []byte) (Document, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		RawCellValue: true,
		// The whole workbook inflated: a report's is well under 1 MB,
		// and a bomb is refused before it is read. Parts up to the same
		// size stay in memory, so nothing is spooled to disk.
		UnzipSizeLimit:    maxPartSize,
		UnzipXMLSizeLimit: maxPartSize,
	})
	if err != nil {
		// excelize has no error value for its size limit, only this text.
		if strings.Contains(err.Error(), "unzip size exceeds") {
			return Document{}, fmt.Errorf("Excel 工作簿解压后超过 %d MB，不像是年度报告 / xlsx over %d MB inflated", maxPartSize>>20, maxPartSize>>20)
		}
		return Document{}, fmt.Errorf("annualreport: open xlsx: %w", err)
	}
	defer f.Close()
	var doc Document
	if props, err := f.GetDocProps(); err == nil && props != nil {
		doc.Title = cleanText(props.Title)
	}
	for _, sheet := range f.GetSheetList() {
		if visible, err := f.GetSheetVisible(sheet); err == nil && !visible {
			continue
		}
		grid, err := sheetGrid(f, sheet)
		if err != nil {
			return Document{}, fmt.Errorf("annualreport: xlsx sheet %q: %w", sheet, err)
		}
		splitSheet(&doc, grid)
	}
	splitHeadingParagraphs(&doc)
	return doc, nil
}

// sheetRows reads at most maxGridRows rows of a sheet, streaming: a
// sheet of millions of cells (GetRows would build them all, a gigabyte
// for a few MB of file) is read only as far as the grid can hold.
func sheetRows(f *excelize.File, sheet string) ([][]string, error) {
	it, err := f.Rows(sheet)
	if err != nil {
		return nil, err
	}
	defer it.Close()
	var rows [][]string
	for len(rows) < maxGridRows && it.Next() {
		row, err := it.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, err
		}
		rows = append(rows, row[:min(len(row), maxGridCols)])
	}
	return rows, it.Error()
}

// sheetGrid reads a sheet's used range as a grid with merges resolved.
func sheetGrid(f *excelize.File, sheet string) ([][]GridCell, error) {
	rows, err := sheetRows(f, sheet)
	if err != nil {
		return nil, err
	}
	width := 0
	for _, r := range rows {
		width = max(width, min(len(r), maxGridCols))
	}
	merges, err := f.GetMergeCells(sheet)
	if err != nil {
		return nil, err
	}
	type area struct{ r0, c0, r1, c1 int }
	var areas []area
	for _, m := range merges {
		c0, r0, err0 := excelize.CellNameToCoordinates(m.GetStartAxis())
		c1, r1, err1 := excelize.CellNameToCoordinates(m.GetEndAxis())
		if err0 != nil || err1 != nil || r1 < r0 || c1 < c0 {
			continue
		}
		// A merge can reach past the last cell holding a value (a merged
		// title row wider than the table); the grid grows to hold it, up to
		// the limits.
		r1, c1 = min(r1, maxGridRows), min(c1, maxGridCols)
		areas = append(areas, area{r0 - 1, c0 - 1, r1 - 1, c1 - 1})
		width = max(width, c1)
		for len(rows) < r1 {
			rows = append(rows, nil)
		}
	}
	g := make([][]GridCell, len(rows))
	for r, row := range rows {
		line := make([]GridCell, width)
		for c := range line {
			line[c].Origin = true
			if c < len(row) {
				line[c].Text = cleanText(row[c])
			}
		}
		g[r] = line
	}
	for _, a := range areas {
		if a.r0 >= len(g) || a.c0 >= width {
			continue
		}
		text := g[a.r0][a.c0].Text
		for r := a.r0; r <= a.r1 && r < len(g); r++ {
			for c := a.c0; c <= a.c1 && c < width; c++ {
				if r == a.r0 && c == a.c0 {
					continue
				}
				g[r][c] = GridCell{Text: text}
			}
		}
	}
	return g, nil
}

// xlsxHeadingRe recognises a section heading standing alone in a row.
var xlsxHeadingRe = regexp.MustCompile(`^[一二三四五六][、.．]\s*(总体情况|主动公开政府信息|收到和处理|.*行政复议.*情况|.*存在.*问题|存在问题|其他需要报告|其他事项)`)

// splitSheet cuts a sheet into paragraphs and tables. A row with two or
// more cells of its own is a table row. A row with one text is a
// paragraph when it reads like one (a title, a section heading, a
// sentence) or when no table row follows or precedes it directly;
// otherwise it belongs to the table around it (a sub-table caption such
// as 第二十条第（一）项, or a label whose figures are blank).
func splitSheet(doc *Document, g [][]GridCell) {
	kind := make([]int, len(g)) // 0 blank, 1 single text, 2 table row
	texts := make([]string, len(g))
	for r, row := range g {
		n := 0
		for _, c := range row {
			if c.Origin && c.Text != "" {
				n++
				texts[r] = c.Text
			}
		}
		switch {
		case n >= 2:
			kind[r] = 2
		case n == 1:
			kind[r] = 1
		}
	}
	nextKind := func(r, step int) int {
		for i := r + step; i >= 0 && i < len(g); i += step {
			if kind[i] != 0 {
				return kind[i]
			}
		}
		return 0
	}
	var table [][]GridCell
	end := func() {
		if len(table) > 0 {
			grid := &Grid{Rows: table}
			dropEmptyColumns(grid)
			appendGrid(doc, grid)
			table = nil
		}
	}
	for r, row := range g {
		switch kind[r] {
		case 0:
			if len(table) > 0 && nextKind(r, 1) == 2 {
				continue // a spacer row inside a table
			}
			end()
		case 2:
			table = append(table, row)
		case 1:
			t := texts[r]
			paragraph := xlsxHeadingRe.MatchString(t) || strings.Contains(t, "。") ||
				len([]rune(t)) >= 50 || (strings.Contains(t, "报告") && yearRe.MatchString(t))
			if !paragraph {
				// Inside a table (the row before went into it) or heading a
				// table that starts on the next row.
				inTable := len(table) > 0 && r > 0 && kind[r-1] != 0
				startsTable := r+1 < len(g) && kind[r+1] == 2
				paragraph = !inTable && !startsTable
			}
			if paragraph {
				end()
				appendParagraph(doc, t)
				continue
			}
			table = append(table, row)
		}
	}
	end()
}
