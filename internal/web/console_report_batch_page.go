package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/gongkai/gongkai/internal/store"
)

// The page of one batch of the annual report check: its progress while
// the worker reads it (the page refreshes itself, no script needed), then
// the results with the findings sortable by body, severity and rule,
// and the downloads. Only the uploader and system administrators see it
// (targetReportBatch).

// findingsPerPage bounds the findings table of one page; a province's
// thousand reports come to several thousand findings.
const findingsPerPage = 500

func reportBatchURL(id int64) string { return "/admin/reports/check/" + strconv.FormatInt(id, 10) }

func reportBatchStatusName(status string) string {
	switch status {
	case store.BatchQueued:
		return "排队等待"
	case store.BatchRunning:
		return "正在检查"
	case store.BatchDone:
		return "已完成"
	}
	return "正在上传"
}

type reportBatchView struct {
	Page
	URL     string
	Status  string
	Done    bool
	Files   int
	Read    int
	Percent int
	Expires string
	Result  *reportCheckResult
	// The findings table: the sort links, this page's lines and the pager.
	Sorts    []sortLink
	Findings []findingLine
	Total    int
	Pager    pager
	Rules    []ruleLegend // the rules of this batch's findings, explained
	SortKey  string
}

type sortLink struct {
	Name    string
	URL     string
	Current bool
}

type ruleLegend struct{ ID, Meaning string }

// reportBatchFromPath reads the batch the path names; the guard has
// checked who may see it.
func (s *server) reportBatchFromPath(r *http.Request) (store.ReportBatch, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return store.ReportBatch{}, err
	}
	b, err := s.store.ReportBatch(r.Context(), id)
	if err != nil {
		return store.ReportBatch{}, notFoundOr(err)
	}
	return b, nil
}

// canSeeReportBatch: the uploader, and the system administrators.
func canSeeReportBatch(p principal, b store.ReportBatch) bool {
	return b.UserID == p.user.ID || p.isSysAdmin()
}

func (s *server) reportBatchPage(w http.ResponseWriter, r *http.Request) error {
	b, err := s.reportBatchFromPath(r)
	if err != nil {
		return err
	}
	v := reportBatchView{Page: s.consolePage(r, "年度报告检查结果", "/admin/reports/check"), URL: reportBatchURL(b.ID),
		Status: reportBatchStatusName(b.Status), Done: b.Status == store.BatchDone, Files: b.Files, Read: b.Read,
		Expires: b.Expires.In(chinaTime).Format("2006-01-02 15:04")}
	if b.Files > 0 {
		v.Percent = b.Read * 100 / b.Files
	}
	if !v.Done {
		v.Title = fmt.Sprintf("正在检查（%d/%d）- 年度报告检查", b.Read, b.Files)
		v.Refresh = int(ReportBatchPoll.Seconds())
		return s.render(w, r, "console_report_batch", v)
	}
	res, err := batchResult(b)
	if err != nil {
		return err
	}
	v.Result = &res
	v.SortKey = r.URL.Query().Get("sort")
	if !validFindingSort(v.SortKey) {
		v.SortKey = ""
	}
	for _, so := range findingSorts {
		v.Sorts = append(v.Sorts, sortLink{Name: so.Name, URL: findingsURL(v.URL, so.Key, 1), Current: so.Key == v.SortKey})
	}
	lines := findingLines(res, v.SortKey, false)
	seen := map[string]bool{}
	for _, l := range lines {
		if l.Rule != "" && !seen[l.Rule] {
			seen[l.Rule] = true
			v.Rules = append(v.Rules, ruleLegend{ID: l.Rule, Meaning: l.Meaning})
		}
	}
	slices.SortFunc(v.Rules, func(a, b ruleLegend) int { return strings.Compare(a.ID, b.ID) })
	v.Total = len(lines)
	page := pageParam(r)
	v.Pager = newPager(page, v.Total, findingsPerPage, func(p int) string { return findingsURL(v.URL, v.SortKey, p) })
	from := min(len(lines), (page-1)*findingsPerPage)
	v.Findings = lines[from:min(len(lines), from+findingsPerPage)]
	return s.render(w, r, "console_report_batch", v)
}

// findingsURL is the batch page in an order, at a page of the findings.
func findingsURL(base, sortKey string, page int) string {
	q := url.Values{}
	if sortKey != "" {
		q.Set("sort", sortKey)
	}
	if page > 1 {
		q.Set("page", strconv.Itoa(page))
	}
	if len(q) == 0 {
		return base + "#findings"
	}
	return base + "?" + q.Encode() + "#findings"
}

func batchResult(b store.ReportBatch) (reportCheckResult, error) {
	var res reportCheckResult
	if err := json.Unmarshal(b.Result, &res); err != nil {
		return res, fmt.Errorf("report batch %d: stored result: %w", b.ID, err)
	}
	return res, nil
}

// reportBatchDownload sends the findings of a checked batch as CSV or
// .xlsx, in the order ?sort= names; a batch still being checked has none
// yet.
func (s *server) reportBatchDownload(format string) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		b, err := s.reportBatchFromPath(r)
		if err != nil {
			return err
		}
		if b.Status != store.BatchDone {
			return errNotFound()
		}
		res, err := batchResult(b)
		if err != nil {
			return err
		}
		sortKey := r.URL.Query().Get("sort")
		if !validFindingSort(sortKey) {
			sortKey = ""
		}
		lines := findingLines(res, sortKey, true)
		name := fmt.Sprintf("年度报告检查结果-%d", b.ID)
		if format == "csv" {
			data, err := findingsCSV(lines)
			if err != nil {
				return err
			}
			return serveDownload(w, name+".csv", "text/csv; charset=utf-8", data)
		}
		data, err := findingsWorkbook(lines)
		if err != nil {
			return err
		}
		return serveDownload(w, name+".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", data)
	}
}
