package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/gongkai/gongkai/internal/workday"
)

// The calendar page's main form: one row per statutory holiday (元旦 …
// 国庆节) with its first and last day off and the make-up working days,
// filled by hand or from the State Council's notice text pasted in a box
// (read by workday.ParseNotice and shown for confirmation, never saved
// straight away). A year without all seven holidays is refused.

// maxNoticeText bounds a pasted notice: a real one is about 1,500 characters.
const maxNoticeText = 32 << 10

// holidayRow is one holiday of the form, as the inputs hold it.
type holidayRow struct {
	Index       int
	Name        string
	First, Last string // YYYY-MM-DD
	Makeup      string // YYYY-MM-DD, separated by spaces, commas or 、
}

// holidayRows are the form's seven rows for n (rows n lacks stay empty).
func holidayRows(n workday.Notice) []holidayRow {
	rows := make([]holidayRow, len(workday.HolidayNames))
	for i, name := range workday.HolidayNames {
		rows[i] = holidayRow{Index: i, Name: name}
		for _, h := range n.Holidays {
			if h.Name != name {
				continue
			}
			rows[i].First, rows[i].Last = dateOrEmpty(h.First), dateOrEmpty(h.Last)
			var days []string
			for _, d := range h.Makeup {
				days = append(days, d.String())
			}
			rows[i].Makeup = strings.Join(days, " ")
		}
	}
	return rows
}

// formRows reads the seven rows as submitted.
func formRows(r *http.Request) []holidayRow {
	rows := make([]holidayRow, len(workday.HolidayNames))
	for i, name := range workday.HolidayNames {
		k := strconv.Itoa(i)
		rows[i] = holidayRow{Index: i, Name: name, First: strings.TrimSpace(r.PostFormValue("first_" + k)),
			Last: strings.TrimSpace(r.PostFormValue("last_" + k)), Makeup: strings.TrimSpace(r.PostFormValue("makeup_" + k))}
	}
	return rows
}

// noticeOfRows turns the rows into a notice; a row left wholly empty is
// a holiday missing, which Notice.Schedule names.
func noticeOfRows(year int, rows []holidayRow) (workday.Notice, error) {
	n := workday.Notice{Year: year}
	for _, row := range rows {
		if row.First == "" && row.Last == "" && row.Makeup == "" {
			continue
		}
		h := workday.NoticeHoliday{Name: row.Name}
		var err error
		if h.First, err = formDate(row.Name+"放假第一天", row.First); err != nil {
			return n, err
		}
		if h.Last, err = formDate(row.Name+"放假最后一天", row.Last); err != nil {
			return n, err
		}
		for _, f := range strings.FieldsFunc(row.Makeup, func(r rune) bool { return strings.ContainsRune(" ,，、;；\t\n", r) }) {
			d, err := formDate(row.Name+"调休上班日", f)
			if err != nil {
				return n, err
			}
			h.Makeup = append(h.Makeup, d)
		}
		n.Holidays = append(n.Holidays, h)
	}
	return n, nil
}

func formDate(what, s string) (workday.Date, error) {
	if s == "" {
		return workday.Date{}, fmt.Errorf("请填写%s。", what)
	}
	d, err := workday.ParseDate(s)
	if err != nil {
		return workday.Date{}, fmt.Errorf("%s“%s”不是有效日期，应写作 2027-01-01。", what, s)
	}
	return d, nil
}

// formYear reads the year field.
func formYear(s string) (int, error) {
	s = strings.TrimSpace(s)
	y, err := strconv.Atoi(s)
	if err != nil || len(s) != 4 {
		return 0, fmt.Errorf("请填写安排所属的四位年份（国务院办公厅通知的年份），例如 2027。")
	}
	return y, nil
}

// calendarNotice reads the pasted notice text into the rows and shows
// them for confirmation; nothing is saved.
func (s *server) calendarNotice(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, 2*maxNoticeText)
	v, err := s.calendarView(r)
	if err != nil {
		return err
	}
	v.FormYear, v.NoticeText = r.PostFormValue("year"), r.PostFormValue("notice")
	year, err := formYear(v.FormYear)
	var n workday.Notice
	if err == nil {
		n, err = workday.ParseNotice(year, v.NoticeText)
	}
	if err == nil {
		_, err = n.Schedule()
		v.Rows = holidayRows(n)
	}
	if err != nil {
		v.Errors = []string{"未保存任何内容。", err.Error()}
		return s.renderStatus(w, r, "console_calendar", http.StatusUnprocessableEntity, v)
	}
	v.Confirm = true
	return s.render(w, r, "console_calendar", v)
}

// calendarSaveRows saves the year given in the seven rows.
func (s *server) calendarSaveRows(w http.ResponseWriter, r *http.Request) error {
	rows := formRows(r)
	year, err := formYear(r.PostFormValue("year"))
	var sched workday.Schedule
	if err == nil {
		var n workday.Notice
		if n, err = noticeOfRows(year, rows); err == nil {
			sched, err = n.Schedule()
		}
	}
	if err == nil {
		return s.saveYear(w, r, year, sched)
	}
	v, verr := s.calendarView(r)
	if verr != nil {
		return verr
	}
	v.FormYear, v.Rows = r.PostFormValue("year"), rows
	v.Errors = []string{"未保存任何内容。", err.Error()}
	return s.renderStatus(w, r, "console_calendar", http.StatusUnprocessableEntity, v)
}
