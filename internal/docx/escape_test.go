package docx

import (
	"strings"
	"testing"
)

func TestEscape(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"a&b", "a&amp;b"},
		{"<w:t>", "&lt;w:t&gt;"},
		{`"quoted" 'too'`, "&#34;quoted&#34; &#39;too&#39;"},
		{"a\x00b\x01\x08\x0b\x0c\x1fc", "abc"}, // control characters: not even &#0; is XML
		{"x\ufffe\uffffy", "xy"},               // noncharacters XML 1.0 excludes
		{"tab\tnl\ncr\r", "tab&#x9;nl&#xA;cr&#xD;"},
		{"bad\xffutf8", "bad\ufffdutf8"},
		{"中文“引号”—", "中文“引号”—"},
	} {
		if got := escape(tt.in); got != tt.want {
			t.Errorf("escape(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestHostileStringsStayWellFormed puts markup, quotes and control
// characters into every string of the model: the package must still be
// well-formed, and the text must read back as written, less what XML
// cannot hold.
func TestHostileStringsStayWellFormed(t *testing.T) {
	const hostile = "A&B <w:p/> \"q\" 'a' \x00\x07\x1b\ufffe end"
	const readable = "A&B <w:p/> \"q\" 'a'  end"
	font := Font{EastAsia: hostile, Latin: hostile}
	d := &Document{
		Props: Properties{Title: hostile, Subject: hostile, Creator: hostile, Description: hostile, Keywords: hostile, Language: hostile},
		Font:  font, PageNumbers: true, PageNumberFont: font,
		Styles: []Style{{ID: hostile, Name: hostile, BasedOn: "Normal", Next: hostile, Run: RunStyle{Font: font, Color: hostile}}},
	}
	ps := ParaStyle{StyleID: hostile, Align: Align(hostile), Mark: RunStyle{Font: font}}
	rs := RunStyle{Font: font, Color: hostile}
	d.Add(
		P(ps, Text(hostile, rs)),
		Table{Columns: []int{100}, Align: Align(hostile), Rows: []TableRow{{Cells: []TableCell{
			{VAlign: VAlign(hostile), Shade: hostile, Paragraphs: []Paragraph{P(ps, Text(hostile, rs))}},
		}}}},
	)
	data, err := d.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	parts, err := unpack(data)
	if err != nil {
		t.Fatal(err)
	}
	got := texts(parts["word/document.xml"])
	if len(got) != 2 || got[0] != readable || got[1] != readable {
		t.Errorf("document text = %q, want %q twice", got, readable)
	}
	if !strings.Contains(string(parts["docProps/core.xml"]), "<dc:title>A&amp;B &lt;w:p/&gt; &#34;q&#34; &#39;a&#39;  end</dc:title>") {
		t.Errorf("core.xml title not escaped once:\n%s", parts["docProps/core.xml"])
	}
}
