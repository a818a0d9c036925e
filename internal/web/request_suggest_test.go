package web

import (
	"context"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/auth"
	rq "github.com/gongkai/gongkai/internal/request"
	"github.com/gongkai/gongkai/internal/workday"
)

// TestRequestPageSuggestsNextStep: the request page puts the likely next
// step first, unfolded, with the deadline that makes it likely — 受理 or
// the 补正 notice (with its 7-day deadline) on a new application, the
// answer once accepted — and folds the other steps under 其他步骤; a
// refused form among the folded ones opens them again.
func TestRequestPageSuggestsNextStep(t *testing.T) {
	e := newTestEnv(t)
	e.withClock("2026-03-04")
	handler := e.login(e.users[auth.RoleHandler].Username)
	q := e.storedRequest(t, e.a.ID, "110101199003070011", "2026-03-02")
	path := "/admin/requests/" + itoa(q.ID)

	_, page := e.get(t, path, handler)
	if !strings.Contains(page, "建议：受理申请，或发出补正通知（期限 3月11日）") {
		t.Errorf("new application: no suggestion of 受理 and the 补正 notice:\n%s", between(page, `id="steps-title"`, "</section>"))
	}
	folded := strings.Index(page, "<summary>其他步骤</summary>")
	if folded < 0 {
		t.Fatalf("the other steps are not folded")
	}
	for _, kind := range []string{"accepted", "supplement-requested"} {
		i := strings.Index(page, `<h3 id="step-`+kind+`">`)
		if i < 0 || i > folded {
			t.Errorf("step %s is not among the leading steps", kind)
		}
		if open := strings.LastIndex(page[:i], "<details"); !strings.Contains(page[open:i], " open") {
			t.Errorf("leading step %s is folded", kind)
		}
	}
	if i := strings.Index(page, `<h3 id="step-answered">`); i < folded {
		t.Errorf("the answer is not folded on a new application")
	}

	if _, err := e.st.AppendRequestEvent(context.Background(), q.ID, rq.EventRecord{UserID: e.users[auth.RoleHandler].ID,
		Event: rq.Accepted{Date: workday.MustParse("2026-03-03")}}); err != nil {
		t.Fatal(err)
	}
	_, page = e.get(t, path, handler)
	if !strings.Contains(page, "建议：作出答复") || !strings.Contains(page, "答复期限 3月30日") {
		t.Errorf("accepted: no suggestion to answer by 3月30日:\n%s", between(page, `id="steps-title"`, "</section>"))
	}
	// A refused step among the folded ones comes back unfolded.
	_, page = e.post(t, path+"/events", map[string][]string{"kind": {"extended"}, "date": {"2026-03-04"}, "days": {"30"}}, handler)
	if !strings.Contains(page, `<details class="other-steps" open>`) {
		t.Errorf("a refused folded step does not open the other steps")
	}
}

// TestStaffPagesHaveNoDeveloperHints: staff pages speak of the console,
// not of API paths (the tokens page, which is about the API, aside).
func TestStaffPagesHaveNoDeveloperHints(t *testing.T) {
	e := newTestEnv(t)
	admin := e.login(e.users[auth.RoleSysAdmin].Username)
	q := e.storedRequest(t, e.a.ID, "110101199003070011", "2026-03-02")
	for _, path := range []string{"/admin/", "/admin/requests", "/admin/bodies/" + itoa(e.a.ID) + "/requests",
		"/admin/requests/" + itoa(q.ID), "/admin/bodies/" + itoa(e.a.ID)} {
		code, page := e.get(t, path, admin)
		if code != 200 {
			t.Errorf("%s: %d", path, code)
		}
		if strings.Contains(page, "/api/v1") || strings.Contains(page, "接口") {
			t.Errorf("%s mentions the API", path)
		}
	}
}
