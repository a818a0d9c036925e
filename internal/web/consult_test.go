package web

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/interact"
	"github.com/gongkai/gongkai/internal/store"
	"github.com/gongkai/gongkai/internal/workday"
)

var (
	challengeQuestion = regexp.MustCompile(`验证问题：(.+?)等于几？`)
	challengeToken    = regexp.MustCompile(`name="challenge_token" value="([^"]+)"`)
)

// solveChallenge reads the form's question as a person would and returns
// the answer with the token.
func solveChallenge(t *testing.T, page string) (answer, token string) {
	t.Helper()
	q, tok := challengeQuestion.FindStringSubmatch(page), challengeToken.FindStringSubmatch(page)
	if q == nil || tok == nil {
		t.Fatalf("no challenge on the page:\n%.2000s", page)
	}
	digits := []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"}
	for _, op := range []string{"加", "减"} {
		a, b, ok := strings.Cut(q[1], op)
		if !ok {
			continue
		}
		x, y := slices.Index(digits, a), slices.Index(digits, b)
		if x < 0 || y < 0 {
			break
		}
		if op == "加" {
			return strconv.Itoa(x + y), tok[1]
		}
		return strconv.Itoa(x - y), tok[1]
	}
	t.Fatalf("cannot read challenge %q", q[1])
	return "", ""
}

func (e *testEnv) get(t *testing.T, path string, cookies []*http.Cookie) (int, string) {
	t.Helper()
	w := e.serve(request("GET", path, nil, cookies))
	return w.Code, w.Body.String()
}

func (e *testEnv) post(t *testing.T, path string, form url.Values, cookies []*http.Cookie) (int, string) {
	t.Helper()
	w := e.serve(request("POST", path, form, cookies))
	return w.Code, w.Body.String()
}

// withClock fixes the server's clock at 10:00 Beijing time on day.
func (e *testEnv) withClock(day string) *testClock {
	clk := &testClock{}
	clk.set(day)
	e.srv.now = clk.now
	return clk
}

func TestConsultationFlow(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, st *store.Store) { testConsultationFlow(t, newTestEnvOn(t, st, true)) })
}

func testConsultationFlow(t *testing.T, e *testEnv) {
	e.withClock("2026-06-01")
	const contact, name = "zhang.private@example.com", "张小明"

	ask := func(subject, text, answerOverride string) (int, string) {
		_, page := e.get(t, "/b/chengguan/consult", nil)
		ans, tok := solveChallenge(t, page)
		if answerOverride != "" {
			ans = answerOverride
		}
		return e.post(t, "/b/chengguan/consult", url.Values{"name": {name}, "contact": {contact}, "subject": {subject},
			"question": {text}, "challenge": {ans}, "challenge_token": {tok}}, nil)
	}

	// A wrong answer is refused next to the field, nothing is stored.
	code, page := ask("错误验证", "内容", "99")
	if code != http.StatusUnprocessableEntity || !strings.Contains(page, `id="challenge-error"`) {
		t.Fatalf("bad challenge: %d\n%.1500s", code, page)
	}
	if _, n, _ := e.st.Consultations(context.Background(), e.a.ID, 0, 10); n != 0 {
		t.Fatalf("bad challenge stored %d consultations", n)
	}
	// A forged token is refused too.
	code, _ = e.post(t, "/b/chengguan/consult", url.Values{"subject": {"伪造"}, "question": {"内容"},
		"challenge": {"3"}, "challenge_token": {"9999999999.abc.forged"}}, nil)
	if code != http.StatusUnprocessableEntity {
		t.Errorf("forged token: %d, want 422", code)
	}
	// Missing fields are named.
	code, page = ask("", "", "")
	if code != http.StatusUnprocessableEntity || !strings.Contains(page, "请填写咨询主题") || !strings.Contains(page, "请填写咨询内容") {
		t.Errorf("empty form: %d", code)
	}

	if code, page := ask("周六办公时间", "请问镇政府周六是否办公？", ""); code != http.StatusSeeOther {
		t.Fatalf("ask: %d\n%.1500s", code, page)
	}
	if code, page := e.get(t, "/b/chengguan/consult?sent=1", nil); code != http.StatusOK || !strings.Contains(page, "咨询已提交") {
		t.Errorf("confirmation: %d", code)
	}
	if code, _ := ask("个人社保问题", "我的社保为何断缴？", ""); code != http.StatusSeeOther {
		t.Fatalf("ask second: %d", code)
	}
	list, _, err := e.st.Consultations(context.Background(), e.a.ID, 0, 10)
	if err != nil || len(list) != 2 || list[0].AskedDay != workday.MustParse("2026-06-01") {
		t.Fatalf("stored: %+v, %v", list, err)
	}
	ids := map[string]int64{}
	for _, c := range list {
		ids[c.Subject] = c.ID
	}

	handler := e.login(e.users[auth.RoleHandler].Username)
	base := "/admin/bodies/" + itoa(e.a.ID) + "/consultations/"
	e.runAll(t, []scenario{
		{name: "handler sees the question with its contact", path: base + itoa(ids["周六办公时间"]), session: handler,
			status: http.StatusOK, contains: []string{contact}},
		{name: "withhold without reason", method: "POST", path: base + itoa(ids["个人社保问题"]), session: handler,
			form: url.Values{"answer": {"已电话答复。"}, "withhold": {"1"}}, status: http.StatusUnprocessableEntity,
			contains: []string{"不公开时请说明理由"}},
	})
	steps := []struct {
		id   int64
		form url.Values
	}{
		{ids["周六办公时间"], url.Values{"answer": {"本镇便民服务中心周六上午办公。"}}},
		{ids["个人社保问题"], url.Values{"answer": {"已电话答复。"}, "withhold": {"1"}, "reason": {"涉及个人事项"}}},
	}
	for _, st := range steps {
		if code, page := e.post(t, base+itoa(st.id), st.form, handler); code != http.StatusSeeOther {
			t.Fatalf("answer %d: %d\n%.1500s", st.id, code, page)
		}
	}
	if code, _ := e.post(t, base+itoa(ids["周六办公时间"]), steps[0].form, handler); code != http.StatusUnprocessableEntity {
		t.Errorf("second answer: %d, want 422", code)
	}
	// Another body's path does not reach the consultation.
	if code, _ := e.get(t, "/admin/bodies/"+itoa(e.b.ID)+"/consultations/"+itoa(ids["周六办公时间"]), e.login(e.users[auth.RoleSysAdmin].Username)); code != http.StatusNotFound {
		t.Errorf("consultation through another body: %d, want 404", code)
	}

	e.runAll(t, []scenario{
		{name: "public Q&A", path: "/b/chengguan/consult/answers", status: http.StatusOK,
			contains: []string{"请问镇政府周六是否办公？", "本镇便民服务中心周六上午办公。"},
			// A withheld answer and its question, and who asked, stay off it.
			excludes: []string{"我的社保为何断缴", "已电话答复", contact, name}},
		{name: "page past the end", path: "/b/chengguan/consult/answers?page=3", status: http.StatusNotFound},
		// Contact data is on no public page at all.
		{path: "/b/chengguan/", status: http.StatusOK, excludes: []string{contact}},
		{path: "/b/chengguan/consult", status: http.StatusOK, excludes: []string{contact}},
		{path: "/b/chengguan/comments", status: http.StatusOK, excludes: []string{contact}},
		{name: "another body's Q&A is its own", path: "/b/hekou/consult/answers", status: http.StatusOK, excludes: []string{"周六"}},
	})
}

func TestConsultationRateLimit(t *testing.T) {
	e := newTestEnv(t)
	e.withClock("2026-06-01")
	codes := []int{}
	for range interactLimit + 1 {
		code, _ := e.post(t, "/b/chengguan/consult", url.Values{"subject": {"s"}, "question": {"q"}, "challenge": {"1"}, "challenge_token": {"x"}}, nil)
		codes = append(codes, code)
	}
	if codes[interactLimit-1] != http.StatusUnprocessableEntity || codes[interactLimit] != http.StatusTooManyRequests {
		t.Errorf("codes %v: want 422 until the limit, then 429", codes)
	}
}

func TestConsultationOverdue(t *testing.T) {
	e := newTestEnv(t)
	clk := e.withClock("2026-06-01")
	ctx := context.Background()
	for _, d := range []string{"2026-02-28", "2026-03-01", "2026-03-02"} {
		if _, err := e.st.CreateConsultation(ctx, interact.Consultation{BodyID: e.a.ID, Subject: "咨询" + d, Question: "?",
			Asked: clk.now(), AskedDay: workday.MustParse(d)}); err != nil {
			t.Fatal(err)
		}
	}
	// Limits: 28 May, 1 June and 2 June. On 1 June only the first is
	// overdue; on 2 June the first two.
	sup := e.login(e.users[auth.RoleSupervisor].Username)
	code, page := e.get(t, "/admin/bodies/"+itoa(e.a.ID)+"/consultations", sup)
	if code != http.StatusOK || !strings.Contains(page, "有 1 条咨询超过 3 个月未答复") {
		t.Fatalf("console list: %d\n%.2500s", code, page)
	}
	if strings.Contains(page, "/consultations/") {
		t.Error("a supervisor gets links to the answer page")
	}
	clk.set("2026-06-02")
	_, page = e.get(t, "/admin/", sup)
	if !strings.Contains(page, "超过 3 个月未答复的咨询") || !strings.Contains(page, `<strong class="overdue">2</strong>`) {
		t.Errorf("console home does not count 2 overdue:\n%.3000s", page)
	}
	other := e.createUser("hekou-sup", auth.Grant{Role: auth.RoleSupervisor, BodyID: e.b.ID})
	if _, page := e.get(t, "/admin/", e.login(other.Username)); strings.Contains(page, "超过 3 个月未答复的咨询") {
		t.Error("another body's staff see this body's overdue count")
	}
}

func TestCommentPeriodFlow(t *testing.T) {
	e := newTestEnv(t)
	clk := e.withClock("2026-06-01")
	editor := e.login(e.users[auth.RoleEditor].Username)
	base := "/admin/bodies/" + itoa(e.a.ID) + "/comments"
	open := func(kind, start, end string) (int, string, string) {
		w := e.serve(request("POST", base, url.Values{"title": {"城关镇村道养护办法（征求意见稿）"}, "draft": {"第一条 为加强村道养护……"},
			"kind": {kind}, "start": {start}, "end": {end}}, editor))
		return w.Code, w.Body.String(), w.Header().Get("Location")
	}
	rejects := []struct {
		name, kind, start, end, want string
	}{
		{"normative 6 working days", "normative", "2026-06-01", "2026-06-09", "不得早于2026年6月10日"},
		{"major decision 29 days", "major_decision", "2026-06-01", "2026-06-30", "不少于30日"},
		{"start in the past", "other", "2026-05-31", "2026-06-30", "开始日期不能早于今天"},
		{"bad date", "other", "2026-06-01", "6月30日", "截止日期格式"},
		{"no kind", "", "2026-06-01", "2026-06-30", "请选择文件类型"},
	}
	for _, c := range rejects {
		code, page, _ := open(c.kind, c.start, c.end)
		if code != http.StatusUnprocessableEntity || !strings.Contains(page, c.want) {
			t.Errorf("%s: %d, want 422 with %q", c.name, code, c.want)
		}
	}
	code, page, loc := open("normative", "2026-06-01", "2026-06-10")
	if code != http.StatusSeeOther {
		t.Fatalf("open: %d\n%.1500s", code, page)
	}
	pid := loc[strings.LastIndex(loc, "/")+1:]
	public := "/b/chengguan/comments/" + pid

	code, page = e.get(t, "/b/chengguan/comments", nil)
	if code != http.StatusOK || !strings.Contains(page, "城关镇村道养护办法") || !strings.Contains(page, "正在征求意见") {
		t.Fatalf("public list: %d", code)
	}
	_, page = e.get(t, public, nil)
	ans, tok := solveChallenge(t, page)
	const secret = "建议增加雨季巡查。私人邮箱 li.private@example.com"
	form := url.Values{"name": {"李四"}, "contact": {"li.private@example.com"}, "comment": {secret}, "challenge": {ans}, "challenge_token": {tok}}
	if code, page := e.post(t, public, form, nil); code != http.StatusSeeOther {
		t.Fatalf("comment: %d\n%.1500s", code, page)
	}
	if code, page := e.get(t, public+"?sent=1", nil); code != http.StatusOK || !strings.Contains(page, "您的意见已提交") {
		t.Errorf("confirmation: %d", code)
	}
	bad := url.Values{"comment": {"x"}, "challenge": {"99"}, "challenge_token": {tok}}
	if code, _ := e.post(t, public, bad, nil); code != http.StatusUnprocessableEntity {
		t.Errorf("comment with a wrong answer: %d", code)
	}

	// Closing is refused on the last day; comments still arrive.
	clk.set("2026-06-10")
	closeForm := url.Values{"adoption": {"采纳“增加雨季巡查”的建议，已写入第五条。"}, "adopted": {"1"}}
	if code, page := e.post(t, base+"/"+pid+"/close", closeForm, editor); code != http.StatusUnprocessableEntity || !strings.Contains(page, "征求意见期尚未结束") {
		t.Errorf("close on the last day: %d", code)
	}

	// After the end: no form, a comment is refused.
	clk.set("2026-06-11")
	code, page = e.get(t, public, nil)
	if code != http.StatusOK || strings.Contains(page, `name="comment"`) || !strings.Contains(page, "征求意见已于") {
		t.Errorf("public page after the end: %d", code)
	}
	if code, _ := e.post(t, public, form, nil); code != http.StatusConflict {
		t.Errorf("comment after the end: %d, want 409", code)
	}
	if code, page := e.post(t, base+"/"+pid+"/close", url.Values{"adoption": {"x"}, "adopted": {"2"}}, editor); code != http.StatusUnprocessableEntity || !strings.Contains(page, "不能超过收到的意见条数") {
		t.Errorf("2 adopted of 1: %d", code)
	}
	if code, _ := e.post(t, base+"/"+pid+"/close", closeForm, editor); code != http.StatusSeeOther {
		t.Fatalf("close: %d", code)
	}
	code, page = e.get(t, public, nil)
	if code != http.StatusOK || !strings.Contains(page, "共收到意见 <strong>1</strong> 条，采纳 <strong>1</strong> 条") ||
		!strings.Contains(page, "已写入第五条") {
		t.Fatalf("adoption summary not shown: %d\n%.2500s", code, page)
	}
	_, list := e.get(t, "/b/chengguan/comments", nil)
	for _, p := range []string{page, list} {
		if strings.Contains(p, "li.private@example.com") || strings.Contains(p, "建议增加雨季巡查") {
			t.Error("a comment or its contact is on a public page")
		}
	}
	if !strings.Contains(list, "已结束的意见征集") || !strings.Contains(list, "收到意见 1 条，采纳 1 条") {
		t.Error("closed period missing from the public list")
	}
	// The editor reads the comment with its contact.
	if _, page := e.get(t, base+"/"+pid, editor); !strings.Contains(page, "li.private@example.com") {
		t.Error("the editor does not see the comment")
	}
}
