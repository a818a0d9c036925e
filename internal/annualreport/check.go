package annualreport

import (
	"strings"
	"time"
)

// DeadlineKind chooses the Art. 49 publication deadline the late rule
// applies. Deadlines are per jurisdiction, so the caller may override.
type DeadlineKind int

const (
	// DeadlineAuto derives the kind from the body's name: a county-level
	// or higher government's own report (…人民政府) 31 March; a township
	// (乡、镇、街道) none, Art. 49 does not name them; any other body a
	// department, 31 January.
	DeadlineAuto DeadlineKind = iota
	DeadlineNone
	DeadlineDepartment // 31 January of the next year
	DeadlineGovernment // 31 March of the next year
	DeadlineCustom     // Options.Month / Options.Day of the next year
)

// Options tune Check.
type Options struct {
	Deadline DeadlineKind
	Month    time.Month // DeadlineCustom
	Day      int        // DeadlineCustom
}

// Check runs the rules of spec §6 on r and returns their findings (not
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
	kind := opt.Deadline
	if kind == DeadlineAuto {
		kind = deadlineKindFor(r.Org)
	}
	var month time.Month
	var day int
	var who string
	switch kind {
	case DeadlineDepartment:
		month, day, who = time.January, 31, "县级以上人民政府部门"
	case DeadlineGovernment:
		month, day, who = time.March, 31, "县级以上人民政府"
	case DeadlineCustom:
		if opt.Month < 1 || opt.Month > 12 || opt.Day < 1 || opt.Day > 31 {
			return nil
		}
		month, day, who = opt.Month, opt.Day, "本地规定"
	default:
		return nil
	}
	deadline := time.Date(r.Year+1, month, day, 0, 0, 0, 0, time.UTC)
	pub := time.Date(r.Published.Year(), r.Published.Month(), r.Published.Day(), 0, 0, 0, 0, time.UTC)
	if !pub.After(deadline) {
		return nil
	}
	return []Finding{finding(RuleLate, "", "", "", deadline.Format("2006-01-02"), pub.Format("2006-01-02"),
		"发布日期"+pub.Format("2006-01-02")+"晚于"+who+"年度报告的公布期限"+deadline.Format("2006-01-02")+"（《条例》第四十九条）")}
}

// deadlineKindFor derives the deadline from the body's name.
func deadlineKindFor(org string) DeadlineKind {
	switch {
	case org == "":
		return DeadlineNone
	case strings.Contains(org, "街道办事处"), strings.HasSuffix(org, "乡人民政府"), strings.HasSuffix(org, "镇人民政府"):
		return DeadlineNone
	case strings.HasSuffix(org, "人民政府"):
		return DeadlineGovernment
	}
	return DeadlineDepartment
}

func itoa(n int) string { return formatNum(float64(n)) }
