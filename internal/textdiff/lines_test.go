package textdiff

import (
	"slices"
	"testing"
)

func TestTextLines(t *testing.T) {
	for _, c := range []struct {
		src  string
		want []string
	}{
		{"", nil},
		{"\n\n  \n", nil},
		{"## 第一条\r\n\r\n正文  \n- 项目\n  - 子项目\n", []string{"## 第一条", "正文", "- 项目", "  - 子项目"}},
		{"无换行结尾", []string{"无换行结尾"}},
	} {
		if got := TextLines(c.src); !slices.Equal(got, c.want) {
			t.Errorf("TextLines(%q) = %q, want %q", c.src, got, c.want)
		}
	}
}

func TestHTMLLines(t *testing.T) {
	for _, c := range []struct {
		src  string
		want []string
	}{
		{"", nil},
		{"<p>甲</p><p>乙</p>", []string{"<p>甲</p>", "<p>乙</p>"}},
		{"<h2>第一条</h2>  <P>正文</P >\n\n<ul><li>一</li><li>二</li></ul>",
			[]string{"<h2>第一条</h2>", "<P>正文</P >", "<ul><li>一</li>", "<li>二</li>", "</ul>"}},
		{"第一行<br>第二行<BR/>第三行<br />", []string{"第一行<br>", "第二行<BR/>", "第三行<br />"}},
		{"<table><tr><td>1</td></tr><tr><td>2</td></tr></table>",
			[]string{"<table><tr><td>1</td></tr>", "<tr><td>2</td></tr>", "</table>"}},
		{"<div>a</div><h6>b</h6><blockquote>c</blockquote>", []string{"<div>a</div>", "<h6>b</h6>", "<blockquote>c</blockquote>"}},
		// Not block ends: inline tags, look-alike names, a bare '<'.
		{"<span>a</span><pre>b</pre><brand>c</brand> 1 < 2 </p", []string{"<span>a</span><pre>b</pre><brand>c</brand> 1 < 2 </p"}},
		{"<p>未闭合", []string{"<p>未闭合"}},
	} {
		if got := HTMLLines(c.src); !slices.Equal(got, c.want) {
			t.Errorf("HTMLLines(%q) = %q, want %q", c.src, got, c.want)
		}
	}
}
