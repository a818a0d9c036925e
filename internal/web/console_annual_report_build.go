package web

import (
	"bytes"
	"fmt"
	"net/http"
	"time"

	"github.com/gongkai/gongkai/internal/annualreport"
	"github.com/gongkai/gongkai/internal/body"
	"github.com/gongkai/gongkai/internal/reportflow"
	"github.com/gongkai/gongkai/internal/store"
)

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

// previousAnnualReport is last year's report, for the cross-year rules
// (carryover, stock) and the prefill of section 五: the last version
// published, else built from the records the same way; nil before the
// first year of the national format.
func (s *server) previousAnnualReport(r *http.Request, b body.Body, year int) (*annualreport.Report, error) {
	if annualreport.FormatForYear(year-1) == nil {
		return nil, nil
	}
	rec, err := s.store.AnnualReport(r.Context(), b.ID, year-1)
	if err != nil {
		return nil, err
	}
	if v, ok := lastVersion(rec); ok {
		return annualreport.DecodeJSON(v.Canonical)
	}
	return s.annualReport(r, b, year-1)
}

// shownAnnualReport is the report as its state has it: built from the
// records while the body may edit it, the JSON submitted while it is
// with the supervisor, the last version published once published.
func (s *server) shownAnnualReport(r *http.Request, b body.Body, year int, rec store.AnnualReportRecord) (*annualreport.Report, error) {
	switch rec.State {
	case reportflow.Submitted, reportflow.Approved:
		return annualreport.DecodeJSON(rec.Snapshot)
	case reportflow.Published:
		if v, ok := lastVersion(rec); ok {
			return annualreport.DecodeJSON(v.Canonical)
		}
	}
	return s.annualReport(r, b, year)
}

// lastVersion is the last published version of a report, if any.
func lastVersion(rec store.AnnualReportRecord) (store.ReportVersion, bool) {
	if len(rec.Versions) == 0 {
		return store.ReportVersion{}, false
	}
	return rec.Versions[len(rec.Versions)-1], true
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
// a late finding means publishing now is already late), against due.
func checkAnnualReport(rep, prev *annualreport.Report, pub time.Time, due annualreport.Deadline) annualReportCheck {
	dated := *rep
	dated.Published = &pub
	var out annualReportCheck
	for _, f := range annualreport.Lint(&dated, prev, annualreport.Options{Deadline: annualreport.DeadlineGiven, Due: due}) {
		if f.Rule == annualreport.RuleLate {
			out.Late = &f
			continue
		}
		out.Findings = append(out.Findings, f)
	}
	return out
}

// checkCounts are the counts of a check's findings (the late rule
// included), as the workflow keeps them.
func (c annualReportCheck) counts() store.ReportCheck {
	var out store.ReportCheck
	all := c.Findings
	if c.Late != nil {
		all = append(all[:len(all):len(all)], *c.Late)
	}
	for _, f := range all {
		if f.Severity == annualreport.SeverityError {
			out.Errors++
		} else {
			out.Warnings++
		}
	}
	return out
}

// checkedReport is a report with everything the pages and steps judge
// it by: the check against last year's and the deadline, and what stops
// its approval.
type checkedReport struct {
	Report   *annualreport.Report
	Check    annualReportCheck
	Blockers []reportflow.Blocker
	Due      annualreport.Deadline
}

// checkReport checks rep of body b for year as if published on pub.
func (s *server) checkReport(r *http.Request, b body.Body, year int, rep *annualreport.Report, pub time.Time) (checkedReport, error) {
	prev, err := s.previousAnnualReport(r, b, year)
	if err != nil {
		return checkedReport{}, err
	}
	due, err := s.reportDeadline(r, b, year)
	if err != nil {
		return checkedReport{}, err
	}
	check := checkAnnualReport(rep, prev, pub, due)
	return checkedReport{Report: rep, Check: check, Blockers: reportflow.Blockers(rep, check.Findings), Due: due}, nil
}

// todayMidnight is the current day in Beijing, at midnight.
func (s *server) todayMidnight() time.Time {
	now := s.now().In(chinaTime)
	return time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, chinaTime)
}

// reportBodyHTML is a report's body in the official layout, as the
// portal's document page shows it below its own title.
func reportBodyHTML(rep *annualreport.Report) (string, error) {
	var buf bytes.Buffer
	if err := annualreport.RenderHTMLBody(&buf, rep); err != nil {
		return "", err
	}
	return buf.String(), nil
}
