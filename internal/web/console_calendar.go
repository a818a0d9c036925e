package web

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"slices"
	"strconv"

	"github.com/gongkai/gongkai/internal/store"
	"github.com/gongkai/gongkai/internal/workday"
)

// maxScheduleJSON bounds a pasted or uploaded year: a real notice is
// about 2 KB.
const maxScheduleJSON = 64 << 10

// Where a year's schedule comes from, as the page names it.
const (
	sourceEmbedded = "内置"
	sourceDataDir  = "数据目录"
	sourceConsole  = "后台添加"
)

type calendarYearRow struct {
	Year     int
	Source   string
	Detail   string // the file, or who saved it and when
	Holidays int
	Workdays int
}

type calendarView struct {
	Page
	Years []calendarYearRow
	// Missing is next year when the calendar has no schedule for it yet:
	// the State Council publishes the notice in November or December.
	Missing int
	Refresh string // how soon other instances follow, in words
	Year    string // the form, kept after an error
	JSON    string
	Errors  []string
	// The holiday form (console_calendar_form.go): the year, its seven
	// rows, the pasted notice text, and whether the rows come from that
	// text and await confirmation.
	FormYear   string
	Rows       []holidayRow
	NoticeText string
	Confirm    bool
}

// calendarPage lists the years the working-day calendar knows, with the
// source of each, and the form to add or replace a year.
func (s *server) calendarPage(w http.ResponseWriter, r *http.Request) error {
	v, err := s.calendarView(r)
	if err != nil {
		return err
	}
	return s.render(w, r, "console_calendar", v)
}

func (s *server) calendarView(r *http.Request) (calendarView, error) {
	ctx := r.Context()
	// The page shows what the database holds, so this instance catches
	// up first instead of waiting for its refresh.
	if _, err := s.store.ApplyHolidaySchedules(ctx, s.cal); err != nil {
		return calendarView{}, err
	}
	stored, err := s.store.HolidaySchedules(ctx)
	if err != nil {
		return calendarView{}, err
	}
	byYear := make(map[int]store.HolidaySchedule, len(stored))
	for _, h := range stored {
		byYear[h.Year] = h
	}
	v := calendarView{Page: s.consolePage(r, "节假日安排", "/admin/calendar"),
		Refresh: fmt.Sprintf("%d 分钟", int(CalendarRefreshEvery.Minutes()))}
	years := s.cal.Years()
	for i := len(years) - 1; i >= 0; i-- { // newest first: the year that matters now
		y := years[i]
		sched, _ := s.cal.Schedule(y)
		row := calendarYearRow{Year: y, Source: sourceEmbedded, Holidays: len(sched.Holidays), Workdays: len(sched.Workdays)}
		if h, ok := byYear[y]; ok {
			row.Source = sourceConsole
			row.Detail = h.UpdatedBy + " 于 " + h.Updated.In(chinaTime).Format("2006-01-02 15:04")
		} else if f, ok := s.calendarFiles[y]; ok {
			row.Source, row.Detail = sourceDataDir, filepath.Base(f)
		}
		v.Years = append(v.Years, row)
	}
	if next := s.today().Year() + 1; !slices.Contains(years, next) {
		v.Missing = next
	}
	// The form starts with next year, or with the year asked for
	// (?year=2026 to correct one), filled from what the calendar has.
	formYear := s.today().Year() + 1
	if y, err := strconv.Atoi(r.URL.Query().Get("year")); err == nil && y > 1900 && y < 3000 {
		formYear = y
	}
	sched, _ := s.cal.Schedule(formYear)
	v.FormYear, v.Rows = strconv.Itoa(formYear), holidayRows(workday.NoticeOf(formYear, sched))
	return v, nil
}

// calendarSave adds or replaces one year's schedule, pasted or uploaded.
// Nothing is saved unless the whole year validates; once saved it
// counts on this instance at once and on the others after their next
// refresh.
func (s *server) calendarSave(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, 2*maxScheduleJSON)
	if err := r.ParseMultipartForm(maxScheduleJSON); err != nil && !errors.Is(err, http.ErrNotMultipart) {
		return &Error{Status: http.StatusRequestEntityTooLarge, Code: "too_large",
			Message: "提交的内容过大（不超过 64 KB）或表单无法读取。", Cause: err}
	}
	if r.PostFormValue("form") == "holidays" {
		return s.calendarSaveRows(w, r)
	}
	yearField, text := r.PostFormValue("year"), r.PostFormValue("json")
	data, problem := scheduleInput(r, text)
	if problem == nil {
		year, sched, err := parseYearSchedule(yearField, data)
		if err == nil {
			return s.saveYear(w, r, year, sched)
		}
		problem = err
	}
	v, err := s.calendarView(r)
	if err != nil {
		return err
	}
	v.Year, v.JSON = yearField, text
	v.Errors = []string{"未保存任何内容。", problem.Error()}
	return s.renderStatus(w, r, "console_calendar", http.StatusUnprocessableEntity, v)
}

// scheduleInput is the uploaded file when one was chosen, else the
// pasted text; a problem is a message for the sysadmin.
func scheduleInput(r *http.Request, text string) ([]byte, error) {
	f, _, err := r.FormFile("file")
	if err != nil {
		return []byte(text), nil // no file chosen
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxScheduleJSON+1))
	switch {
	case err != nil:
		return nil, errors.New("上传的文件无法读取，请重试。")
	case len(b) > maxScheduleJSON:
		return nil, errors.New("上传的文件过大（不超过 64 KB）。")
	case len(b) == 0:
		return []byte(text), nil
	case text != "":
		return nil, errors.New("请粘贴 JSON 或上传文件，二者选一。")
	}
	return b, nil
}

// saveYear stores a validated year and applies it to this instance.
func (s *server) saveYear(w http.ResponseWriter, r *http.Request, year int, sched workday.Schedule) error {
	_, replaced := s.cal.Schedule(year)
	if err := s.store.SaveHolidaySchedule(r.Context(), year, sched, s.actor(r)); err != nil {
		return err
	}
	// The store applied the year to its calendar; this is the web's, the
	// same one under serve, where adding it again changes nothing.
	if err := s.cal.AddYear(year, sched); err != nil {
		return err
	}
	verb := "添加"
	if replaced {
		verb = "替换"
	}
	s.notice(r, fmt.Sprintf("已%s %d 年节假日安排：节假日 %d 天，调休上班 %d 天。本实例立即生效，其他实例在 %d 分钟内生效。",
		verb, year, len(sched.Holidays), len(sched.Workdays), int(CalendarRefreshEvery.Minutes())))
	return seeOther(w, r, "/admin/calendar")
}
