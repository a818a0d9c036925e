package disclosure

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/gongkai/gongkai/internal/annualreport"
)

// figuresSheet names the template's only sheet.
const figuresSheet = "表二数据"

// ReadFiguresXLSX returns the rows of a workbook's first sheet, the one
// a person fills in; other sheets may hold notes.
func ReadFiguresXLSX(r io.Reader) ([][]string, error) {
	// Uploaded workbooks are untrusted: bound what unzipping may allocate.
	f, err := excelize.OpenReader(r, excelize.Options{UnzipSizeLimit: 64 << 20, UnzipXMLSizeLimit: 16 << 20})
	if err != nil {
		return nil, fmt.Errorf("无法读取，请上传 .xlsx 格式的 Excel 文件。")
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, fmt.Errorf("工作簿中没有工作表。")
	}
	rows, err := f.GetRows(sheets[0])
	if err != nil {
		return nil, fmt.Errorf("无法读取第一个工作表。")
	}
	return rows, nil
}

// ReadFiguresCSV returns the rows of a .csv file: UTF-8 with or without
// a byte-order mark, or GBK as saved by older Excel on Chinese Windows.
func ReadFiguresCSV(r io.Reader) ([][]string, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(data) {
		if data, err = simplifiedchinese.GBK.NewDecoder().Bytes(data); err != nil {
			return nil, fmt.Errorf("文件编码无法识别，请另存为 UTF-8 编码的 CSV。")
		}
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1 // rows may be short when trailing cells are empty
	cr.LazyQuotes = true
	rows, err := cr.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("CSV 格式不正确：%v", err)
	}
	return rows, nil
}

// WriteFiguresTemplate writes the .xlsx a body fills in for a year: one
// row for every entered cell of the year's table 二, labels taken from
// the format, values pre-filled from what is already entered (an amount
// with its unit) so that an untouched row keeps its figure.
func WriteFiguresTemplate(w io.Writer, year int, bodyName string, entered Figures) error {
	fm := annualreport.FormatForYear(year)
	if fm == nil {
		return fmt.Errorf("disclosure: no report format for %d", year)
	}
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", figuresSheet); err != nil {
		return fmt.Errorf("disclosure: figures template: %w", err)
	}
	rows := [][]any{{HeadYear, HeadBody, HeadRow, HeadCol, HeadValue}}
	for _, st := range fm.Two {
		for _, r := range st.Rows {
			for _, c := range st.Columns {
				if FromDocuments(r, c) {
					continue
				}
				rows = append(rows, []any{year, bodyName, r.Label, FigureColumnText(c),
					figureText(entered.Cells[r.Label][c.Label], entered.Units[UnitKey(r.Label, c.Label)])})
			}
		}
	}
	for i, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(figuresSheet, cell, &row); err != nil {
			return fmt.Errorf("disclosure: figures template: %w", err)
		}
	}
	_ = f.SetColWidth(figuresSheet, "B", "D", 28)
	_ = f.SetPanes(figuresSheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("disclosure: figures template: %w", err)
	}
	return nil
}

// figureText writes a cell as a person would type it, so a value is a
// string the parser reads back unchanged; an amount with a unit is text
// ("12.5万元"), the unit written as the parser expects it.
func figureText(c annualreport.Cell, unit string) any {
	switch c.State {
	case annualreport.Value:
		if unit != "" {
			return strconv.FormatFloat(c.Num, 'f', -1, 64) + unit
		}
		return c.Num
	case annualreport.NotApplicable:
		return "/"
	}
	return ""
}
