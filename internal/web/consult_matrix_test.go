package web

import (
	"context"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gongkai/gongkai/internal/interact"
	"github.com/gongkai/gongkai/internal/workday"
)

// interactMatrixPath fills the consultation ({q}) and comment period
// ({p}) of the public interaction routes with fresh records of bodyID,
// so each authorization case acts on a record it can change: an
// unanswered consultation, and a period whose end has passed.
func (e *testEnv) interactMatrixPath(pattern, p string, bodyID int64) string {
	e.t.Helper()
	ctx := context.Background()
	now := time.Now()
	today := workday.DateOf(now.In(chinaTime))
	if strings.Contains(p, "{q}") {
		id, err := e.st.CreateConsultation(ctx, interact.Consultation{BodyID: bodyID, Subject: "办公时间", Question: "周六办公吗？",
			Contact: "13800000000", Asked: now, AskedDay: today})
		if err != nil {
			e.t.Fatal(err)
		}
		p = strings.ReplaceAll(p, "{q}", strconv.FormatInt(id, 10))
	}
	if strings.Contains(p, "{p}") {
		id, err := e.st.CreateCommentPeriod(ctx, interact.CommentPeriod{BodyID: bodyID, Title: "征求意见稿" + e.unique(),
			Draft: "正文", Kind: "other", Start: today.AddDays(-20), End: today.AddDays(-10), Opened: now})
		if err != nil {
			e.t.Fatal(err)
		}
		p = strings.ReplaceAll(p, "{p}", strconv.FormatInt(id, 10))
	}
	return p
}

// interactMatrixForm is a valid form for each interaction POST route.
func interactMatrixForm(pattern string) (url.Values, bool) {
	today := workday.DateOf(time.Now().In(chinaTime))
	switch pattern {
	case "POST /admin/bodies/{id}/consultations/{q}":
		return url.Values{"answer": {"工作日 8:30–17:30 办公。"}}, true
	case "POST /admin/bodies/{id}/comments":
		return url.Values{"title": {"关于村规民约的意见"}, "draft": {"第一条"}, "kind": {"other"},
			"start": {today.String()}, "end": {today.AddDays(3).String()}}, true
	case "POST /admin/bodies/{id}/comments/{p}/close":
		return url.Values{"adoption": {"未收到意见。"}, "adopted": {"0"}}, true
	}
	return nil, false
}
