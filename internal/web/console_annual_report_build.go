package web

import (
	"fmt"
	"net/http"
	"time"

	"github.com/gongkai/gongkai/internal/annualreport"
	"github.com/gongkai/gongkai/internal/body"
)

// reportDeadline is body b's Art. 49 deadline for its report of year:
// the role comes from its kind and its parent's kind.
func (s *server) reportDeadline(r *http.Request, b body.Body, year int) (annualreport.Deadline, error) {
	var parent body.Kind
	if b.ParentID != 0 {
		p, err := s.store.Body(r.Context(), b.ParentID)
		if err != nil {
			return annualreport.Deadline{}, err
		}
		parent = p.Kind
	}
	return annualreport.DeadlineFor(annualreport.RoleOf(b.Kind, parent), year, annualreport.LocalRule{}), nil
}

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
