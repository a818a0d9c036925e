package request

import (
	"fmt"

	"github.com/gongkai/gongkai/internal/annualreport"
	"github.com/gongkai/gongkai/internal/workday"
)

// RequestRecord is what the annual statistics need of one request.
type RequestRecord struct {
	Received workday.Date  // 收到申请之日 (Art. 31)
	Closed   *workday.Date // the day it closed; nil while open
	// Applicant is a table 三 applicant column label of the format
	// (自然人, 商业企业 …, 其他).
	Applicant string
	// Outcome is the table 三 outcome row id the request closed with
	// (三.一 … 三.六.3, or 三.六 in the 2019 format); empty while open.
	Outcome string
	// N is how many requests alike this record stands for, so a grouped
	// query over a province is counted without one record per request;
	// 0 means 1.
	N int
}

// weight is how many requests or cases a record counts as.
func weight(n int) int { return max(n, 1) }

// CaseRecord is one reconsideration or lawsuit (行政复议 / 行政诉讼)
// about the body's disclosure work.
type CaseRecord struct {
	// Kind is a table 四 group id of the format: 行政复议,
	// 行政诉讼/未经复议直接起诉 or 行政诉讼/复议后起诉.
	Kind    string
	Filed   workday.Date
	Decided *workday.Date // nil while pending (尚未审结)
	// Result is a table 四 result column: 结果维持, 结果纠正 or 其他结果;
	// ignored while the case is pending.
	Result string
	// N is how many cases alike this record stands for; 0 means 1.
	N int
}

// Row ids of table 三 whose role the counting rules need. They are the
// canonical ids of the JSON contract (annualreport.Schema), checked
// against the format before use.
const (
	rowReceived   = "一" // 本年新收
	rowCarriedIn  = "二" // 上年结转
	rowCarriedOut = "四" // 结转下年度继续办理
)

// columnPending is table 四's column of cases open at year end.
const columnPending = "尚未审结"

// BuildReport returns the report model for year with tables 三 and 四
// counted from the records and Format and Year set. Table 二 (主动公开)
// and the narrative sections are not request statistics and stay empty.
func BuildReport(year int, requests []RequestRecord, cases []CaseRecord) (*annualreport.Report, error) {
	t, err := BuildTables(year, requests, cases)
	if err != nil {
		return nil, err
	}
	f := annualreport.FormatForYear(year)
	return &annualreport.Report{Year: year, Format: f.ID, Tables: t}, nil
}

// BuildTables counts tables 三 and 四 of the annual report for year, in
// the format that year must follow. Every row and column comes from the
// format; every cell is a value, so the tables balance by construction.
func BuildTables(year int, requests []RequestRecord, cases []CaseRecord) (annualreport.Tables, error) {
	f := annualreport.FormatForYear(year)
	if f == nil {
		return annualreport.Tables{}, ruleError(fmt.Sprintf("%d年没有全国统一的年度报告格式", year), fmt.Sprintf("no report format for year %d", year))
	}
	three, err := countThree(f, year, requests)
	if err != nil {
		return annualreport.Tables{}, fmt.Errorf("table 三 for %d: %w", year, err)
	}
	four, err := countFour(f, year, cases)
	if err != nil {
		return annualreport.Tables{}, fmt.Errorf("table 四 for %d: %w", year, err)
	}
	return annualreport.Tables{Three: three, Four: four}, nil
}

// yearBounds returns 1 January and 31 December of year.
func yearBounds(year int) (first, last workday.Date, err error) {
	first, err = workday.NewDate(year, 1, 1)
	if err != nil {
		return first, last, err
	}
	last, err = workday.NewDate(year, 12, 31)
	return first, last, err
}

// cellsOf turns counts into value cells, rows × columns.
func cellsOf(rows, cols []string, counts [][]int) map[string]map[string]annualreport.Cell {
	out := make(map[string]map[string]annualreport.Cell, len(rows))
	for i, r := range rows {
		m := make(map[string]annualreport.Cell, len(cols))
		for j, c := range cols {
			m[c] = annualreport.Cell{State: annualreport.Value, Num: float64(counts[i][j])}
		}
		out[r] = m
	}
	return out
}

func indexOf(list []string) map[string]int {
	m := make(map[string]int, len(list))
	for i, s := range list {
		m[s] = i
	}
	return m
}

func newCounts(rows, cols int) [][]int {
	out := make([][]int, rows)
	for i := range out {
		out[i] = make([]int, cols)
	}
	return out
}

// RecordOf is the statistics record of a request from its clock status
// (see Clock) and the applicant type recorded at receipt.
func RecordOf(st Status, applicant string) RequestRecord {
	r := RequestRecord{Received: st.Received, Applicant: applicant, Outcome: st.Outcome}
	if st.State.Closed() {
		closed := st.Closed
		r.Closed = &closed
	}
	return r
}
