package annualreport

import (
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/text/unicode/norm"
)

// Statements of the year a report covers, strongest first.
var statedYearRes = []*regexp.Regexp{
	regexp.MustCompile(`统计期限为((?:19|20)\d\d)年1月1日至((?:19|20)\d\d)年12月31日`),
	regexp.MustCompile(`(?:统计期限|统计时限|统计时间|统计期间|报告期)(?:为|是)?(?:自|从)((?:19|20)\d\d)年1月1日起?(?:至|到|—|-|~)((?:19|20)\d\d)年12月31日止?`),
	regexp.MustCompile(`现将((?:19|20)\d\d)年度?[^。；;]{0,40}?报告如下`),
	regexp.MustCompile(`((?:19|20)\d\d)年度?[^。；;]{0,30}?政府信息公开工作[^。；;]{0,10}?报告如下`),
}

// statedYear finds the year the text says it reports on, with the words
// that say so; 0 when it does not say.
func statedYear(text string) (int, string) {
	t := strings.Join(strings.Fields(norm.NFKC.String(text)), "")
	for _, re := range statedYearRes {
		if m := re.FindStringSubmatch(t); m != nil {
			y, _ := strconv.Atoi(m[1])
			return y, m[0]
		}
	}
	return 0, ""
}

// checkText runs the rules on the narrative: year-mismatch,
// fee-not-reported and text-table-mismatch.
func checkText(r *Report, req *Format) []Finding {
	var out []Finding
	intro := r.Preamble + "\n" + r.Sections["一"]
	if y, said := statedYear(intro); y != 0 && r.Year != 0 && y != r.Year {
		out = append(out, finding(RuleYearMismatch, "一", "", "", itoa(r.Year), itoa(y),
			"标题为"+itoa(r.Year)+"年度，正文称报告"+itoa(y)+"年工作（“"+said+"”）"))
	}
	if six, ok := r.Sections["六"]; ok && req != nil && req.FeeStatement && !strings.Contains(normalize(six), "处理费") {
		out = append(out, finding(RuleFeeNotReported, "六", "", "", "信息处理费收取情况", strings.TrimSpace(six),
			"第六部分未说明本年度信息处理费的收取情况（国办函〔2020〕109号）"))
	}
	out = append(out, checkTextFigures(r)...)
	return out
}

// textFigure is a figure the narrative states and the table cell(s) it
// must equal.
type textFigure struct {
	re    *regexp.Regexp
	what  string
	table string
	cells [][2]string // row, column summed
}

var textFigures = []textFigure{
	{regexp.MustCompile(`新收(?:到)?(?:政府信息公开|信息公开)?申请(?:共|合计)?(\d+)件`), "新收政府信息公开申请", "三", [][2]string{{"一", "总计"}}},
	{regexp.MustCompile(`上年结转(?:政府信息公开|信息公开)?(?:申请)?(?:共)?(\d+)件`), "上年结转", "三", [][2]string{{"二", "总计"}}},
	{regexp.MustCompile(`结转下年度(?:继续办理)?(?:的)?(?:申请)?(?:共)?(\d+)件`), "结转下年度", "三", [][2]string{{"四", "总计"}}},
	{regexp.MustCompile(`行政复议(?:案件)?(?:共)?(\d+)(?:件|起)`), "行政复议", "四", [][2]string{{"行政复议", "总计"}}},
	{regexp.MustCompile(`行政诉讼(?:案件)?(?:共)?(\d+)(?:件|起)`), "行政诉讼", "四",
		[][2]string{{"行政诉讼/未经复议直接起诉", "总计"}, {"行政诉讼/复议后起诉", "总计"}}},
}

// checkTextFigures is text-table-mismatch: a figure stated in the
// narrative that contradicts the tables.
func checkTextFigures(r *Report) []Finding {
	var parts []string
	for _, id := range []string{"一", "三", "四"} {
		parts = append(parts, r.Sections[id])
	}
	text := strings.Join(strings.Fields(norm.NFKC.String(r.Preamble+"\n"+strings.Join(parts, "\n"))), "")
	var out []Finding
	for _, tf := range textFigures {
		m := tf.re.FindStringSubmatch(text)
		if m == nil {
			continue
		}
		said, _ := strconv.ParseFloat(m[1], 64)
		tbl := r.Tables.Three
		if tf.table == "四" {
			tbl = r.Tables.Four
		}
		var sum float64
		known := true
		for _, rc := range tf.cells {
			c, ok := tbl[rc[0]][rc[1]]
			if !ok || c.State != Value {
				known = false
				break
			}
			sum += c.Num
		}
		if !known || sum == said {
			continue
		}
		row := tf.cells[0][0]
		if len(tf.cells) > 1 {
			row = ""
		}
		out = append(out, finding(RuleTextTableMismatch, tf.table, row, "总计", formatNum(sum), m[1],
			"正文称"+tf.what+m[1]+"件（“"+m[0]+"”），表"+tf.table+"为"+formatNum(sum)+"件"))
	}
	return out
}
