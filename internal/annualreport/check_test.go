package annualreport

import (
	"maps"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/body"
)

// cleanReport is the consistent 2021-format example, read from text.
func cleanReport(t testing.TB) *Report {
	t.Helper()
	return readFile(t, "testdata/fixtures/example-2023-clean.txt")
}

// cloneReport deep-copies a report so a test case can change it.
func cloneReport(r *Report) *Report {
	c := *r
	c.Sections = maps.Clone(r.Sections)
	c.Units = maps.Clone(r.Units)
	c.Findings = append([]Finding(nil), r.Findings...)
	cp := func(m map[string]map[string]Cell) map[string]map[string]Cell {
		out := map[string]map[string]Cell{}
		for k, v := range m {
			out[k] = maps.Clone(v)
		}
		return out
	}
	c.Tables = Tables{Two: cp(r.Tables.Two), Three: cp(r.Tables.Three), Four: cp(r.Tables.Four)}
	return &c
}

func num(v float64) Cell { return Cell{State: Value, Num: v} }

func date(y int, m time.Month, d int) *time.Time {
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	return &t
}

// TestRules makes each rule fire once and checks the clean report does
// not fire it.
func TestRules(t *testing.T) {
	base := cleanReport(t)
	if fs := Lint(base, nil, Options{}); len(fs) != 0 {
		t.Fatalf("clean report has findings:\n%s", dumpFindings(fs))
	}
	prevClean := func() *Report {
		p := cloneReport(base)
		p.Year = 2022
		p.Published = nil
		p.Tables.Three["四"] = maps.Clone(base.Tables.Three["二"])
		p.Tables.Two["行政规范性文件"]["现行有效件数"] = num(27) // 27 + 6 − 2 = 31
		p.Tables.Two["规章"]["现行有效件数"] = num(0)
		return p
	}
	cases := []struct {
		rule   string
		change func(r *Report)
		prev   func() *Report
		opt    Options
		// where the finding must point, when given
		row, col string
		// only: the rule is the only error-severity finding (no cascade)
		only bool
	}{
		{rule: RuleBalance, change: func(r *Report) {
			r.Tables.Three["一"]["自然人"] = num(38)
			r.Tables.Three["一"]["商业企业"] = num(5)
		}, col: "自然人", only: true},
		{rule: RuleRowTotal, change: func(r *Report) {
			r.Tables.Three["三.三.7"]["其他"] = num(1)
			r.Tables.Three["三.三.7"]["自然人"] = num(0)
			r.Tables.Three["三.三.7"]["总计"] = num(2)
		}, row: "三.三.7", col: "总计"},
		{rule: RuleOutcomeTotal, change: func(r *Report) {
			r.Tables.Three["三.三.2"]["自然人"] = num(1)
			r.Tables.Three["三.三.2"]["总计"] = num(1)
		}, row: "三.七", col: "自然人"},
		{rule: RuleReviewTotal, change: func(r *Report) {
			r.Tables.Four["行政复议"]["总计"] = num(4)
		}, row: "行政复议", only: true},
		{rule: RuleBadValue, change: func(r *Report) {
			r.Tables.Two["行政许可"]["本年处理决定数量"] = Cell{Raw: "约800"}
		}, row: "行政许可", only: true},
		{rule: RuleBadValue, change: func(r *Report) {
			r.Tables.Two["行政处罚"]["本年处理决定数量"] = num(-3)
		}, row: "行政处罚"},
		{rule: RuleBadValue, change: func(r *Report) {
			r.Tables.Two["行政强制"]["本年处理决定数量"] = num(2.5)
		}, row: "行政强制"},
		// The empty-total case: a blank 总计 is reported once and no sum
		// that would use it is checked.
		{rule: RuleEmptyTotal, change: func(r *Report) {
			r.Tables.Three["三.七"]["总计"] = Cell{State: Blank}
		}, row: "三.七", col: "总计", only: true},
		{rule: RuleEmptyTotal, change: func(r *Report) {
			r.Tables.Three["一"]["总计"] = Cell{State: Blank}
		}, row: "一", col: "总计", only: true},
		{rule: RuleCarryover, change: func(r *Report) {}, prev: func() *Report {
			p := prevClean()
			p.Tables.Three["四"]["自然人"] = num(5)
			return p
		}, row: "二", col: "自然人"},
		{rule: RuleStock, change: func(r *Report) {}, prev: func() *Report {
			p := prevClean()
			p.Tables.Two["行政规范性文件"]["现行有效件数"] = num(30)
			return p
		}, row: "行政规范性文件", col: "现行有效件数"},
		{rule: RuleFormatMismatch, change: func(r *Report) { r.Year = 2020 }},
		{rule: RuleMissingSection, change: func(r *Report) { delete(r.Sections, "五") }},
		{rule: RuleMissingTable, change: func(r *Report) { delete(r.Tables.Two, "行政事业性收费") }},
		{rule: RuleMissingTable, change: func(r *Report) { r.Tables.Four = nil }},
		{rule: RuleMissingRow, change: func(r *Report) { delete(r.Tables.Three, "三.五.3") }, row: "三.五.3"},
		{rule: RuleMissingRow, change: func(r *Report) { delete(r.Tables.Two["行政规范性文件"], "本年废止件数") },
			row: "行政规范性文件", col: "本年废止件数"},
		{rule: RuleYearMismatch, change: func(r *Report) {
			r.Preamble = "现将2022年度政府信息公开工作情况报告如下："
		}},
		{rule: RuleFeeNotReported, change: func(r *Report) { r.Sections["六"] = "无" }},
		{rule: RuleTextTableMismatch, change: func(r *Report) {
			r.Sections["一"] = "全年新收政府信息公开申请50件，上年结转3件。"
		}, row: "一", col: "总计"},
		{rule: RuleTextTableMismatch, change: func(r *Report) {
			r.Sections["一"] += "被申请行政复议2件，行政诉讼2件。"
		}, row: "行政复议", col: "总计"},
		{rule: RuleEmptySection, change: func(r *Report) { r.Sections["五"] = "无。" }},
		{rule: RuleLate, change: func(r *Report) { r.Published = date(2024, time.February, 5) }},
		{rule: RuleLate, change: func(r *Report) {
			r.Org = "宛城区人民政府"
			r.Published = date(2024, time.April, 1)
		}},
		{rule: RuleLate, change: func(r *Report) {
			r.Org = "吴城镇人民政府"
			r.Published = date(2024, time.January, 20)
		}, opt: Options{Deadline: DeadlineCustom, Month: time.January, Day: 15}},
	}
	for _, tc := range cases {
		t.Run(tc.rule, func(t *testing.T) {
			r := cloneReport(base)
			tc.change(r)
			var prev *Report
			if tc.prev != nil {
				prev = tc.prev()
			}
			fs := CheckWith(r, prev, tc.opt)
			var hit *Finding
			for i := range fs {
				if fs[i].Rule == tc.rule && hit == nil {
					hit = &fs[i]
				}
			}
			if hit == nil {
				t.Fatalf("%s did not fire; findings:\n%s", tc.rule, dumpFindings(fs))
			}
			if hit.Message == "" || hit.Severity != severityOf(tc.rule) {
				t.Errorf("finding incomplete: %+v", *hit)
			}
			if tc.row != "" && hit.Row != tc.row || tc.col != "" && hit.Column != tc.col {
				t.Errorf("finding at %s/%s, want %s/%s: %s", hit.Row, hit.Column, tc.row, tc.col, hit.Message)
			}
			if tc.only {
				n := 0
				for _, f := range fs {
					if f.Rule != tc.rule && f.Severity == SeverityError {
						t.Errorf("cascade: %s: %s", f.Rule, f.Message)
					}
					if f.Rule == tc.rule {
						n++
					}
				}
				if tc.rule == RuleEmptyTotal && n != 1 {
					t.Errorf("empty-total reported %d times, want once:\n%s", n, dumpFindings(fs))
				}
			}
			// Not firing: the unchanged report with a consistent previous year.
			var prevOK *Report
			if tc.prev != nil {
				prevOK = prevClean()
			}
			for _, f := range CheckWith(base, prevOK, tc.opt) {
				if f.Rule == tc.rule {
					t.Errorf("clean report fires %s: %s", tc.rule, f.Message)
				}
			}
		})
	}
}

// TestEmptyTotalWithoutValues: a blank total over blank addends is not
// an empty-total, and blank cells count as 0.
func TestEmptyTotalWithoutValues(t *testing.T) {
	r := cloneReport(cleanReport(t))
	for _, col := range []string{"自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"} {
		r.Tables.Three["三.三.2"][col] = Cell{State: Blank}
	}
	r.Tables.Three["三.五.2"]["自然人"] = Cell{State: Blank}
	if fs := Check(r, nil); len(fs) != 0 {
		t.Errorf("findings for blank cells:\n%s", dumpFindings(fs))
	}
}

// TestCrossYearSkipsOtherYears: a previous report of another year than
// the one before is not compared.
func TestCrossYearSkipsOtherYears(t *testing.T) {
	r := cleanReport(t)
	p := cloneReport(r)
	p.Year = 2020
	p.Tables.Three["四"]["自然人"] = num(99)
	for _, f := range Check(r, p) {
		if f.Rule == RuleCarryover {
			t.Errorf("carryover compared with %d: %s", p.Year, f.Message)
		}
	}
}

// TestRoleOfName: Art. 49 names county-level governments (31 March) and
// their departments (31 January); townships are left to local rules.
func TestRoleOfName(t *testing.T) {
	for org, want := range map[string]Role{
		"宛城区人民政府":    RoleGovernment,
		"宛城区人民政府办公室": RoleDepartment,
		"吴城镇人民政府":    RoleLocal,
		"城关街道办事处":    RoleLocal,
		"南阳市生态环境局":   RoleDepartment,
	} {
		if got := RoleOfName(org); got != want {
			t.Errorf("RoleOfName(%q) = %v, want %v", org, got, want)
		}
	}
}

// TestDeadlineFor states Art. 49 by body: departments of county-level
// and higher governments 31 January, the governments themselves 31
// March, townships by their jurisdiction's rule (default 31 January).
func TestDeadlineFor(t *testing.T) {
	for _, c := range []struct {
		name   string
		kind   body.Kind
		parent body.Kind
		local  LocalRule
		want   string
	}{
		{"county government", body.County, body.City, LocalRule{}, "2026-03-31"},
		{"province government", body.Province, "", LocalRule{}, "2026-03-31"},
		{"county department", body.Department, body.County, LocalRule{}, "2026-01-31"},
		{"city department", body.Department, body.City, LocalRule{}, "2026-01-31"},
		{"township, default", body.Township, body.County, LocalRule{}, "2026-01-31"},
		{"township, county rule", body.Township, body.County, LocalRule{Month: time.January, Day: 15, SetBy: "桐柏县人民政府"}, "2026-01-15"},
		{"township department, county rule", body.Department, body.Township, LocalRule{Month: time.January, Day: 20}, "2026-01-20"},
		{"township, invalid rule falls back", body.Township, body.County, LocalRule{Month: time.February, Day: 30}, "2026-01-31"},
	} {
		t.Run(c.name, func(t *testing.T) {
			d := DeadlineFor(RoleOf(c.kind, c.parent), 2025, c.local)
			if got := d.Date.Format("2006-01-02"); got != c.want {
				t.Errorf("deadline %s, want %s (%s)", got, c.want, d.Source)
			}
			if d.Source == "" {
				t.Error("no source")
			}
		})
	}
	if got := DeadlineFor(RoleLocal, 2025, LocalRule{Month: time.January, Day: 15, SetBy: "桐柏县人民政府"}).Source; got != "桐柏县人民政府规定：次年1月15日前公布" {
		t.Errorf("source %q", got)
	}
}
