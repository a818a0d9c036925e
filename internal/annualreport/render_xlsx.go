package annualreport

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// Sheet names of a rendered workbook.
const (
	sheetText  = "报告正文"
	sheetTwo   = "二、主动公开"
	sheetThree = "三、依申请公开"
	sheetFour  = "四、复议诉讼"
)

// RenderXLSX writes the report as an Excel workbook: a sheet with the
// title and the narrative of the six sections in order, then one sheet
// per table (二, 三, 四) drawn as in the official form with merged header
// cells. Figures are stored as numbers, "/" as text and blanks as empty
// cells, so the three states of a cell survive.
func RenderXLSX(w io.Writer, r *Report) error {
	if r == nil {
		return fmt.Errorf("annualreport: render XLSX: no report")
	}
	f := renderFormat(r)
	x := excelize.NewFile()
	defer x.Close()
	if err := renderXLSX(x, r, f); err != nil {
		return fmt.Errorf("annualreport: render XLSX: %w", err)
	}
	if err := x.Write(w); err != nil {
		return fmt.Errorf("annualreport: render XLSX: %w", err)
	}
	return nil
}

func renderXLSX(x *excelize.File, r *Report, f *Format) error {
	if err := x.SetSheetName("Sheet1", sheetText); err != nil {
		return err
	}
	st, err := newXLSXStyles(x)
	if err != nil {
		return err
	}
	title := reportTitle(r)
	if err := x.SetDocProps(&excelize.DocProperties{Title: title, Creator: r.Org, Language: "zh-CN"}); err != nil {
		return err
	}

	// The narrative sheet: one paragraph per row in a wide wrapped column.
	// Row heights are set from the text's length, since not every
	// spreadsheet program fits wrapped rows on opening.
	if err := x.SetColWidth(sheetText, "A", "A", xlsxTextWidth); err != nil {
		return err
	}
	if err := xlsxPrintSetup(x, sheetText, "portrait"); err != nil {
		return err
	}
	row := 1
	put := func(text string, style int) error {
		cell, _ := excelize.CoordinatesToCellName(1, row)
		if err := x.SetCellStr(sheetText, cell, text); err != nil {
			return err
		}
		perLine, lineHeight := xlsxTextWidth/2.2, 18.0
		if style == st.title {
			perLine, lineHeight = xlsxTextWidth/3.2, 28
		}
		lines := math.Ceil(float64(utf8.RuneCountInString(text)) / perLine)
		if err := x.SetRowHeight(sheetText, row, max(lines, 1)*lineHeight); err != nil {
			return err
		}
		row++
		return x.SetCellStyle(sheetText, cell, cell, style)
	}
	if err := put(title, st.title); err != nil {
		return err
	}
	for _, p := range sectionParagraphs(r.Preamble) {
		if err := put(p, st.body); err != nil {
			return err
		}
	}
	for _, s := range f.Sections {
		if err := put(s.Label, st.heading); err != nil {
			return err
		}
		for _, p := range sectionParagraphs(r.Sections[s.ID]) {
			if err := put(p, st.body); err != nil {
				return err
			}
		}
	}

	tables := []struct {
		sheet string
		t     layoutTable
	}{
		{sheetTwo, joinTwo(twoTables(r, f))},
		{sheetThree, threeTable(r, f)},
		{sheetFour, fourTable(r, f)},
	}
	for _, tb := range tables {
		if _, err := x.NewSheet(tb.sheet); err != nil {
			return err
		}
		if err := writeXLSXTable(x, tb.sheet, tb.t, st); err != nil {
			return fmt.Errorf("sheet %s: %w", tb.sheet, err)
		}
		orientation := "landscape"
		if tb.sheet == sheetTwo {
			orientation = "portrait"
		}
		if err := xlsxPrintSetup(x, tb.sheet, orientation); err != nil {
			return fmt.Errorf("sheet %s: %w", tb.sheet, err)
		}
	}
	return nil
}

// xlsxTextWidth is the narrative column's width in characters.
const xlsxTextWidth = 70.0

// xlsxPrintSetup prints a sheet on A4, scaled to the page width.
func xlsxPrintSetup(x *excelize.File, sheet, orientation string) error {
	size, one, zero, fit := 9, 1, 0, true // 9: A4
	if err := x.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &size, Orientation: &orientation, FitToWidth: &one, FitToHeight: &zero}); err != nil {
		return err
	}
	return x.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit})
}

type xlsxStyles struct {
	title, heading, body, head, label, value int
}

func newXLSXStyles(x *excelize.File) (xlsxStyles, error) {
	border := []excelize.Border{
		{Type: "left", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1},
		{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1},
	}
	defs := []*excelize.Style{
		{Font: &excelize.Font{Family: fontTitle, Size: 16}, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}},
		{Font: &excelize.Font{Family: fontHeading, Size: 14}, Alignment: &excelize.Alignment{Vertical: "center"}},
		{Font: &excelize.Font{Family: fontBody, Size: 12}, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}},
		{Font: &excelize.Font{Family: fontTable, Size: 10, Bold: true}, Border: border,
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F2F2F2"}},
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}},
		{Font: &excelize.Font{Family: fontTable, Size: 10}, Border: border, Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "center", WrapText: true}},
		{Font: &excelize.Font{Family: fontTable, Size: 10}, Border: border, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}},
	}
	ids := make([]int, len(defs))
	for i, d := range defs {
		id, err := x.NewStyle(d)
		if err != nil {
			return xlsxStyles{}, err
		}
		ids[i] = id
	}
	return xlsxStyles{ids[0], ids[1], ids[2], ids[3], ids[4], ids[5]}, nil
}

func writeXLSXTable(x *excelize.File, sheet string, t layoutTable, st xlsxStyles) error {
	cells, _ := t.place()
	for i := 0; i < t.cols; i++ {
		wv := 1.0
		if i < len(t.widths) {
			wv = t.widths[i]
		}
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := x.SetColWidth(sheet, col, col, 9*wv); err != nil {
			return err
		}
	}
	// Rows tall enough for their wrapped labels (a CJK character takes
	// about two width units at 10 points).
	for r, row := range cells {
		lines := 1.0
		for _, p := range row {
			if p.rowspan != 1 {
				continue
			}
			width := 0.0
			for k := p.col; k < p.col+p.colspan && k < len(t.widths); k++ {
				width += 9 * t.widths[k]
			}
			if width > 0 {
				lines = max(lines, math.Ceil(float64(utf8.RuneCountInString(p.text))*2/width))
			}
		}
		if err := x.SetRowHeight(sheet, r+1, max(lines*14, 18)); err != nil {
			return err
		}
	}
	for _, row := range cells {
		for _, p := range row {
			tl, _ := excelize.CoordinatesToCellName(p.col+1, p.row+1)
			br, _ := excelize.CoordinatesToCellName(p.col+p.colspan, p.row+p.rowspan)
			if err := setXLSXValue(x, sheet, tl, p); err != nil {
				return err
			}
			if p.rowspan > 1 || p.colspan > 1 {
				if err := x.MergeCell(sheet, tl, br); err != nil {
					return err
				}
			}
			style := st.value
			switch {
			case p.left:
				style = st.label
			case p.header:
				style = st.head
			}
			if err := x.SetCellStyle(sheet, tl, br, style); err != nil {
				return err
			}
		}
	}
	return nil
}

// setXLSXValue stores a figure as a number, anything else as text.
func setXLSXValue(x *excelize.File, sheet, cell string, p placed) error {
	if p.text == "" {
		return nil
	}
	if !p.header {
		if v, err := strconv.ParseFloat(p.text, 64); err == nil {
			return x.SetCellFloat(sheet, cell, v, -1, 64)
		}
	}
	return x.SetCellStr(sheet, cell, p.text)
}
