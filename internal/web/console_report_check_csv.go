package web

import (
	"bytes"
	"encoding/csv"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// reportCheckCSVHeader: the results table with one row per finding.
var reportCheckCSVHeader = []string{"文件", "单位", "年度", "格式", "级别", "规则", "位置", "问题", "上年报告"}

// writeReportCheckCSV sends the results of a batch as CSV, one row per
// finding; a file without findings, or unreadable, is one row, so every
// uploaded file appears. It starts with a byte order mark, without which
// Excel on a Chinese Windows takes UTF-8 for GBK.
func writeReportCheckCSV(w http.ResponseWriter, res reportCheckResult) error {
	var buf bytes.Buffer
	buf.WriteString("\ufeff")
	cw := csv.NewWriter(&buf)
	cw.UseCRLF = true
	if err := cw.Write(reportCheckCSVHeader); err != nil {
		return err
	}
	for _, row := range res.Rows {
		year := ""
		if row.Year != 0 {
			year = strconv.Itoa(row.Year)
		}
		lead := []string{row.File, row.Org, year, row.Format}
		var lines [][]string
		switch {
		case row.Unreadable != "":
			lines = append(lines, []string{"无法读取", "", "", row.Unreadable})
		case len(row.Findings) == 0:
			lines = append(lines, []string{"", "", "", "未发现问题"})
		}
		for _, f := range row.Findings {
			lines = append(lines, []string{f.Severity, f.Rule, f.Where, f.Message})
		}
		for _, l := range lines {
			rec := append(append(append([]string{}, lead...), l...), row.Previous)
			for i := range rec {
				rec[i] = csvCell(rec[i])
			}
			if err := cw.Write(rec); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", "text/csv; charset=utf-8")
	h.Set("Content-Disposition", "attachment; filename=\"report-check.csv\"; filename*=UTF-8''"+url.PathEscape("年度报告检查结果.csv"))
	h.Set("Cache-Control", "no-store")
	_, err := w.Write(buf.Bytes())
	return err
}

// csvCell keeps a spreadsheet from running a cell as a formula: file
// names and the 单位 come from the uploads, so "=…" there is text.
func csvCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
