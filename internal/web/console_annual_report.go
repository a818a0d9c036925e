package web

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"strings"
	"time"

	"github.com/gongkai/gongkai/internal/annualreport"
	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/body"
	"github.com/gongkai/gongkai/internal/reportflow"
)

// maxSectionRunes bounds one section's text: the longest published
// reports run to a few thousand characters a section.
const maxSectionRunes = 20000

// annualReportSection is one of the six sections as the page shows it:
// the prose (a textarea for editors) and, for 二, 三 and 四, the tables.
type annualReportSection struct {
	ID        string
	Label     string
	Field     string // form field of the text, by position (ASCII)
	Text      string
	Prose     template.HTML // the text as published, for readers
	Tables    template.HTML // rendered by annualreport, escaped there
	Narrative bool          // the format expects prose here (一, 五)
	Optional  bool          // a table section: prose is optional
	// Suggestion is the draft from the year's records (一, 五, 六);
	// Prefilled: the section was empty, so the textarea holds it.
	Suggestion string
	Prefilled  bool
	Comments   []commentView // the supervisor's comments on this section or its cells
}

// annualReportFinding is one finding of the checks, in Chinese.
type annualReportFinding struct {
	Rule     string
	Meaning  string // what the rule checks, in Chinese
	Severity string // 错误 or 提示
	Error    bool
	Where    string
	Message  string
}

type annualReportLink struct {
	Name string
	URL  string
}

type annualReportView struct {
	Page
	Body       body.Body
	Year       int
	Picker     yearPicker
	Title      string
	Format     string
	CanEdit    bool
	Sections   []annualReportSection
	Findings   []annualReportFinding
	ErrorCount int
	Blockers   []reportflow.Blocker
	// The Art. 49 deadline: Published is the date of the first published
	// version ("" when none); Late holds the late rule's message.
	Deadline       string
	DeadlineSource string
	DaysLeft       int
	Published      string
	Late           string
	Downloads      []annualReportLink
	Flow           reportFlowView
	Errors         []string
}

func sectionField(i int) string { return fmt.Sprintf("section-%d", i+1) }

// annualReportPage lays out the report of a year with its checks and its
// workflow; typed (non-nil after a refused save) replaces the saved text
// in the textareas so nothing has to be written again.
func (s *server) annualReportPage(r *http.Request, b body.Body, year int, typed map[string]string) (annualReportView, error) {
	ctx := r.Context()
	f := annualreport.FormatForYear(year)
	rec, err := s.store.AnnualReport(ctx, b.ID, year)
	if err != nil {
		return annualReportView{}, err
	}
	rep, err := s.shownAnnualReport(r, b, year, rec)
	if err != nil {
		return annualReportView{}, err
	}
	now := s.now().In(chinaTime)
	v := annualReportView{Page: s.consolePage(r, fmt.Sprintf("%d 年度报告 - %s", year, b.Name), "/admin/bodies"),
		Body: b, Year: year, Title: rep.Title, Format: f.Name + "（" + f.IssuedBy + "）",
		Picker: yearPicker{Action: fmt.Sprintf("/admin/bodies/%d/annual-report", b.ID), Years: reportYears(now.Year()), Year: year}}
	if v.Flow, err = s.reportFlow(r, b, year, rec); err != nil {
		return v, err
	}
	v.CanEdit = v.Flow.CanEdit

	pub := s.todayMidnight()
	if len(rec.Versions) > 0 {
		pub = rec.Versions[0].Published.In(chinaTime)
		v.Published = pub.Format("2006年1月2日")
	}
	checked, err := s.checkReport(r, b, year, rep, pub)
	if err != nil {
		return v, err
	}
	var suggestions map[string]string
	if v.CanEdit {
		prev, err := s.previousAnnualReport(r, b, year)
		if err != nil {
			return v, err
		}
		if suggestions, err = s.reportSuggestions(r, b, year, rep, prev); err != nil {
			return v, err
		}
	}
	comments := rec.Comments()
	for i, sec := range f.Sections {
		vs := annualReportSection{ID: sec.ID, Label: sec.Label, Field: sectionField(i), Text: rep.Sections[sec.ID],
			Narrative: sec.Narrative, Optional: sec.ID == "二" || sec.ID == "三" || sec.ID == "四",
			Suggestion: suggestions[sec.ID]}
		if typed != nil {
			vs.Text = typed[sec.ID]
		} else if strings.TrimSpace(vs.Text) == "" && vs.Suggestion != "" {
			vs.Text, vs.Prefilled = vs.Suggestion, true
		}
		for _, c := range comments {
			if c.Section == sec.ID || c.Table == sec.ID {
				vs.Comments = append(vs.Comments, commentView{Where: c.Where(f), Text: c.Text})
			}
		}
		if vs.Prose, vs.Tables, err = sectionHTML(rep, sec.ID); err != nil {
			return v, err
		}
		v.Sections = append(v.Sections, vs)
	}
	v.Findings, v.ErrorCount = findingViews(checked.Check.Findings)
	if rec.State != reportflow.Published {
		// What would stop an approval; a published version is past that.
		v.Blockers = checked.Blockers
	}
	if checked.Check.Late != nil {
		v.Late = checked.Check.Late.Message
	}
	due := checked.Due
	deadline := time.Date(due.Date.Year(), due.Date.Month(), due.Date.Day(), 0, 0, 0, 0, chinaTime)
	v.Deadline, v.DeadlineSource = deadline.Format("2006年1月2日"), due.Source
	v.DaysLeft = int(deadline.Sub(s.todayMidnight()).Hours() / 24)
	for _, d := range annualReportFiles {
		v.Downloads = append(v.Downloads, annualReportLink{Name: d.name,
			URL: fmt.Sprintf("/admin/bodies/%d/annual-report/%d/report.%s", b.ID, year, d.ext)})
	}
	return v, nil
}

// sectionHTML is one section of a report as the console shows it: its
// prose and its tables, escaped by the annualreport renderer.
func sectionHTML(rep *annualreport.Report, id string) (prose, tables template.HTML, err error) {
	var p, t bytes.Buffer
	if err := annualreport.RenderHTMLProse(&p, rep, id); err != nil {
		return "", "", err
	}
	if err := annualreport.RenderHTMLTables(&t, rep, id); err != nil {
		return "", "", err
	}
	return template.HTML(p.String()), template.HTML(t.String()), nil
}

// findingViews words findings for the pages, errors first as found, and
// counts the errors.
func findingViews(fs []annualreport.Finding) ([]annualReportFinding, int) {
	var out []annualReportFinding
	for _, f := range fs {
		out = append(out, findingView(f))
	}
	return out, annualreport.Errors(fs)
}

func findingView(f annualreport.Finding) annualReportFinding {
	out := annualReportFinding{Rule: f.Rule, Meaning: annualreport.RuleMeaning(f.Rule), Severity: "提示", Message: f.Message,
		Error: f.Severity == annualreport.SeverityError}
	if out.Error {
		out.Severity = "错误"
	}
	var where []string
	if f.Section != "" {
		where = append(where, "第"+f.Section+"部分")
	}
	for _, x := range []string{f.Row, f.Column} {
		if x != "" {
			where = append(where, x)
		}
	}
	out.Where = strings.Join(where, " / ")
	return out
}

// annualReportView shows the year's report as it will be published,
// with the narrative form, the checks, the deadline and the workflow.
func (s *server) annualReportView(w http.ResponseWriter, r *http.Request) error {
	b, year, err := s.reportBodyYear(r)
	if err != nil {
		return err
	}
	v, err := s.annualReportPage(r, b, year, nil)
	if err != nil {
		return err
	}
	return s.render(w, r, "console_annual_report", v)
}

// annualReportSave stores the six sections' text; the tables are never
// taken from the form. The report as saved is checked, so the
// supervisors' overview shows its errors and warnings.
func (s *server) annualReportSave(w http.ResponseWriter, r *http.Request) error {
	b, year, err := s.reportBodyYear(r)
	if err != nil {
		return err
	}
	texts, errs := readReportSections(r.PostFormValue, annualreport.FormatForYear(year))
	if len(errs) > 0 {
		v, err := s.annualReportPage(r, b, year, texts)
		if err != nil {
			return err
		}
		v.Errors = errs
		return s.renderStatus(w, r, "console_annual_report", http.StatusUnprocessableEntity, v)
	}
	rep, err := s.annualReport(r, b, year)
	if err != nil {
		return err
	}
	for id, text := range texts {
		rep.Sections[id] = text
	}
	checked, err := s.checkReport(r, b, year, rep, s.todayMidnight())
	if err != nil {
		return err
	}
	if err := s.store.SetReportSections(r.Context(), b.ID, year, texts, checked.Check.counts(), s.actor(r)); err != nil {
		return reportStateError(err)
	}
	s.notice(r, fmt.Sprintf("%d 年度报告正文已保存。", year))
	return seeOther(w, r, annualReportURL(b.ID, year))
}

func annualReportURL(bodyID int64, year int) string {
	return fmt.Sprintf("/admin/bodies/%d/annual-report?year=%d", bodyID, year)
}

// canOnBody is s.can for the signed-in principal.
func (s *server) canOnBody(r *http.Request, perm auth.Permission, bodyID int64) (bool, error) {
	return s.can(r.Context(), principalFrom(r.Context()), perm, bodyID)
}

// commentView is a supervisor's comment where a page shows it.
type commentView struct {
	Where string
	Text  string
}

// reportStateError turns a refused workflow step into a 409 in Chinese.
func reportStateError(err error) error {
	if tr, ok := errors.AsType[*reportflow.ErrTransition](err); ok {
		return &Error{Status: http.StatusConflict, Code: "state", Message: tr.Message(), Cause: err}
	}
	return err
}
