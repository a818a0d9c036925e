package annualreport

import (
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

func TestBuildGrid(t *testing.T) {
	tests := []struct {
		name string
		rows [][]spanCell
		want []string // rows, cells joined by "|", "^" marks a merged position
	}{
		{
			name: "rowspan and colspan",
			rows: [][]spanCell{
				{{"A", 2, 2}, {"B", 1, 1}},
				{{"C", 1, 1}},
				{{"D", 1, 1}, {"E", 1, 1}, {"F", 1, 1}},
			},
			want: []string{"A|^A|B", "^A|^A|C", "D|E|F"},
		},
		{
			name: "spacer column dropped, ragged rows padded",
			rows: [][]spanCell{
				{{"信息内容", 1, 1}, {"", 1, 1}, {"本年处理决定数量", 1, 1}},
				{{"行政许可", 1, 1}, {"", 1, 1}, {"36", 1, 1}, {"", 1, 1}},
				{{"行政强制", 1, 1}},
			},
			want: []string{"信息内容|本年处理决定数量", "行政许可|36", "行政强制|"},
		},
		{
			name: "rowspan past the end and huge colspan are clamped",
			rows: [][]spanCell{
				{{"X", 40, 1}, {"Y", 1, 100000}},
				{{"Z", 1, 1}},
			},
			want: []string{"X|Y" + strings.Repeat("|^Y", maxColspan-1), "^X|Z" + strings.Repeat("|", maxColspan-1)},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g := buildGrid(tc.rows)
			var got []string
			for _, row := range g.Rows {
				var cells []string
				for _, c := range row {
					s := c.Text
					if !c.Origin {
						s = "^" + s
					}
					cells = append(cells, s)
				}
				got = append(got, strings.Join(cells, "|"))
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

func TestDecodeHTMLCharset(t *testing.T) {
	gbk := func(s string) []byte {
		b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	page := `<html><head>%s</head><body><p>一、总体情况</p></body></html>`
	tests := []struct {
		name string
		data []byte
	}{
		{"gb2312 declared", gbk(strings.Replace(page, "%s", `<meta http-equiv="Content-Type" content="text/html; charset=gb2312">`, 1))},
		{"gbk without declaration", gbk(strings.Replace(page, "%s", "", 1))},
		{"utf-8 mislabelled gb2312", []byte(strings.Replace(page, "%s", `<meta charset="gb2312">`, 1))},
		{"gbk mislabelled utf-8", gbk(strings.Replace(page, "%s", `<meta charset="utf-8">`, 1))},
		{"utf-8 with BOM", append([]byte("\xef\xbb\xbf"), strings.Replace(page, "%s", "", 1)...)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := decodeHTMLBytes(tc.data); !strings.Contains(got, "一、总体情况") {
				t.Errorf("decoded %q", got)
			}
		})
	}
}

// TestReadHTMLParagraphs: <br> splits paragraphs, a bold heading running
// into its text is split, nbsp padding and nested inline markup vanish.
func TestReadHTMLParagraphs(t *testing.T) {
	page := `<html><body><div class="article"><h1>某某县人民政府2021年政府信息公开工作年度报告</h1>
<p><b>一、总体情况</b>本年度<font color=red><span>主动</span>公开</font>信息&nbsp;&nbsp;10条。<br>第二句。</p>
<p>　　二、主动公开政府信息情况</p></div></body></html>`
	doc, err := readHTML([]byte(page))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, b := range doc.Blocks {
		got = append(got, b.Text)
	}
	want := []string{"某某县人民政府2021年政府信息公开工作年度报告", "一、总体情况", "本年度主动公开信息 10条。", "第二句。", "二、主动公开政府信息情况"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q\nwant %q", got, want)
	}
}
