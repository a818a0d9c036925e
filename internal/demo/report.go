package demo

import (
	_ "embed"
	"html"
	"strings"
)

// reportText is the township's published 2021 annual report as plain
// text, tables flattened to "|"-separated rows.
//
//go:embed wucheng-2021-annual-report.txt
var reportText string

// annualReport is the 年度报告 item. Reports are due by 31 January of
// the next year; the publication date is invented within that window.
func annualReport() demoDoc {
	lines := strings.Split(strings.TrimSpace(reportText), "\n")
	return demoDoc{
		column:    "annual-report",
		title:     strings.TrimSpace(lines[0]),
		summary:   "吴城镇人民政府2021年政府信息公开工作年度报告，含主动公开、依申请公开、行政复议和行政诉讼情况。",
		html:      reportHTML(lines[1:]),
		written:   "2022-01-18",
		published: "2022-01-20",
	}
}

// reportHTML turns the flattened text into paragraphs and tables: runs
// of lines containing "|" become one table, trailing empty cells
// dropped. It is a display for the demo; the annualreport package parses
// such text properly.
func reportHTML(lines []string) string {
	var b strings.Builder
	inTable := false
	for _, line := range lines {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if !strings.Contains(line, "|") {
			if inTable {
				b.WriteString("</table>\n")
				inTable = false
			}
			b.WriteString("<p>" + html.EscapeString(line) + "</p>\n")
			continue
		}
		if !inTable {
			b.WriteString("<table>\n")
			inTable = true
		}
		cells := strings.Split(line, "|")
		for len(cells) > 0 && strings.TrimSpace(cells[len(cells)-1]) == "" {
			cells = cells[:len(cells)-1]
		}
		b.WriteString("<tr>")
		for _, c := range cells {
			b.WriteString("<td>" + html.EscapeString(strings.TrimSpace(c)) + "</td>")
		}
		b.WriteString("</tr>\n")
	}
	if inTable {
		b.WriteString("</table>\n")
	}
	return b.String()
}
