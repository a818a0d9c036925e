package web

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/disclosure"
	rq "github.com/gongkai/gongkai/internal/request"
	"github.com/gongkai/gongkai/internal/store"
	"github.com/gongkai/gongkai/internal/workday"
)

// between is the text of s from the first from to the next to after it.
func between(s, from, to string) string {
	i := strings.Index(s, from)
	if i < 0 {
		return ""
	}
	j := strings.Index(s[i:], to)
	if j < 0 {
		return s[i:]
	}
	return s[i : i+j]
}

// section returns the part of a page inside the <section> whose heading
// has the id, or "" when there is none.
func section(page, id string) string {
	i := strings.Index(page, `id="`+id+`"`)
	if i < 0 {
		return ""
	}
	j := strings.Index(page[i:], "</section>")
	if j < 0 {
		return page[i:]
	}
	return page[i : i+j]
}

// TestConsoleHomeRoleWork: each role's home lists its work — the
// handler the requests overdue or due soon (side deadlines included)
// and the supplement the applicant sent online, linked to the request;
// the reviewer the document waiting for review; the editor the returned
// draft with the reviewer's reason and the column due for an update;
// the 单位管理员 the body's overdue request; a supervisor of the county's
// subtree the website checks of the townships below it. The navigation
// counts the work. On both databases.
func TestConsoleHomeRoleWork(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, st *store.Store) { testConsoleHomeRoleWork(t, newTestEnvOn(t, st, true)) })
}

func testConsoleHomeRoleWork(t *testing.T, e *testEnv) {
	ctx := context.Background()
	e.withClock("2026-03-16")
	handler := e.users[auth.RoleHandler]

	// Received 2026-02-02: 20 working days ran out in early March.
	overdue := e.storedRequest(t, e.a.ID, "110101199003070011", "2026-02-02")
	// Received 2026-02-26: the answer is due 2026-03-25, far off; but a
	// 补正 notice was sent on 03-05 whose deadline, 03-18, is near.
	side := e.storedRequest(t, e.a.ID, "110101199003070012", "2026-03-05")
	if _, err := e.st.AppendRequestEvent(ctx, side.ID, rq.EventRecord{UserID: handler.ID,
		Event: rq.SupplementRequested{Date: workday.MustParse("2026-03-06"), Due: workday.MustParse("2026-03-18")}}); err != nil {
		t.Fatal(err)
	}
	// Supplemented online by the applicant: the clock restarts, nothing
	// is due, but the handler has new material to read.
	online := e.storedRequest(t, e.a.ID, "110101199003070013", "2026-03-09")
	for _, ev := range []rq.EventRecord{
		{UserID: handler.ID, Event: rq.SupplementRequested{Date: workday.MustParse("2026-03-10"), Due: workday.MustParse("2026-03-31")}},
		{Event: rq.SupplementReceived{Date: workday.MustParse("2026-03-13"), Channel: rq.Online}},
	} {
		if _, err := e.st.AppendRequestEvent(ctx, online.ID, ev); err != nil {
			t.Fatal(err)
		}
	}
	calm := e.storedRequest(t, e.a.ID, "110101199003070014", "2026-03-13")
	elsewhere := e.storedRequest(t, e.b.ID, "110101199003070015", "2026-02-02")

	handlerHome := func() string {
		code, page := e.get(t, "/admin/", e.login(handler.Username))
		if code != 200 {
			t.Fatalf("handler home: %d", code)
		}
		return page
	}
	page := handlerHome()
	pressing := section(page, "work-pressing")
	for _, q := range []rq.Request{overdue, side} {
		if !strings.Contains(pressing, `href="/admin/requests/`+itoa(q.ID)+`"`) {
			t.Errorf("pressing list lacks request %s:\n%s", q.Code, pressing)
		}
	}
	for _, q := range []rq.Request{online, calm, elsewhere} {
		if strings.Contains(pressing, q.Code) {
			t.Errorf("pressing list shows request %s", q.Code)
		}
	}
	if !strings.Contains(pressing, "补正期限 2026-03-18") {
		t.Errorf("the side deadline is not shown:\n%s", pressing)
	}
	if strings.Index(pressing, overdue.Code) > strings.Index(pressing, side.Code) {
		t.Errorf("the overdue request is not listed first")
	}
	if sup := section(page, "work-supplements"); !strings.Contains(sup, `href="/admin/requests/`+itoa(online.ID)+`"`) || strings.Contains(sup, side.Code) {
		t.Errorf("supplement list:\n%s", sup)
	}
	if !regexp.MustCompile(`依申请公开 <span class="nav-count">.*?2<`).MatchString(page) {
		t.Errorf("navigation does not count the 2 pressing requests")
	}
	// Received in township A: one in February, three in March.
	if c := between(page, `id="chart-received"`, "</figure>"); !strings.Contains(c, "<th scope=\"row\">2月</th><td class=\"num\">1件</td>") ||
		!strings.Contains(c, "<th scope=\"row\">3月</th><td class=\"num\">3件</td>") {
		t.Errorf("chart of requests received:\n%s", c)
	}
	// Once staff act on the supplement (here: answer), it leaves the
	// list, and the charts count the answer, given on time.
	if _, err := e.st.AppendRequestEvent(ctx, online.ID, rq.EventRecord{UserID: handler.ID,
		Event: rq.Answered{Date: workday.MustParse("2026-03-16"), Outcome: "三.一"}}); err != nil {
		t.Fatal(err)
	}
	page = handlerHome()
	if sup := section(page, "work-supplements"); strings.Contains(sup, online.Code) {
		t.Errorf("a supplement staff acted on is still new")
	}
	if c := between(page, `id="chart-outcomes"`, "</figure>"); !strings.Contains(c, "予以公开") {
		t.Errorf("chart of outcomes:\n%s", c)
	}
	if c := between(page, `id="chart-on-time"`, "</figure>"); !strings.Contains(c, "<th scope=\"row\">3月</th><td class=\"num\">1件</td><td class=\"num\">0件</td>") {
		t.Errorf("chart of answers on time:\n%s", c)
	}

	// Documents: one waiting for review, one returned with a reason.
	actor := store.Actor{UserID: e.users[auth.RoleEditor].ID, Username: e.users[auth.RoleEditor].Username}
	statutory, err := e.st.ColumnBySlug(ctx, e.a.ID, "statutory")
	if err != nil {
		t.Fatal(err)
	}
	draft := func(title string) int64 {
		id, err := e.st.CreateDraft(ctx, disclosure.Document{BodyID: e.a.ID, ColumnID: statutory.ID, Title: title,
			Format: disclosure.FormatHTML, Source: "<p>正文</p>"}, actor)
		if err != nil {
			t.Fatal(err)
		}
		if err := e.st.SubmitDocument(ctx, id, actor); err != nil {
			t.Fatal(err)
		}
		return id
	}
	waiting := draft("关于春季防火的通知")
	returned := draft("关于道路维修的公告")
	if err := e.st.ReturnDocument(ctx, returned, "文号有误，请核对", store.Actor{UserID: e.users[auth.RoleReviewer].ID}); err != nil {
		t.Fatal(err)
	}
	// A news column last updated 2026-03-05: due by 03-19, within the
	// two weeks the editor's list looks ahead.
	newsID, err := e.st.CreateColumn(ctx, disclosure.Column{BodyID: e.a.ID, Slug: "news", Name: "工作动态", Position: 5,
		Type: disclosure.ColumnNews, Period: disclosure.DefaultPeriod(disclosure.ColumnNews)})
	if err != nil {
		t.Fatal(err)
	}
	news, err := e.st.Column(ctx, newsID)
	if err != nil {
		t.Fatal(err)
	}
	pub := time.Date(2026, 3, 5, 9, 0, 0, 0, chinaTime)
	e.publish(e.a, news.Slug, "镇领导调研春耕", &pub)

	_, page = e.get(t, "/admin/", e.login(e.users[auth.RoleReviewer].Username))
	if r := section(page, "work-review"); !strings.Contains(r, `href="/admin/documents/`+itoa(waiting)+`/review"`) || strings.Contains(r, "道路维修") {
		t.Errorf("reviewer's queue:\n%s", r)
	}
	if !regexp.MustCompile(`概览 <span class="nav-count">.*?1<`).MatchString(page) {
		t.Errorf("navigation does not count the document to review")
	}
	if section(page, "work-pressing") != "" {
		t.Errorf("a reviewer sees the handler's list")
	}
	_, page = e.get(t, "/admin/", e.login(e.users[auth.RoleEditor].Username))
	if r := section(page, "work-returned"); !strings.Contains(r, `href="/admin/documents/`+itoa(returned)+`/edit"`) ||
		!strings.Contains(r, "文号有误，请核对") || strings.Contains(r, "春季防火") {
		t.Errorf("editor's returned list:\n%s", r)
	}
	if c := section(page, "work-columns"); !strings.Contains(c, "工作动态") || !strings.Contains(c, "2026-03-19") {
		t.Errorf("editor's columns due:\n%s", c)
	}

	_, page = e.get(t, "/admin/", e.login(e.users[auth.RoleBodyAdmin].Username))
	if o := section(page, "work-overdue"); !strings.Contains(o, overdue.Code) || strings.Contains(o, side.Code) || strings.Contains(o, elsewhere.Code) {
		t.Errorf("单位管理员's overdue list:\n%s", o)
	}

	// A supervisor of the county's subtree sees every township's checks.
	e.createUser("county-supervisor", auth.Grant{Role: auth.RoleSupervisor, BodyID: e.root.ID, Subtree: true})
	_, page = e.get(t, "/admin/", e.login("county-supervisor"))
	checks := section(page, "check-title")
	for _, b := range []string{e.root.Name, e.a.Name, e.b.Name} {
		if !strings.Contains(checks, b) {
			t.Errorf("supervisor's website checks lack %s:\n%s", b, checks)
		}
	}
}
