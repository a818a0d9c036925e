package web

import (
	"fmt"
	"net/http"

	"github.com/gongkai/gongkai/internal/annualreport"
	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/body"
	"github.com/gongkai/gongkai/internal/reportflow"
	"github.com/gongkai/gongkai/internal/store"
)

// maxChangeNoteRunes bounds the public note of a correction.
const maxChangeNoteRunes = 1000

// reportFlowView is where a report is on its way to publication, what
// happened to it, and what the signed-in person may do next.
type reportFlowView struct {
	State      reportflow.State
	StateName  string
	Version    int
	Reviewer   body.Body // the body it is submitted to
	SelfReview bool      // a root without a supervisor reviews its own
	ReturnNote string
	Comments   []commentView // of the last return
	History    []reportEventView
	Versions   []reportVersionView
	CanEdit    bool
	CanSubmit  bool
	CanPublish bool
	CanCorrect bool
	CanReview  bool
	ChangeNote bool // a correction: the submission carries a public change note
	ReviewURL  string
	ActionBase string // /admin/bodies/{id}/annual-report/{year}
	// The report settings its reviewer may change: whether the body
	// publishes elsewhere (then the reviewer uploads its report) and the
	// body it submits to instead of its parent.
	OffPlatform  bool
	UploadURL    string
	SupervisorID int64
	Supervisors  []body.Body
}

type reportEventView struct {
	At       string
	Who      string
	Action   string
	Note     string
	Override string
	Errors   int
	Warnings int
	Comments []commentView
}

type reportVersionView struct {
	Version     int
	Published   string
	SHA256      string
	ChangeNote  string
	Source      string
	JSONURL     string
	OriginalURL string
	DocumentURL string
}

var reportSourceNames = map[string]string{
	store.ReportSourcePlatform: "经本平台审核发布",
	store.ReportSourceUpload:   "在其他网站发布，由上级单位上传",
	store.ReportSourceImport:   "使用本平台前发布，导入",
}

// reportFlow builds the workflow panel of a report for the principal.
func (s *server) reportFlow(r *http.Request, b body.Body, year int, rec store.AnnualReportRecord) (reportFlowView, error) {
	ctx := r.Context()
	f := annualreport.FormatForYear(year)
	base := fmt.Sprintf("/admin/bodies/%d/annual-report/%d", b.ID, year)
	v := reportFlowView{State: rec.State, StateName: rec.State.Name(), Version: rec.Version, ActionBase: base,
		ReviewURL: base + "/review", ChangeNote: rec.Version > 1 && rec.State != reportflow.Published}
	t, err := s.loadReportTree(ctx)
	if err != nil {
		return v, err
	}
	v.Reviewer = t.reviewer(b)
	v.SelfReview = v.Reviewer.ID == b.ID
	offPlatform := t.offPlatform(b.ID)
	v.OffPlatform, v.SupervisorID = offPlatform, t.settings[b.ID].SupervisorID
	canEdit, err := s.canOnBody(r, auth.PermDocEdit, b.ID)
	if err != nil {
		return v, err
	}
	canPublish, err := s.canOnBody(r, auth.PermDocReview, b.ID)
	if err != nil {
		return v, err
	}
	if v.CanReview, err = s.canOnBody(r, auth.PermReportApprove, v.Reviewer.ID); err != nil {
		return v, err
	}
	if v.CanReview {
		if offPlatform {
			v.UploadURL = base + "/upload"
		}
		v.Supervisors = t.supervisorChoices(b)
	}
	editable := rec.State.Editable() && !offPlatform
	v.CanEdit, v.CanSubmit = canEdit && editable, canEdit && editable
	v.CanPublish = canPublish && rec.State == reportflow.Approved
	v.CanCorrect = canEdit && rec.State == reportflow.Published && !offPlatform
	for _, e := range rec.Events {
		ev := reportEventView{At: e.At.In(chinaTime).Format("2006-01-02 15:04"), Who: e.Username,
			Action: fmt.Sprintf("第 %d 版%s", e.Version, e.Action.Name()), Note: e.Note, Override: e.Override,
			Errors: e.Check.Errors, Warnings: e.Check.Warnings}
		for _, c := range e.Comments {
			ev.Comments = append(ev.Comments, commentView{Where: c.Where(f), Text: c.Text})
		}
		v.History = append(v.History, ev)
		if e.Action == reportflow.ActionReturn {
			v.ReturnNote = e.Note
		}
	}
	for _, c := range rec.Comments() {
		v.Comments = append(v.Comments, commentView{Where: c.Where(f), Text: c.Text})
	}
	if rec.State != reportflow.Returned {
		v.ReturnNote = ""
	}
	for i := len(rec.Versions) - 1; i >= 0; i-- {
		x := rec.Versions[i]
		vv := reportVersionView{Version: x.Version, Published: x.Published.In(chinaTime).Format("2006年1月2日"),
			SHA256: x.SHA256, ChangeNote: x.ChangeNote, Source: reportSourceNames[x.Source],
			JSONURL: fmt.Sprintf("%s/versions/%d/report.json", base, x.Version)}
		if x.Original.Hash != "" {
			vv.OriginalURL = fmt.Sprintf("%s/versions/%d/original", base, x.Version)
		}
		if x.DocumentID != 0 {
			vv.DocumentURL = fmt.Sprintf("/admin/documents/%d", x.DocumentID)
		}
		v.Versions = append(v.Versions, vv)
	}
	return v, nil
}

// pathBodyReport is the body and year in the path with the report's
// workflow record.
func (s *server) pathBodyReport(r *http.Request) (body.Body, int, store.AnnualReportRecord, error) {
	b, err := s.bodyFromPath(r)
	if err != nil {
		return b, 0, store.AnnualReportRecord{}, err
	}
	year, err := s.pathReportYear(r)
	if err != nil {
		return b, 0, store.AnnualReportRecord{}, err
	}
	rec, err := s.store.AnnualReport(r.Context(), b.ID, year)
	return b, year, rec, err
}

// annualReportSubmit sends the report as it stands (tables from the
// records, the saved text) to the supervising body, frozen as JSON: the
// supervisor reviews, and the body later publishes, exactly that. The
// checks' findings are on the page the button sits on; they are counted
// with the submission. A correction carries a public change note.
func (s *server) annualReportSubmit(w http.ResponseWriter, r *http.Request) error {
	b, year, rec, err := s.pathBodyReport(r)
	if err != nil {
		return err
	}
	if !rec.State.Editable() {
		return reportStateError(&reportflow.ErrTransition{From: rec.State, Action: reportflow.ActionSubmit})
	}
	t, err := s.loadReportTree(r.Context())
	if err != nil {
		return err
	}
	if t.offPlatform(b.ID) {
		return errInvalid("该单位在其他网站发布年度报告，由上级单位上传，不在本平台报送。")
	}
	note, err := readChangeNote(r.PostFormValue, rec.Version)
	if err != nil {
		return err
	}
	rep, err := s.annualReport(r, b, year)
	if err != nil {
		return err
	}
	checked, err := s.checkReport(r, b, year, rep, s.todayMidnight())
	if err != nil {
		return err
	}
	snapshot, err := annualreport.EncodeJSON(rep)
	if err != nil {
		return err
	}
	reviewer := t.reviewer(b)
	err = s.store.SubmitAnnualReport(r.Context(), store.Submission{BodyID: b.ID, Year: year, SupervisorID: reviewer.ID,
		Snapshot: snapshot, ChangeNote: note, Check: checked.Check.counts()}, s.actor(r))
	if err != nil {
		return reportStateError(err)
	}
	msg := fmt.Sprintf("%d 年度报告已报送%s审核。", year, reviewer.Name)
	if n := len(checked.Blockers); n > 0 {
		msg += fmt.Sprintf("报告仍有 %d 项须处理的问题，审核单位须说明理由才能通过。", n)
	}
	s.notice(r, msg)
	return seeOther(w, r, annualReportURL(b.ID, year))
}

// annualReportPublish publishes an approved report: the JSON approved,
// dated today with its findings, is the published version whose sha256
// the pages show; the body's 年度报告 column shows it in the official
// layout. The body publishes (Art. 49), through its 信息审核 staff.
func (s *server) annualReportPublish(w http.ResponseWriter, r *http.Request) error {
	b, year, rec, err := s.pathBodyReport(r)
	if err != nil {
		return err
	}
	if rec.State != reportflow.Approved {
		return reportStateError(&reportflow.ErrTransition{From: rec.State, Action: reportflow.ActionPublish})
	}
	rep, err := annualreport.DecodeJSON(rec.Snapshot)
	if err != nil {
		return err
	}
	today := s.todayMidnight()
	if len(rec.Versions) > 0 {
		today = rec.Versions[0].Published.In(chinaTime)
	}
	checked, err := s.checkReport(r, b, year, rep, today)
	if err != nil {
		return err
	}
	pub := s.todayMidnight()
	rep.Published = &pub
	rep.Findings = append(checked.Check.Findings[:len(checked.Check.Findings):len(checked.Check.Findings)], lateFindings(checked)...)
	canonical, err := annualreport.EncodeJSON(rep)
	if err != nil {
		return err
	}
	html, err := reportBodyHTML(rep)
	if err != nil {
		return err
	}
	v, err := s.store.PublishAnnualReport(r.Context(), store.Publication{BodyID: b.ID, Year: year, Title: rep.Title,
		Canonical: canonical, HTML: html, Check: checked.Check.counts(), Published: s.now()}, s.actor(r))
	if err != nil {
		return reportStateError(err)
	}
	s.notice(r, fmt.Sprintf("%d 年度报告第 %d 版已发布，sha256：%s", year, v.Version, v.SHA256))
	return seeOther(w, r, annualReportURL(b.ID, year))
}

// annualReportCorrect starts a correction: the next version, editable;
// the published ones stay published and downloadable.
func (s *server) annualReportCorrect(w http.ResponseWriter, r *http.Request) error {
	b, year, _, err := s.pathBodyReport(r)
	if err != nil {
		return err
	}
	if err := s.store.CorrectAnnualReport(r.Context(), b.ID, year, s.actor(r)); err != nil {
		return reportStateError(err)
	}
	s.notice(r, fmt.Sprintf("已开始更正 %d 年度报告：修改后重新报送，报送时填写更正说明。", year))
	return seeOther(w, r, annualReportURL(b.ID, year))
}
