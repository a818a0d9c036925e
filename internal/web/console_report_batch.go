package web

import (
	"context"
	"errors"
	"log/slog"
	"slices"
	"strconv"
	"strings"

	"github.com/gongkai/gongkai/internal/annualreport"
	"github.com/gongkai/gongkai/internal/parsejail"
)

// A batch of annual reports checked together (年度报告检查): a
// supervisor uploads the reports of the bodies below them and reads one
// table. This file is the checking itself, free of HTTP: read each
// file, pair each report with last year's report of the same body when
// the batch holds it, lint, and order the rows for reading.

// ruleExpectedYear marks a report of another year than the one the batch
// was checked for. It is the console's own check, not a rule of the
// national format, so it lives here and not in annualreport's rule list.
const ruleExpectedYear = "expected-year"

// batchFile is one uploaded file as read: its report, or why it could
// not be read. The worker reads one file at a time and keeps only the
// report.
type batchFile struct {
	Name       string
	Report     *annualreport.Report
	Unreadable string
}

// readBatchFile reads one uploaded report: the batch check's one call of
// ParseReportUpload, which parses it in a child process under jail's
// limits. A file that cannot be read is a row saying why, and the batch
// goes on; the error is ctx's end or a parse child that cannot run,
// either of which stops the batch (it resumes later).
func readBatchFile(ctx context.Context, jail *parsejail.Jail, log *slog.Logger, name string, data []byte) (batchFile, error) {
	r, err := ParseReportUpload(ctx, jail, name, data)
	if err != nil {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return batchFile{}, ctxErr
		}
		if errors.Is(err, parsejail.ErrChild) {
			return batchFile{}, err
		}
		logReadFailure(ctx, log, name, err)
		return batchFile{Name: name, Unreadable: readFailure(name, err)}, nil
	}
	return batchFile{Name: name, Report: r}, nil
}

// logReadFailure logs a file over its parse budget: the finding says
// only that it is too complex, the log says which limit it hit.
func logReadFailure(ctx context.Context, log *slog.Logger, name string, err error) {
	var over *parsejail.BudgetError
	if errors.As(err, &over) {
		log.WarnContext(ctx, "uploaded file over its parse budget", "request_id", requestID(ctx),
			"file", name, "reason", over.Reason, "detail", over.Detail)
	}
}

// reportCheckRow is one file of the results table.
type reportCheckRow struct {
	File   string
	Org    string
	Year   int
	Format string // the format's name, or 未识别
	// Unreadable says why the file could not be read; "" when it was.
	Unreadable string
	Errors     int
	Warnings   int
	Findings   []reportCheckFinding
	// Previous is the file of last year's report of the same body, against
	// which the carry-over rules ran; "" when the batch held none.
	Previous string
	// Reference: the report only served as last year's report of another
	// in the batch, so the batch year does not apply to it.
	Reference bool
}

// reportCheckFinding is one finding in the wording of the command line.
type reportCheckFinding struct {
	Severity string // 错误 or 警告
	IsError  bool
	Rule     string
	Where    string
	Message  string
}

// reportCheckResult is the whole batch: its rows, errors first, and the
// counts of the summary line.
type reportCheckResult struct {
	Year       int // the year the reports should be about; 0 when not given
	Rows       []reportCheckRow
	Files      int
	WithErrors int
	Unreadable int
	Paired     int // reports checked against last year's report
}

// checkReportBatch pairs and checks the files read. year, when not 0,
// is the year every report should be about. It stops with ctx's error
// when the request ends before the batch is checked.
func checkReportBatch(ctx context.Context, files []batchFile, year int) (reportCheckResult, error) {
	res := reportCheckResult{Year: year, Files: len(files)}
	reports := make([]*annualreport.Report, len(files))
	res.Rows = make([]reportCheckRow, len(files))
	for i, f := range files {
		row := &res.Rows[i]
		row.File, row.Unreadable = f.Name, f.Unreadable
		if r := f.Report; r != nil {
			reports[i] = r
			row.Org, row.Year, row.Format = r.Org, r.Year, annualreport.FormatName(r.Format)
		}
	}
	previous := pairPrevious(reports)
	for i, r := range reports {
		if err := ctx.Err(); err != nil {
			return reportCheckResult{}, err
		}
		if r == nil {
			continue
		}
		row := &res.Rows[i]
		var prev *annualreport.Report
		if j, ok := previous[i]; ok {
			prev = reports[j]
			row.Previous = files[j].Name
			res.Rows[j].Reference = year != 0 && reports[j].Year == year-1
			res.Paired++
		}
		for _, f := range annualreport.Lint(r, prev, annualreport.Options{}) {
			row.Findings = append(row.Findings, wordFinding(f))
		}
	}
	for i := range res.Rows {
		row := &res.Rows[i]
		if reports[i] != nil && year != 0 && row.Year != year && !row.Reference {
			row.Findings = append([]reportCheckFinding{expectedYearFinding(row.Year, year)}, row.Findings...)
		}
		for _, f := range row.Findings {
			if f.IsError {
				row.Errors++
			} else {
				row.Warnings++
			}
		}
		switch {
		case row.Unreadable != "":
			res.Unreadable++
		case row.Errors > 0:
			res.WithErrors++
		}
	}
	// Errors first, then the files that could not be read, then warnings,
	// then clean reports; upload order within each group.
	slices.SortStableFunc(res.Rows, func(a, b reportCheckRow) int { return rowRank(a) - rowRank(b) })
	return res, nil
}

func rowRank(r reportCheckRow) int {
	switch {
	case r.Errors > 0:
		return 0
	case r.Unreadable != "":
		return 1
	case r.Warnings > 0:
		return 2
	}
	return 3
}

// pairPrevious maps the index of each report to that of last year's
// report of the same body in the batch: same Org, year − 1. When the
// batch holds that report twice, the first uploaded is taken.
func pairPrevious(reports []*annualreport.Report) map[int]int {
	type key struct {
		org  string
		year int
	}
	first := map[key]int{}
	for i, r := range reports {
		if r == nil || r.Org == "" || r.Year == 0 {
			continue
		}
		k := key{strings.TrimSpace(r.Org), r.Year}
		if _, ok := first[k]; !ok {
			first[k] = i
		}
	}
	out := map[int]int{}
	for i, r := range reports {
		if r == nil || r.Org == "" || r.Year == 0 {
			continue
		}
		if j, ok := first[key{strings.TrimSpace(r.Org), r.Year - 1}]; ok {
			out[i] = j
		}
	}
	return out
}

func wordFinding(f annualreport.Finding) reportCheckFinding {
	return reportCheckFinding{Severity: f.Severity.Name(), IsError: f.Severity == annualreport.SeverityError,
		Rule: f.Rule, Where: f.Where(), Message: f.Message}
}

func expectedYearFinding(got, want int) reportCheckFinding {
	msg := "报告年度为" + strconv.Itoa(got) + "年，本次检查的是" + strconv.Itoa(want) + "年度报告"
	if got == 0 {
		msg = "未能识别报告年度，本次检查的是" + strconv.Itoa(want) + "年度报告"
	}
	return reportCheckFinding{Severity: annualreport.SeverityError.Name(), IsError: true, Rule: ruleExpectedYear, Message: msg}
}

// readFailure says in Chinese why a file could not be read. Read labels
// its errors with the file name, which the table shows already.
func readFailure(name string, err error) string {
	if errors.Is(err, parsejail.ErrBudget) {
		return parsejail.Message + "。"
	}
	if errors.Is(err, annualreport.ErrNoTextLayer) {
		return "扫描件，无法读取文字：PDF 中没有文字层，请提供带文字的 PDF 或 Word 文件。"
	}
	return strings.TrimPrefix(err.Error(), name+": ")
}
