package annualreport

import (
	"fmt"
	"strings"
)

// interp is one interpretation of a document's tables under one format.
// Interpret runs one per format and keeps the best scoring one.
type interp struct {
	f      *Format
	tables Tables
	units  map[string]string
	// hdrUnits: a unit stated in a header, by column label.
	hdrUnits map[string]string
	// score rewards labels matched exactly (2) or loosely (1) and
	// penalises labels that match nothing (-1); matched counts matches.
	score   int
	matched int
	notes   []note
	// exact holds every label (by kind and normalized text) matched
	// exactly, so another interpretation can tell a label of this format
	// from one that matches no format at all.
	exact map[string]bool
}

// byOrderReason explains an unknown header whose column was still read:
// the table has exactly the format's columns, so figures go in order.
const byOrderReason = "与格式中的任何栏目都不对应；表格栏数与格式相同，数字已按格式顺序读取，请核对"

// note is a label that did not match cleanly.
type note struct {
	kind    string // caption, column, row, header
	section string
	row     string // canonical row it belongs to, when known
	text    string // as written
	norm    string
	mapped  string // truncated label: what it was mapped to by position
	reason  string // extra explanation
	// collapsed: a group row filled in as one data row, as otherFormat
	// has it (storeCollapsedGroup); reason then lists the items required.
	collapsed   bool
	otherFormat string
}

func newInterp(f *Format) *interp {
	return &interp{
		f:        f,
		units:    map[string]string{},
		hdrUnits: map[string]string{},
		exact:    map[string]bool{},
		tables:   Tables{Two: map[string]map[string]Cell{}, Three: map[string]map[string]Cell{}, Four: map[string]map[string]Cell{}},
	}
}

// hit records a matched label.
func (in *interp) hit(kind, n string, q matchQuality) {
	in.matched++
	switch q {
	case matchExact:
		in.score += 2
		in.exact[kind+":"+n] = true
	default:
		in.score++
	}
}

// miss records a label that matched nothing.
func (in *interp) miss(kind, section, row, text, n, reason string) {
	in.score--
	in.notes = append(in.notes, note{kind: kind, section: section, row: row, text: text, norm: n, reason: reason})
}

// truncated records a cut-off label mapped by position.
func (in *interp) truncated(kind, section, row, text, n, mapped string) {
	in.matched++
	in.score++
	in.notes = append(in.notes, note{kind: kind, section: section, row: row, text: text, norm: n, mapped: mapped})
}

// findings turns the notes of the chosen interpretation into findings:
// a label another format knows is a format-mismatch, any other an
// unknown-label.
func (in *interp) findings(all []*interp) []Finding {
	var out []Finding
	for i := 0; i < len(in.notes); i++ {
		n := in.notes[i]
		if n.collapsed {
			out = append(out, in.collapsedFinding(n))
			continue
		}
		if n.mapped != "" {
			// One finding for a cut-off label repeated in adjacent
			// header cells (本年新 | 本年新): it is one defect.
			mapped := []string{n.mapped}
			for i+1 < len(in.notes) {
				m := in.notes[i+1]
				if m.mapped == "" || m.kind != n.kind || m.section != n.section || m.row != n.row || m.text != n.text {
					break
				}
				mapped = append(mapped, m.mapped)
				i++
			}
			all := strings.Join(mapped, "」「")
			out = append(out, Finding{
				Rule: RuleUnknownLabel, Severity: severityOf(RuleUnknownLabel), Section: n.section, Row: n.row,
				Column: columnIf(n.kind, strings.Join(mapped, "、")), Expected: strings.Join(mapped, "、"),
				Found: strings.Repeat("「"+n.text+"」", len(mapped)),
				Message: fmt.Sprintf("表%s的%s%s不完整，已按位置对应为「%s」，请核对", n.section, kindName(n.kind),
					strings.Repeat("「"+n.text+"」", len(mapped)), all),
			})
			continue
		}
		if other := in.foreign(n, all); other != nil {
			out = append(out, Finding{
				Rule: RuleFormatMismatch, Severity: severityOf(RuleFormatMismatch), Section: n.section, Row: n.row,
				Expected: in.f.ID, Found: other.f.ID,
				Message: fmt.Sprintf("表%s的%s「%s」属于%s，不属于表格所用的%s", n.section, kindName(n.kind), n.text, other.f.Name, in.f.Name),
			})
			continue
		}
		msg := fmt.Sprintf("表%s的%s「%s」与%s中的任何栏目都不对应，未读取", n.section, kindName(n.kind), n.text, in.f.Name)
		if n.reason != "" {
			msg = fmt.Sprintf("表%s的%s「%s」%s", n.section, kindName(n.kind), n.text, n.reason)
		}
		out = append(out, Finding{
			Rule: RuleUnknownLabel, Severity: severityOf(RuleUnknownLabel), Section: n.section, Row: n.row,
			Found: n.text, Message: msg,
		})
	}
	return out
}

func (in *interp) foreign(n note, all []*interp) *interp {
	if n.reason != "" {
		return nil
	}
	for _, o := range all {
		if o != in && o.exact[n.kind+":"+n.norm] {
			return o
		}
	}
	return nil
}

func kindName(kind string) string {
	switch kind {
	case "caption":
		return "子表标题"
	case "column", "header":
		return "表头"
	}
	return "行标签"
}

func columnIf(kind, mapped string) string {
	if kind == "column" || kind == "header" {
		return mapped
	}
	return ""
}

// cellRef is one non-empty-or-not grid cell with its position.
type cellRef struct {
	pos    int
	raw    string
	n      string
	origin bool
}

// originCells lists the non-empty cells of a row where their text starts.
func originCells(r trow) []cellRef {
	var out []cellRef
	for i, c := range r.cells {
		if !c.Origin || c.Text == "" {
			continue
		}
		n := r.norm[i]
		if n == "" {
			continue
		}
		out = append(out, cellRef{pos: i, raw: c.Text, n: n, origin: true})
	}
	return out
}

// normAt is cellAt normalized.
func normAt(r trow, pos int) string {
	if pos < 0 || pos >= len(r.cells) || !r.cells[pos].Origin {
		return ""
	}
	return r.norm[pos]
}

// cellAt returns the text written at pos: "" for a position covered by a
// merge from elsewhere or outside the row.
func cellAt(r trow, pos int) string {
	if pos < 0 || pos >= len(r.cells) || !r.cells[pos].Origin {
		return ""
	}
	return r.cells[pos].Text
}
