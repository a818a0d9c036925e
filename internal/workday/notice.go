package workday

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// HolidayNames are the seven statutory holidays the State Council's
// yearly notice (《国务院办公厅关于YYYY年部分节假日安排的通知》) arranges, in
// its order. A year's schedule without all of them is incomplete.
var HolidayNames = []string{"元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节"}

// NoticeHoliday is one holiday of a notice: its first and last day off and the
// weekend days worked in exchange (调休上班). When the notice merges two
// holidays into one block (中秋节、国庆节), both carry the same days.
type NoticeHoliday struct {
	Name        string
	First, Last Date
	Makeup      []Date
}

// Notice is a year's arrangement holiday by holiday, as the notice
// states it and as the console's form shows it.
type Notice struct {
	Year     int
	Holidays []NoticeHoliday
}

// Schedule checks that the notice arranges all seven holidays, each with
// a first day no later than its last and at most 15 days off, and
// returns the year's Schedule, validated. The errors are Chinese
// sentences for the sysadmin.
func (n Notice) Schedule() (Schedule, error) {
	have := map[string]bool{}
	var s Schedule
	for _, h := range n.Holidays {
		if !slices.Contains(HolidayNames, h.Name) {
			return Schedule{}, fmt.Errorf("“%s”不是法定节假日（应为%s之一）", h.Name, strings.Join(HolidayNames, "、"))
		}
		if have[h.Name] {
			return Schedule{}, fmt.Errorf("%s列出了两次", h.Name)
		}
		have[h.Name] = true
		switch {
		case h.First.IsZero() || h.Last.IsZero():
			return Schedule{}, fmt.Errorf("%s缺少放假的第一天或最后一天", h.Name)
		case h.Last.Before(h.First):
			return Schedule{}, fmt.Errorf("%s放假的最后一天 %s 早于第一天 %s", h.Name, h.Last, h.First)
		case h.First.DaysUntil(h.Last) >= 15:
			return Schedule{}, fmt.Errorf("%s放假 %d 天，超过 15 天，请核对日期", h.Name, h.First.DaysUntil(h.Last)+1)
		}
		for d := h.First; !d.After(h.Last); d = d.AddDays(1) {
			if !slices.Contains(s.Holidays, d) {
				s.Holidays = append(s.Holidays, d)
			}
		}
		for _, d := range h.Makeup {
			if !slices.Contains(s.Workdays, d) {
				s.Workdays = append(s.Workdays, d)
			}
		}
	}
	if err := requireAllHolidays(n.Year, have); err != nil {
		return Schedule{}, err
	}
	slices.SortFunc(s.Holidays, Date.Compare)
	slices.SortFunc(s.Workdays, Date.Compare)
	if err := s.Validate(n.Year); err != nil {
		return Schedule{}, err
	}
	return s, nil
}

// requireAllHolidays is the one rule, for the console's form and pasted
// notice as for a schedule read from JSON (Schedule.Complete): a year's
// arrangement names all seven statutory holidays; one without them (in
// particular without 春节 or 国庆节) is incomplete and refused, with the
// reason in Chinese.
func requireAllHolidays(year int, have map[string]bool) error {
	var missing []string
	for _, name := range HolidayNames {
		if !have[name] {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("%d 年安排不完整，缺少%s：国务院办公厅的通知每年安排%s七个节日，请全部填写", year,
			strings.Join(missing, "、"), strings.Join(HolidayNames, "、"))
	}
	return nil
}

var (
	noticeItem   = regexp.MustCompile(`[一二三四五六七八九十]+、([^：:。，]{1,16}?)[：:]`)
	noticeAside  = regexp.MustCompile(`（[^（）]*）|\([^()]*\)`)
	noticeDate   = regexp.MustCompile(`(?:(\d{4})年)?(?:(\d{1,2})月)?(\d{1,2})日`)
	noticeCount  = regexp.MustCompile(`共(\d{1,2})天`)
	noticeSpaces = regexp.MustCompile(`\s+`)
)

// ParseNotice reads the text of the State Council's notice for year as
// published ("一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日
// （周日）上班。二、春节：…"): one item per holiday or merged block, the
// first sentence with 放假 giving the days off, sentences with 上班 the
// make-up working days. Asides in brackets (weekdays, lunar dates) are
// ignored; a date without a year is in the notice year, a December date
// of 元旦 in the year before. "共N天" is checked against the days given.
// The result is not yet checked for completeness: see Notice.Schedule.
func ParseNotice(year int, text string) (Notice, error) {
	if year < 1000 || year > maxYear {
		return Notice{}, fmt.Errorf("年份 %d 无效", year)
	}
	text = noticeSpaces.ReplaceAllString(strings.Map(halfWidthDigit, text), "")
	items := noticeItem.FindAllStringSubmatchIndex(text, -1)
	if len(items) == 0 {
		return Notice{}, fmt.Errorf("没有找到“一、元旦：……”这样的条目：请粘贴通知正文")
	}
	n := Notice{Year: year}
	for i, m := range items {
		end := len(text)
		if i+1 < len(items) {
			end = items[i+1][0]
		}
		heading := text[m[2]:m[3]]
		var names []string
		for _, name := range strings.FieldsFunc(heading, func(r rune) bool { return r == '、' || r == '和' }) {
			if !slices.Contains(HolidayNames, name) && slices.Contains(HolidayNames, name+"节") {
				name += "节"
			}
			if !slices.Contains(HolidayNames, name) {
				return Notice{}, fmt.Errorf("第 %d 项“%s”不是法定节假日", i+1, heading)
			}
			names = append(names, name)
		}
		h, err := parseNoticeItem(year, names, noticeAside.ReplaceAllString(text[m[1]:end], ""))
		if err != nil {
			return Notice{}, fmt.Errorf("%s：%w", heading, err)
		}
		for _, name := range names {
			h.Name = name
			h.Makeup = slices.Clone(h.Makeup)
			n.Holidays = append(n.Holidays, h)
		}
	}
	return n, nil
}

// parseNoticeItem reads one item's sentences, brackets removed.
func parseNoticeItem(year int, names []string, body string) (NoticeHoliday, error) {
	newYear := slices.Contains(names, "元旦")
	var h NoticeHoliday
	found := false
	for _, sentence := range strings.Split(body, "。") {
		switch {
		case !found && strings.Contains(sentence, "放假"):
			found = true
			span := strings.SplitN(sentence, "至", 2)
			dates, err := noticeDates(year, newYear, span[0], 0)
			if err != nil {
				return h, err
			}
			if len(dates) == 0 {
				return h, fmt.Errorf("无法读出放假的第一天：“%s”", sentence)
			}
			h.First, h.Last = dates[0], dates[0]
			if len(span) == 2 {
				last, err := noticeDates(year, newYear, span[1], h.First.Month())
				if err != nil {
					return h, err
				}
				if len(last) == 0 {
					return h, fmt.Errorf("无法读出放假的最后一天：“%s”", sentence)
				}
				h.Last = last[0]
			}
			if c := noticeCount.FindStringSubmatch(sentence); c != nil {
				days, _ := strconv.Atoi(c[1])
				if got := h.First.DaysUntil(h.Last) + 1; got != days {
					return h, fmt.Errorf("%s至%s是 %d 天，通知写“共%d天”，请核对", h.First, h.Last, got, days)
				}
			}
		case found && strings.Contains(sentence, "上班"):
			dates, err := noticeDates(year, newYear, sentence, 0)
			if err != nil {
				return h, err
			}
			h.Makeup = append(h.Makeup, dates...)
		}
	}
	if !found {
		return h, fmt.Errorf("没有找到放假日期")
	}
	return h, nil
}

// noticeDates reads the dates of a sentence; a date without a month
// takes the previous date's month (or month when it is the first).
func noticeDates(year int, newYear bool, s string, month time.Month) ([]Date, error) {
	var out []Date
	for _, m := range noticeDate.FindAllStringSubmatch(s, -1) {
		y, explicitYear := year, m[1] != ""
		if explicitYear {
			y, _ = strconv.Atoi(m[1])
		}
		if m[2] != "" {
			mo, _ := strconv.Atoi(m[2])
			month = time.Month(mo)
		}
		if month == 0 {
			return nil, fmt.Errorf("日期“%s”缺少月份", m[0])
		}
		if !explicitYear && newYear && month == time.December {
			y = year - 1 // 元旦's block may begin in the December before
		}
		day, _ := strconv.Atoi(m[3])
		d, err := NewDate(y, month, day)
		if err != nil {
			return nil, fmt.Errorf("日期“%s”无效", m[0])
		}
		out = append(out, d)
	}
	return out, nil
}

// halfWidthDigit maps full-width digits to ASCII ones.
func halfWidthDigit(r rune) rune {
	if r >= '０' && r <= '９' {
		return '0' + (r - '０')
	}
	return r
}

// NoticeOf splits a year's schedule back into its holidays, for the
// console's form: the days off in runs of consecutive days, named in the
// notice's order (six runs: 中秋节 and 国庆节 share the last), each make-up
// working day with the nearest run. A schedule of another shape (not
// six or seven runs) yields the runs it has, named as far as they go.
func NoticeOf(year int, s Schedule) Notice {
	days := slices.Clone(s.Holidays)
	slices.SortFunc(days, Date.Compare)
	var runs []NoticeHoliday
	for _, d := range days {
		if k := len(runs); k > 0 && runs[k-1].Last.AddDays(1) == d {
			runs[k-1].Last = d
			continue
		}
		runs = append(runs, NoticeHoliday{First: d, Last: d})
	}
	for _, w := range s.Workdays {
		best, dist := -1, 0
		for i, r := range runs {
			gap := min(abs(w.DaysUntil(r.First)), abs(w.DaysUntil(r.Last)))
			if best < 0 || gap < dist {
				best, dist = i, gap
			}
		}
		if best >= 0 {
			runs[best].Makeup = append(runs[best].Makeup, w)
		}
	}
	n := Notice{Year: year}
	names := HolidayNames
	for i, r := range runs {
		if i >= len(names) {
			break
		}
		r.Name = names[i]
		n.Holidays = append(n.Holidays, r)
		if len(runs) == len(HolidayNames)-1 && i == len(runs)-1 {
			r.Name, r.Makeup = names[i+1], slices.Clone(r.Makeup)
			n.Holidays = append(n.Holidays, r)
		}
	}
	return n
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
