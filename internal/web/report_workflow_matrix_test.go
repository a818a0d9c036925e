package web

import (
	"context"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/annualreport"
	"github.com/gongkai/gongkai/internal/body"
	"github.com/gongkai/gongkai/internal/reportflow"
	"github.com/gongkai/gongkai/internal/store"
)

// The authorization matrix's fixtures for the annual report workflow:
// every case finds the report in the state its step acts on, so an
// allowed role's request succeeds and only the permission decides.

// reportFlowMatrixForm is the form of the workflow's posts.
func reportFlowMatrixForm(pattern, bid string) (url.Values, bool) {
	switch pattern {
	case "POST /admin/bodies/{id}/annual-report/{year}/submit", "POST /admin/bodies/{id}/annual-report/{year}/publish",
		"POST /admin/bodies/{id}/annual-report/{year}/correct", "POST /admin/bodies/{id}/annual-report/{year}/upload":
		return url.Values{"change_note": {"更正了表三的数字。"}}, true
	case "POST /admin/bodies/{id}/annual-report/{year}/return":
		return url.Values{"note": {"请核对表三。"}}, true
	case "POST /admin/bodies/{id}/annual-report/{year}/approve":
		return url.Values{"override": {"1"}, "override_reason": {"测试"}}, true
	case "POST /admin/bodies/{id}/report-deadline":
		return url.Values{"month": {"1"}, "day": {"20"}}, true
	case "POST /admin/bodies/{id}/off-platform-bodies":
		return url.Values{"name": {"外网发布的部门"}, "kind": {"department"}, "parent_id": {bid}}, true
	case "POST /admin/bodies/{id}/report-options":
		return url.Values{"off_platform": {"1"}}, true
	}
	return nil, false
}

// matrixReportYear is the year the matrix's report paths name.
func matrixReportYear() int {
	y, _ := strconv.Atoi(workdayToday()[:4])
	return y
}

// reportFlowMatrixPath prepares the report of the body in a route's path
// for the step the route takes.
func (e *testEnv) reportFlowMatrixPath(t *testing.T, pattern, p string, bodyID int64) string {
	if !strings.Contains(pattern, "/annual-report/{year}/") {
		return p
	}
	year := matrixReportYear()
	switch {
	case strings.HasSuffix(pattern, "/submit"):
		e.reportInState(t, bodyID, year, reportflow.Draft)
	case strings.HasSuffix(pattern, "/publish"):
		e.reportInState(t, bodyID, year, reportflow.Approved)
	case strings.HasSuffix(pattern, "/correct"), strings.Contains(pattern, "/versions/"):
		e.reportInState(t, bodyID, year, reportflow.Published)
		p = strings.ReplaceAll(p, "{n}", "1")
		p = strings.ReplaceAll(p, "{file}", "report.json")
	}
	return p
}

// supervisedMatrixPath names a fresh department below the body (so the
// body is its supervisor), off the platform for the uploads, with a
// submitted report for the review's steps.
func (e *testEnv) supervisedMatrixPath(t *testing.T, pattern, p string, bodyID int64) string {
	ctx := context.Background()
	n := e.unique()
	child := e.createBody(body.Body{ParentID: bodyID, Name: "下属部门" + n, Kind: body.Department, Slug: "dept-" + n})
	switch {
	case strings.HasSuffix(pattern, "/upload"):
		if err := e.st.SetReportSettings(ctx, child.ID, store.BodyReportSettings{OffPlatform: true}, store.Actor{}); err != nil {
			t.Fatal(err)
		}
	case strings.HasSuffix(pattern, "/return"), strings.HasSuffix(pattern, "/approve"):
		e.reportInState(t, child.ID, matrixReportYear(), reportflow.Submitted)
	}
	return strings.ReplaceAll(p, "{id}", strconv.FormatInt(child.ID, 10))
}

// reportInState takes a body's report of year through the store's steps
// until it is in want (Draft: any state the body may edit).
func (e *testEnv) reportInState(t *testing.T, bodyID int64, year int, want reportflow.State) {
	t.Helper()
	ctx := context.Background()
	e.ensureBodyCode(bodyID)
	a := store.Actor{Username: "fixture"}
	rep := &annualreport.Report{Org: "测试单位", Year: year, Title: "测试年度报告", Format: annualreport.FormatForYear(year).ID,
		Sections: map[string]string{"一": "总体情况。", "五": "问题。", "六": "本年度未收取信息处理费。"}}
	snap, err := annualreport.EncodeJSON(rep)
	if err != nil {
		t.Fatal(err)
	}
	for range 8 {
		rec, err := e.st.AnnualReport(ctx, bodyID, year)
		if err != nil {
			t.Fatal(err)
		}
		if rec.State == want || want == reportflow.Draft && rec.State.Editable() {
			return
		}
		switch {
		case rec.State.Editable():
			err = e.st.SubmitAnnualReport(ctx, store.Submission{BodyID: bodyID, Year: year, Snapshot: snap, ChangeNote: "更正"}, a)
		case rec.State == reportflow.Submitted && want != reportflow.Draft:
			err = e.st.ApproveAnnualReport(ctx, bodyID, year, "", "", store.ReportCheck{}, a)
		case rec.State == reportflow.Approved && want == reportflow.Published:
			_, err = e.st.PublishAnnualReport(ctx, store.Publication{BodyID: bodyID, Year: year, Title: "测试年度报告",
				Canonical: snap, HTML: "<p>测试</p>"}, a)
		case rec.State == reportflow.Published:
			err = e.st.CorrectAnnualReport(ctx, bodyID, year, a)
		default:
			err = e.st.ReturnAnnualReport(ctx, bodyID, year, "退回", nil, a)
		}
		if err != nil {
			t.Fatalf("report of body %d toward %s: %v", bodyID, want, err)
		}
	}
	t.Fatalf("report of body %d never reached %s", bodyID, want)
}
