package web

import (
	"context"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/auth"
	rq "github.com/gongkai/gongkai/internal/request"
	"github.com/gongkai/gongkai/internal/workday"
)

var summaryLinkRE = regexp.MustCompile(`<li><a href="#([^"]+)">`)

// TestErrorSummaryLinksToFields: every form that lists its problems at
// the top links each item to the field it is about, and that field is
// on the page (WCAG 3.3.1), for citizens' and staff's forms alike.
func TestErrorSummaryLinksToFields(t *testing.T) {
	e := newTestEnv(t)
	handler := e.login(e.users[auth.RoleHandler].Username)
	editor := e.login(e.users[auth.RoleEditor].Username)
	a := itoa(e.a.ID)
	q := e.storedRequest(t, e.a.ID, "110101199003070011", "2026-03-02")
	if _, err := e.st.AppendRequestEvent(context.Background(), q.ID, rq.EventRecord{UserID: e.users[auth.RoleHandler].ID,
		Event: rq.Accepted{Date: workday.MustParse("2026-03-03")}}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, path string
		form       url.Values
		cookies    bool
		want       []string // fields the summary must link to
	}{
		{"application", "/b/" + e.a.Slug + "/apply", url.Values{"applicant_type": {"自然人"}}, false, []string{"name", "id_number", "sought"}},
		{"consultation", "/b/" + e.a.Slug + "/consult", url.Values{}, false, []string{"subject", "question"}},
		{"registered request", "/admin/bodies/" + a + "/requests", url.Values{"channel": {"in-person"}}, true, []string{"name", "sought"}},
		{"comment period", "/admin/bodies/" + a + "/comments", url.Values{}, true, []string{"title"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var c = handler
			if tc.name == "comment period" {
				c = editor
			}
			if !tc.cookies {
				c = nil
			}
			_, page := e.post(t, tc.path, tc.form, c)
			alert := between(page, `role="alert"`, "</div>")
			links := summaryLinkRE.FindAllStringSubmatch(alert, -1)
			if len(links) == 0 {
				t.Fatalf("no linked error summary:\n%.3000s", page)
			}
			got := map[string]bool{}
			for _, l := range links {
				got[l[1]] = true
				if !strings.Contains(page, `id="`+l[1]+`"`) {
					t.Errorf("summary links to #%s, which is not on the page", l[1])
				}
			}
			for _, f := range tc.want {
				if !got[f] {
					t.Errorf("summary does not link to %s; links %v", f, links)
				}
			}
		})
	}
}
