package disclosure

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/gongkai/gongkai/internal/annualreport"
)

// The headings of a table 二 figures file, in template order. 单位 and
// 年度 may be left out: the file is imported into one body's year.
const (
	HeadYear  = "年度"
	HeadBody  = "单位"
	HeadRow   = "项目"
	HeadCol   = "指标"
	HeadValue = "数值"
)

// FigureError is one problem of an imported figures file, located by
// the row number a spreadsheet shows (1-based; 0 for the whole file).
type FigureError struct {
	Row int
	Msg string
}

func (e FigureError) Error() string {
	if e.Row == 0 {
		return e.Msg
	}
	return fmt.Sprintf("第 %d 行：%s", e.Row, e.Msg)
}

// FigureTarget says which body and year a file is imported into; a row
// naming another body (by name or code) or year is refused rather than
// silently written to the wrong report.
type FigureTarget struct {
	Year     int
	BodyName string
	BodyCode string
}

// ParseFigures validates the rows of a figures file (already read from
// .xlsx or .csv) against the year's table 二 format. It returns either
// every entered cell, keyed by the format's own labels, with the unit of
// each amount of a unit_from_report column (written after the figure,
// "12.5万元"), or every error: nothing is half-imported. A blank 数值 is
// returned as a Blank cell so that the import clears it, as the form
// does.
func ParseFigures(rows [][]string, t FigureTarget) (Figures, []FigureError) {
	f := annualreport.FormatForYear(t.Year)
	if f == nil {
		return Figures{}, []FigureError{{Msg: fmt.Sprintf("%d 年度没有适用的年度报告格式。", t.Year)}}
	}
	hi, idx := figureHeader(rows)
	if hi < 0 {
		return Figures{}, []FigureError{{Msg: "未找到表头：应有“项目”“指标”“数值”三列（可另有“年度”“单位”）。"}}
	}
	out := map[string]map[string]annualreport.Cell{}
	units := map[string]string{}
	seen := map[[2]string]int{}
	var errs []FigureError
	for i := hi + 1; i < len(rows); i++ {
		row, line := rows[i], i+1
		get := func(head string) string {
			j, ok := idx[head]
			if !ok || j >= len(row) {
				return ""
			}
			return strings.TrimSpace(row[j])
		}
		if get(HeadRow) == "" && get(HeadCol) == "" && get(HeadValue) == "" {
			continue // blank or note lines between data rows
		}
		if msg := checkTarget(get(HeadYear), get(HeadBody), t); msg != "" {
			errs = append(errs, FigureError{line, msg})
			continue
		}
		r, c, msg := findCell(f, get(HeadRow), get(HeadCol))
		if msg != "" {
			errs = append(errs, FigureError{line, msg})
			continue
		}
		key := [2]string{r.Label, c.Label}
		if prev, dup := seen[key]; dup {
			errs = append(errs, FigureError{line, fmt.Sprintf("“%s / %s”与第 %d 行重复。", r.Label, c.Label, prev)})
			continue
		}
		seen[key] = line
		cell, unit, msg := parseFigureUnit(get(HeadValue), c)
		if msg != "" {
			errs = append(errs, FigureError{line, fmt.Sprintf("“%s / %s”%s", r.Label, c.Label, msg)})
			continue
		}
		if out[r.Label] == nil {
			out[r.Label] = map[string]annualreport.Cell{}
		}
		out[r.Label][c.Label] = cell
		if unit != "" {
			units[UnitKey(r.Label, c.Label)] = unit
		}
	}
	if len(errs) > 0 {
		return Figures{}, errs
	}
	if len(seen) == 0 {
		return Figures{}, []FigureError{{Msg: "文件中没有数据行。"}}
	}
	return Figures{Cells: out, Units: units}, nil
}

// parseFigureUnit reads a 数值 cell with the unit an amount of a
// unit_from_report column must carry as a suffix ("12.5万元",
// "125000 元"). Any other column takes ParseFigure's rules unchanged,
// except that a valid figure followed by a unit is refused with a
// message saying so, since its unit is fixed by the format or none.
// The message is "" when the cell is valid.
func parseFigureUnit(s string, c annualreport.Column) (annualreport.Cell, string, string) {
	fig, unit := splitUnit(s)
	if unit != "" {
		cell, err := ParseFigure(fig, c)
		switch {
		case err == nil && cell.State == annualreport.Value && c.UnitFromReport:
			return cell, unit, ""
		case err == nil && cell.State == annualreport.Value:
			return annualreport.Cell{}, "", fmt.Sprintf("只填数字，不写单位“%s”。", unit)
		case c.UnitFromReport:
			return annualreport.Cell{}, "", fmt.Sprintf("应填写%s并注明单位（万元或元）、“/”或留空，不能是“%s”。",
				FigureKindWord(c), annualreport.NormalizeLabel(s))
		}
	}
	cell, err := ParseFigure(s, c)
	if err != nil {
		return annualreport.Cell{}, "", err.Error()
	}
	if c.UnitFromReport && cell.State == annualreport.Value {
		return annualreport.Cell{}, "", "请注明金额单位：万元或元（如“12.5万元”）。"
	}
	return cell, "", ""
}

// splitUnit separates a money unit written after a figure; the figure
// comes back normalized (full-width digits and spaces folded), which
// ParseFigure reads the same as the original text.
func splitUnit(s string) (figure, unit string) {
	n := annualreport.NormalizeLabel(s)
	for _, u := range amountUnits {
		if strings.HasSuffix(n, u) {
			return strings.TrimSuffix(n, u), u
		}
	}
	return s, ""
}

// unitNote follows the label of a unit_from_report column in the
// template's 指标, telling the person to write the unit with the amount.
const unitNote = "（填写时注明万元或元）"

// FigureColumnText is a column's 指标 text in the template: its label,
// with unitNote when the amount must carry its unit.
func FigureColumnText(c annualreport.Column) string {
	if c.UnitFromReport {
		return c.Label + unitNote
	}
	return c.Label
}

// figureHeader finds the first row holding the three required headings;
// lines above it (a title, instructions) are ignored.
func figureHeader(rows [][]string) (int, map[string]int) {
	for i, row := range rows {
		idx := map[string]int{}
		for j, v := range row {
			n := annualreport.NormalizeLabel(v)
			for _, h := range []string{HeadYear, HeadBody, HeadRow, HeadCol, HeadValue} {
				if _, dup := idx[h]; n == h && !dup {
					idx[h] = j
				}
			}
		}
		_, r := idx[HeadRow]
		_, c := idx[HeadCol]
		_, v := idx[HeadValue]
		if r && c && v {
			return i, idx
		}
	}
	return -1, nil
}

func checkTarget(year, body string, t FigureTarget) string {
	if year != "" {
		y, err := strconv.Atoi(strings.TrimSuffix(annualreport.NormalizeLabel(year), "年"))
		if err != nil || y != t.Year {
			return fmt.Sprintf("年度“%s”与导入的 %d 年度不符。", year, t.Year)
		}
	}
	if body != "" {
		n := annualreport.NormalizeLabel(body)
		if n != annualreport.NormalizeLabel(t.BodyName) && (t.BodyCode == "" || n != annualreport.NormalizeLabel(t.BodyCode)) {
			return fmt.Sprintf("单位“%s”不是“%s”，请只导入本单位的数据。", body, t.BodyName)
		}
	}
	return ""
}

// findCell matches a row and a column label of the format's table 二,
// each by its label or a variant, the column within the row's own
// sub-table. Cells counted from documents are refused: they come from
// the platform's records, never from a file.
func findCell(f *annualreport.Format, rowText, colText string) (annualreport.Label, annualreport.Column, string) {
	rn, cn := annualreport.NormalizeLabel(rowText), annualreport.NormalizeLabel(colText)
	for _, st := range f.Two {
		for _, r := range st.Rows {
			if !labelIs(rn, r.Label, r.Variants) {
				continue
			}
			for _, c := range st.Columns {
				if !labelIs(cn, c.Label, c.Variants) && !(c.UnitFromReport && cn == annualreport.NormalizeLabel(FigureColumnText(c))) {
					continue
				}
				if FromDocuments(r, c) {
					return r, c, fmt.Sprintf("“%s / %s”由本平台的文件及其有效性记录统计，不能导入。", r.Label, c.Label)
				}
				return r, c, ""
			}
			return r, annualreport.Column{}, fmt.Sprintf("指标“%s”不是“%s”在%s中的栏目。", colText, r.Label, f.Name)
		}
	}
	return annualreport.Label{}, annualreport.Column{}, fmt.Sprintf("项目“%s”不是%s表二中的行。", rowText, f.Name)
}

func labelIs(n, label string, variants []string) bool {
	if n == "" {
		return false
	}
	if n == annualreport.NormalizeLabel(label) {
		return true
	}
	for _, v := range variants {
		if n == annualreport.NormalizeLabel(v) {
			return true
		}
	}
	return false
}

// ParseFigure reads one entered cell: blank, "/" (not applicable) or a
// number of the column's kind. Thousands separators are dropped, since
// spreadsheets often display counts that way.
func ParseFigure(s string, col annualreport.Column) (annualreport.Cell, error) {
	s = strings.ReplaceAll(annualreport.NormalizeLabel(s), ",", "")
	switch s {
	case "":
		return annualreport.Cell{State: annualreport.Blank}, nil
	case "/":
		return annualreport.Cell{State: annualreport.NotApplicable}, nil
	}
	n, err := strconv.ParseFloat(s, 64)
	ok := err == nil && !math.IsNaN(n) && !math.IsInf(n, 0)
	switch col.Kind {
	case "amount":
		ok = ok && n >= 0
	case "signed":
		ok = ok && n == math.Trunc(n)
	default:
		ok = ok && n >= 0 && n == math.Trunc(n)
	}
	if !ok {
		return annualreport.Cell{}, fmt.Errorf("应填写%s、“/”或留空，不能是“%s”。", FigureKindWord(col), s)
	}
	return annualreport.Cell{State: annualreport.Value, Num: n}, nil
}

// FigureKindWord names what a column accepts, for messages.
func FigureKindWord(c annualreport.Column) string {
	switch c.Kind {
	case "amount":
		return "非负金额"
	case "signed":
		return "整数（可为负）"
	}
	return "非负整数"
}
