package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/store"
)

// TestApplyThrottled: the /apply form is limited like the API, per
// address and per applicant identity, the two share one count, and
// attachments count against a daily byte budget per address checked
// before the body is read. On both databases.
func TestApplyThrottled(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, st *store.Store) {
		e := newTestEnvOn(t, st, true)
		e.srv.filingLimit = 3
		dir := e.useFileBlobs(t)
		path := "/b/" + e.a.Slug + "/apply"
		from := func(addr string, r *http.Request) *http.Request {
			r.RemoteAddr = addr + ":40000"
			return r
		}
		org := url.Values{"applicant_type": {"商业企业"}, "id_type": {idUSCC}, "id_number": {testUSCC}}
		// Each application asks for something else: an identical one
		// within a minute is refused as sent twice, not throttled.
		n := 0
		form := func(v url.Values) url.Values {
			n++
			f := applyForm(v)
			f.Set("sought", "第"+strconv.Itoa(n)+"份村道建设项目的招标文件")
			return f
		}

		// A burst from one address: the limit, then 429.
		for i := range 3 {
			if w := e.serve(from("192.0.2.1", request("POST", path, form(nil), nil))); w.Code != http.StatusSeeOther {
				t.Fatalf("application %d: %d\n%.1000s", i+1, w.Code, w.Body.String())
			}
		}
		if w := e.serve(from("192.0.2.1", request("POST", path, form(org), nil))); w.Code != http.StatusTooManyRequests ||
			!strings.Contains(w.Body.String(), "提交过于频繁") {
			t.Errorf("4th from one address: %d, want 429", w.Code)
		}
		// The API counts with the form.
		api := httptest.NewRequest("POST", "/api/v1/requests", strings.NewReader(`{"body_id":`+idStr(e.a.ID)+
			`,"applicant_type":"自然人","name":"张三","id_type":"护照","id_number":"E12345678","email":"zhang@example.com","sought":"预算","delivery":"电子邮件"}`))
		api.Header.Set("Content-Type", "application/json")
		if w := e.serve(from("192.0.2.1", api)); w.Code != http.StatusTooManyRequests {
			t.Errorf("API from the same address: %d, want 429", w.Code)
		}
		// The same applicant from another address is refused; another
		// applicant from there is not.
		if w := e.serve(from("198.51.100.7", request("POST", path, form(nil), nil))); w.Code != http.StatusTooManyRequests {
			t.Errorf("same identity, new address: %d, want 429", w.Code)
		}
		if w := e.serve(from("198.51.100.7", request("POST", path, form(org), nil))); w.Code != http.StatusSeeOther {
			t.Errorf("other identity, new address: %d\n%.1000s", w.Code, w.Body.String())
		}
		list, err := st.RequestsForBody(context.Background(), e.a.ID, store.RequestFilter{})
		if err != nil || len(list) != 4 {
			t.Fatalf("stored: %d, %v; want 4", len(list), err)
		}

		// The byte budget: 2000 bytes a day; a 600-byte file in a 1.3 kB post
		// passes once.
		e.srv.uploadBudget = 2000
		pdf := append([]byte("%PDF-1.4\n"), make([]byte, 591)...)
		post := func() *http.Request {
			return from("203.0.113.9", multipartPost(t, path, form(org), []formFile{{"attachments", "a.pdf", pdf}}, nil))
		}
		if w := e.serve(post()); w.Code != http.StatusSeeOther {
			t.Fatalf("first upload: %d\n%.1000s", w.Code, w.Body.String())
		}
		before := blobFiles(t, dir)
		if w := e.serve(post()); w.Code != http.StatusTooManyRequests || !strings.Contains(w.Body.String(), "今日上传的附件已达上限") {
			t.Errorf("over the budget: %d, want 429\n%.1000s", w.Code, w.Body.String())
		}
		if n := blobFiles(t, dir); n != before {
			t.Errorf("a refused upload changed the blobs: %d → %d", before, n)
		}
		// An application without files is not an upload: the budget
		// does not stop it.
		if w := e.serve(from("203.0.113.9", request("POST", path, form(org), nil))); w.Code != http.StatusSeeOther {
			t.Errorf("text-only application over the budget: %d, want 200", w.Code)
		}
	})
}
