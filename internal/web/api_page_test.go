package web

import (
	"net/http"
	"testing"

	"github.com/gongkai/gongkai/internal/auth"
)

// TestAPIListPages: a body's requests come in pages of at most limit
// (500 at most) with a cursor to the next, covering every request once;
// a bad cursor or limit is a 400.
func TestAPIListPages(t *testing.T) {
	e := newTestEnv(t)
	for range 5 {
		e.createTestRequest(e.a.ID, false)
	}
	tok, _ := e.token(e.users[auth.RoleHandler])
	base := "/api/v1/bodies/" + itoa(e.a.ID) + "/requests?limit=2"
	seen := map[int64]bool{}
	pages := 0
	for cursor := ""; ; pages++ {
		path := base
		if cursor != "" {
			path += "&cursor=" + cursor
		}
		w := apiCall(e, "GET", path, tok, "")
		page := decode[apiList[apiRequestJSON]](t, w)
		if w.Code != http.StatusOK || len(page.Items) > 2 || page.Total != 5 {
			t.Fatalf("%s: %d, %d items, total %d", path, w.Code, len(page.Items), page.Total)
		}
		for _, q := range page.Items {
			if seen[q.ID] {
				t.Errorf("request %d on two pages", q.ID)
			}
			seen[q.ID] = true
		}
		if cursor = page.NextCursor; cursor == "" {
			break
		}
	}
	if len(seen) != 5 || pages != 2 {
		t.Errorf("saw %d requests on %d pages, want 5 on 3", len(seen), pages+1)
	}
	for _, bad := range []string{"?limit=501", "?cursor=999999", "?cursor=x"} {
		if w := apiCall(e, "GET", "/api/v1/bodies/"+itoa(e.a.ID)+"/requests"+bad, tok, ""); w.Code != http.StatusBadRequest {
			t.Errorf("%s: %d, want 400", bad, w.Code)
		}
	}
	bodies := decode[apiList[apiBodyJSON]](t, apiCall(e, "GET", "/api/v1/bodies?limit=1", tok, ""))
	if len(bodies.Items) != 1 || (bodies.Total > 1 && bodies.NextCursor == "") {
		t.Errorf("bodies page: %+v", bodies)
	}
}
