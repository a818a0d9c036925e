package annualreport

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"sort"
)

// The national report formats are data (formats/*.json, one file per
// format id) so that a future revision of the format is a new file, not
// new code: labels, row ids, columns, units and the sum relations the
// checks use all come from here.
//
//go:embed formats/*.json
var formatFiles embed.FS

// Format is one national annual-report format (formats/*.json).
type Format struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	IssuedBy string `json:"issued_by"`
	// FromYear and ToYear bound the report years that must use this
	// format; ToYear 0 means open-ended.
	FromYear int `json:"from_year"`
	ToYear   int `json:"to_year"`
	// FeeStatement: section 六 is expected to state the 信息处理费
	// collected (国办函〔2020〕109号, from report year 2021).
	FeeStatement bool       `json:"fee_statement"`
	Sections     []Section  `json:"sections"`
	Two          []SubTable `json:"two"`
	Three        TableThree `json:"three"`
	Four         TableFour  `json:"four"`
	// Relations are the arithmetic rules (balance, outcome-total,
	// row-total, review-total).
	Relations []Relation `json:"relations"`
	Carryover *Carryover `json:"carryover,omitempty"`
	Stock     *Stock     `json:"stock,omitempty"`

	keys *formatKeys // prepared matchers, built at load
}

// Section is one of the six numbered sections.
type Section struct {
	ID      string   `json:"id"` // 一 … 六
	Label   string   `json:"label"`
	Aliases []string `json:"aliases,omitempty"`
	// Keywords recognise a heading worded differently from the label and
	// aliases: a short numbered paragraph containing one of them.
	Keywords []string `json:"keywords"`
	// Narrative sections are checked for being empty (empty-section).
	Narrative bool `json:"narrative,omitempty"`
}

// SubTable is one table of section 二 (an item of 条例 Art. 20).
type SubTable struct {
	Caption string   `json:"caption"`
	Item    string   `json:"item"` // the Art. 20 item numeral, e.g. 一
	Columns []Column `json:"columns"`
	Rows    []Label  `json:"rows"`
}

// Label is a row label with the variants seen in published reports.
type Label struct {
	Label    string   `json:"label"`
	Variants []string `json:"variants,omitempty"`
}

// Column is a table column. Kind is "count" (non-negative integer, the
// default), "signed" (an integer that may be negative: 2019 本年增/减)
// or "amount" (a decimal amount of money).
type Column struct {
	Label    string   `json:"label"`
	Variants []string `json:"variants,omitempty"`
	Kind     string   `json:"kind,omitempty"`
	// Unit is the unit the format fixes (2021 fee: 万元).
	Unit string `json:"unit,omitempty"`
	// UnitFromReport: the format gives no unit, the report states one
	// (2019 采购总金额); it is kept in Report.Units.
	UnitFromReport bool   `json:"unit_from_report,omitempty"`
	Group          string `json:"group,omitempty"` // header group, e.g. 法人或其他组织
	Total          bool   `json:"total,omitempty"`
}

// Row is a row of table 三. Group rows only head their children and
// carry no figures; their ids are not keys of Tables.Three.
type Row struct {
	ID       string   `json:"id"` // canonical row id, e.g. 三.三.1
	Label    string   `json:"label"`
	Parent   string   `json:"parent,omitempty"`
	Group    bool     `json:"group,omitempty"`
	Total    bool     `json:"total,omitempty"`
	Variants []string `json:"variants,omitempty"`
}

// TableThree is the 依申请公开 table.
type TableThree struct {
	Corner string `json:"corner"`
	// CornerAliases are other words written in the top-left cell (项目).
	CornerAliases []string `json:"corner_aliases,omitempty"`
	Groups        []string `json:"groups"` // header group labels
	Columns       []Column `json:"columns"`
	Rows          []Row    `json:"rows"`
}

// TableFour is the 行政复议/行政诉讼 table: one row of groups × columns.
type TableFour struct {
	Groups  []FourGroup `json:"groups"`
	Columns []Column    `json:"columns"`
}

// FourGroup is a column group of table 四; ID is the JSON key.
type FourGroup struct {
	ID     string `json:"id"`
	Label  string `json:"label"`
	Parent string `json:"parent,omitempty"`
}

// Relation says: for every column (Sum "rows") or every row (Sum
// "columns") of Table, the sum of the Left cells equals the sum of the
// Right cells. Left/Right name row ids or column labels.
type Relation struct {
	Rule        string   `json:"rule"`
	Table       string   `json:"table"`
	Sum         string   `json:"sum"`
	Left        []string `json:"left"`
	Right       []string `json:"right"`
	Description string   `json:"description"`
}

// Carryover links this year's row to last year's (carryover rule).
type Carryover struct {
	Table       string `json:"table"`
	Row         string `json:"row"`
	PreviousRow string `json:"previous_row"`
}

// Stock links the standing count of table 二 across years (stock rule).
type Stock struct {
	Rows    []string `json:"rows"`
	Current string   `json:"current"`
	Added   string   `json:"added"`
	Removed string   `json:"removed"`
}

var formats = mustLoadFormats()

// mustLoadFormats parses the embedded format files. They are part of the
// program, so a broken file is a build defect caught by the tests.
func mustLoadFormats() []*Format {
	fs, err := loadFormats(formatFiles)
	if err != nil {
		panic(err)
	}
	return fs
}

func loadFormats(fsys fs.FS) ([]*Format, error) {
	names, err := fs.Glob(fsys, "formats/*.json")
	if err != nil {
		return nil, err
	}
	var out []*Format
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		f := new(Format)
		if err := json.Unmarshal(data, f); err != nil {
			return nil, fmt.Errorf("format %s: %w", name, err)
		}
		if err := f.validate(); err != nil {
			return nil, fmt.Errorf("format %s: %w", name, err)
		}
		f.prepare()
		out = append(out, f)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].FromYear < out[j].FromYear })
	return out, nil
}

// validate makes sure every name a relation or rule uses exists.
func (f *Format) validate() error {
	if f.ID == "" || f.FromYear == 0 {
		return fmt.Errorf("missing id or from_year")
	}
	rows := map[string]bool{}
	for _, r := range f.Three.Rows {
		rows[r.ID] = true
	}
	for _, r := range f.Three.Rows {
		if r.Parent != "" && !rows[r.Parent] {
			return fmt.Errorf("row %s: unknown parent %s", r.ID, r.Parent)
		}
	}
	for _, rel := range f.Relations {
		var cols []Column
		switch rel.Table {
		case "三":
			cols = f.Three.Columns
		case "四":
			cols = f.Four.Columns
		default:
			return fmt.Errorf("relation %s: unknown table %s", rel.Rule, rel.Table)
		}
		for _, name := range append(append([]string{}, rel.Left...), rel.Right...) {
			switch rel.Sum {
			case "rows":
				if !rows[name] || rel.Table != "三" {
					return fmt.Errorf("relation %s: unknown row %s", rel.Rule, name)
				}
			case "columns":
				if columnIndex(cols, name) < 0 {
					return fmt.Errorf("relation %s: unknown column %s", rel.Rule, name)
				}
			default:
				return fmt.Errorf("relation %s: sum must be rows or columns", rel.Rule)
			}
		}
	}
	if len(f.Four.Groups) == 0 || len(f.Four.Columns) == 0 || len(f.Three.Columns) == 0 {
		return fmt.Errorf("tables 三 and 四 need columns")
	}
	return nil
}

// Formats returns every known format, oldest first.
func Formats() []*Format { return formats }

// FormatByID returns the format with the given id, or nil.
func FormatByID(id string) *Format {
	for _, f := range formats {
		if f.ID == id {
			return f
		}
	}
	return nil
}

// FormatForYear returns the format a report for the given year must
// follow, or nil for years before the national format (before 2019).
func FormatForYear(year int) *Format {
	for _, f := range formats {
		if year >= f.FromYear && (f.ToYear == 0 || year <= f.ToYear) {
			return f
		}
	}
	return nil
}

// ApplicantColumns returns the applicant types of table 三 (自然人,
// 商业企业 …, 其他) in format order, without the 总计 column. Request
// handling counts applications by these.
func (f *Format) ApplicantColumns() []string {
	var out []string
	for _, c := range f.Three.Columns {
		if !c.Total {
			out = append(out, c.Label)
		}
	}
	return out
}

// ThreeColumns returns every column label of table 三, 总计 included.
func (f *Format) ThreeColumns() []string {
	out := make([]string, len(f.Three.Columns))
	for i, c := range f.Three.Columns {
		out[i] = c.Label
	}
	return out
}

// OutcomeRows returns the rows of table 三 a request can end in (the
// data rows under 三、本年度办理结果, without group rows and the 总计
// row), in format order, each with its id, label and parent group.
func (f *Format) OutcomeRows() []Row {
	var out []Row
	for _, r := range f.Three.Rows {
		if r.Group || r.Total || !f.isUnder(r, "三") {
			continue
		}
		out = append(out, r)
	}
	return out
}

// DataRows returns every row of table 三 that carries figures.
func (f *Format) DataRows() []Row {
	var out []Row
	for _, r := range f.Three.Rows {
		if !r.Group {
			out = append(out, r)
		}
	}
	return out
}

// Row returns the table-三 row with the given id.
func (f *Format) Row(id string) (Row, bool) {
	for _, r := range f.Three.Rows {
		if r.ID == id {
			return r, true
		}
	}
	return Row{}, false
}

// isUnder reports whether r descends from the row with id ancestor.
func (f *Format) isUnder(r Row, ancestor string) bool {
	for p := r.Parent; p != ""; {
		if p == ancestor {
			return true
		}
		pr, ok := f.Row(p)
		if !ok {
			return false
		}
		p = pr.Parent
	}
	return false
}

// fourColumnsInOrder lists table 四's (group, column) pairs in the order
// of the one data row.
func (f *Format) fourCells() [][2]string {
	var out [][2]string
	for _, g := range f.Four.Groups {
		for _, c := range f.Four.Columns {
			out = append(out, [2]string{g.ID, c.Label})
		}
	}
	return out
}

// twoColumn finds the column of table 二 for a row label.
func (f *Format) twoColumn(row, col string) (Column, bool) {
	for _, st := range f.Two {
		for _, r := range st.Rows {
			if r.Label == row {
				for _, c := range st.Columns {
					if c.Label == col {
						return c, true
					}
				}
			}
		}
	}
	return Column{}, false
}

func columnIndex(cols []Column, label string) int {
	for i, c := range cols {
		if c.Label == label {
			return i
		}
	}
	return -1
}
