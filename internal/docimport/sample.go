package docimport

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"

	"github.com/gongkai/gongkai/internal/disclosure"
	"github.com/xuri/excelize/v2"
)

// SampleRows makes n plausible data rows of the import template for a
// body with the organisation code code and a column column (slug or
// name), for the import benchmark and tests: 索引号 of the generated
// form over several years, every fifth a 规范性文件 with its 有效性,
// themes in turn and a 正文 of about bodyChars characters.
func SampleRows(n int, code, column string, bodyChars int) [][]string {
	themes := disclosure.Themes()
	para := "为进一步做好政府信息公开工作，推进政务公开标准化规范化，结合本地实际，现就有关事项通知如下。"
	rows := make([][]string, 0, n)
	for i := range n {
		year := 2010 + i/90000
		serial := i%90000 + 1
		written := fmt.Sprintf("%d-%02d-%02d", year, i%12+1, i%28+1)
		kind, validity := "其他", ""
		if i%5 == 0 {
			kind, validity = "行政规范性文件", "现行有效"
		}
		var body strings.Builder
		for p := 0; body.Len() < bodyChars*3; p++ {
			fmt.Fprintf(&body, "第%d条 %s（第%d号文件）\n", p+1, para, i+1)
		}
		rows = append(rows, []string{
			fmt.Sprintf("%s/%d-%05d", code, year, serial),
			fmt.Sprintf("关于第%d号事项的通知", i+1),
			fmt.Sprintf("某政发〔%d〕%d号", year, serial),
			written, written,
			"某某县人民政府",
			themes[i%len(themes)].Name,
			"通知", "政务公开、通知",
			kind, validity, column, body.String(),
		})
	}
	return rows
}

// WriteSample writes rows under the template's header as .csv (UTF-8
// with BOM, as Excel saves it) or .xlsx.
func WriteSample(w io.Writer, xlsx bool, rows [][]string) error {
	if !xlsx {
		if _, err := io.WriteString(w, "\xEF\xBB\xBF"); err != nil {
			return err
		}
		cw := csv.NewWriter(w)
		if err := cw.Write(disclosure.ImportHeader); err != nil {
			return err
		}
		if err := cw.WriteAll(rows); err != nil {
			return err
		}
		return cw.Error()
	}
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		return err
	}
	cells := func(r []string) []any {
		out := make([]any, len(r))
		for i, v := range r {
			out[i] = v
		}
		return out
	}
	if err := sw.SetRow("A1", cells(disclosure.ImportHeader)); err != nil {
		return err
	}
	for i, r := range rows {
		if err := sw.SetRow(fmt.Sprintf("A%d", i+2), cells(r)); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.Write(w)
}
