package annualreport

import "time"

// Report is one annual report (政府信息公开工作年度报告), whether read from a
// published document or built from the platform's records. Readers, the
// report builder, the checks and the renderers all share this model.
type Report struct {
	Org   string // body name, e.g. 吴城镇人民政府
	Year  int    // the report year stated in the title (0 when unknown)
	Title string
	// Published is the publication date when the source states it.
	Published *time.Time
	// Format is the id of the format the tables actually follow (detected
	// when read; "" when no table could be matched).
	Format string
	// Sections holds the narrative text of each section keyed by its
	// numeral (一 … 六); the table sections keep any prose around the tables.
	Sections map[string]string
	// Preamble is the text between the title and section 一 (often the
	// statement of the reporting period); "" when none.
	Preamble string
	// Tables: 二 keyed by row label then column label; 三 by canonical row
	// id (一, 二, 三.一 …, 四) then column; 四 by group then column.
	Tables Tables
	// Units keeps a unit written with an amount whose format gives none
	// (2019 采购总金额: 万元 or 元), keyed "row/column".
	Units map[string]string
	// Sources tells, per table section (二, 三, 四), which reader read it,
	// from which pages, by grid or by text heuristics, and how sure the
	// reading is; nil for a report built from records.
	Sources map[string]TableSource
	// Findings made while reading (unknown-label, missing-*) and by Check.
	Findings []Finding
}

// Tables are the three table sections of a report.
type Tables struct {
	Two   map[string]map[string]Cell // 二
	Three map[string]map[string]Cell // 三
	Four  map[string]map[string]Cell // 四
}

// CellState tells the three states a table cell can be in.
type CellState uint8

const (
	Blank         CellState = iota // left empty in the report
	Value                          // a number
	NotApplicable                  // written as "/"
)

// Cell is one table cell. Numbers are kept as float64 because the 2021
// fee amount is a decimal in 万元; counts are whole numbers.
type Cell struct {
	State CellState
	Num   float64
	// Raw is the text as read when it was not a valid cell (bad-value).
	Raw string
}

// Severity of a finding.
type Severity string

const (
	SeverityError   Severity = "error"
	SeverityWarning Severity = "warning"
)

// Finding is one result of reading or checking a report (Rules).
type Finding struct {
	Rule     string   `json:"rule"`
	Severity Severity `json:"severity"`
	Section  string   `json:"section,omitempty"`
	Row      string   `json:"row,omitempty"`
	Column   string   `json:"column,omitempty"`
	Expected string   `json:"expected,omitempty"`
	Found    string   `json:"found,omitempty"`
	Message  string   `json:"message"`
}
