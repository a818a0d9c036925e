package web

import (
	"bytes"
	"cmp"
	"encoding/csv"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"github.com/gongkai/gongkai/internal/annualreport"
)

// The findings of a checked batch as lines, for the page's table and
// both downloads: one line per finding, and one for a file that could
// not be read or has none, so every file appears in a download.

// findingLine is one line of the findings.
type findingLine struct {
	File, Org string
	Year      int
	Format    string
	rank      int    // errors, unreadable, warnings, clean: as the files are ranked
	Severity  string // 错误, 警告, 无法读取 or ""
	IsError   bool
	Rule      string
	Meaning   string
	Where     string
	Message   string
	Previous  string
}

// findingSorts are the orders of the findings table, by ?sort=: the
// files' order (errors first), or by body, severity or rule.
var findingSorts = []struct{ Key, Name string }{
	{"", "按文件"}, {"body", "按单位"}, {"severity", "按级别"}, {"rule", "按规则"},
}

func validFindingSort(key string) bool {
	return slices.ContainsFunc(findingSorts, func(s struct{ Key, Name string }) bool { return s.Key == key })
}

// findingLines flattens the result in the order sortKey names; withClean
// adds the line of each file without findings.
func findingLines(res reportCheckResult, sortKey string, withClean bool) []findingLine {
	var out []findingLine
	for _, row := range res.Rows {
		lead := findingLine{File: row.File, Org: row.Org, Year: row.Year, Format: row.Format, Previous: row.Previous}
		switch {
		case row.Unreadable != "":
			l := lead
			l.rank, l.Severity, l.Message = 1, "无法读取", row.Unreadable
			out = append(out, l)
		case len(row.Findings) == 0 && withClean:
			l := lead
			l.rank, l.Message = 3, "未发现问题"
			out = append(out, l)
		}
		for _, f := range row.Findings {
			l := lead
			l.rank = map[bool]int{true: 0, false: 2}[f.IsError]
			l.Severity, l.IsError, l.Rule, l.Meaning, l.Where, l.Message = f.Severity, f.IsError, f.Rule, ruleMeaning(f.Rule), f.Where, f.Message
			out = append(out, l)
		}
	}
	// Chinese names in 拼音 order, as a reader looks them up.
	col := collate.New(language.SimplifiedChinese)
	byBody := func(a, b findingLine) int {
		return cmp.Or(col.CompareString(a.Org, b.Org), col.CompareString(a.File, b.File))
	}
	switch sortKey {
	case "body":
		slices.SortStableFunc(out, byBody)
	case "severity":
		slices.SortStableFunc(out, func(a, b findingLine) int { return cmp.Or(a.rank-b.rank, byBody(a, b)) })
	case "rule":
		// A file that could not be read has no rule: after every rule.
		ruleKey := func(l findingLine) string { return cmp.Or(l.Rule, "\uffff") }
		slices.SortStableFunc(out, func(a, b findingLine) int {
			return cmp.Or(cmp.Compare(ruleKey(a), ruleKey(b)), byBody(a, b))
		})
	}
	return out
}

// ruleMeaning explains a rule id: the national rules', and the console's
// own year check.
func ruleMeaning(id string) string {
	if id == ruleExpectedYear {
		return "报告年度与本次检查选定的年度不一致（本平台的检查项，不是年度报告格式的规则）。同一单位上一年度的报告作为上年参照一并上传的除外。"
	}
	return annualreport.RuleMeaning(id)
}

// findingColumns are the columns of both downloads.
var findingColumns = []string{"文件", "单位", "年度", "格式", "级别", "规则", "规则说明", "位置", "问题", "上年报告"}

func (l findingLine) cells() []string {
	year := ""
	if l.Year != 0 {
		year = strconv.Itoa(l.Year)
	}
	return []string{l.File, l.Org, year, l.Format, l.Severity, l.Rule, l.Meaning, l.Where, l.Message, l.Previous}
}

// findingsCSV is the findings as CSV. It starts with a byte order mark,
// without which Excel on a Chinese Windows takes UTF-8 for GBK.
func findingsCSV(lines []findingLine) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString("\ufeff")
	cw := csv.NewWriter(&buf)
	cw.UseCRLF = true
	if err := cw.Write(findingColumns); err != nil {
		return nil, err
	}
	for _, l := range lines {
		rec := l.cells()
		for i := range rec {
			rec[i] = csvCell(rec[i])
		}
		if err := cw.Write(rec); err != nil {
			return nil, err
		}
	}
	cw.Flush()
	return buf.Bytes(), cw.Error()
}

// findingsWorkbook is the findings as one sheet, streamed so a
// province's thousand reports stay cheap. Cells are written as text, so
// a name starting with "=" is not run as a formula.
func findingsWorkbook(lines []findingLine) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	sheet := "年度报告检查结果"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return nil, err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return nil, err
	}
	for col, width := range map[int]float64{1: 36, 2: 28, 7: 48, 9: 60} {
		if err := sw.SetColWidth(col, col, width); err != nil {
			return nil, err
		}
	}
	row := func(n int, cells []string) error {
		vals := make([]any, len(cells))
		for i, c := range cells {
			vals[i] = c
		}
		if n > 1 && cells[2] != "" {
			vals[2], _ = strconv.Atoi(cells[2]) // the year as a number
		}
		cell, err := excelize.CoordinatesToCellName(1, n)
		if err != nil {
			return err
		}
		return sw.SetRow(cell, vals)
	}
	if err := row(1, findingColumns); err != nil {
		return nil, err
	}
	for i, l := range lines {
		if err := row(i+2, l.cells()); err != nil {
			return nil, err
		}
	}
	return streamedXLSX(f, sw)
}

// csvCell keeps a spreadsheet from running a cell as a formula: file
// names and the 单位 come from the uploads, so "=…" there is text.
func csvCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
