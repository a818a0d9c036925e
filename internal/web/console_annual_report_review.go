package web

import (
	"fmt"
	"net/http"
	"strings"
	"unicode/utf8"

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
	note := strings.TrimSpace(r.PostFormValue("note"))
	var comments []reportflow.Comment
	var errs []string
	slots := make([]commentSlot, commentSlots)
	for i := range commentSlots {
		sl := commentSlot{N: i, Num: i + 1, Where: r.PostFormValue(fmt.Sprintf("c%d-where", i)),
			Column: r.PostFormValue(fmt.Sprintf("c%d-col", i)), Text: strings.TrimSpace(r.PostFormValue(fmt.Sprintf("c%d-text", i)))}
		slots[i] = sl
		if sl.Text == "" && sl.Where == "" {
			continue
		}
		c, err := commentFromForm(f, sl)
		if err != nil {
			errs = append(errs, fmt.Sprintf("第 %d 条意见：%s", i+1, err.Error()))
			continue
		}
		comments = append(comments, c)
	}
	switch {
	case note == "" && len(comments) == 0 && len(errs) == 0:
		errs = append(errs, "退回时请填写退回说明或至少一条意见。")
	case !utf8.ValidString(note) || utf8.RuneCountInString(note) > reportflow.MaxCommentRunes:
		errs = append(errs, "退回说明过长或含有无法识别的字符。")
	}
	if len(errs) > 0 {
		v, err := s.reviewPage(r, b, year, rec)
		if err != nil {
			return err
		}
		v.Errors, v.Slots, v.Note = errs, slots, note
		return s.renderStatus(w, r, "console_annual_report_review", http.StatusUnprocessableEntity, v)
	}
	if err := s.store.ReturnAnnualReport(r.Context(), b.ID, year, note, comments, s.actor(r)); err != nil {
		return reportStateError(err)
	}
	s.notice(r, fmt.Sprintf("已将%s %d 年度报告退回修改（意见 %d 条）。", b.Name, year, len(comments)))
	return seeOther(w, r, fmt.Sprintf("/admin/bodies/%d/annual-report/%d/review", b.ID, year))
}

// commentFromForm reads one comment slot: where is "section:一" or
// "row:三|三.一", column "三|自然人" for a cell.
func commentFromForm(f *annualreport.Format, sl commentSlot) (reportflow.Comment, error) {
	c := reportflow.Comment{Text: sl.Text}
	kind, key, _ := strings.Cut(sl.Where, ":")
	switch kind {
	case "section":
		c.Section = key
	case "row":
		table, row, _ := strings.Cut(key, "|")
		colTable, col, _ := strings.Cut(sl.Column, "|")
		if col == "" || colTable != table {
			return c, &reportflow.CommentError{Msg: "请选择与所选行同一表格的列。"}
		}
		c.Section, c.Table, c.Row, c.Column = table, table, row, col
	default:
		return c, &reportflow.CommentError{Msg: "请选择意见针对的部分或单元格。"}
	}
	if err := reportflow.ValidateComment(f, c); err != nil {
		return c, err
	}
	return c, nil
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
	note := strings.TrimSpace(r.PostFormValue("note"))
	reason := strings.TrimSpace(r.PostFormValue("override_reason"))
	var errs []string
	if len(checked.Blockers) > 0 {
		switch {
		case r.PostFormValue("override") != "1" || reason == "":
			errs = append(errs, fmt.Sprintf("报告有 %d 项须处理的问题（见下方）。请退回修改；确需通过的，勾选“确认仍予通过”并填写理由。", len(checked.Blockers)))
		case !utf8.ValidString(reason) || utf8.RuneCountInString(reason) > reportflow.MaxCommentRunes:
			errs = append(errs, "通过理由过长或含有无法识别的字符。")
		}
	} else {
		reason = ""
	}
	if !utf8.ValidString(note) || utf8.RuneCountInString(note) > reportflow.MaxCommentRunes {
		errs = append(errs, "审核意见过长或含有无法识别的字符。")
	}
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
