package disclosure

import (
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

// unsafeHTML finds what must never survive sanitising: script elements,
// event-handler attributes and javascript: URLs inside a tag.
var unsafeHTML = regexp.MustCompile(`(?i)<script|<[^>]*\son[a-z]+\s*=|<[^>]*=\s*["']?\s*javascript:`)

// FuzzValidateIndexNo: any string either fails or has the documented
// shape, and a generated 索引号 always validates.
func FuzzValidateIndexNo(f *testing.F) {
	for _, s := range []string{"000014349/2018-00222", "11341702486344515H/202110-00013", "", "/", "a/b-c", "000014349/2018-"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if ValidateIndexNo(s) != nil {
			return
		}
		front, back, _ := strings.Cut(s, "/")
		period, serial, _ := strings.Cut(back, "-")
		if (len(front) != 9 && len(front) != 18) || (len(period) != 4 && len(period) != 6) || (len(serial) != 5 && len(serial) != 6) {
			t.Fatalf("accepted %q", s)
		}
		if err := ValidateIndexNo(IndexNo(front, atoi(period[:4]), 1)); err != nil {
			t.Fatalf("generated from %q: %v", s, err)
		}
	})
}

// FuzzRenderBody: whatever the editor writes, no script or event
// handler reaches the page.
func FuzzRenderBody(f *testing.F) {
	for _, s := range []string{"# 标题", "<script>alert(1)</script>", `<img src=x onerror=alert(1)>`, "[x](javascript:alert(1))"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, format := range []BodyFormat{FormatText, FormatHTML, FormatMarkdown} {
			out, err := RenderBody(format, s)
			if err != nil {
				t.Fatal(err)
			}
			if unsafeHTML.MatchString(out) {
				t.Fatalf("%s %q rendered %q", format, s, out)
			}
		}
	})
}

// FuzzTextBody: any pasted text renders without error to balanced,
// sanitised HTML.
func FuzzTextBody(f *testing.F) {
	for _, s := range []string{"一、总体要求\n（一）目标。正文\n1.时限\n吴城镇人民政府\n2026年3月5日\n（此件公开发布）",
		"附件：1.表\n2.书", "a\tb\nc\td", "各单位：\n<p>x</p>", "\ufeff\r\n\t\r"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out, err := RenderBody(FormatText, s)
		if err != nil {
			t.Fatal(err)
		}
		if unsafeHTML.MatchString(out) {
			t.Fatalf("%q rendered %q", s, out)
		}
		if !utf8.ValidString(s) {
			return
		}
		if strings.Count(out, "<p") != strings.Count(out, "</p>") || strings.Count(out, "<div") != strings.Count(out, "</div>") {
			t.Fatalf("%q rendered unbalanced %q", s, out)
		}
	})
}
