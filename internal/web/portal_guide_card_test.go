package web

import (
	"strings"
	"testing"
)

// TestGuideCardNeverEmpty: the front page's 指南 card links into the
// generated guide (which needs no document in the column) and names the
// office with its telephone; the links land on the guide's sections.
func TestGuideCardNeverEmpty(t *testing.T) {
	e := newTestEnv(t)
	_, page := get(e, "/b/"+e.a.Slug+"/")
	card := between(page, `<a href="/b/chengguan/c/guide/">政府信息公开指南</a>`, "</section>")
	for _, want := range []string{`href="/b/chengguan/c/guide/#guide-1"`, `href="/b/chengguan/c/guide/#guide-2"`,
		`href="/b/chengguan/c/guide/#guide-3">工作机构：城关镇党政办公室（电话 0551-87654321）`} {
		if !strings.Contains(card, want) {
			t.Errorf("guide card lacks %s:\n%s", want, card)
		}
	}
	_, guide := get(e, "/b/"+e.a.Slug+"/c/guide/")
	for _, id := range []string{"guide-1", "guide-2", "guide-3"} {
		if !strings.Contains(guide, `id="`+id+`"`) {
			t.Errorf("the guide has no section #%s", id)
		}
	}
}
