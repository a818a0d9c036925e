package annualreport

import (
	"maps"
	"os"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

func cleanExampleText(t testing.TB) string {
	t.Helper()
	data, err := os.ReadFile("testdata/fixtures/example-2023-clean.txt")
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// replaceAll applies old→new pairs and fails when one does not occur,
// so a variant cannot silently test nothing.
func replaceAll(t *testing.T, s string, pairs ...string) string {
	t.Helper()
	for i := 0; i+1 < len(pairs); i += 2 {
		if !strings.Contains(s, pairs[i]) {
			t.Fatalf("variant: %q not in the document", pairs[i])
		}
		s = strings.ReplaceAll(s, pairs[i], pairs[i+1])
	}
	return s
}

// TestTextVariants reads the clean example written the many ways real
// reports are: each must give the same tables, and exactly the expected
// rules among the findings.
func TestTextVariants(t *testing.T) {
	base := cleanExampleText(t)
	want := loadFixture(t, "example-2023-clean").want
	type variant struct {
		name string
		doc  func(t *testing.T) string
		// tables: the tables must equal the clean ones.
		tables bool
		expect []string // rules that must be reported
		forbid []string // in addition to every rule not in expect, when strict
		strict bool     // no rule outside expect may fire
		check  func(t *testing.T, r *Report)
		header string // the title read, when it differs from the document's
	}
	inTable3 := regexp.MustCompile(`(?m)^((?:一|二|三|四)、[^|\n]*|\([一二三四五六七]\)[^|\n]*|\d\.[^|\n]*) \|`)
	variants := []variant{
		{name: "as published", doc: func(t *testing.T) string { return base }, tables: true, strict: true},
		{name: "full-width punctuation and pipes", doc: func(t *testing.T) string {
			s := replaceAll(t, base, "(", "（", ")", "）", ",", "，", ":", "：")
			return strings.ReplaceAll(s, "|", "｜")
		}, tables: true, strict: true},
		{name: "extra spaces and split labels", doc: func(t *testing.T) string {
			s := strings.ReplaceAll(base, " | ", "  |   ")
			return replaceAll(t, s, "商业企业", "商业 企业", "法律服务机构", "法律　服务机构",
				"一、本年新收政府信息公开申请数量", "一、 本年新收 政府信息公开申请数量",
				"二、主动公开政府信息情况", "二、  主动公开政府信息情况")
		}, tables: true, strict: true},
		{name: "label broken over two lines", doc: func(t *testing.T) string {
			return replaceAll(t, base,
				"(二)部分公开(区分处理的,只计这一情形,不计其他情形) | 4",
				"(二)部分公开(区分处理的,只计这一情形,\n不计其他情形) | 4",
				"2.没有现成信息需要另行制作 | 2", "2.没有现成信息\n需要另行制作 | 2")
		}, tables: true, strict: true},
		{name: "label broken over two table rows", doc: func(t *testing.T) string {
			return replaceAll(t, base,
				"(二)部分公开(区分处理的,只计这一情形,不计其他情形) | 4",
				"(二)部分公开(区分处理的,只计这一情形, | | | | | | | |\n不计其他情形) | 4",
				"2.没有现成信息需要另行制作 | 2", "2.没有现成信息 | | | | | | | |\n需要另行制作 | 2")
		}, tables: true, strict: true},
		{name: "typos seen in published reports", doc: func(t *testing.T) string {
			return replaceAll(t, base,
				"只计这一情形,不计其他情形", "只计这一情况,不计其他情况",
				"5.属于三类内部事务信息", "5.属于三类内容事务信息",
				"1.申请人无正当理由逾期不补正、行政机关", "1.申请人无正当理由逾期不补正,行政机关",
				"2.申请人逾期未按收费通知要求缴纳费用、行政机关", "2、申请人逾期未按收费通知要求缴纳费用，行政机关",
				"3.危及“三安全一稳定”", "3.危及\"三安全一稳定\"")
		}, tables: true, strict: true},
		{name: "slash and blank cells", doc: func(t *testing.T) string {
			return replaceAll(t, base, "规章 | 0 | 0 | 0 |", "规章 | / | / |  |")
		}, strict: true, check: func(t *testing.T, r *Report) {
			row := r.Tables.Two["规章"]
			if row["本年制发件数"].State != NotApplicable || row["现行有效件数"].State != Blank || row["现行有效件数"].Raw != "" {
				t.Errorf("规章 = %+v", row)
			}
		}},
		{name: "spacer column after the labels", doc: func(t *testing.T) string {
			// In every row of table 三, an empty cell before the first figure.
			lines := strings.Split(base, "\n")
			n := 0
			for i, l := range lines {
				if !inTable3.MatchString(l) {
					continue
				}
				cells := strings.Split(l, "|")
				for j, c := range cells {
					if c = strings.TrimSpace(c); c != "" && c[0] >= '0' && c[0] <= '9' && !strings.Contains(c, ".") {
						cells = append(cells[:j], append([]string{" "}, cells[j:]...)...)
						n++
						break
					}
				}
				lines[i] = strings.Join(cells, "|")
			}
			if n != 25 {
				t.Fatalf("spacer inserted in %d rows, want 25", n)
			}
			return strings.Join(lines, "\n")
		}, tables: true, strict: true},
		{name: "markdown tables", doc: func(t *testing.T) string {
			var out []string
			for _, l := range strings.Split(base, "\n") {
				if strings.Contains(l, "|") {
					l = "| " + strings.TrimRight(l, " |") + " |"
				}
				out = append(out, l)
				if strings.HasPrefix(l, "| 信息内容") {
					out = append(out, "|---|---|---|---|")
				}
			}
			return strings.Join(out, "\n")
		}, tables: true, strict: true},
		{name: "captions as paragraphs, table 二 as several tables", doc: func(t *testing.T) string {
			s := regexp.MustCompile(`(?m)^(第二十条第\([一五六八]\)项) \| \|+$`).ReplaceAllString(base, "$1")
			if strings.Contains(s, ")项 |") {
				t.Fatal("captions still in the table")
			}
			return s
		}, tables: true, strict: true},
		{name: "section heading aliases", doc: func(t *testing.T) string {
			return replaceAll(t, base,
				"四、政府信息公开行政复议、行政诉讼情况", "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况",
				"五、存在的主要问题及改进情况", "五、存在问题及改进情况",
				"六、其他需要报告的事项", "六、其他事项")
		}, tables: true, strict: true},
		{name: "CRLF and GBK", doc: func(t *testing.T) string {
			s := strings.ReplaceAll(base, "\n", "\r\n")
			b, err := simplifiedchinese.GBK.NewEncoder().String(strings.ReplaceAll(s, "“", "\"")) // GBK has “ too; keep it simple
			if err != nil {
				t.Fatal(err)
			}
			return b
		}, tables: true, strict: true},
		{name: "title on two lines, year in Chinese numerals", doc: func(t *testing.T) string {
			return replaceAll(t, base, "宛城区人民政府办公室2023年政府信息公开工作年度报告\n",
				"首页 > 政务公开\n宛城区人民政府办公室\n二〇二三年政府信息公开工作年度报告\n")
		}, tables: true, strict: true, header: "宛城区人民政府办公室二〇二三年政府信息公开工作年度报告"},
		{name: "tab-separated cells", doc: func(t *testing.T) string {
			var out []string
			for _, l := range strings.Split(base, "\n") {
				if strings.Contains(l, "|") {
					l = strings.ReplaceAll(strings.ReplaceAll(l, " | ", "\t"), "|", "\t")
				}
				out = append(out, l)
			}
			return strings.Join(out, "\n")
		}, tables: true, strict: true},
		{name: "table 二 without captions", doc: func(t *testing.T) string {
			s := regexp.MustCompile(`(?m)^第二十条第\([一五六八]\)项 \| \|+\n`).ReplaceAllString(base, "")
			if strings.Contains(s, "第二十条") {
				t.Fatal("captions not removed")
			}
			return s
		}, tables: true, strict: true},
		{name: "note rows inside tables", doc: func(t *testing.T) string {
			return replaceAll(t, base,
				"四、结转下年度继续办理 | 2 | 1 | 0 | 0 | 0 | 0 | 3 | ||\n",
				"四、结转下年度继续办理 | 2 | 1 | 0 | 0 | 0 | 0 | 3 | ||\n注：本表数据截至2023年12月31日。 | | | |\n")
		}, tables: true, strict: true, check: func(t *testing.T, r *Report) {
			if !strings.Contains(r.Sections["三"], "注：本表数据") {
				t.Errorf("note lost: section 三 = %q", r.Sections["三"])
			}
		}},
		{name: "sub-table missing", doc: func(t *testing.T) string {
			return replaceAll(t, base, "第二十条第(八)项 | ||||\n信息内容 | 本年收费金额(单位:万元) | |\n行政事业性收费 | 0 | |\n", "")
		}, expect: []string{RuleMissingTable}, strict: true},
		{name: "section missing", doc: func(t *testing.T) string {
			return replaceAll(t, base, "五、存在的主要问题及改进情况\n", "")
		}, expect: []string{RuleMissingSection}, strict: true},
		{name: "unknown row label", doc: func(t *testing.T) string {
			return replaceAll(t, base, "(一)予以公开", "(一)同意提供")
		}, expect: []string{RuleUnknownLabel, RuleMissingRow}, strict: true},
		{name: "truncated row label", doc: func(t *testing.T) string {
			return replaceAll(t, base, "4.保护第三方合法权益", "4.保护第三方")
		}, tables: true, expect: []string{RuleUnknownLabel}, strict: true},
		{name: "unknown applicant column header", doc: func(t *testing.T) string {
			return replaceAll(t, base, "自然人 | 法人或其他组织 | 总计", "个人 | 法人或其他组织 | 总计")
		}, tables: true, expect: []string{RuleUnknownLabel}, strict: true},
		{name: "truncated column header", doc: func(t *testing.T) string {
			return replaceAll(t, base, "本年废止件数", "本年废")
		}, tables: true, expect: []string{RuleUnknownLabel}, strict: true},
		{name: "fee header in 元", doc: func(t *testing.T) string {
			return replaceAll(t, base, "本年收费金额(单位:万元)", "本年收费金额(单位:元)")
		}, tables: true, expect: []string{RuleUnknownLabel}, strict: true},
		{name: "fee cell with its unit", doc: func(t *testing.T) string {
			return replaceAll(t, base, "行政事业性收费 | 0 |", "行政事业性收费 | 0万元 |")
		}, tables: true, strict: true},
		{name: "bad values", doc: func(t *testing.T) string {
			return replaceAll(t, base, "行政许可 | 842", "行政许可 | 约八百件")
		}, expect: []string{RuleBadValue}, strict: true},
		{name: "figures that do not add up", doc: func(t *testing.T) string {
			return replaceAll(t, base, "7.属于行政执法案卷 | 1 | 0 | 0 | 0 | 0 | 0 | 1", "7.属于行政执法案卷 | 2 | 0 | 0 | 0 | 0 | 0 | 2")
		}, expect: []string{RuleOutcomeTotal}, strict: true},
		{name: "blank total does not cascade", doc: func(t *testing.T) string {
			return replaceAll(t, base, "(七)总计 | 37 | 6 | 1 | 0 | 3 | 2 | 49", "(七)总计 | 37 | 6 | 1 | 0 | 3 | 2 | ")
		}, expect: []string{RuleEmptyTotal}, strict: true},
		{name: "2021 report with a 第二十条第（九）项 table", doc: func(t *testing.T) string {
			return replaceAll(t, base, "三、收到和处理政府信息公开申请情况\n",
				"第二十条第(九)项 | ||||\n信息内容 | 采购项目数量 | 采购总金额 | |\n政府集中采购 | 1 | 60 | |\n三、收到和处理政府信息公开申请情况\n")
		}, tables: true, expect: []string{RuleFormatMismatch}, strict: true},
		{name: "2021 table 三 with the 2019 single 其他处理 row", doc: func(t *testing.T) string {
			s := regexp.MustCompile(`\(六\)其他处理 \| 1\.申请人[^\n]*\n2\.申请人[^\n]*\n3\.其他[^\n]*\n`).
				ReplaceAllString(base, "(六)其他处理 | 1 | 1 | 0 | 0 | 0 | 0 | 2 | |\n")
			if s == base {
				t.Fatal("variant did not apply")
			}
			return s
		}, check: func(t *testing.T, r *Report) {
			// One finding on the row, naming what the 2021 format has
			// instead; its figures kept so the sums still check.
			fs := Lint(r, nil, Options{})
			if len(fs) != 1 || fs[0].Row != "三.六" || !strings.Contains(fs[0].Message, "3.其他") {
				t.Errorf("want one format-mismatch on 三.六 naming 3.其他, got\n%s", dumpFindings(fs))
			}
			if c := r.Tables.Three["三.六"]["总计"]; c != rdNum(2) {
				t.Errorf("三.六/总计 = %+v, want 2", c)
			}
			wrong := *r
			wrong.Tables.Three = maps.Clone(r.Tables.Three)
			wrong.Tables.Three["三.六"] = map[string]Cell{"总计": rdNum(3)}
			if !ruleSet(Check(&wrong, nil))[RuleOutcomeTotal] {
				t.Error("a wrong 三.六 total does not break outcome-total")
			}
		}, expect: []string{RuleFormatMismatch}, strict: true},
		{name: "year in text differs from title", doc: func(t *testing.T) string {
			return replaceAll(t, base, "统计期限为2023年1月1日至2023年12月31日", "统计期限为2022年1月1日至2022年12月31日")
		}, tables: true, expect: []string{RuleYearMismatch}, strict: true},
		{name: "narrative contradicts the table", doc: func(t *testing.T) string {
			return replaceAll(t, base, "全年新收申请49件", "全年新收申请50件")
		}, tables: true, expect: []string{RuleTextTableMismatch}, strict: true},
		{name: "no fee statement", doc: func(t *testing.T) string {
			return replaceAll(t, base, "2023年度共收取信息处理费300元。", "")
		}, tables: true, expect: []string{RuleFeeNotReported}, strict: true},
	}
	for _, v := range variants {
		t.Run(v.name, func(t *testing.T) {
			r, err := Read("variant.txt", []byte(v.doc(t)))
			if err != nil {
				t.Fatal(err)
			}
			title := want.Title
			if v.header != "" {
				title = v.header
			}
			if r.Org != want.Org || r.Year != want.Year || r.Title != title || r.Format != want.Format {
				t.Errorf("header = %q %d %q %q", r.Org, r.Year, r.Title, r.Format)
			}
			if v.tables {
				diffTables(t, want.Tables, r.Tables)
			}
			if v.check != nil {
				v.check(t, r)
			}
			fs := Lint(r, nil, Options{})
			got := ruleSet(fs)
			for _, rule := range v.expect {
				if !got[rule] {
					t.Errorf("%s not reported:\n%s", rule, dumpFindings(fs))
				}
			}
			if v.strict {
				allowed := map[string]bool{}
				for _, rule := range v.expect {
					allowed[rule] = true
				}
				for _, f := range fs {
					if !allowed[f.Rule] {
						t.Errorf("unexpected %s: %s", f.Rule, f.Message)
					}
				}
			}
		})
	}
}

// TestSectionFourHeadingVersusRow: the row 四、结转下年度继续办理 is not
// the heading of section 四, even as a paragraph.
func TestSectionFourHeadingVersusRow(t *testing.T) {
	f := FormatByID("2021")
	for text, want := range map[string]string{
		"四、政府信息公开行政复议、行政诉讼情况":                  "四",
		"四、因政府信息公开工作被申请行政复议、提起行政诉讼情况":          "四",
		"四．政府信息公开行政复议和行政诉讼情况":                  "四",
		"四、结转下年度继续办理":                          "",
		"四、结转下年度继续办理 | 2 | 1":                  "",
		"一、本年新收政府信息公开申请数量":                     "",
		"二、上年结转政府信息公开申请数量":                     "",
		"一、 总体情况":                              "一",
		"三、收到和处理政府信息公开申请情况":                    "三",
		"五、政府信息公开工作存在的主要问题及改进情况":               "五",
		"（一）组织领导方面":                            "",
		"2020年,吴城镇按照桐柏县人民政府办公室要求,认真落实政府信息公开工作": "",
	} {
		if got := f.sectionOf(text); got != want {
			t.Errorf("sectionOf(%q) = %q, want %q", text, got, want)
		}
	}
}

func TestTitleOrgYear(t *testing.T) {
	for title, want := range map[string]struct {
		org  string
		year int
	}{
		"吴城镇人民政府2021年政府信息公开工作年度报告":     {"吴城镇人民政府", 2021},
		"2022年度南阳市生态环境局政府信息公开工作年度报告":   {"南阳市生态环境局", 2022},
		"宛城区人民政府办公室２０２３年度政府信息公开工作年度报告": {"宛城区人民政府办公室", 2023},
		"关于政府信息公开工作的报告":                {"", 0},
	} {
		org, year := titleOrgYear(title)
		if org != want.org || year != want.year {
			t.Errorf("titleOrgYear(%q) = %q %d, want %q %d", title, org, year, want.org, want.year)
		}
	}
}

// TestInterpretGrid: a Document as the HTML/DOCX readers make it, with
// merges resolved (text repeated where Origin is false).
func TestInterpretGrid(t *testing.T) {
	r := readFile(t, "testdata/fixtures/example-2023-clean.txt")
	// Build a grid for table 四 with merged header cells, positions exact.
	hdr := func(texts ...string) []GridCell {
		var out []GridCell
		for _, s := range texts {
			origin := !strings.HasPrefix(s, "^")
			out = append(out, GridCell{Text: strings.TrimPrefix(s, "^"), Origin: origin})
		}
		return out
	}
	four := &Grid{Rows: [][]GridCell{
		hdr("行政复议", "^行政复议", "^行政复议", "^行政复议", "^行政复议", "", "行政诉讼", "^行政诉讼", "^行政诉讼", "^行政诉讼", "^行政诉讼", "^行政诉讼", "^行政诉讼", "^行政诉讼", "^行政诉讼", "^行政诉讼"),
		hdr("结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "", "未经复议直接起诉", "^未经复议直接起诉", "^未经复议直接起诉", "^未经复议直接起诉", "^未经复议直接起诉", "复议后起诉", "^复议后起诉", "^复议后起诉", "^复议后起诉", "^复议后起诉"),
		hdr("^结果维持", "^结果纠正", "^其他结果", "^尚未审结", "^总计", "", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计"),
		// a spacer column (5) holding nothing, blank 结果纠正 of 行政复议
		hdr("2", "", "1", "0", "3", "", "0", "0", "0", "0", "0", "1", "0", "0", "1", "2"),
	}}
	doc := Document{Title: r.Title, Blocks: []Block{{Text: r.Title}, {Text: "四、政府信息公开行政复议、行政诉讼情况"}, {Table: four}}}
	got, err := Interpret(doc)
	if err != nil {
		t.Fatal(err)
	}
	wantFour := cloneReport(r).Tables.Four
	wantFour["行政复议"]["结果纠正"] = Cell{State: Blank}
	diffTables(t, Tables{Four: wantFour}, Tables{Four: got.Tables.Four})
}

func TestInterpretEmpty(t *testing.T) {
	if _, err := Interpret(Document{}); err == nil {
		t.Error("empty document: no error")
	}
	if _, err := Read("x.txt", []byte("just some words\n")); err == nil {
		t.Error("text without a report: no error")
	}
}

// TestInterpretMergedTableThree: table 三 as a word processor's reader
// gives it: merged header and label columns resolved (text repeated,
// Origin false), a spacer column, and the table broken over two grids
// by a page break, the second without a header.
func TestInterpretMergedTableThree(t *testing.T) {
	for _, natural := range []string{"自然人", "个人"} {
		t.Run(natural, func(t *testing.T) { testMergedTableThree(t, natural) })
	}
}

func testMergedTableThree(t *testing.T, natural string) {
	want := cleanReport(t)
	f := FormatByID("2021")
	cell := func(text string, origin bool) GridCell { return GridCell{Text: text, Origin: origin} }
	row := func(cells ...GridCell) []GridCell { return cells }
	corner := f.Three.Corner
	hdr := [][]GridCell{
		row(cell(corner, true), cell(corner, false), cell(corner, false), cell("", true),
			cell("申请人情况", true), cell("申请人情况", false), cell("申请人情况", false), cell("申请人情况", false),
			cell("申请人情况", false), cell("申请人情况", false), cell("申请人情况", false)),
		row(cell(corner, false), cell(corner, false), cell(corner, false), cell("", true),
			cell(natural, true), cell("法人或其他组织", true), cell("法人或其他组织", false), cell("法人或其他组织", false),
			cell("法人或其他组织", false), cell("法人或其他组织", false), cell("总计", true)),
		row(cell(corner, false), cell(corner, false), cell(corner, false), cell("", true),
			cell(natural, false), cell("商 业\n企 业", true), cell("科研机构", true), cell("社会公益组织", true),
			cell("法律服务机构", true), cell("其他", true), cell("总计", false)),
	}
	// Label columns: top-level label, group label, item label.
	dataRow := func(id string, spacer bool) []GridCell {
		r, _ := f.Row(id)
		var labels [3]GridCell
		switch {
		case r.Parent == "":
			labels = [3]GridCell{cell(r.Label, true), cell(r.Label, false), cell(r.Label, false)}
		case f.isTopLevel(r.Parent):
			top, _ := f.Row(r.Parent)
			labels = [3]GridCell{cell(top.Label, false), cell(r.Label, true), cell(r.Label, false)}
		default:
			grp, _ := f.Row(r.Parent)
			top, _ := f.Row(grp.Parent)
			labels = [3]GridCell{cell(top.Label, false), cell(grp.Label, false), cell(r.Label, true)}
		}
		out := labels[:]
		if spacer {
			out = append(out, cell("", true))
		}
		for _, c := range f.Three.Columns {
			out = append(out, cell(cellText(want.Tables.Three[id][c.Label]), true))
		}
		return out
	}
	first := &Grid{Rows: hdr}
	second := &Grid{}
	for i, r := range f.DataRows() {
		if i < 8 {
			first.Rows = append(first.Rows, dataRow(r.ID, true))
		} else {
			second.Rows = append(second.Rows, dataRow(r.ID, false))
		}
	}
	doc := Document{Blocks: []Block{
		{Text: want.Title},
		{Text: "三、收到和处理政府信息公开申请情况"},
		{Table: first},
		{Table: second},
	}}
	got, err := Interpret(doc)
	if err != nil {
		t.Fatal(err)
	}
	diffTables(t, Tables{Three: want.Tables.Three}, Tables{Three: got.Tables.Three})
	if got.Format != "2021" {
		t.Errorf("format = %q", got.Format)
	}
	for _, f := range got.Findings {
		if natural == "自然人" || f.Rule != RuleUnknownLabel || f.Found != natural {
			t.Errorf("finding %s: %s", f.Rule, f.Message)
		}
	}
	if natural != "自然人" && len(got.Findings) != 1 {
		t.Errorf("%d findings, want one unknown-label", len(got.Findings))
	}
}
