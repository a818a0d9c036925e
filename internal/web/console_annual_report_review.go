package web

import (
	"fmt"
	"net/http"

	"github.com/gongkai/gongkai/internal/annualreport"
	"github.com/gongkai/gongkai/internal/body"
	"github.com/gongkai/gongkai/internal/reportflow"
	"github.com/gongkai/gongkai/internal/store"
)

// commentSlots is how many comments one return form offers; a return
// with more to say is a second return.
const commentSlots = 3

// reportReviewView is the supervising body's review of a submitted
// report: the report as submitted, its checks and what stops approval
// without an override, the forms to return it with comments on sections
// or cells, or to approve it.
type reportReviewView struct {
	Page
	Body           body.Body
	Year           int
	Title          string
	Format         string
	Flow           reportFlowView
	Sections       []annualReportSection
	Findings       []annualReportFinding
	ErrorCount     int
	Blockers       []reportflow.Blocker
	Deadline       string
	DeadlineSource string
	Late           string
	ChangeNote     string
	CanDecide      bool // submitted, and the principal reviews for the supervising body
	CanReturn      bool // submitted or approved, likewise
	SectionChoices []reportflow.CellChoice
	Rows           []reportflow.CellChoice
	Columns        []reportflow.CellChoice
	Slots          []commentSlot
	Note           string
	OverrideReason string
	Errors         []string
}

type commentSlot struct {
	N      int // form field index
	Num    int // shown, from 1
	Where  string
	Column string
	Text   string
}

func (s *server) annualReportReview(w http.ResponseWriter, r *http.Request) error {
	b, year, rec, err := s.pathBodyReport(r)
	if err != nil {
		return err
	}
	v, err := s.reviewPage(r, b, year, rec)
	if err != nil {
		return err
	}
	return s.render(w, r, "console_annual_report_review", v)
}

func (s *server) reviewPage(r *http.Request, b body.Body, year int, rec store.AnnualReportRecord) (reportReviewView, error) {
	f := annualreport.FormatForYear(year)
	v := reportReviewView{Page: s.consolePage(r, fmt.Sprintf("审核 %d 年度报告 - %s", year, b.Name), "/admin/bodies"),
		Body: b, Year: year, Format: f.Name, ChangeNote: rec.ChangeNote,
		Rows: reportflow.CellRows(f), Columns: reportflow.CellColumns(f)}
	for _, sec := range f.Sections {
		v.SectionChoices = append(v.SectionChoices, reportflow.CellChoice{Key: sec.ID, Label: sec.Label})
	}
	for i := range commentSlots {
		v.Slots = append(v.Slots, commentSlot{N: i, Num: i + 1})
	}
	var err error
	if v.Flow, err = s.reportFlow(r, b, year, rec); err != nil {
		return v, err
	}
	v.CanDecide = v.Flow.CanReview && rec.State == reportflow.Submitted
	v.CanReturn = v.Flow.CanReview && (rec.State == reportflow.Submitted || rec.State == reportflow.Approved)
	rep, err := s.shownAnnualReport(r, b, year, rec)
	if err != nil {
		return v, err
	}
	v.Title = rep.Title
	pub := s.todayMidnight()
	if len(rec.Versions) > 0 {
		pub = rec.Versions[0].Published.In(chinaTime)
	}
	checked, err := s.checkReport(r, b, year, rep, pub)
	if err != nil {
		return v, err
	}
	v.Findings, v.ErrorCount = findingViews(checked.Check.Findings)
	v.Blockers = checked.Blockers
	if checked.Check.Late != nil {
		v.Late = checked.Check.Late.Message
	}
	v.Deadline = checked.Due.Date.Format("2006年1月2日")
	v.DeadlineSource = checked.Due.Source
	for _, sec := range f.Sections {
		vs := annualReportSection{ID: sec.ID, Label: sec.Label, Optional: sec.ID == "二" || sec.ID == "三" || sec.ID == "四"}
		if vs.Prose, vs.Tables, err = sectionHTML(rep, sec.ID); err != nil {
			return v, err
		}
		v.Sections = append(v.Sections, vs)
	}
	return v, nil
}

// annualReportReturn sends the report back with a note and comments,
// each on a section or on one table cell.
func (s *server) annualReportReturn(w http.ResponseWriter, r *http.Request) error {
	b, year, rec, err := s.pathBodyReport(r)
	if err != nil {
		return err
	}
	f := annualreport.FormatForYear(year)
	ret, errs := readReportReturn(r.PostFormValue, f)
	note, comments := ret.Note, ret.Comments
	if len(errs) > 0 {
		v, err := s.reviewPage(r, b, year, rec)
		if err != nil {
			return err
		}
		v.Errors, v.Slots, v.Note = errs, ret.Slots, note
		return s.renderStatus(w, r, "console_annual_report_review", http.StatusUnprocessableEntity, v)
	}
	if err := s.store.ReturnAnnualReport(r.Context(), b.ID, year, note, comments, s.actor(r)); err != nil {
		return reportStateError(err)
	}
	s.notice(r, fmt.Sprintf("已将%s %d 年度报告退回修改（意见 %d 条）。", b.Name, year, len(comments)))
	return seeOther(w, r, fmt.Sprintf("/admin/bodies/%d/annual-report/%d/review", b.ID, year))
}

// annualReportApprove approves the report as submitted. A report with
// errors, blank required cells of table 二 or an empty section 一/五/六
// (reportflow.Blockers) is approved only with an explicit override and
// its reason, which the audit log keeps.
func (s *server) annualReportApprove(w http.ResponseWriter, r *http.Request) error {
	b, year, rec, err := s.pathBodyReport(r)
	if err != nil {
		return err
	}
	if rec.State != reportflow.Submitted {
		return reportStateError(&reportflow.ErrTransition{From: rec.State, Action: reportflow.ActionApprove})
	}
	rep, err := annualreport.DecodeJSON(rec.Snapshot)
	if err != nil {
		return err
	}
	checked, err := s.checkReport(r, b, year, rep, s.todayMidnight())
	if err != nil {
		return err
	}
	note, reason, errs := readReportApproval(r.PostFormValue, len(checked.Blockers))
	if len(errs) > 0 {
		v, err := s.reviewPage(r, b, year, rec)
		if err != nil {
			return err
		}
		v.Errors, v.Note, v.OverrideReason = errs, note, reason
		return s.renderStatus(w, r, "console_annual_report_review", http.StatusUnprocessableEntity, v)
	}
	if err := s.store.ApproveAnnualReport(r.Context(), b.ID, year, note, reason, checked.Check.counts(), s.actor(r)); err != nil {
		return reportStateError(err)
	}
	s.notice(r, fmt.Sprintf("已审核通过%s %d 年度报告，由该单位发布。", b.Name, year))
	return seeOther(w, r, fmt.Sprintf("/admin/bodies/%d/annual-report/%d/review", b.ID, year))
}
