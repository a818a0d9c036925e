package annualreport

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// ErrNoReport is returned when a document has nothing of an annual
// report in it: no title, no section heading, no table.
var ErrNoReport = errors.New("未识别出政府信息公开工作年度报告的任何部分（标题、章节或表格）")

// Interpret turns a Document (from any reader) into a Report: title,
// org, year, sections and the three table sections keyed by the format
// the tables actually follow. Labels that match nothing in that format
// become unknown-label findings and are never guessed silently; a
// truncated label is mapped by position when the format leaves no doubt,
// still with a finding. Org and Year come from the title (from the
// text's statement of the reporting period when the title names none).
// Run Check (or Lint) for the rules (Rules).
func Interpret(doc Document) (*Report, error) {
	lay := layoutOf(doc)
	if lay.title == "" && len(lay.present) == 0 && len(lay.two)+len(lay.three)+len(lay.four) == 0 {
		return nil, ErrNoReport
	}
	r := &Report{Title: lay.title, Sections: map[string]string{}, Units: map[string]string{}}
	r.Org, r.Year = titleOrgYear(lay.title)
	if r.Org == "" {
		r.Org = orgFromText(strings.Join(lay.preamble, "\n"))
	}
	if r.Year == 0 {
		r.Year = yearFromText(lay)
	}
	r.Preamble = strings.Join(lay.preamble, "\n")
	for id := range lay.present {
		r.Sections[id] = strings.Join(lay.narrative[id], "\n")
	}
	if lay.published != "" {
		if t, ok := parseDate(lay.published); ok {
			r.Published = &t
		}
	}

	// Interpret the tables with every format and keep the one they
	// follow best; ties go to the format the year requires.
	want := FormatForYear(r.Year)
	var runs []*interp
	var best *interp
	for _, f := range Formats() {
		in := newInterp(f)
		in.readTwo(lay.two)
		in.readThree(lay.three)
		in.readFour(lay.four)
		runs = append(runs, in)
		if best == nil || in.score > best.score || (in.score == best.score && f == want) {
			best = in
		}
	}
	if best.matched > 0 {
		r.Format = best.f.ID
	}
	r.Tables = best.tables
	for k, v := range best.units {
		r.Units[k] = v
	}
	r.Findings = best.findings(runs)
	r.Sources = tableSources(lay, doc, r.Findings)
	return r, nil
}

// layout is the format-independent reading of a Document: where the
// title, the sections and the rows of each table section are.
type layout struct {
	title string
	// titleOrgLine is a line with only the body's name right above the
	// title (titles are often set on two lines).
	titleOrgLine string
	published    string
	preamble     []string
	present      map[string]bool
	narrative    map[string][]string
	two          []trow
	three        []trow
	four         []trow
}

// trow is one table row with the grid it came from (positions are only
// comparable within a grid).
type trow struct {
	cells []GridCell
	norm  []string // normalize(cells[i].Text), computed once
	grid  int
}

func newTrow(cells []GridCell, grid int) trow {
	r := trow{cells: cells, norm: make([]string, len(cells)), grid: grid}
	for i, c := range cells {
		if c.Text != "" {
			r.norm[i] = normalize(c.Text)
		}
	}
	return r
}

func layoutOf(doc Document) *layout {
	lay := &layout{present: map[string]bool{}, narrative: map[string][]string{}, published: strings.TrimSpace(doc.Published)}
	f := formats[len(formats)-1] // the sections are the same in every format
	section := ""
	var beforeTitle []string
	for gi, b := range doc.Blocks {
		if b.Table != nil {
			lay.addGrid(b.Table, gi, section)
			continue
		}
		text := strings.TrimSpace(b.Text)
		if text == "" {
			continue
		}
		if id := f.sectionOf(text); id != "" && !lay.present[id] {
			section = id
			lay.present[id] = true
			continue
		}
		if section == "" {
			switch {
			case lay.title == "" && (isTitleText(text) || isYearlessTitle(text)):
				lay.title = text
				if n := len(beforeTitle); n > 0 && isOrgLine(beforeTitle[n-1]) {
					lay.titleOrgLine = beforeTitle[n-1]
				}
				beforeTitle = nil
			case isDateLine(text):
				if lay.published == "" {
					lay.published = text
				}
			case lay.title == "":
				beforeTitle = append(beforeTitle, text)
			default:
				lay.preamble = append(lay.preamble, text)
			}
			continue
		}
		if section == "二" {
			if _, ok := captionItem(normalize(text)); ok && utf8.RuneCountInString(text) < 40 {
				lay.two = append(lay.two, newTrow([]GridCell{{Text: text, Origin: true}}, gi))
				continue
			}
		}
		lay.narrative[section] = append(lay.narrative[section], text)
	}
	switch {
	case lay.title == "":
		lay.title = strings.TrimSpace(doc.Title)
		lay.preamble = append(beforeTitle, lay.preamble...)
	case lay.titleOrgLine != "":
		// The body's name on its own line above a title that lacks it.
		if org, _ := titleOrgYear(lay.title); org == "" {
			lay.title = lay.titleOrgLine + lay.title
		}
	}
	return lay
}

// addGrid sorts the rows of a table into the table sections. A row that
// shows which table it belongs to switches; others follow the previous
// row, or the section the table stands in.
func (lay *layout) addGrid(g *Grid, gi int, section string) {
	kind := section
	for _, row := range g.Rows {
		if note := noteRow(row); note != "" {
			// A note under a table (注：…) is prose, not a row.
			if section != "" {
				lay.narrative[section] = append(lay.narrative[section], note)
			}
			continue
		}
		if k := rowKind(row); k != "" {
			kind = k
		}
		r := newTrow(row, gi)
		switch kind {
		case "二":
			lay.two = append(lay.two, r)
		case "三":
			lay.three = append(lay.three, r)
		case "四":
			lay.four = append(lay.four, r)
		}
	}
}

// rowKind recognises the rows that identify a table section.
func rowKind(row []GridCell) string {
	for _, c := range row {
		if !c.Origin || c.Text == "" {
			continue
		}
		n := normalize(c.Text)
		switch {
		case strings.HasPrefix(n, "第二十条"), n == "信息内容":
			return "二"
		case strings.Contains(n, "勾稽关系"), n == "申请人情况", strings.Contains(n, "本年新收政府信息公开申请"):
			return "三"
		case n == "行政复议", n == "结果维持":
			return "四"
		}
	}
	return ""
}

// noteRow returns the text of a row that is a note (注：…, 备注：…,
// 说明：…) written in a table; "" for any other row.
func noteRow(row []GridCell) string {
	var texts []string
	for _, c := range row {
		if c.Origin && strings.TrimSpace(c.Text) != "" {
			texts = append(texts, strings.TrimSpace(c.Text))
		}
	}
	if len(texts) != 1 {
		return ""
	}
	n := normalize(texts[0])
	for _, p := range []string{"注:", "注1", "备注", "说明:", "数据来源"} {
		if strings.HasPrefix(n, p) {
			return texts[0]
		}
	}
	return ""
}

var (
	titleYearRe = regexp.MustCompile(`((?:19|20)\d\d)\s*年度?`)
	// 二〇二一年: years written in Chinese numerals.
	chineseYearRe = regexp.MustCompile(`[〇零○一二三四五六七八九]{4}年`)
	anyDateRe     = regexp.MustCompile(`((?:19|20)\d\d)\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})`)
	orgTextRe     = regexp.MustCompile(`本报告由(.{2,40}?)(?:根据|依据|按照|编制)`)
)

func isTitleText(text string) bool {
	n := chineseYearRe.ReplaceAllStringFunc(norm.NFKC.String(text), chineseYear)
	return strings.Contains(n, "报告") && titleYearRe.MatchString(n) && utf8.RuneCountInString(n) <= 80 &&
		!strings.HasSuffix(n, "。")
}

// isYearlessTitle: a title that names no year ("某某局政府信息公开工作年度
// 报告"); the year then comes from the text (yearFromText).
func isYearlessTitle(text string) bool {
	n := normalize(text)
	return strings.HasSuffix(n, "政府信息公开工作年度报告") && utf8.RuneCountInString(n) <= 60
}

var orgSuffixRe = regexp.MustCompile(`(人民政府|办公室|办事处|委员会|局|厅|委|办|院|中心|管委会)$`)

func isOrgLine(text string) bool {
	n := normalize(text)
	return utf8.RuneCountInString(n) <= 30 && orgSuffixRe.MatchString(n) && !strings.ContainsAny(n, "0123456789:,。")
}

func isDateLine(text string) bool {
	n := normalize(text)
	for _, p := range []string{"发布日期", "发布时间", "成文日期", "日期:"} {
		if strings.HasPrefix(n, p) {
			return anyDateRe.MatchString(n)
		}
	}
	return false
}

// parseDate reads the first date in a text (2024-01-26, 2024年1月26日,
// 2024/1/26).
func parseDate(s string) (time.Time, bool) {
	m := anyDateRe.FindStringSubmatch(norm.NFKC.String(s))
	if m == nil {
		return time.Time{}, false
	}
	t, err := time.Parse("2006-1-2", fmt.Sprintf("%s-%s-%s", m[1], strings.TrimLeft(m[2], "0"), strings.TrimLeft(m[3], "0")))
	if err != nil {
		return time.Time{}, false
	}
	return t, true
}

// titleOrgYear reads the body and the report year from a title such as
// 吴城镇人民政府2021年政府信息公开工作年度报告 or
// 2021年度吴城镇人民政府政府信息公开工作年度报告.
func titleOrgYear(title string) (string, int) {
	t := strings.TrimSpace(norm.NFKC.String(title))
	t = chineseYearRe.ReplaceAllStringFunc(t, chineseYear)
	loc := titleYearRe.FindStringSubmatchIndex(t)
	if loc == nil {
		// A title without a year still names the body.
		if i := strings.Index(t, "政府信息公开"); i > 0 {
			return strings.Trim(strings.TrimPrefix(t[:i], "关于"), " 　:：,，、《》\"“”"), 0
		}
		return "", 0
	}
	year := 0
	for _, c := range t[loc[2]:loc[3]] {
		year = year*10 + int(c-'0')
	}
	org := strings.TrimSpace(t[:loc[0]])
	if org == "" {
		rest := t[loc[1]:]
		if i := strings.LastIndex(rest, "政府信息公开"); i > 0 {
			org = strings.TrimSpace(rest[:i])
		}
	}
	org = strings.TrimPrefix(org, "关于")
	org = strings.Trim(org, " 　:：,，、《》\"“”")
	return org, year
}

func orgFromText(text string) string {
	if m := orgTextRe.FindStringSubmatch(text); m != nil {
		return strings.TrimSpace(m[1])
	}
	return ""
}

// workYearRe is a paragraph of section 一 that opens with the year it
// tells of ("2023年，我局……", "2023年度，……"): the weakest statement of
// the report year, read only when nothing says it more plainly.
var workYearRe = regexp.MustCompile(`^((?:19|20)\d\d)年度?[，,、:：]`)

// yearFromText is used only when the title names no year: a statement
// of the reporting period first, else a paragraph that opens with the
// year.
func yearFromText(lay *layout) int {
	texts := append(append([]string{}, lay.preamble...), lay.narrative["一"]...)
	if y, _ := statedYear(strings.Join(texts, "\n")); y != 0 {
		return y
	}
	for _, t := range texts {
		if m := workYearRe.FindStringSubmatch(norm.NFKC.String(strings.TrimSpace(t))); m != nil {
			y := 0
			for _, c := range m[1] {
				y = y*10 + int(c-'0')
			}
			return y
		}
	}
	return 0
}

// chineseYear rewrites 二〇二一年 as 2021年.
func chineseYear(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '〇', '零', '○':
			b.WriteByte('0')
		case '年':
			b.WriteRune(r)
		default:
			b.WriteByte(byte('0' + chineseNumeral(string(r))))
		}
	}
	return b.String()
}
