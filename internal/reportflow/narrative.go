package reportflow

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"
)

// Placeholder marks a part of a prefilled draft that only the body can
// write. A section still holding it counts as unfinished (Blockers).
const Placeholder = "【请填写】"

// Count is a number of documents under a name (a column, a theme).
type Count struct {
	Name string
	N    int
}

// Figures are a body's records of a report year that the narrative
// sections state: what the prefill writes into sections 一 and 六.
type Figures struct {
	Org  string
	Year int
	// 主动公开: documents published in the year, by column and by
	// theme (主题分类), and the policy interpretations (政策解读) among them.
	Published       int
	ByColumn        []Count
	ByTheme         []Count
	Interpretations int
	// 依申请公开, from the report's table 三: received (一), carried
	// over (二), answered in the year (三.七), carried forward (四);
	// AnsweredOnTime of Answered were answered within the statutory
	// period (Art. 33, extensions and excluded time included).
	Received, CarriedOver, Answered, AnsweredOnTime, CarriedForward int
	// 互动交流: consultations answered in the year and their average
	// wait in calendar days; comment periods (征求意见) opened, the
	// comments received and adopted.
	ConsultationsAnswered int
	ConsultationDays      float64
	CommentPeriods        int
	CommentsReceived      int
	CommentsAdopted       int
	// 信息处理费 collected in the year (国办函〔2020〕109号), in 元, and
	// from how many requests.
	Fees        int
	FeeRequests int
}

// Narrative drafts sections 一 and 六 from the figures. The parts only
// the body knows (its management, platform and oversight work) are left
// as Placeholder. The request figures are the table's, so the text and
// the tables agree (text-table-mismatch).
func Narrative(f Figures) map[string]string {
	var one strings.Builder
	fmt.Fprintf(&one, "%d年，%s认真贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外，现将本年度政府信息公开工作情况报告如下。\n", f.Year, f.Org)
	fmt.Fprintf(&one, "（一）主动公开。全年主动公开政府信息%d条", f.Published)
	if len(f.ByColumn) > 0 {
		one.WriteString("，其中" + joinCounts(f.ByColumn))
	}
	if len(f.ByTheme) > 0 {
		one.WriteString("；按主题分，" + joinCounts(f.ByTheme))
	}
	fmt.Fprintf(&one, "。发布政策解读%d篇。\n", f.Interpretations)
	fmt.Fprintf(&one, "（二）依申请公开。本年新收政府信息公开申请%d件，上年结转政府信息公开申请%d件，本年度办结%d件", f.Received, f.CarriedOver, f.Answered)
	if f.Answered > 0 {
		fmt.Fprintf(&one, "，其中在法定期限内答复%d件，占%s", f.AnsweredOnTime, percent(f.AnsweredOnTime, f.Answered))
	}
	fmt.Fprintf(&one, "，结转下年度继续办理%d件。\n", f.CarriedForward)
	one.WriteString("（三）政府信息管理。" + Placeholder + "（保密审查、政策文件清理和有效性标注等情况）\n")
	one.WriteString("（四）平台建设。")
	if f.ConsultationsAnswered > 0 {
		fmt.Fprintf(&one, "全年答复网民咨询%d件，平均用时%.1f天。", f.ConsultationsAnswered, f.ConsultationDays)
	} else {
		one.WriteString("本年度未收到需答复的网民咨询。")
	}
	one.WriteString(Placeholder + "（网站和政务新媒体建设情况）\n")
	one.WriteString("（五）监督保障。" + Placeholder + "（工作考核、社会评议和责任追究结果情况）")

	var six strings.Builder
	if f.Fees > 0 {
		fmt.Fprintf(&six, "依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），本年度对%d件政府信息公开申请收取信息处理费共%d元。", f.FeeRequests, f.Fees)
	} else {
		six.WriteString("本年度未收取信息处理费。")
	}
	if f.CommentPeriods > 0 {
		fmt.Fprintf(&six, "\n本年度开展意见征集%d次，收到意见%d条，采纳%d条。", f.CommentPeriods, f.CommentsReceived, f.CommentsAdopted)
	}
	return map[string]string{"一": one.String(), "六": six.String()}
}

// Improvements drafts section 五 from last year's 存在的主要问题 (its
// section 五 text; "" when there was none): each problem quoted with a
// place for what was done about it, then this year's problems.
func Improvements(lastYear string) string {
	var b strings.Builder
	b.WriteString("（一）上年度存在问题的改进情况\n")
	problems := ProblemsOf(lastYear)
	if len(problems) == 0 {
		b.WriteString("上年度年报未列出存在的问题。\n")
	}
	for i, p := range problems {
		fmt.Fprintf(&b, "%d. 上年度报告指出：“%s”改进情况：%s\n", i+1, strings.TrimRight(p, "。；;"), Placeholder)
	}
	b.WriteString("（二）本年度存在的主要问题\n" + Placeholder + "\n")
	b.WriteString("（三）下一步改进措施\n" + Placeholder)
	return b.String()
}

var (
	// itemNumber is the numbering in front of a listed problem: 1、 1.
	// （1） (1) 一是 一、 （一）.
	itemNumber = regexp.MustCompile(`^(\d+[、.．]|[（(]\d+[）)]|[一二三四五六七八九十]+是|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])\s*`)
	// headingProblems and headingImprovement are the short sub-headings
	// that frame the list of problems in a section 五.
	headingProblems    = regexp.MustCompile(`存在的?(主要)?问题`)
	headingImprovement = regexp.MustCompile(`改进|整改|措施|下一步`)
)

// ProblemsOf lists the problems a section 五 states: the items under its
// 存在的主要问题 sub-heading up to the 改进 one, or every paragraph when it
// has no such headings; numbering removed.
func ProblemsOf(text string) []string {
	var lines []string
	for _, l := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		if l = strings.TrimSpace(l); l != "" && l != "无" {
			lines = append(lines, l)
		}
	}
	heading := func(l string) bool { return utf8.RuneCountInString(l) <= 20 && itemNumber.MatchString(l) }
	start, end := -1, len(lines)
	for i, l := range lines {
		switch {
		case start < 0 && heading(l) && headingProblems.MatchString(l):
			start = i + 1
		case start >= 0 && heading(l) && headingImprovement.MatchString(l):
			end = i
		}
		if end < len(lines) {
			break
		}
	}
	if start < 0 {
		start, end = 0, len(lines)
	}
	var out []string
	for _, l := range lines[start:end] {
		if heading(l) && (headingProblems.MatchString(l) || headingImprovement.MatchString(l)) {
			continue
		}
		if p := strings.TrimSpace(itemNumber.ReplaceAllString(l, "")); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func joinCounts(cs []Count) string {
	parts := make([]string, len(cs))
	for i, c := range cs {
		parts[i] = fmt.Sprintf("“%s”%d条", c.Name, c.N)
	}
	return strings.Join(parts, "、")
}

func percent(n, of int) string {
	return fmt.Sprintf("%.1f%%", float64(n)*100/float64(of))
}
