package search

import (
	"strings"
	"testing"
)

func TestSnippetHTML(t *testing.T) {
	long := strings.Repeat("前", 100) + "岚溪镇政府信息公开" + strings.Repeat("后", 200)
	tests := []struct {
		name, text, query string
		want              []string // substrings of the snippet
		wantNot           []string
	}{
		{name: "window around the first match", text: long, query: "信息公开",
			want: []string{"…前", "政府<mark>信息公开</mark>后", "后…"}},
		{name: "overlapping terms merge", text: "本镇政府信息公开工作", query: "政府信息 信息公开",
			want: []string{"本镇<mark>政府信息公开</mark>工作"}},
		{name: "no match shows the opening", text: "第一句。" + strings.Repeat("文", 200), query: "标题词",
			want: []string{"第一句。"}, wantNot: []string{"<mark>", "…第"}},
		{name: "fullwidth original is kept", text: "执行ＧＢ／Ｔ标准", query: "gb",
			want: []string{"执行<mark>ＧＢ</mark>／Ｔ"}},
		{name: "pieces when apart", text: "2023 年度决算", query: "2023年",
			want: []string{"<mark>2023</mark> <mark>年</mark>度"}},
		{name: "markup escaped", text: `<b onclick="x">公开</b> & 透明`, query: "公开",
			want: []string{`&lt;b onclick=&#34;x&#34;&gt;<mark>公开</mark>&lt;/b&gt; &amp; 透明`}, wantNot: []string{"<b"}},
	}
	for _, tt := range tests {
		q, err := ParseQuery(tt.query)
		if err != nil {
			t.Fatal(err)
		}
		got := string(SnippetHTML(tt.text, q.Terms))
		for _, w := range tt.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: snippet %q lacks %q", tt.name, got, w)
			}
		}
		for _, w := range tt.wantNot {
			if strings.Contains(got, w) {
				t.Errorf("%s: snippet %q has %q", tt.name, got, w)
			}
		}
		if n := len([]rune(got)); n > snippetLength+200 {
			t.Errorf("%s: snippet of %d characters", tt.name, n)
		}
	}
}

// TestSnippetWindowSameAsWholeText: cutting the window first changes
// nothing a reader sees, for matches at the start, the end, across the
// window's edges, in fullwidth text and by pieces.
func TestSnippetWindowSameAsWholeText(t *testing.T) {
	filler := strings.Repeat("本县财政预算执行情况良好，", 40)
	texts := []string{
		"", "公开", "信息公开", filler, filler + "岚溪镇政府信息公开", "岚溪镇政府信息公开" + filler,
		filler + "青石岭水库移民" + filler + "青石岭水库移民",
		strings.Repeat("前", 29) + "政府信息公开" + strings.Repeat("后", 88) + "信息公开政府" + filler,
		strings.Repeat("前", 31) + "政府信息公开" + strings.Repeat("后", 86) + "公开信息" + filler,
		"执行ＧＢ／Ｔ标准" + filler + "ＧＢ", filler + "2023 年度决算" + filler + "2023年", "预算" + filler + "2023",
	}
	queries := []string{"公开", "信息公开", "政府信息 公开", "青石岭水库移民", "gb", "2023年", "预算执行", "无此词语", "岚溪 2023年"}
	for _, text := range texts {
		for _, query := range queries {
			q, err := ParseQuery(query)
			if err != nil {
				t.Fatal(err)
			}
			want := wholeTextSnippet([]rune(text), foldString(text), q.Terms)
			if got := string(SnippetHTML(text, q.Terms)); got != want {
				t.Errorf("%q in %.20q…:\ngot  %s\nwant %s", query, text, got, want)
			}
		}
	}
}
