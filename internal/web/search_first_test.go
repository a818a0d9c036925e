package web

import (
	"context"
	"strings"
	"testing"
)

// TestSearchFirst: the search page is one box with the filters folded
// under 高级检索 (unfolded when a filter is in use); the theme filter
// offers only themes with documents on the site searched; each result
// shows its column, 索引号 and date.
func TestSearchFirst(t *testing.T) {
	e := newTestEnv(t)
	e.withSearch()
	f := newSearchFixture(e)
	doc, err := e.st.Document(context.Background(), f.a)
	if err != nil {
		t.Fatal(err)
	}
	_, page := get(e, "/b/chengguan/search?q=%E9%98%B2%E6%B1%9B")
	if !strings.Contains(page, `<details class="advanced">`) || !strings.Contains(page, "<summary>高级检索</summary>") {
		t.Errorf("the filters are not folded under 高级检索")
	}
	if i, j := strings.Index(page, `id="q"`), strings.Index(page, "<summary>高级检索</summary>"); i < 0 || i > j {
		t.Errorf("the search box does not come before the filters")
	}
	hit := between(page, `href="/b/chengguan/d/`+idStr(f.a)+`"`, "</li>")
	if !strings.Contains(hit, "法定主动公开内容") || !strings.Contains(hit, "索引号 "+doc.IndexNo) ||
		!strings.Contains(hit, `<time datetime="`+doc.Published.In(chinaTime).Format("2006-01-02")+`"`) {
		t.Errorf("result without column, 索引号 and date:\n%s", hit)
	}
	themes := between(page, `<select id="theme"`, "</select>")
	if !strings.Contains(themes, `value="0301"`) || !strings.Contains(themes, `value="03"`) || strings.Contains(themes, `value="05"`) ||
		strings.Contains(themes, `value="0502"`) {
		t.Errorf("the body's theme filter offers themes without documents here:\n%s", themes)
	}
	// The site-wide search offers every body's themes, and a filter in
	// use unfolds 高级检索.
	_, page = get(e, "/search?q=%E9%98%B2%E6%B1%9B&theme=0502")
	if themes := between(page, `<select id="theme"`, "</select>"); !strings.Contains(themes, `value="0301"`) || !strings.Contains(themes, `value="0502" selected`) ||
		strings.Contains(themes, `value="01"`) {
		t.Errorf("site-wide theme filter:\n%s", themes)
	}
	if !strings.Contains(page, `<details class="advanced" open>`) {
		t.Errorf("a filter in use leaves 高级检索 folded")
	}
}
