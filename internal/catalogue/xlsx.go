package catalogue

import (
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"
)

// domainHeading names the extra first column of the single-sheet form.
const domainHeading = "领域"

// sheetName is the exported workbook's only sheet.
const sheetName = "标准目录"

// RowError is one problem of an imported workbook, located for the user.
type RowError struct {
	Sheet string
	Row   int // 1-based, as Excel shows it; 0 for the sheet as a whole
	Msg   string
}

func (e RowError) Error() string {
	if e.Row == 0 {
		return fmt.Sprintf("工作表“%s”：%s", e.Sheet, e.Msg)
	}
	return fmt.Sprintf("工作表“%s”第 %d 行：%s", e.Sheet, e.Row, e.Msg)
}

// WriteXLSX writes items as one sheet: a header row of 领域 and the
// catalogue fields, then one row per line, in the given order.
func WriteXLSX(w io.Writer, items []Item) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", sheetName); err != nil {
		return fmt.Errorf("catalogue: xlsx: %w", err)
	}
	header := append([]any{domainHeading}, anySlice(Fields())...)
	if err := f.SetSheetRow(sheetName, "A1", &header); err != nil {
		return fmt.Errorf("catalogue: xlsx: %w", err)
	}
	for i, it := range items {
		row := []any{it.Domain, it.Level1, it.Level2, it.Content, it.Basis, it.Timing, it.Subject,
			JoinList(it.Channels), it.Audience, it.Mode, JoinList(it.Tier)}
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := f.SetSheetRow(sheetName, cell, &row); err != nil {
			return fmt.Errorf("catalogue: xlsx: %w", err)
		}
	}
	_ = f.SetPanes(sheetName, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("catalogue: xlsx: %w", err)
	}
	return nil
}

func anySlice(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// ReadXLSX reads a catalogue workbook in either circulated form: sheets
// with a 领域 column, or one sheet per domain named after it (without
// that column). Every row is checked; any error makes the whole import
// fail, so the caller gets either all lines or the full list of errors.
// Sheets without the catalogue header (notes, instructions) are skipped.
func ReadXLSX(r io.Reader) ([]Item, []RowError) {
	// Uploaded workbooks are untrusted: bound what unzipping may allocate.
	f, err := excelize.OpenReader(r, excelize.Options{UnzipSizeLimit: 64 << 20, UnzipXMLSizeLimit: 16 << 20})
	if err != nil {
		return nil, []RowError{{Sheet: "（文件）", Msg: "无法读取，请上传 .xlsx 格式的 Excel 文件"}}
	}
	defer f.Close()
	var items []Item
	var errs []RowError
	seen := map[string]string{}
	found := false
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet)
		if err != nil {
			errs = append(errs, RowError{Sheet: sheet, Msg: "无法读取"})
			continue
		}
		hr, idx := findHeader(rows)
		if hr < 0 {
			continue
		}
		found = true
		for i := hr + 1; i < len(rows); i++ {
			row := rows[i]
			if blankRow(row) {
				continue
			}
			get := func(name string) string {
				c, ok := idx[name]
				if !ok || c >= len(row) {
					return ""
				}
				return strings.TrimSpace(row[c])
			}
			it := Item{Domain: get(domainHeading), Level1: get("一级事项"), Level2: get("二级事项"),
				Content: get("公开内容（要素）"), Basis: get("公开依据"), Timing: get("公开时限"),
				Subject: get("公开主体"), Channels: SplitList(get("公开渠道和载体")),
				Audience: get("公开对象"), Mode: get("公开方式"), Tier: SplitList(get("公开层级"))}
			if _, ok := idx[domainHeading]; !ok {
				it.Domain = strings.TrimSpace(sheet)
			}
			it = Normalize(it)
			for _, m := range Validate(it) {
				errs = append(errs, RowError{Sheet: sheet, Row: i + 1, Msg: m})
			}
			if prev, dup := seen[it.Key()]; dup && it.Level2 != "" {
				errs = append(errs, RowError{Sheet: sheet, Row: i + 1, Msg: "与" + prev + "重复（同一领域、一级事项和二级事项）"})
			} else {
				seen[it.Key()] = fmt.Sprintf("工作表“%s”第 %d 行", sheet, i+1)
			}
			it.Position = len(items)
			items = append(items, it)
		}
	}
	if !found {
		errs = append(errs, RowError{Sheet: "（文件）", Msg: "没有找到表头行（应含“一级事项”“二级事项”“公开主体”等列）"})
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return items, nil
}

// findHeader locates the header row among the first rows (a title row
// often comes first) and maps field names to column indexes; the
// header needs 一级事项 and 二级事项 at least. Full-width and half-width
// brackets both match 公开内容（要素）.
func findHeader(rows [][]string) (int, map[string]int) {
	for i := 0; i < len(rows) && i < 10; i++ {
		idx := map[string]int{}
		for c, v := range rows[i] {
			v = strings.NewReplacer("(", "（", ")", "）", " ", "", "\n", "").Replace(strings.TrimSpace(v))
			if v == "公开内容" {
				v = "公开内容（要素）"
			}
			if _, dup := idx[v]; !dup {
				idx[v] = c
			}
		}
		_, a := idx["一级事项"]
		_, b := idx["二级事项"]
		if a && b {
			return i, idx
		}
	}
	return -1, nil
}

func blankRow(row []string) bool {
	for _, v := range row {
		if strings.TrimSpace(v) != "" {
			return false
		}
	}
	return true
}
