package annualreport

import (
	"strings"
	"time"
)

// DeadlineKind chooses the Art. 49 publication deadline the late rule
// applies. Deadlines are per jurisdiction, so the caller may override.
type DeadlineKind int

const (
	// DeadlineAuto derives the role from the body's name (RoleOfName)
	// and asks DeadlineFor with the default local rule.
	DeadlineAuto DeadlineKind = iota
	DeadlineNone
	DeadlineDepartment // 31 January of the next year
	DeadlineGovernment // 31 March of the next year
	DeadlineCustom     // Options.Month / Options.Day of the next year
	// DeadlineGiven uses Options.Due, computed by the caller with
	// DeadlineFor from what it knows of the body (its kind, its
	// jurisdiction's rule).
	DeadlineGiven
)

// Options tune Check.
type Options struct {
	Deadline DeadlineKind
	Month    time.Month // DeadlineCustom
	Day      int        // DeadlineCustom
	Due      Deadline   // DeadlineGiven
}

// deadline resolves the options to the deadline of r, if any.
func (opt Options) deadline(r *Report) (Deadline, bool) {
	switch opt.Deadline {
	case DeadlineAuto:
		if r.Org == "" {
			return Deadline{}, false
		}
		return DeadlineFor(RoleOfName(r.Org), r.Year, LocalRule{}), true
	case DeadlineDepartment:
		return DeadlineFor(RoleDepartment, r.Year, LocalRule{}), true
	case DeadlineGovernment:
		return DeadlineFor(RoleGovernment, r.Year, LocalRule{}), true
	case DeadlineCustom:
		rule := LocalRule{Month: opt.Month, Day: opt.Day}
		if opt.Month == 0 || !rule.Valid() {
			return Deadline{}, false
		}
		return DeadlineFor(RoleLocal, r.Year, rule), true
	case DeadlineGiven:
		return opt.Due, !opt.Due.Date.IsZero()
	}
	return Deadline{}, false
}

// Check runs the rules (Rules) on r and returns their findings (not
// the reading findings already in r.Findings; see Lint). previous is last
// year's report of the same body, or nil; with it the cross-year rules
// (carryover, stock) run. The late rule uses DeadlineAuto.
func Check(r *Report, previous *Report) []Finding {
	return CheckWith(r, previous, Options{})
}

// CheckWith is Check with options.
func CheckWith(r *Report, previous *Report, opt Options) []Finding {
	if r == nil {
		return nil
	}
	var out []Finding
	req := FormatForYear(r.Year)
	f := FormatByID(r.Format)
	if r.Format != "" && req != nil && f != nil && f != req {
		out = append(out, finding(RuleFormatMismatch, "二", "", "", req.ID, f.ID,
			"报告年度为"+itoa(r.Year)+"年，应使用"+req.Name+"（"+req.IssuedBy+"），表格却按"+f.Name+"填报"))
	}
	if f == nil {
		f = req
	}
	if f == nil {
		f = formats[len(formats)-1]
	}
	out = append(out, checkSections(f, r)...)
	out = append(out, checkStructure(f, r)...)
	out = append(out, checkValues(f, r)...)
	out = append(out, checkRelations(f, r.Tables)...)
	if previous != nil {
		out = append(out, checkCrossYear(f, r, previous)...)
	}
	out = append(out, checkText(r, req)...)
	out = append(out, checkLate(r, opt)...)
	return out
}

// Lint returns every finding about r: those made while reading it
// (r.Findings) followed by those of CheckWith, without duplicates (a
// report decoded from JSON may already carry rule findings).
func Lint(r *Report, previous *Report, opt Options) []Finding {
	if r == nil {
		return nil
	}
	seen := map[Finding]bool{}
	var out []Finding
	for _, list := range [][]Finding{r.Findings, CheckWith(r, previous, opt)} {
		for _, fd := range list {
			if !seen[fd] {
				seen[fd] = true
				out = append(out, fd)
			}
		}
	}
	return out
}

// Errors counts the error-severity findings.
func Errors(fs []Finding) int {
	n := 0
	for _, f := range fs {
		if f.Severity == SeverityError {
			n++
		}
	}
	return n
}

func checkSections(f *Format, r *Report) []Finding {
	var out []Finding
	for _, s := range f.Sections {
		text, ok := r.Sections[s.ID]
		if !ok {
			out = append(out, finding(RuleMissingSection, s.ID, "", "", s.Label, "",
				"缺少第"+s.ID+"部分「"+s.Label+"」"))
			continue
		}
		if s.Narrative && len(text) < 200 {
			n := normalize(text)
			if n == "" || n == "无" || n == "无。" || len([]rune(n)) < minSectionRunes {
				out = append(out, finding(RuleEmptySection, s.ID, "", "", "", strings.TrimSpace(text),
					"第"+s.ID+"部分「"+s.Label+"」内容为空或过于简略"))
			}
		}
	}
	return out
}

// minSectionRunes: a narrative section shorter than this says nothing.
const minSectionRunes = 15

func checkLate(r *Report, opt Options) []Finding {
	if r.Published == nil || r.Year == 0 {
		return nil
	}
	due, ok := opt.deadline(r)
	if !ok {
		return nil
	}
	pub := time.Date(r.Published.Year(), r.Published.Month(), r.Published.Day(), 0, 0, 0, 0, time.UTC)
	if !pub.After(due.Date) {
		return nil
	}
	return []Finding{finding(RuleLate, "", "", "", due.Date.Format("2006-01-02"), pub.Format("2006-01-02"),
		"发布日期"+pub.Format("2006-01-02")+"晚于公布期限"+due.Date.Format("2006-01-02")+"（"+due.Source+"）")}
}

func itoa(n int) string { return formatNum(float64(n)) }
