package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/gongkai/gongkai/internal/body"
	"github.com/gongkai/gongkai/internal/reportflow"
	"github.com/gongkai/gongkai/internal/store"
)

// reportOverviewRow is one body in a supervisor's overview of a year.
type reportOverviewRow struct {
	Body           body.Body
	Kind           string
	Depth          int
	Status         reportflow.Status
	StatusLabel    string
	Deadline       string
	DeadlineSource string
	Published      string // first publication, 2006-01-02
	Version        int
	SHA256         string
	Errors         int
	Warnings       int
	Checked        string // when the counts were taken ("" when never)
	Reviewer       string
	OffPlatform    bool
	ReportURL      string
	ReviewURL      string // while submitted
	UploadURL      string // off-platform bodies
}

type overviewFilterCount struct {
	Value   string
	Name    string
	N       int
	Current bool
}

type reportOverviewView struct {
	Page
	Root    body.Body
	Year    int
	Picker  yearPicker
	Rows    []reportOverviewRow
	Total   int // bodies in the subtree that report
	Filters []overviewFilterCount
	Filter  string
	Q       string
	Errors  bool // only reports with errors
	XLSXURL string
	// The deadline Root sets for the bodies below it that Art. 49 does
	// not name, and the rule in force for them.
	DeadlineMonth int
	DeadlineDay   int
	LocalRule     string
	Parents       []body.Body // where an off-platform body may be registered
	FormErrors    []string
}

// reportOverviewRows is every body of root's subtree that reports (all
// but villages: 村（居）委会 are not administrative bodies under the
// 条例), with where its report for year stands: one read of the tree and
// settings, one AnnualReportStatuses call, whatever the size.
func (s *server) reportOverviewRows(r *http.Request, root body.Body, year int) ([]reportOverviewRow, *reportTree, error) {
	ctx := r.Context()
	t, err := s.loadReportTree(ctx)
	if err != nil {
		return nil, nil, err
	}
	var bodies []body.Body
	for _, b := range t.subtree(root.ID) {
		if b.Kind != body.Village {
			bodies = append(bodies, b)
		}
	}
	ids := make([]int64, len(bodies))
	for i, b := range bodies {
		ids[i] = b.ID
	}
	statuses, err := s.store.AnnualReportStatuses(ctx, ids, year)
	if err != nil {
		return nil, nil, err
	}
	today := s.now()
	depth := map[int64]int{}
	rows := make([]reportOverviewRow, 0, len(bodies))
	for _, b := range bodies {
		if b.ID != root.ID {
			depth[b.ID] = depth[b.ParentID] + 1
		}
		st := statuses[b.ID]
		due := t.deadline(b, year)
		status := reportflow.Evaluate(st.State, st.FirstPublished, due, today)
		row := reportOverviewRow{Body: b, Kind: body.KindName(b.Kind), Depth: depth[b.ID], Status: status,
			StatusLabel: status.Label(), Deadline: due.Date.Format("2006-01-02"), DeadlineSource: due.Source,
			Version: st.Version, SHA256: st.SHA256, Errors: st.Check.Errors, Warnings: st.Check.Warnings,
			Reviewer: t.reviewer(b).Name, OffPlatform: t.offPlatform(b.ID), ReportURL: annualReportURL(b.ID, year)}
		if st.FirstPublished != nil {
			row.Published = st.FirstPublished.In(chinaTime).Format("2006-01-02")
		}
		if st.Checked != nil {
			row.Checked = st.Checked.In(chinaTime).Format("2006-01-02")
		}
		if st.State == reportflow.Submitted {
			row.ReviewURL = fmt.Sprintf("/admin/bodies/%d/annual-report/%d/review", b.ID, year)
		}
		if row.OffPlatform {
			row.UploadURL = fmt.Sprintf("/admin/bodies/%d/annual-report/%d/upload", b.ID, year)
		}
		rows = append(rows, row)
	}
	return rows, t, nil
}

// overviewFilter is the overview's filters as the query gives them.
type overviewFilter struct {
	status reportflow.Filter
	q      string
	errors bool
}

func readOverviewFilter(r *http.Request) overviewFilter {
	f := overviewFilter{status: reportflow.Filter(r.FormValue("status")), q: strings.TrimSpace(r.FormValue("q")),
		errors: r.FormValue("errors") == "1"}
	known := false
	for _, x := range reportflow.Filters() {
		known = known || x == f.status
	}
	if !known {
		f.status = ""
	}
	return f
}

func (f overviewFilter) keep(row reportOverviewRow) bool {
	return f.status.Matches(row.Status) && (f.q == "" || strings.Contains(row.Body.Name, f.q)) &&
		(!f.errors || row.Errors > 0)
}

// reportOverview is the supervisor's overview: every body of the
// subtree, one row each, with its report's status (late against its
// Art. 49 deadline), errors and warnings and a link; filters by status,
// name and errors; the same rows as .xlsx.
func (s *server) reportOverview(w http.ResponseWriter, r *http.Request) error {
	root, year, err := s.reportBodyYear(r)
	if err != nil {
		return err
	}
	v, err := s.reportOverviewPage(r, root, year)
	if err != nil {
		return err
	}
	return s.render(w, r, "console_report_overview", v)
}

func (s *server) reportOverviewPage(r *http.Request, root body.Body, year int) (reportOverviewView, error) {
	rows, t, err := s.reportOverviewRows(r, root, year)
	if err != nil {
		return reportOverviewView{}, err
	}
	f := readOverviewFilter(r)
	base := fmt.Sprintf("/admin/bodies/%d/annual-reports", root.ID)
	v := reportOverviewView{Page: s.consolePage(r, fmt.Sprintf("%d 年度报告汇总 - %s", year, root.Name), "/admin/bodies"),
		Root: root, Year: year, Total: len(rows), Filter: string(f.status), Q: f.q, Errors: f.errors,
		Picker:  yearPicker{Action: base, Years: reportYears(s.now().In(chinaTime).Year()), Year: year},
		XLSXURL: fmt.Sprintf("%s.xlsx?year=%d&status=%s&q=%s&errors=%s", base, year, f.status, url.QueryEscape(f.q), map[bool]string{true: "1"}[f.errors])}
	counts := map[reportflow.Filter]int{}
	for _, row := range rows {
		for _, x := range reportflow.Filters() {
			if x.Matches(row.Status) {
				counts[x]++
			}
		}
		if f.keep(row) {
			v.Rows = append(v.Rows, row)
		}
	}
	v.Filters = append(v.Filters, overviewFilterCount{Value: "", Name: "全部", N: len(rows), Current: f.status == ""})
	for _, x := range reportflow.Filters() {
		v.Filters = append(v.Filters, overviewFilterCount{Value: string(x), Name: x.Name(), N: counts[x], Current: f.status == x})
	}
	st := t.settings[root.ID]
	v.DeadlineMonth, v.DeadlineDay = st.DeadlineMonth, st.DeadlineDay
	probe := body.Body{ParentID: root.ID, Kind: body.Township}
	v.LocalRule = t.deadline(probe, year).Source
	for _, b := range t.subtree(root.ID) {
		if b.Kind == body.Province || b.Kind == body.City || b.Kind == body.County || b.Kind == body.Township {
			v.Parents = append(v.Parents, b)
		}
	}
	return v, nil
}

// reportOverviewXLSX is the overview's rows, as filtered, as a workbook.
func (s *server) reportOverviewXLSX(w http.ResponseWriter, r *http.Request) error {
	root, year, err := s.reportBodyYear(r)
	if err != nil {
		return err
	}
	rows, _, err := s.reportOverviewRows(r, root, year)
	if err != nil {
		return err
	}
	f := readOverviewFilter(r)
	var kept []reportOverviewRow
	for _, row := range rows {
		if f.keep(row) {
			kept = append(kept, row)
		}
	}
	data, err := overviewWorkbook(root, year, kept)
	if err != nil {
		return err
	}
	return serveDownload(w, fmt.Sprintf("%s%d年度报告汇总.xlsx", root.Name, year),
		"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", data)
}

// reportSettingsOf is a body's report settings as stored (the zero
// settings when it set none).
func (s *server) reportSettingsOf(r *http.Request, bodyID int64) (store.BodyReportSettings, error) {
	all, err := s.store.ReportSettings(r.Context())
	if err != nil {
		return store.BodyReportSettings{}, err
	}
	return all[bodyID], nil
}
