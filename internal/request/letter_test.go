package request

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/annualreport"
	"github.com/gongkai/gongkai/internal/workday"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func sampleLetter() Letter {
	return Letter{
		Body:         "吴城镇人民政府",
		DocNo:        "吴政信告〔2026〕3号",
		Applicant:    "张三",
		TrackingCode: "GK-2026-000123",
		Received:     day("2026-03-02"),
		Answered:     day("2026-03-20"),
		Outcome:      "三.三.4",
		Request:      "2025年某企业环境行政处罚决定书<全文>",
		Reasons:      "该信息含有企业的生产工艺参数，属于商业秘密。\n本机关于2026年3月5日书面征求该企业意见，该企业不同意公开并说明了理由。",
		ReviewOrgan:  "某县人民政府",
		Court:        "某县人民法院",
	}
}

func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test -update creates it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (go test -update rewrites it); got:\n%s", name, got)
	}
}

func TestArt36LetterHTMLGolden(t *testing.T) {
	var b bytes.Buffer
	if err := sampleLetter().RenderHTML(&b); err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "letter-3-3-4.html", b.Bytes())
}

func TestArt36LetterDocumentXMLGolden(t *testing.T) {
	d, err := sampleLetter().Document()
	if err != nil {
		t.Fatal(err)
	}
	xml, err := d.DocumentXML()
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "letter-3-3-4.document.xml", xml)
}

func TestArt36LetterSaysWhatTheLawRequires(t *testing.T) {
	var b bytes.Buffer
	if err := sampleLetter().RenderHTML(&b); err != nil {
		t.Fatal(err)
	}
	html := b.String()
	for _, want := range []string{
		"张三：", "吴城镇人民政府（盖章）", "2026年3月20日", "2026年3月2日", "GK-2026-000123",
		"《中华人民共和国政府信息公开条例》第十五条、第三十二条",
		"不予公开（保护第三方合法权益）",
		"60日内依法向某县人民政府申请行政复议", "6个月内依法向某县人民法院提起行政诉讼",
		"&lt;全文&gt;", "@page { size: A4;", "@media print",
	} {
		if !strings.Contains(html, want) {
			t.Errorf("letter lacks %q", want)
		}
	}
}

// TestArt36LetterForEveryOutcome: a letter can be made for every outcome row
// of every format, answered in a year of that format.
func TestArt36LetterForEveryOutcome(t *testing.T) {
	for _, f := range annualreport.Formats() {
		for _, r := range f.OutcomeRows() {
			l := sampleLetter()
			l.Outcome = r.ID
			l.Received = day(strconv.Itoa(f.FromYear) + "-06-01")
			l.Answered = day(strconv.Itoa(f.FromYear) + "-06-20")
			tpl, ok := letterTemplates[r.ID]
			if !ok {
				t.Errorf("format %s: no letter template for %s", f.ID, r.ID)
				continue
			}
			if !tpl.fixedBasis() {
				l.Basis = "《中华人民共和国政府信息公开条例》第三十三条"
			}
			var h bytes.Buffer
			if err := l.RenderHTML(&h); err != nil {
				t.Errorf("format %s, %s: HTML: %v", f.ID, r.ID, err)
				continue
			}
			if name := OutcomeName(f, r.ID); !strings.Contains(h.String(), "办理结果为："+name+"。") {
				t.Errorf("format %s, %s: letter does not name the outcome %q", f.ID, r.ID, name)
			}
			if !strings.Contains(h.String(), tpl.Title) {
				t.Errorf("format %s, %s: letter lacks its title", f.ID, r.ID)
			}
			var d bytes.Buffer
			if err := l.RenderDOCX(&d); err != nil {
				t.Errorf("format %s, %s: DOCX: %v", f.ID, r.ID, err)
			}
		}
	}
}

func TestArt36LetterTemplatesCoverExactlyTheOutcomes(t *testing.T) {
	want := map[string]bool{}
	for _, id := range allOutcomes() {
		want[id] = true
		if _, ok := letterTemplates[id]; !ok {
			t.Errorf("no letter template for outcome %s", id)
		}
	}
	for id := range letterTemplates {
		if !want[id] {
			t.Errorf("letter template for %s, which is no outcome row", id)
		}
	}
}

func TestArt50OutcomeName(t *testing.T) {
	f19, f21 := annualreport.FormatByID("2019"), annualreport.FormatByID("2021")
	tests := []struct {
		f        *annualreport.Format
		id, want string
	}{
		{f21, "三.一", "予以公开"},
		{f21, "三.二", "部分公开"},
		{f21, "三.三.1", "不予公开（属于国家秘密）"},
		{f21, "三.三.3", "不予公开（危及“三安全一稳定”）"},
		{f21, "三.四.2", "无法提供（没有现成信息需要另行制作）"},
		{f21, "三.六.3", "其他处理"},
		{f21, "三.六.1", "其他处理（申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请）"},
		{f19, "三.六", "其他处理"},
		{f19, "三.九", "三.九"},
	}
	for _, tt := range tests {
		if got := OutcomeName(tt.f, tt.id); got != tt.want {
			t.Errorf("OutcomeName(%s, %s) = %q, want %q", tt.f.ID, tt.id, got, tt.want)
		}
	}
}

func TestArt36LetterErrors(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Letter)
		want   string
	}{
		{"no body", func(l *Letter) { l.Body = " " }, "缺少机关名称"},
		{"no reasons", func(l *Letter) { l.Reasons = "" }, "理由"},
		{"no dates", func(l *Letter) { l.Received, l.Answered = workday.Date{}, workday.Date{} }, "收到申请日期、答复日期"},
		{"answered before received", func(l *Letter) { l.Answered = day("2026-03-01") }, "答复日期早于"},
		{"unknown outcome", func(l *Letter) { l.Outcome = "三.七" }, "unknown outcome"},
		{"before the formats", func(l *Letter) { l.Received = day("2018-01-02"); l.Answered = day("2018-02-01") }, "no report format"},
		{"basis needed", func(l *Letter) { l.Outcome = "三.六.3" }, "basis required"},
		{"2019 outcome basis needed in 2021", func(l *Letter) { l.Outcome = "三.六" }, "basis required"},
	}
	for _, tt := range tests {
		l := sampleLetter()
		tt.change(&l)
		err := l.RenderHTML(&bytes.Buffer{})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want %q", tt.name, err, tt.want)
		}
		if _, err := l.Document(); err == nil {
			t.Errorf("%s: DOCX made anyway", tt.name)
		}
	}
}

func TestArt36LetterHandlerBasisIsAdded(t *testing.T) {
	l := sampleLetter()
	l.Outcome = "三.六.2"
	l.Basis = "《某省政府信息公开信息处理费实施细则》第五条"
	var b bytes.Buffer
	if err := l.RenderHTML(&b); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "（国办函〔2020〕109号）和《某省政府信息公开信息处理费实施细则》第五条的规定") {
		t.Errorf("basis not combined:\n%s", b.String())
	}
}

// TestArt29Art36LetterQuotesRequestOnce: the letter quotes the request in its
// first sentence (Art. 36: the answer states what was asked); the
// applicant's own final stop is not doubled by the sentence's
// ("…招标文件。”。" before).
func TestArt29Art36LetterQuotesRequestOnce(t *testing.T) {
	for _, req := range []string{"2025年村道建设项目的招标文件。", "2025年村道建设项目的招标文件", " 2025年村道建设项目的招标文件；\n"} {
		l := sampleLetter()
		l.Request = req
		v, err := l.view()
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasSuffix(v.Paragraphs[0], "申请获取“2025年村道建设项目的招标文件”。") {
			t.Errorf("request %q quoted as %q", req, v.Paragraphs[0])
		}
	}
}

// TestLetterQuotesSupplementArt30: a request supplemented under Art. 30
// is answered as supplemented; the letter says when the 补正 arrived and
// quotes it, without doubling its final stop.
func TestLetterQuotesSupplementArt30(t *testing.T) {
	l := sampleLetter()
	l.Supplement = &SupplementQuote{Received: day("2026-03-09"), Text: "所需信息为该企业2025年的处罚决定书。\n"}
	v, err := l.view()
	if err != nil {
		t.Fatal(err)
	}
	want := "本机关依法通知您补正后，于2026年3月9日收到您的补正材料，补正内容为：“所需信息为该企业2025年的处罚决定书”。"
	if v.Paragraphs[1] != want {
		t.Errorf("second paragraph %q, want %q", v.Paragraphs[1], want)
	}
	l.Supplement = nil
	if v, _ := l.view(); strings.Contains(strings.Join(v.Paragraphs, ""), "补正") {
		t.Error("a letter without a supplement mentions one")
	}
}
