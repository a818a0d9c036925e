package disclosure

import (
	"time"

	"github.com/gongkai/gongkai/internal/annualreport"
	"github.com/gongkai/gongkai/internal/workday"
)

// measure counts one table 二 column from a body's documents for a
// report year. The rows and columns themselves come from the report
// format; this only says how a document-derived column is counted.
type measure func(docs []Document, kind Kind, year int) int

// documentMeasures maps the column labels of item 一 (规章 and
// 规范性文件) in every format to their count. A column not here is
// entered by hand (figures from other systems).
var documentMeasures = map[string]measure{
	"本年制发件数":  madeIn,      // 2021
	"本年废止件数":  abolishedIn, // 2021
	"现行有效件数":  inForceAtEnd,
	"本年新制作数量": madeIn,         // 2019
	"本年新公开数量": publishedIn,    // 2019
	"对外公开总数量": publishedByEnd, // 2019
}

// counted reports whether a document counts at all: published and not
// withdrawn (a withdrawn publication is treated as never made public),
// of the row's kind.
func counted(d Document, kind Kind) bool {
	return d.Kind == kind && d.State == StatePublished && d.Published != nil
}

// madeOn is when a document was made (制发): its 成文日期, or failing
// that its 发布日期.
func madeOn(d Document) time.Time {
	if d.Written != nil {
		return *d.Written
	}
	return *d.Published
}

func yearOf(t time.Time) int { return t.In(workday.China).Year() }

// endOf is the last instant of the report year in Beijing time.
func endOf(year int) time.Time {
	return time.Date(year+1, 1, 1, 0, 0, 0, 0, workday.China).Add(-time.Nanosecond)
}

func madeIn(docs []Document, kind Kind, year int) int {
	n := 0
	for _, d := range docs {
		if counted(d, kind) && yearOf(madeOn(d)) == year {
			n++
		}
	}
	return n
}

// abolishedIn counts abolitions in the year of documents made by the
// year's end, so that 现行有效(Y) = 现行有效(Y−1) + 制发(Y) − 废止(Y).
func abolishedIn(docs []Document, kind Kind, year int) int {
	n := 0
	for _, d := range docs {
		if !counted(d, kind) || madeOn(d).After(endOf(year)) {
			continue
		}
		if t, ok := AbolishedOn(d.Validity); ok && yearOf(t) == year {
			n++
		}
	}
	return n
}

func inForceAtEnd(docs []Document, kind Kind, year int) int {
	n := 0
	end := endOf(year)
	for _, d := range docs {
		if !counted(d, kind) || madeOn(d).After(end) {
			continue
		}
		if t, ok := AbolishedOn(d.Validity); ok && !t.After(end) {
			continue
		}
		n++
	}
	return n
}

func publishedIn(docs []Document, kind Kind, year int) int {
	n := 0
	for _, d := range docs {
		if counted(d, kind) && yearOf(*d.Published) == year {
			n++
		}
	}
	return n
}

func publishedByEnd(docs []Document, kind Kind, year int) int {
	n := 0
	for _, d := range docs {
		if counted(d, kind) && !d.Published.After(endOf(year)) {
			n++
		}
	}
	return n
}

// rowKind finds the document kind a table 二 row counts, by its label
// or one of its variants.
func rowKind(r annualreport.Label) (Kind, bool) {
	if k, ok := kindOfRowLabel(r.Label); ok {
		return k, true
	}
	for _, v := range r.Variants {
		if k, ok := kindOfRowLabel(v); ok {
			return k, true
		}
	}
	return "", false
}

// FromDocuments reports whether the cell (row, column) of a format's
// table 二 is counted from documents rather than entered.
func FromDocuments(row annualreport.Label, col annualreport.Column) bool {
	_, ok := rowKind(row)
	_, has := documentMeasures[col.Label]
	return ok && has
}

// TableTwo builds table 二 of the report year's format: cells counted
// from the body's documents (with their 有效性 history) where the format
// has such a column, the entered figures everywhere else (blank when
// nothing was entered). Keys are the format's own row and column labels.
func TableTwo(f *annualreport.Format, year int, docs []Document, entered map[string]map[string]annualreport.Cell) map[string]map[string]annualreport.Cell {
	out := map[string]map[string]annualreport.Cell{}
	for _, st := range f.Two {
		for _, r := range st.Rows {
			cells := map[string]annualreport.Cell{}
			kind, isDoc := rowKind(r)
			for _, c := range st.Columns {
				if m, ok := documentMeasures[c.Label]; ok && isDoc {
					cells[c.Label] = annualreport.Cell{State: annualreport.Value, Num: float64(m(docs, kind, year))}
					continue
				}
				cells[c.Label] = entered[r.Label][c.Label]
			}
			out[r.Label] = cells
		}
	}
	return out
}
