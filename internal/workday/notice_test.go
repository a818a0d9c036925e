package workday

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

var chineseOrdinals = []string{"一", "二", "三", "四", "五", "六", "七"}

// noticeText writes a notice in the State Council's wording from a
// Notice (merged holidays in one item), varying the asides as the real
// notices do: 周四 or 星期四, a lunar note, "与周末连休" for one day.
func noticeText(n Notice, style int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "国务院办公厅关于%d年部分节假日安排的通知\n经国务院批准，现将%d年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。\n", n.Year, n.Year)
	week := func(d Date) string {
		if style%2 == 0 {
			return "（周" + strings.TrimPrefix(d.WeekdayName(), "星期") + "）"
		}
		return "(" + d.WeekdayName() + ")"
	}
	date := func(d, prev Date) string {
		s := ""
		if d.Year() != n.Year || (!prev.IsZero() && prev.Year() != d.Year()) {
			s = fmt.Sprintf("%d年", d.Year())
		}
		if prev.IsZero() || prev.Month() != d.Month() || s != "" {
			s += fmt.Sprintf("%d月", int(d.Month()))
		}
		return s + fmt.Sprintf("%d日", d.Day())
	}
	item := 0
	for i := 0; i < len(n.Holidays); i++ {
		h := n.Holidays[i]
		names := h.Name
		if i+1 < len(n.Holidays) && n.Holidays[i+1].First == h.First {
			names = n.Holidays[i+1].Name + "、" + h.Name // 国庆节、中秋节
			i++
		}
		fmt.Fprintf(&b, "%s、%s：", chineseOrdinals[item], names)
		item++
		if h.First == h.Last {
			fmt.Fprintf(&b, "%s%s放假，与周末连休。", date(h.First, Date{}), week(h.First))
		} else {
			fmt.Fprintf(&b, "%s%s至%s%s放假调休，共%d天。", date(h.First, Date{}), week(h.First), date(h.Last, h.First), week(h.Last), h.First.DaysUntil(h.Last)+1)
		}
		if len(h.Makeup) > 0 {
			var parts []string
			for _, w := range h.Makeup {
				parts = append(parts, date(w, Date{})+week(w))
			}
			fmt.Fprintf(&b, "%s上班。", strings.Join(parts, "、"))
		}
		b.WriteString("\n")
	}
	b.WriteString("节假日期间，各地区、各部门要妥善安排好值班和安全、保卫、疫情防控等工作。\n")
	return b.String()
}

// TestParseNoticeRoundTrip: the notice text generated from each verified
// year's schedule (2019–2026) reads back to that very schedule, all
// seven holidays named — merged 中秋节、国庆节 (2020, 2023, 2025) and the
// 元旦 block starting in December (2019, 2023) included.
func TestParseNoticeRoundTrip(t *testing.T) {
	cal := Official()
	for _, y := range cal.Years() {
		for style := range 2 {
			t.Run(fmt.Sprintf("%d/%d", y, style), func(t *testing.T) {
				want, _ := cal.Schedule(y)
				n := NoticeOf(y, want)
				if len(n.Holidays) != len(HolidayNames) {
					t.Fatalf("NoticeOf gave %d holidays: %+v", len(n.Holidays), n.Holidays)
				}
				text := noticeText(n, style)
				parsed, err := ParseNotice(y, text)
				if err != nil {
					t.Fatalf("ParseNotice: %v\n%s", err, text)
				}
				got, err := parsed.Schedule()
				if err != nil {
					t.Fatalf("Schedule: %v\n%s", err, text)
				}
				if !slices.Equal(got.Holidays, want.Holidays) || !slices.Equal(got.Workdays, want.Workdays) {
					t.Errorf("round trip differs:\ngot  %v %v\nwant %v %v\n%s", got.Holidays, got.Workdays, want.Holidays, want.Workdays, text)
				}
			})
		}
	}
}

// TestParseNoticeIssueExample reads the example of the issue and the
// shapes real notices use.
func TestParseNoticeIssueExample(t *testing.T) {
	n, err := ParseNotice(2026, "一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。\n"+
		"二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。")
	if err != nil {
		t.Fatal(err)
	}
	if len(n.Holidays) != 2 || n.Holidays[0].Last != MustParse("2026-01-03") || n.Holidays[1].First != MustParse("2026-02-15") ||
		n.Holidays[1].Last != MustParse("2026-02-23") || !slices.Equal(n.Holidays[1].Makeup, []Date{MustParse("2026-02-14"), MustParse("2026-02-28")}) {
		t.Errorf("parsed %+v", n.Holidays)
	}
}

// TestNoticeRefused: a notice that cannot be a year's arrangement is
// refused with the reason in Chinese; a year without 春节 or 国庆节, or
// any of the seven, is incomplete.
func TestNoticeRefused(t *testing.T) {
	full, _ := Official().Schedule(2026)
	text := noticeText(NoticeOf(2026, full), 0)
	without := func(name string) string {
		var keep []string
		for _, line := range strings.Split(text, "\n") {
			if !strings.Contains(line, "、"+name+"：") {
				keep = append(keep, line)
			}
		}
		return strings.Join(keep, "\n")
	}
	tests := []struct {
		name, text, want string
	}{
		{"empty", "", "没有找到"},
		{"no 春节", without("春节"), "缺少春节"},
		{"no 国庆节", without("国庆节"), "缺少国庆节"},
		{"no 清明节", without("清明节"), "缺少清明节"},
		{"wrong day count", strings.Replace(text, "共3天", "共4天", 1), "共4天"},
		{"not a holiday", "一、植树节：3月12日放假。", "不是法定节假日"},
		{"no month", "一、元旦：1日放假。", "缺少月份"},
		{"impossible date", "一、元旦：2月30日放假。", "无效"},
		{"twice", text + "八、春节：2月1日放假。", "春节列出了两次"},
	}
	for _, tt := range tests {
		n, err := ParseNotice(2026, tt.text)
		if err == nil {
			_, err = n.Schedule()
		}
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want %q", tt.name, err, tt.want)
		}
	}
}

// FuzzParseNotice: any text either fails with an error or gives a
// notice whose schedule, when complete, validates.
func FuzzParseNotice(f *testing.F) {
	cal := Official()
	for _, y := range cal.Years() {
		s, _ := cal.Schedule(y)
		f.Add(y, noticeText(NoticeOf(y, s), y%2))
	}
	f.Add(2027, "一、元旦：12月31日至1月1日放假。")
	f.Fuzz(func(t *testing.T, year int, text string) {
		n, err := ParseNotice(year, text)
		if err != nil {
			return
		}
		s, err := n.Schedule()
		if err != nil {
			return
		}
		if err := s.Validate(year); err != nil {
			t.Fatalf("Schedule returned an invalid schedule: %v", err)
		}
	})
}
