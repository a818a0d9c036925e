package web

import (
	"bytes"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strconv"

	"github.com/gongkai/gongkai/internal/annualreport"
	"github.com/gongkai/gongkai/internal/body"
	"github.com/gongkai/gongkai/internal/rollup"
	"github.com/gongkai/gongkai/internal/svgchart"
)

// rollupCell is one figure of a summed table; URL lists each body's
// contribution to it.
type rollupCell struct {
	Text string
	URL  string
}

type rollupRow struct {
	Label string
	Group bool // a heading row without figures
	Cells []rollupCell
}

type rollupTable struct {
	Caption string
	Corner  string
	Columns []string
	Rows    []rollupRow
}

type rollupView struct {
	Page
	Root     body.Body
	Year     int
	Picker   yearPicker
	Data     rollupData
	Tables   []rollupTable
	Charts   []template.HTML
	XLSXURL  string
	JSONURL  string
	Overview string
}

// rollupURL is the roll-up page of root's subtree for year.
func rollupURL(rootID int64, year int) string {
	return fmt.Sprintf("/admin/bodies/%d/annual-reports/rollup?year=%d", rootID, year)
}

// reportRollup is the roll-up of a subtree for a year: tables 二/三/四
// summed, each figure linking to the bodies it is made of, last year
// beside this year, and charts drawn on the server.
func (s *server) reportRollup(w http.ResponseWriter, r *http.Request) error {
	d, err := s.rollupFromPath(r)
	if err != nil {
		return err
	}
	root, year := d.Root, d.Year
	base := fmt.Sprintf("/admin/bodies/%d/annual-reports/rollup", root.ID)
	v := rollupView{Page: s.consolePage(r, fmt.Sprintf("%d 年度报告汇总统计 - %s", year, root.Name), "/admin/bodies"),
		Root: root, Year: year, Data: d,
		Picker:   yearPicker{Action: base, Years: reportYears(s.now().In(chinaTime).Year()), Year: year},
		XLSXURL:  fmt.Sprintf("%s.xlsx?year=%d", base, year),
		JSONURL:  fmt.Sprintf("%s.json?year=%d", base, year),
		Overview: overviewURL(root.ID, year),
		Tables:   rollupTables(d.Format, d.Tables, d.Units, func(table, row, col string) string { return contributionURL(root.ID, year, table, row, col) }),
		Charts:   rollupCharts(d)}
	return s.render(w, r, "console_report_rollup", v)
}

// rollupFromPath is the roll-up of the body and year the request names.
func (s *server) rollupFromPath(r *http.Request) (rollupData, error) {
	root, year, err := s.reportBodyYear(r)
	if err != nil {
		return rollupData{}, err
	}
	return s.rollupOf(r.Context(), root, year)
}

// contributionURL lists each body's figure in one cell of the roll-up.
func contributionURL(rootID int64, year int, table, row, col string) string {
	q := url.Values{"year": {strconv.Itoa(year)}, "table": {table}, "row": {row}, "col": {col}}
	return fmt.Sprintf("/admin/bodies/%d/annual-reports/rollup/cell?%s", rootID, q.Encode())
}

// cellText is a figure as a table shows it: blank, "/", or the number
// with the unit a 2019 amount states.
func cellText(c annualreport.Cell, unit string) string {
	switch c.State {
	case annualreport.NotApplicable:
		return "/"
	case annualreport.Value:
		s := strconv.FormatFloat(c.Num, 'f', -1, 64)
		if unit != "" {
			s += unit
		}
		return s
	}
	return ""
}

// rollupTables lays out the summed tables in the year's format, each
// figure a link to its contributions.
func rollupTables(f *annualreport.Format, t annualreport.Tables, units map[string]string, link func(table, row, col string) string) []rollupTable {
	var out []rollupTable
	for _, st := range f.Two {
		tb := rollupTable{Caption: "表二 " + st.Caption, Corner: "信息内容"}
		for _, c := range st.Columns {
			tb.Columns = append(tb.Columns, c.Label)
		}
		for _, r := range st.Rows {
			row := rollupRow{Label: r.Label}
			for _, c := range st.Columns {
				row.Cells = append(row.Cells, rollupCell{Text: cellText(t.Two[r.Label][c.Label], units[r.Label+"/"+c.Label]), URL: link("二", r.Label, c.Label)})
			}
			tb.Rows = append(tb.Rows, row)
		}
		out = append(out, tb)
	}
	three := rollupTable{Caption: "表三 收到和处理政府信息公开申请情况", Corner: f.Three.Corner}
	for _, c := range f.Three.Columns {
		three.Columns = append(three.Columns, c.Label)
	}
	for _, r := range f.Three.Rows {
		row := rollupRow{Label: r.Label, Group: r.Group}
		if !r.Group {
			for _, c := range f.Three.Columns {
				row.Cells = append(row.Cells, rollupCell{Text: cellText(t.Three[r.ID][c.Label], ""), URL: link("三", r.ID, c.Label)})
			}
		}
		three.Rows = append(three.Rows, row)
	}
	four := rollupTable{Caption: "表四 政府信息公开行政复议、行政诉讼情况", Corner: "类别"}
	for _, c := range f.Four.Columns {
		four.Columns = append(four.Columns, c.Label)
	}
	for _, g := range f.Four.Groups {
		label := g.Label
		if g.Parent != "" {
			label = g.Parent + "（" + g.Label + "）"
		}
		row := rollupRow{Label: label}
		for _, c := range f.Four.Columns {
			row.Cells = append(row.Cells, rollupCell{Text: cellText(t.Four[g.ID][c.Label], ""), URL: link("四", g.ID, c.Label)})
		}
		four.Rows = append(four.Rows, row)
	}
	return append(out, three, four)
}

// rollupCharts are the roll-up's charts: requests by month, outcomes,
// answered on time, reconsideration and litigation results, and the
// trend over the last years.
func rollupCharts(d rollupData) []template.HTML {
	months := make([]string, 12)
	values := make([]float64, 12)
	for i := range months {
		months[i] = fmt.Sprintf("%d月", i+1)
		values[i] = float64(d.Months[i])
	}
	var outcomes []svgchart.Part
	for _, o := range rollup.Outcomes(d.Format, d.Tables) {
		outcomes = append(outcomes, svgchart.Part{Label: o.Label, Value: o.Value})
	}
	var groups []string
	results := []svgchart.Series{{Name: "结果维持"}, {Name: "结果纠正"}, {Name: "其他结果"}, {Name: "尚未审结"}}
	for _, g := range d.Format.Four.Groups {
		label := g.Label
		if g.Parent != "" {
			label = "诉讼：" + g.Label
		}
		groups = append(groups, label)
		for i := range results {
			results[i].Values = append(results[i].Values, rollup.Num(d.Tables.Four, g.ID, results[i].Name))
		}
	}
	var years []string
	trend := []svgchart.Series{{Name: "新收申请"}, {Name: "办结申请"}, {Name: "复议和诉讼"}}
	for _, y := range d.Trend {
		years = append(years, strconv.Itoa(y.Year))
		trend[0].Values = append(trend[0].Values, float64(y.Received))
		trend[1].Values = append(trend[1].Values, float64(y.Closed))
		trend[2].Values = append(trend[2].Values, float64(y.Cases))
	}
	return []template.HTML{
		svgchart.Bars{Common: svgchart.Common{ID: "chart-months", Title: fmt.Sprintf("%d年各月新收申请", d.Year), Unit: "件"},
			CategoryLabel: "月份", Categories: months, Series: []svgchart.Series{{Name: "新收申请", Values: values}}}.HTML(),
		svgchart.Shares{Common: svgchart.Common{ID: "chart-outcomes", Title: "办理结果", Unit: "件"}, PartLabel: "办理结果", Parts: outcomes}.HTML(),
		svgchart.Shares{Common: svgchart.Common{ID: "chart-ontime", Title: "按期答复（在本平台办结的申请）", Unit: "件"}, PartLabel: "办结申请",
			Parts: []svgchart.Part{{Label: "按期答复", Value: float64(d.OnTime)}, {Label: "逾期答复", Value: float64(d.Closed - d.OnTime)}}}.HTML(),
		svgchart.Bars{Common: svgchart.Common{ID: "chart-cases", Title: "行政复议和行政诉讼结果", Unit: "件"}, CategoryLabel: "类别",
			Categories: groups, Series: results, Stacked: true, Horizontal: true}.HTML(),
		svgchart.Lines{Common: svgchart.Common{ID: "chart-trend", Title: fmt.Sprintf("近%d年趋势", len(years)), Unit: "件"},
			CategoryLabel: "年度", Categories: years, Series: trend}.HTML(),
	}
}

// rollupReport is the roll-up as an annual report model, for the
// .xlsx and JSON downloads (the JSON contract's shape; no narrative sections).
func rollupReport(d rollupData) *annualreport.Report {
	org := d.Root.Name + "及下级单位"
	return &annualreport.Report{Org: org, Year: d.Year, Format: d.Format.ID,
		Title:  fmt.Sprintf("%s%d年政府信息公开工作年度报告汇总", org, d.Year),
		Tables: d.Tables, Units: d.Units, Sections: map[string]string{}}
}

// reportRollupDownload serves the roll-up as .xlsx or JSON.
func (s *server) reportRollupDownload(kind string) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		d, err := s.rollupFromPath(r)
		if err != nil {
			return err
		}
		rep := rollupReport(d)
		name := fmt.Sprintf("%s%d年度报告汇总", d.Root.Name, d.Year)
		if kind == "json" {
			data, err := annualreport.EncodeJSON(rep)
			if err != nil {
				return err
			}
			return serveDownload(w, name+".json", "application/json; charset=utf-8", data)
		}
		var buf bytes.Buffer
		if err := annualreport.RenderXLSX(&buf, rep); err != nil {
			return err
		}
		return serveDownload(w, name+".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buf.Bytes())
	}
}
