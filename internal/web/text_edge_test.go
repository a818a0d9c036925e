package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/store"
)

// TestTextEdge: NUL bytes and invalid UTF-8 in any text field — the
// public form URL-encoded or multipart, the API's JSON, a staff form, a
// query — are refused at the edge with a Chinese message, and nothing
// reaches the database (on PostgreSQL a NUL used to fail the insert
// with a 500). Issue 14, item 10. On both databases.
func TestTextEdge(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, st *store.Store) {
		e := newTestEnvOn(t, st, true)
		path := "/b/" + e.a.Slug + "/apply"
		apiFile := func(name string) *http.Request {
			r := httptest.NewRequest("POST", "/api/v1/requests", strings.NewReader(`{"body_id":`+idStr(e.a.ID)+
				`,"applicant_type":"自然人","name":"`+name+`","id_type":"护照","id_number":"E12345678","email":"zhang@example.com","sought":"预算","delivery":"电子邮件"}`))
			r.Header.Set("Content-Type", "application/json")
			return r
		}
		tests := []struct {
			name string
			r    *http.Request
		}{
			{"form NUL", request("POST", path, applyForm(url.Values{"name": {"张\x00三"}}), nil)},
			{"form invalid UTF-8", request("POST", path, applyForm(url.Values{"sought": {"预算\xff\xfe"}}), nil)},
			{"form NUL in a field name", request("POST", path, applyForm(url.Values{"x\x00": {"1"}}), nil)},
			{"multipart NUL", multipartPost(t, path, applyForm(url.Values{"address": {"吴城镇\x00"}}), nil, nil)},
			{"multipart file name", multipartPost(t, path, applyForm(nil), []formFile{{"attachments", "a\xff.pdf", []byte("%PDF-1.4")}}, nil)},
			{"API escaped NUL", apiFile(`张\u0000三`)},
			{"API invalid UTF-8", apiFile("张\xff三")},
			{"query", request("GET", "/b/"+e.a.Slug+"/search?q=%00", nil, nil)},
			{"staff form", request("POST", "/admin/bodies/"+idStr(e.a.ID)+"/consultations/1", url.Values{"answer": {"\x00"}},
				e.login(e.users[auth.RoleHandler].Username))},
		}
		for _, tt := range tests {
			w := e.serve(tt.r)
			if w.Code != http.StatusBadRequest || !strings.Contains(w.Body.String(), "无效字符") {
				t.Errorf("%s: %d, want 400 naming the invalid characters\n%.800s", tt.name, w.Code, w.Body.String())
			}
		}
		list, err := st.RequestsForBody(context.Background(), e.a.ID, store.RequestFilter{})
		if err != nil || len(list) != 0 {
			t.Errorf("stored: %d, %v; want none", len(list), err)
		}
	})
}
