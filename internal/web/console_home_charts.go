package web

import (
	"context"
	"html/template"
	"slices"
	"strconv"

	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/body"
	rq "github.com/gongkai/gongkai/internal/request"
	"github.com/gongkai/gongkai/internal/store"
	"github.com/gongkai/gongkai/internal/svgchart"
	"github.com/gongkai/gongkai/internal/workday"
)

// chartMonths is how many months, the current one included, the console
// home's request charts cover.
const chartMonths = 12

// homeCharts draws the requests of the bodies the user handles, manages
// or supervises over the last chartMonths months: received by month,
// the outcomes of those closed, and how many were answered on time (on
// or before the answer deadline, the rule the annual report's narrative
// counts). Nil when there is nothing to draw.
func (s *server) homeCharts(ctx context.Context, grants []auth.Grant, all []body.Body) ([]template.HTML, error) {
	var ids []int64
	for _, role := range []auth.Role{auth.RoleHandler, auth.RoleBodyAdmin, auth.RoleSupervisor} {
		for _, id := range roleBodies(grants, role, all) {
			if !slices.Contains(ids, id) {
				ids = append(ids, id)
			}
		}
	}
	if len(ids) == 0 {
		return nil, nil
	}
	today := s.today()
	first := workday.MustParse(monthKey(today.Year(), int(today.Month())) + "-01")
	for range chartMonths - 1 {
		first = first.AddDays(-1)
		first = first.AddDays(1 - first.Day())
	}
	rows, err := s.store.RequestTrend(ctx, ids, first)
	if err != nil || len(rows) == 0 {
		return nil, err
	}
	return requestCharts(rows, first, today), nil
}

func monthKey(year, month int) string {
	m := strconv.Itoa(month)
	if month < 10 {
		m = "0" + m
	}
	return strconv.Itoa(year) + "-" + m
}

// requestCharts is the figures of homeCharts from the rows, for the
// months from first's to today's.
func requestCharts(rows []store.RequestTrendRow, first, today workday.Date) []template.HTML {
	var months, labels []string
	index := map[string]int{}
	for y, m := first.Year(), int(first.Month()); monthKey(y, m) <= monthKey(today.Year(), int(today.Month())); {
		index[monthKey(y, m)] = len(months)
		months = append(months, monthKey(y, m))
		labels = append(labels, strconv.Itoa(m)+"月")
		if m++; m > 12 {
			y, m = y+1, 1
		}
	}
	received := make([]float64, len(months))
	onTime := make([]float64, len(months))
	late := make([]float64, len(months))
	var parts []svgchart.Part
	partIndex := map[string]int{}
	for _, r := range rows {
		if i, ok := index[monthKey(r.Received.Year(), int(r.Received.Month()))]; ok && !r.Received.Before(first) {
			received[i]++
		}
		if r.Closed.IsZero() || r.Outcome == "" || r.Closed.Before(first) {
			continue
		}
		name := rq.OutcomeName(formatOf(r.Closed), r.Outcome)
		if _, ok := partIndex[name]; !ok {
			partIndex[name] = len(parts)
			parts = append(parts, svgchart.Part{Label: name})
		}
		parts[partIndex[name]].Value++
		if r.Due.IsZero() {
			continue
		}
		i := index[monthKey(r.Closed.Year(), int(r.Closed.Month()))]
		if r.Closed.After(r.Due) {
			late[i]++
		} else {
			onTime[i]++
		}
	}
	span := "（" + strconv.Itoa(first.Year()) + "年" + labels[0] + "至" + strconv.Itoa(today.Year()) + "年" + labels[len(labels)-1] + "）"
	out := []template.HTML{svgchart.Bars{Common: svgchart.Common{ID: "chart-received", Title: "每月收到的申请" + span, Unit: "件"},
		CategoryLabel: "月份", Categories: labels, Series: []svgchart.Series{{Name: "收到", Values: received}}}.HTML()}
	if len(parts) > 0 {
		out = append(out, svgchart.Shares{Common: svgchart.Common{ID: "chart-outcomes", Title: "办结申请的办理结果" + span, Unit: "件"},
			PartLabel: "办理结果", Parts: parts}.HTML())
		out = append(out, svgchart.Bars{Common: svgchart.Common{ID: "chart-on-time", Title: "每月答复是否按期" + span, Unit: "件"},
			CategoryLabel: "月份", Categories: labels, Stacked: true,
			Series: []svgchart.Series{{Name: "按期答复", Values: onTime}, {Name: "逾期答复", Values: late}}}.HTML())
	}
	return out
}
