package web

import (
	"fmt"
	"net/http"
	"time"

	"github.com/gongkai/gongkai/internal/annualreport"
	"github.com/gongkai/gongkai/internal/body"
)

// annualReportDeadline is the Art. 49 deadline the console holds every
// body to: 31 January of the next year, the date the regulation sets
// for departments and local rules set for townships alike. The late
// rule of annualreport computes lateness against it.
var annualReportDeadline = annualreport.Options{Deadline: annualreport.DeadlineDepartment}

// annualReportTitle is the report's title as published.
func annualReportTitle(b body.Body, year int) string {
	return fmt.Sprintf("%s%d年政府信息公开工作年度报告", b.Name, year)
}

// annualReport builds a body's report for year the one way every page,
// download and draft shares: tables 二, 三 and 四 from the records, the
// narrative text as saved, every section of the year's format present
// (an unwritten one empty, so the checks name it as empty, not missing).
func (s *server) annualReport(r *http.Request, b body.Body, year int) (*annualreport.Report, error) {
	f := annualreport.FormatForYear(year)
	if f == nil {
		return nil, errBadRequest("报告年度不正确。")
	}
	rep, err := s.requestReport(r, b.ID, year)
	if err != nil {
		return nil, err
	}
	texts, err := s.store.ReportSections(r.Context(), b.ID, year)
	if err != nil {
		return nil, err
	}
	rep.Org, rep.Title = b.Name, annualReportTitle(b, year)
	rep.Sections = map[string]string{}
	for _, sec := range f.Sections {
		rep.Sections[sec.ID] = texts[sec.ID]
	}
	return rep, nil
}

// previousAnnualReport is last year's report built the same way, so the
// cross-year rules (carryover, stock) compare like with like; nil before
// the first year of the national format.
func (s *server) previousAnnualReport(r *http.Request, b body.Body, year int) (*annualreport.Report, error) {
	if annualreport.FormatForYear(year-1) == nil {
		return nil, nil
	}
	return s.annualReport(r, b, year-1)
}

// annualReportCheck is the outcome of annualreport.Lint on a report: the
// findings about its content, and apart from them the late rule's
// verdict, which depends on a publication date rather than the content.
type annualReportCheck struct {
	Findings []annualreport.Finding
	Late     *annualreport.Finding
}

// checkAnnualReport lints rep against prev as if published on pub: the
// date it was published, or today for a report not yet published (then
// a late finding means publishing now is already late).
func checkAnnualReport(rep, prev *annualreport.Report, pub time.Time) annualReportCheck {
	dated := *rep
	dated.Published = &pub
	var out annualReportCheck
	for _, f := range annualreport.Lint(&dated, prev, annualReportDeadline) {
		if f.Rule == annualreport.RuleLate {
			out.Late = &f
			continue
		}
		out.Findings = append(out.Findings, f)
	}
	return out
}

// deadlineOf is the publication deadline of a report year, as a date.
func deadlineOf(year int) time.Time {
	return time.Date(year+1, time.January, 31, 0, 0, 0, 0, chinaTime)
}
