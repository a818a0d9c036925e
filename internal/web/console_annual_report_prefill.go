package web

import (
	"net/http"

	"github.com/gongkai/gongkai/internal/annualreport"
	"github.com/gongkai/gongkai/internal/body"
	"github.com/gongkai/gongkai/internal/disclosure"
	"github.com/gongkai/gongkai/internal/reportflow"
)

// reportSuggestions are the narrative drafts of sections 一, 五 and 六
// for body b's report of year, from the year's records (rep's tables
// for the request figures, so text and tables agree) and last year's
// report (its 存在的主要问题, for 五). The page offers them; it never
// saves them over what staff wrote.
func (s *server) reportSuggestions(r *http.Request, b body.Body, year int, rep, prev *annualreport.Report) (map[string]string, error) {
	recs, err := s.store.ReportYearRecords(r.Context(), b.ID, year)
	if err != nil {
		return nil, err
	}
	total := func(row string) int { return int(rep.Tables.Three[row]["总计"].Num) }
	f := reportflow.Figures{Org: b.Name, Year: year, Interpretations: recs.Interpretations,
		Received: total("一"), CarriedOver: total("二"), Answered: total("三.七"), CarriedForward: total("四"),
		AnsweredOnTime: recs.AnsweredOnTime, CommentPeriods: recs.CommentPeriods,
		CommentsReceived: recs.CommentsReceived, CommentsAdopted: recs.CommentsAdopted}
	for _, c := range recs.ByColumn {
		f.Published += c.N
		f.ByColumn = append(f.ByColumn, reportflow.Count{Name: c.Name, N: c.N})
	}
	for _, c := range recs.ByTheme {
		if t, ok := disclosure.ThemeByCode(c.Name); ok {
			f.ByTheme = append(f.ByTheme, reportflow.Count{Name: t.Name, N: c.N})
		}
	}
	f.ConsultationsAnswered = len(recs.ConsultationWaits)
	if n := len(recs.ConsultationWaits); n > 0 {
		var sum float64
		for _, w := range recs.ConsultationWaits {
			sum += w
		}
		f.ConsultationDays = sum / float64(n)
	}
	for _, d := range recs.FeeNotices {
		if fee := parseDetails(d).Fee; fee != nil && fee.Amount > 0 {
			f.Fees += fee.Amount
			f.FeeRequests++
		}
	}
	out := reportflow.Narrative(f)
	lastProblems := ""
	if prev != nil {
		lastProblems = prev.Sections["五"]
	}
	out["五"] = reportflow.Improvements(lastProblems)
	return out, nil
}
