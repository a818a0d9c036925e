package web

import (
	"context"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/store"
	"github.com/gongkai/gongkai/internal/workday"
	"github.com/gongkai/gongkai/internal/workday/workdaytest"
)

// invented2027JSON is NOT the State Council's 2027 notice, which was not
// published when this was written: an invented year with 元旦 from Friday
// 2027-01-01, one day off for each other statutory holiday (a year needs
// all seven) and one Saturday worked. A request received on 2026-12-10
// is then due on 2027-01-08 (the holiday pushes the 20th working day
// from the 7th to the 8th).
const invented2027JSON = `{"holidays": ["2027-01-01", "2027-01-02", "2027-01-03", "2027-02-18", "2027-04-05", "2027-05-01", "2027-06-10", "2027-09-15", "2027-10-01"], "workdays": ["2027-01-09"]}`

// invented2027Notice is NOT the State Council's 2027 notice either: an
// invented text in its wording, with all seven holidays.
const invented2027Notice = `国务院办公厅关于2027年部分节假日安排的通知
一、元旦：1月1日（周五）至3日（周日）放假，共3天。
二、春节：2月6日至14日放假调休，共9天。2月20日（周六）上班。
三、清明节：4月3日至5日放假，共3天。
四、劳动节：5月1日至5日放假调休，共5天。5月8日（周六）上班。
五、端午节：6月9日至11日放假，共3天。
六、中秋节：9月15日至17日放假，共3天。
七、国庆节：10月1日至7日放假调休，共7天。10月9日（周六）上班。`

// calendarMatrixForm is a valid submission for the calendar routes.
func calendarMatrixForm(pattern string) (url.Values, bool) {
	switch pattern {
	case "POST /admin/calendar":
		return url.Values{"year": {"2027"}, "json": {invented2027JSON}}, true
	case "POST /admin/calendar/notice":
		return url.Values{"year": {"2027"}, "notice": {invented2027Notice}}, true
	}
	return nil, false
}

// TestCalendarConsole drives the story of a year added at run time: a
// request whose deadline runs into 2027 cannot be counted; invalid input
// saves nothing; once a sysadmin adds 2027 the same request is counted
// on this handler at once, and on a second instance over the same
// database after its refresh.
func TestCalendarConsole(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "gongkai.db")
	open := func() (*store.Store, *workday.Calendar) {
		cal := workday.Official()
		st, err := store.Open(ctx, path, store.Options{Calendar: cal})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		return st, cal
	}
	st1, cal1 := open()
	e := newTestEnvOn(t, st1, true)
	e.srv.cal = cal1 // one calendar for store and handler, as serve wires it
	clk := &testClock{}
	clk.set("2026-12-10")
	e.srv.now = clk.now
	admin := e.login("sysadmin")
	q := e.createTestRequest(e.a.ID, false)
	if !q.Due.IsZero() {
		t.Fatalf("due of a request running into 2027 = %s, want none before 2027 is added", q.Due)
	}
	requestPage := "/admin/requests/" + itoa(q.ID)
	page := func(e *testEnv, p string) string {
		t.Helper()
		w := e.serve(request("GET", p, nil, admin))
		if w.Code != http.StatusOK {
			t.Fatalf("GET %s: %d %s", p, w.Code, w.Body.String())
		}
		return w.Body.String()
	}
	if body := page(e, requestPage); !strings.Contains(body, "2027-01-07（暂定）") || !strings.Contains(body, "国务院办公厅尚未公布 2027 年节假日安排") {
		t.Fatalf("request page before 2027 is added does not name the missing year:\n%s", body)
	}
	if body := page(e, "/admin/calendar"); !strings.Contains(body, "尚无 2027 年的节假日安排") || !strings.Contains(body, "2026") {
		t.Errorf("calendar page does not list 2026 and flag 2027 as missing")
	}

	invalid := []struct {
		name, year, json, want string
	}{
		{"nothing given", "2027", "", "请粘贴该年安排的 JSON"},
		{"broken JSON", "2027", `{"holidays": ["2027-01-01"`, "JSON 无效"},
		{"unknown field", "2027", `{"holidays": ["2027-01-01"], "extra": []}`, "JSON 无效"},
		{"no year for one year's JSON", "", invented2027JSON, "请填写安排所属的四位年份"},
		{"make-up workday on a Monday", "2027", `{"holidays": ["2027-01-01"], "workdays": ["2027-01-04"]}`, "应为周六或周日"},
		{"date outside the year", "2027", `{"holidays": ["2028-01-01"]}`, "不在 2026-12-01 至 2027-12-31 之间"},
		{"malformed date", "2027", `{"holidays": ["2027-1-1"]}`, "JSON 无效"},
		{"two years at once", "", `{"2027": ` + invented2027JSON + `, "2028": {"holidays": ["2028-01-01", "2028-02-18", "2028-04-05", "2028-05-01", "2028-06-10", "2028-09-15", "2028-10-01"]}}`, "一次只能添加一年的安排"},
		{"year differs from the file", "2028", `{"2027": ` + invented2027JSON + `}`, "与 JSON 中的年份 2027 不一致"},
	}
	for _, tc := range invalid {
		w := e.serve(request("POST", "/admin/calendar", url.Values{"year": {tc.year}, "json": {tc.json}}, admin))
		if body := w.Body.String(); w.Code != http.StatusUnprocessableEntity || !strings.Contains(body, "未保存任何内容") ||
			!strings.Contains(body, tc.want) {
			t.Errorf("%s: status %d, want 422 with %q:\n%.2000s", tc.name, w.Code, tc.want, body)
		}
	}
	if stored, err := st1.HolidaySchedules(ctx); err != nil || len(stored) != 0 {
		t.Fatalf("after invalid submissions: stored %v, %v; want nothing", stored, err)
	}
	if _, ok := cal1.Schedule(2027); ok {
		t.Fatal("an invalid submission reached the calendar")
	}

	// A second instance on the same database, with its own calendar.
	st2, cal2 := open()
	e2 := newTestEnvOn(t, st2, false)
	e2.srv.cal, e2.srv.now = cal2, clk.now

	w := e.serve(request("POST", "/admin/calendar", url.Values{"year": {"2027"}, "json": {invented2027JSON}}, admin))
	if w.Code != http.StatusSeeOther {
		t.Fatalf("adding 2027: %d %s", w.Code, w.Body.String())
	}
	if body := page(e, requestPage); !strings.Contains(body, "2027-01-08") || strings.Contains(body, "（暂定）") ||
		!strings.Contains(body, "添加 2027 年节假日安排后重新计算：此前期限暂定，现为 2027-01-08") {
		t.Errorf("request page after adding 2027 does not show the due date 2027-01-08")
	}
	if got, err := st1.Request(ctx, q.ID); err != nil || got.Due.String() != "2027-01-08" {
		t.Errorf("stored due after adding 2027 = %s, %v; want 2027-01-08", got.Due, err)
	}
	if body := page(e, "/admin/calendar"); !strings.Contains(body, "后台添加") || strings.Contains(body, "尚无 2027 年") {
		t.Errorf("calendar page does not show 2027 as added through the console")
	}
	entries, err := st1.Audit(ctx, audit.Filter{Action: "calendar.year"})
	if err != nil || len(entries) != 1 || entries[0].Username != "sysadmin" || entries[0].Target != "holidays:2027" {
		t.Errorf("audit = %+v, %v; want one calendar.year entry by sysadmin", entries, err)
	}

	// The second instance counts without 2027 until it refreshes.
	if body := page(e2, requestPage); !strings.Contains(body, "尚未公布 2027 年节假日安排") {
		t.Errorf("second instance knew 2027 before its refresh")
	}
	if changed, err := st2.ApplyHolidaySchedules(ctx, cal2); err != nil || len(changed) != 1 || changed[0] != 2027 {
		t.Fatalf("refresh: changed %v, %v; want [2027]", changed, err)
	}
	if body := page(e2, requestPage); !strings.Contains(body, "2027-01-08") {
		t.Errorf("second instance after its refresh does not show the due date 2027-01-08")
	}

	// Replacing the year by uploading a data-directory style file.
	replaced := workdaytest.JSON(2027, nil, nil)
	w = e.serve(uploadRequest(t, "/admin/calendar", "2027.json", []byte(replaced), admin))
	if w.Code != http.StatusSeeOther {
		t.Fatalf("uploading 2027.json: %d %s", w.Code, w.Body.String())
	}
	if s, ok := cal1.Schedule(2027); !ok || len(s.Holidays) != 7 || len(s.Workdays) != 0 {
		t.Errorf("after the upload 2027 is %+v, want the uploaded year", s)
	}
}

// TestCalendarForbidden: only a 系统管理员 may see or change the calendar
// (the authorization matrix covers every role; this names the rule).
func TestCalendarForbidden(t *testing.T) {
	e := newTestEnv(t)
	for _, role := range auth.Roles() {
		if role == auth.RoleSysAdmin {
			continue
		}
		cookies := e.login(e.users[role].Username)
		for _, r := range []*http.Request{
			request("GET", "/admin/calendar", nil, cookies),
			request("POST", "/admin/calendar", url.Values{"year": {"2027"}, "json": {invented2027JSON}}, cookies),
		} {
			if w := e.serve(r); w.Code != http.StatusForbidden {
				t.Errorf("%s %s as %s: %d, want 403", r.Method, r.URL.Path, role, w.Code)
			}
		}
	}
	if stored, err := e.st.HolidaySchedules(context.Background()); err != nil || len(stored) != 0 {
		t.Errorf("a forbidden submission stored %v, %v", stored, err)
	}
}
