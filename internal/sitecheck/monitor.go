package sitecheck

import (
	"fmt"
	"sort"
	"time"
)

// The compliance monitor: for one body on one date, everything the
// platform's own records show that an inspector (国办秘函〔2019〕19号) or
// the Regulations would fault — late and blank columns, consultations
// left unanswered, overdue requests, documents published late, a
// missing or stale 政府信息公开指南, a missing annual report — each
// finding naming the indicator it breaks and whether that indicator is
// a single veto (单项否决) that makes the whole site unqualified.

// Indicator is one rule a finding breaks.
type Indicator struct {
	Code   string // stable, for JSON and cron: stale-columns …
	Name   string // as the inspection or the Regulations call it
	Source string // where the rule is written
	// Veto: a single-veto indicator of the inspection; a hit makes the
	// site unqualified whatever else it does well.
	Veto bool
}

// The indicators the monitor applies.
var (
	IndicatorHome    = Indicator{"home-not-updated", "首页不更新", "国办秘函〔2019〕19号 单项否决指标", true}
	IndicatorStale   = Indicator{"stale-columns", "栏目不更新", "国办秘函〔2019〕19号 单项否决指标", true}
	IndicatorBlank   = Indicator{"blank-columns", "空白栏目", "国办秘函〔2019〕19号 单项否决指标", true}
	IndicatorAnswer  = Indicator{"consultation-unanswered", "互动回应差", "国办秘函〔2019〕19号 单项否决指标", true}
	IndicatorOverdue = Indicator{"request-overdue", "依申请公开答复超期", "《政府信息公开条例》第三十三条", false}
	IndicatorLate    = Indicator{"late-publication", "政府信息未在20个工作日内公开", "《政府信息公开条例》第二十六条", false}
	IndicatorGuide   = Indicator{"guide", "政府信息公开指南缺失或未及时更新", "《政府信息公开条例》第十二条", false}
	IndicatorReport  = Indicator{"annual-report-missing", "年度报告未按期公布", "《政府信息公开条例》第四十九条、第五十条", false}
)

// Indicators lists every indicator the monitor applies, single vetoes
// first, in the order pages and reports show them.
var Indicators = []Indicator{IndicatorHome, IndicatorStale, IndicatorBlank, IndicatorAnswer,
	IndicatorOverdue, IndicatorLate, IndicatorGuide, IndicatorReport}

// Count is the number of records behind the breach of indicator code
// (0 when it is not breached).
func (r BodyResult) Count(code string) int {
	for _, b := range r.Breaches {
		if b.Indicator.Code == code {
			return b.Count
		}
	}
	return 0
}

// Hit reports whether the single veto of indicator code is hit.
func (r BodyResult) Hit(code string) bool {
	for _, b := range r.Breaches {
		if b.Indicator.Code == code {
			return b.Hit
		}
	}
	return false
}

// GuideStaleAfter is how long the record the 指南 is generated from may
// go without a change before the monitor asks for it to be checked:
// Art. 12 asks for the guide to be kept up to date, and the contact
// details in it are the first thing to go stale.
const GuideStaleAfter = 365 * 24 * time.Hour

// LateWindow is how far back published documents are looked at for the
// 20-working-day rule: the year an annual inspection covers.
const LateWindow = 365 * 24 * time.Hour

// Item is one record behind a finding: a column, a consultation, a
// request or a document, with what is wrong with it.
type Item struct {
	Name   string
	Detail string
	URL    string // its page in the console, when it has one
}

// Breach is one indicator a body breaks on the date.
type Breach struct {
	Indicator Indicator
	// Hit: for a single-veto indicator, its threshold is reached and
	// the site is unqualified; below it the finding is a warning.
	Hit     bool
	Count   int
	Summary string
	Items   []Item
}

// Consultation is an unanswered consultation (咨询).
type Consultation struct {
	ID      int64
	Subject string
	Asked   time.Time // the day it was asked
}

// Request is an open disclosure request past its due date.
type Request struct {
	ID   int64
	Code string
	Due  time.Time
}

// Document is a published document and when it was made and published.
type Document struct {
	ID                 int64
	Title              string
	Written, Published time.Time
	Due                time.Time // the last day Art. 26 allowed
}

// Report is where the body's annual report for the year before stands.
type Report struct {
	Year      int
	Due       time.Time // the Art. 49 deadline (the whole day counts)
	Published bool
	Applies   bool // false for a body that reports no annual report
}

// Facts are what the monitor knows of one body.
type Facts struct {
	// OnSite: the body's website is this platform, so its columns,
	// consultations and guide are checked (a body that publishes
	// elsewhere is checked for its annual report only).
	OnSite     bool
	Columns    []Column
	Unanswered []Consultation // unanswered for more than 3 months
	Overdue    []Request
	Late       []Document // published more than 20 working days after made, in LateWindow
	// Counted: the numbers of unanswered consultations, overdue
	// requests and late documents when only these were read (a
	// subtree's overview), instead of the three lists above.
	Counted      *Counts
	GuideMissing []string  // contact items the guide must give and lacks
	GuideUpdated time.Time // last change of the body's record
	Report       Report
	ColumnURL    func(Column) string
	RequestURL   func(Request) string
	ConsultURL   func(Consultation) string
	DocumentURL  func(Document) string
	GuideURL     string
	ReportURL    string
	SiteCheckURL string
}

// Counts are the numbers of records behind the listed indicators.
type Counts struct {
	Unanswered, Overdue, Late int
}

// counts are f.Counted, or the lengths of f's lists.
func (f Facts) counts() Counts {
	if f.Counted != nil {
		return *f.Counted
	}
	return Counts{Unanswered: len(f.Unanswered), Overdue: len(f.Overdue), Late: len(f.Late)}
}

// BodyResult is the monitor's verdict on one body.
type BodyResult struct {
	On       time.Time
	Breaches []Breach
}

// Veto reports whether any single-veto indicator is hit.
func (r BodyResult) Veto() bool {
	for _, f := range r.Breaches {
		if f.Indicator.Veto && f.Hit {
			return true
		}
	}
	return false
}

// Monitor applies every indicator to f on date on.
func Monitor(f Facts, on time.Time) BodyResult {
	out := BodyResult{On: on}
	add := func(fd Breach) {
		if fd.Count > 0 || fd.Hit {
			out.Breaches = append(out.Breaches, fd)
		}
	}
	if f.OnSite {
		site := Check(f.Columns, on)
		add(homeFinding(site))
		add(staleFinding(f, site))
		add(blankFinding(f, site))
		add(answerFinding(f))
		add(guideFinding(f, on))
	}
	add(overdueFinding(f, on))
	add(lateFinding(f))
	add(reportFinding(f, on))
	return out
}

func homeFinding(site Result) Breach {
	fd := Breach{Indicator: IndicatorHome, Hit: site.HomeHit}
	if site.HomeHit {
		fd.Count = 1
		fd.Summary = "超过2周没有发布新内容"
		if !site.Latest.IsZero() {
			fd.Summary += fmt.Sprintf("（最近一次发布：%s）", site.Latest.Format("2006-01-02"))
		}
	}
	return fd
}

// staleFinding lists the late columns, counting them by column type.
func staleFinding(f Facts, site Result) Breach {
	fd := Breach{Indicator: IndicatorStale, Hit: site.StaleHit, Count: len(site.Late)}
	byType := map[string]int{}
	var types []string
	for _, l := range site.Late {
		name := l.Column.Type.Name()
		if byType[name] == 0 {
			types = append(types, name)
		}
		byType[name]++
		detail := "最近发布 " + l.Column.Last.Format("2006-01-02")
		if p := l.Column.Period; p.N > 0 {
			detail += "，应更新周期 " + p.Name()
		}
		if l.Key {
			detail += "，计入重点栏目"
		}
		fd.Items = append(fd.Items, Item{Name: l.Column.Name, Detail: detail, URL: columnURL(f, l.Column)})
	}
	sort.Strings(types)
	if fd.Count > 0 {
		fd.Summary = fmt.Sprintf("%d 个栏目未按期更新（重点栏目 %d 个；达到 %d 个重点栏目或 %d 个栏目即单项否决）：", fd.Count, site.KeyLate, StaleVeto, LongStaleVeto)
		for i, t := range types {
			if i > 0 {
				fd.Summary += "，"
			}
			fd.Summary += fmt.Sprintf("%s %d 个", t, byType[t])
		}
	}
	return fd
}

func blankFinding(f Facts, site Result) Breach {
	fd := Breach{Indicator: IndicatorBlank, Hit: site.BlankHit, Count: len(site.Blank)}
	for _, b := range site.Blank {
		fd.Items = append(fd.Items, Item{Name: b.Column.Name, Detail: b.Column.Type.Name() + "，没有内容", URL: columnURL(f, b.Column)})
	}
	if fd.Count > 0 {
		fd.Summary = fmt.Sprintf("%d 个空白栏目（达到 %d 个即单项否决）", fd.Count, BlankVeto)
	}
	return fd
}

// answerFinding: one consultation left unanswered for more than three
// months within the year is enough for 互动回应差.
func answerFinding(f Facts) Breach {
	fd := listed(IndicatorAnswer, f.counts().Unanswered, f.Unanswered, f.ConsultURL, "%d 件咨询超过3个月未答复", func(q Consultation) Item {
		return Item{Name: q.Subject, Detail: "咨询于 " + q.Asked.Format("2006-01-02") + " 提出，超过3个月未答复"}
	})
	fd.Hit = fd.Count > 0
	return fd
}

func overdueFinding(f Facts, on time.Time) Breach {
	return listed(IndicatorOverdue, f.counts().Overdue, f.Overdue, f.RequestURL, "%d 件申请超过答复期限仍未办结", func(r Request) Item {
		return Item{Name: r.Code, Detail: fmt.Sprintf("答复期限 %s，已超过 %d 天", r.Due.Format("2006-01-02"), daysBetween(r.Due, on))}
	})
}

func lateFinding(f Facts) Breach {
	return listed(IndicatorLate, f.counts().Late, f.Late, f.DocumentURL, "近一年有 %d 件文件在成文后超过20个工作日才公开", func(d Document) Item {
		return Item{Name: d.Title, Detail: fmt.Sprintf("成文 %s，应于 %s 前公开，%s 公开", d.Written.Format("2006-01-02"),
			d.Due.Format("2006-01-02"), d.Published.Format("2006-01-02"))}
	})
}

// listed is a finding of n records that lists those read (xs), one
// item each (linked when url is set), and counts them in summary (a
// format with one %d) when there are any.
func listed[T any](ind Indicator, n int, xs []T, url func(T) string, summary string, item func(T) Item) Breach {
	fd := Breach{Indicator: ind, Count: n}
	for _, x := range xs {
		it := item(x)
		if url != nil {
			it.URL = url(x)
		}
		fd.Items = append(fd.Items, it)
	}
	if fd.Count > 0 {
		fd.Summary = fmt.Sprintf(summary, fd.Count)
	}
	return fd
}

func guideFinding(f Facts, on time.Time) Breach {
	fd := Breach{Indicator: IndicatorGuide}
	if len(f.GuideMissing) > 0 {
		fd.Count++
		item := Item{Name: "政府信息公开指南", Detail: "缺少：", URL: f.GuideURL}
		for i, m := range f.GuideMissing {
			if i > 0 {
				item.Detail += "、"
			}
			item.Detail += m
		}
		fd.Items = append(fd.Items, item)
	}
	if !f.GuideUpdated.IsZero() && on.Sub(f.GuideUpdated) > GuideStaleAfter {
		fd.Count++
		fd.Items = append(fd.Items, Item{Name: "政府信息公开指南",
			Detail: "所依据的单位信息（工作机构、地址、时间、电话等）自 " + f.GuideUpdated.Format("2006-01-02") + " 起未更新，超过一年，请核对", URL: f.GuideURL})
	}
	if fd.Count > 0 {
		fd.Summary = "指南内容不全或超过一年未核对更新"
	}
	return fd
}

// reportFinding: the report for the year before is due by its Art. 49
// deadline; after that day, not published is missing.
func reportFinding(f Facts, on time.Time) Breach {
	r := f.Report
	fd := Breach{Indicator: IndicatorReport}
	if !r.Applies || r.Published || !on.After(r.Due) {
		return fd
	}
	fd.Count = 1
	fd.Summary = fmt.Sprintf("%d 年度报告应于 %s 前公布，尚未公布", r.Year, r.Due.Format("2006-01-02"))
	fd.Items = []Item{{Name: fmt.Sprintf("%d 年度报告", r.Year), Detail: "已逾期 " + fmt.Sprint(daysBetween(r.Due, on)) + " 天", URL: f.ReportURL}}
	return fd
}

func daysBetween(from, to time.Time) int {
	return int(to.Sub(from).Hours() / 24)
}

func columnURL(f Facts, c Column) string {
	if f.ColumnURL != nil {
		return f.ColumnURL(c)
	}
	return ""
}
