package disclosure

import (
	"strings"
	"testing"
)

func TestRenderTextBody(t *testing.T) {
	cases := []struct {
		name, in, want string
	}{
		{"one paragraph per line",
			"第一段。\n第二段。\r\n\r\n　　第三段。",
			"<p>第一段。</p><p>第二段。</p><p>第三段。</p>"},
		{"escaped, not markup",
			`<script>alert(1)</script> & <b>`,
			"<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;</p>"},
		{"addressee at the margin",
			"各村（居）委会、镇直各单位：\n现将有关事项通知如下。",
			`<p class="doc-addressee">各村（居）委会、镇直各单位：</p><p>现将有关事项通知如下。</p>`},
		{"headings of three levels",
			"一、总体要求\n（一）工作目标\n1.完成时限\n正文。",
			"<h2>一、总体要求</h2><h3>（一）工作目标</h3><h4>1.完成时限</h4><p>正文。</p>"},
		{"bold lead-in when the paragraph goes on",
			"（二）加强组织领导。各村要明确专人负责。",
			"<p><strong>（二）加强组织领导。</strong>各村要明确专人负责。</p>"},
		{"a numbered sentence is a paragraph",
			"2.申请人应当提交身份证明材料；",
			"<p>2.申请人应当提交身份证明材料；</p>"},
		{"a figure is not a number",
			"10.5万元用于道路维修",
			"<p>10.5万元用于道路维修</p>"},
		{"signature and date right-aligned",
			"特此通知。\n\n　　　　吴城镇人民政府\n　　　　2026年3月5日",
			`<p>特此通知。</p><div class="doc-signature"><p>吴城镇人民政府</p><p>2026年3月5日</p></div>`},
		{"joint signature, Chinese numerals, spaced date, 附注",
			"特此通知。\n吴城镇人民政府\n吴城镇财政所\n二〇二六年三月 五日\n（此件公开发布）",
			`<p>特此通知。</p><div class="doc-signature"><p>吴城镇人民政府</p><p>吴城镇财政所</p><p>二〇二六年三月 五日</p></div><p class="doc-note">（此件公开发布）</p>`},
		{"a sentence above the date is not a signature",
			"请于3月10日前报送。\n2026年3月5日",
			`<p>请于3月10日前报送。</p><div class="doc-signature"><p>2026年3月5日</p></div>`},
		{"a date inside the text is not a signature",
			"2026年3月5日\n会议在镇政府召开。",
			"<p>2026年3月5日</p><p>会议在镇政府召开。</p>"},
		{"attachment note kept as one block",
			"特此通知。\n附件：1.申请表\n2.承诺书\n吴城镇人民政府\n2026年3月5日",
			`<p>特此通知。</p><div class="doc-attachments"><p>附件：1.申请表</p><p>2.承诺书</p></div><div class="doc-signature"><p>吴城镇人民政府</p><p>2026年3月5日</p></div>`},
		{"tab-separated lines are a table",
			"名单如下。\n姓名\t村\n张三\t东村\n李四\t西村",
			`<p>名单如下。</p><table><thead><tr><th scope="col">姓名</th><th scope="col">村</th></tr></thead><tbody><tr><td>张三</td><td>东村</td></tr><tr><td>李四</td><td>西村</td></tr></tbody></table>`},
		{"empty", " \n\u3000\n", ""},
	}
	for _, c := range cases {
		got, err := RenderBody(FormatText, c.in)
		if err != nil || got != c.want {
			t.Errorf("%s: RenderBody(text, %q)\n got %q, %v\nwant %q", c.name, c.in, got, err, c.want)
		}
	}
}

// The sanitiser keeps the layout's classes and no other.
func TestBodyPolicyClasses(t *testing.T) {
	got := SanitizeBody(`<div class="doc-signature"><p class="doc-note">a</p></div><p class="evil">b</p><span class="doc-note">c</span>`)
	want := `<div class="doc-signature"><p class="doc-note">a</p></div><p>b</p><span>c</span>`
	if got != want {
		t.Errorf("SanitizeBody = %q, want %q", got, want)
	}
	if !strings.Contains(SanitizeBody(`<table><col width="10%"></table>`), `width="10%"`) {
		t.Error("column widths lost")
	}
}
