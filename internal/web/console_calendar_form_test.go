package web

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/store"
	"github.com/gongkai/gongkai/internal/workday"
	"github.com/gongkai/gongkai/internal/workday/workdaytest"
)

// TestCalendarNoticeForm: in December 2026 a sysadmin pastes the 2027
// notice; the page shows the seven holidays read from it for
// confirmation and saves nothing; a year lacking 春节 or 国庆节 is refused
// with the reason; the confirmed rows save the year, and the open
// request whose deadline ran into 2027 gets its legal date and a line in
// its history.
func TestCalendarNoticeForm(t *testing.T) {
	ctx := context.Background()
	e, st, cal := calendarTestEnv(t)
	e.withClock("2026-12-10")
	admin := e.login("sysadmin")
	q := e.createTestRequest(e.a.ID, false)

	w := e.serve(request("POST", "/admin/calendar/notice", url.Values{"year": {"2027"}, "notice": {invented2027Notice}}, admin))
	page := html.UnescapeString(w.Body.String())
	if w.Code != http.StatusOK || !strings.Contains(page, "尚未保存") {
		t.Fatalf("reading the notice: %d\n%.3000s", w.Code, page)
	}
	for _, want := range []string{`name="first_1" value="2027-02-06"`, `name="last_1" value="2027-02-14"`, `name="makeup_1" value="2027-02-20"`,
		`name="first_6" value="2027-10-01"`, `name="makeup_6" value="2027-10-09"`, "确认并保存"} {
		if !strings.Contains(page, want) {
			t.Errorf("confirmation page lacks %s", want)
		}
	}
	if _, ok := cal.Schedule(2027); ok {
		t.Fatal("reading the notice saved the year")
	}

	rows := url.Values{"form": {"holidays"}, "year": {"2027"}}
	for i, r := range [][3]string{{"2027-01-01", "2027-01-03", ""}, {"2027-02-06", "2027-02-14", "2027-02-20"},
		{"2027-04-03", "2027-04-05", ""}, {"2027-05-01", "2027-05-05", "2027-05-08"}, {"2027-06-09", "2027-06-11", ""},
		{"2027-09-15", "2027-09-17", ""}, {"2027-10-01", "2027-10-07", "2027-10-09"}} {
		k := strconv.Itoa(i)
		rows.Set("first_"+k, r[0])
		rows.Set("last_"+k, r[1])
		rows.Set("makeup_"+k, r[2])
	}
	refused := []struct {
		name  string
		clear string // row index emptied
		want  string
	}{{"no 春节", "1", "缺少春节"}, {"no 国庆节", "6", "缺少国庆节"}}
	for _, tc := range refused {
		f := url.Values{}
		for k, v := range rows {
			f[k] = v
		}
		f.Set("first_"+tc.clear, "")
		f.Set("last_"+tc.clear, "")
		f.Set("makeup_"+tc.clear, "")
		w := e.serve(request("POST", "/admin/calendar", f, admin))
		if b := html.UnescapeString(w.Body.String()); w.Code != http.StatusUnprocessableEntity || !strings.Contains(b, tc.want) || !strings.Contains(b, "未保存任何内容") {
			t.Errorf("%s: %d, want 422 with %q", tc.name, w.Code, tc.want)
		}
	}
	w = e.serve(request("POST", "/admin/calendar/notice", url.Values{"year": {"2027"},
		"notice": {strings.Replace(invented2027Notice, "二、春节：2月6日至14日放假调休，共9天。2月20日（周六）上班。", "", 1)}}, admin))
	if b := html.UnescapeString(w.Body.String()); w.Code != http.StatusUnprocessableEntity || !strings.Contains(b, "缺少春节") {
		t.Errorf("a notice without 春节: %d", w.Code)
	}
	if _, ok := cal.Schedule(2027); ok {
		t.Fatal("an incomplete year was saved")
	}

	if w := e.serve(request("POST", "/admin/calendar", rows, admin)); w.Code != http.StatusSeeOther {
		t.Fatalf("saving the rows: %d\n%.2000s", w.Code, w.Body.String())
	}
	sched, ok := cal.Schedule(2027)
	if !ok || len(sched.Holidays) != 33 || len(sched.Workdays) != 3 {
		t.Fatalf("2027 saved as %+v, %v", sched, ok)
	}
	got, err := st.Request(ctx, q.ID)
	if err != nil || got.Due.String() != "2027-01-08" {
		t.Errorf("the request's due after 2027 was saved: %s, %v; want 2027-01-08", got.Due, err)
	}
	_, b := e.get(t, "/admin/requests/"+strconv.FormatInt(q.ID, 10), admin)
	if !strings.Contains(html.UnescapeString(b), "添加 2027 年节假日安排后重新计算：此前期限暂定，现为 2027-01-08") {
		t.Error("the request's history does not say its deadline was recounted")
	}
	// The form for a saved year is filled from it.
	_, b = e.get(t, "/admin/calendar?year=2027", admin)
	if !strings.Contains(b, `name="last_3" value="2027-05-05"`) {
		t.Error("the form for 2027 is not filled from the saved year")
	}
}

// TestCalendarBanner: from 1 November, while next year's holidays are
// missing, the sysadmin's and the handlers' dashboards say how many open
// requests have only a provisional deadline; not in October, not once
// the year is added.
func TestCalendarBanner(t *testing.T) {
	ctx := context.Background()
	e, st, _ := calendarTestEnv(t)
	clk := e.withClock("2026-12-10")
	e.createTestRequest(e.a.ID, false) // due in January 2027
	e.createTestRequest(e.a.ID, false)
	clk.set("2026-12-01")
	e.createTestRequest(e.a.ID, false) // due 2026-12-29: not affected
	admin, handler := e.login("sysadmin"), e.login(e.users[auth.RoleHandler].Username)
	editor := e.login(e.users[auth.RoleEditor].Username)
	banner := "国务院办公厅尚未公布 2027 年节假日安排（系统中还没有）：2 件办理中申请"
	check := func(when string, who []*http.Cookie, path string, want bool) {
		t.Helper()
		_, b := e.get(t, path, who)
		if got := strings.Contains(html.UnescapeString(b), banner); got != want {
			t.Errorf("%s %s: banner %v, want %v", when, path, got, want)
		}
	}
	clk.set("2026-11-01")
	check("1 November", admin, "/admin/", true)
	check("1 November", handler, "/admin/", true)
	check("1 November", handler, "/admin/requests", true)
	check("1 November", editor, "/admin/", false)
	clk.set("2026-10-31")
	check("31 October", admin, "/admin/", false)
	clk.set("2026-12-10")
	if err := st.SaveHolidaySchedule(ctx, 2027, workdaytest.Year(2027, nil, nil), store.Actor{Username: "admin"}); err != nil {
		t.Fatal(err)
	}
	check("2027 added", admin, "/admin/", false)
}

// calendarTestEnv is a test environment whose store and handler share
// one calendar, as serve wires them.
func calendarTestEnv(t *testing.T) (*testEnv, *store.Store, *workday.Calendar) {
	t.Helper()
	cal := workday.Official()
	st, err := store.Open(context.Background(), t.TempDir()+"/gongkai.db", store.Options{Calendar: cal})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	e := newTestEnvOn(t, st, true)
	e.srv.cal = cal
	return e, st, cal
}
