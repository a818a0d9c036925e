package request

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

var noticeRequest = NoticeRequest{
	Body: "吴城镇人民政府", Applicant: "张三", TrackingCode: "GK-2026-000123",
	Request:  "2025年某企业环境行政处罚决定书。",
	Received: d("2026-03-02"), Contact: "吴城镇人民政府党政办公室，吴城镇人民路1号，0377-1234567",
	ReviewOrgan: "桐柏县人民政府", Court: "桐柏县人民法院",
}

// noticeHistory sends every kind of notice once: 补正 (Art. 30), 征求第三
// 方意见 (Art. 32), 延长 (Art. 33), 收费 (109号: 250 pages, 4,700 元) and
// 视为放弃 for the unpaid fee.
func noticeHistory() []NoticeEvent {
	return []NoticeEvent{
		{Event: Received{Date: d("2026-03-02"), Channel: Online}},
		{Event: SupplementRequested{Date: d("2026-03-04"), Due: d("2026-03-18")}, DocNo: "吴政信补〔2026〕1号",
			Text: "请写明处罚决定书所涉企业的名称。\n请写明作出处罚的年份或文号。"},
		{Event: SupplementReceived{Date: d("2026-03-10")}},
		{Event: ConsultationStarted{Date: d("2026-03-12"), With: ThirdParty, Party: "某某环保科技有限公司"}, Text: "贵公司2025年环境行政处罚决定书"},
		{Event: ConsultationEnded{Date: d("2026-03-20")}},
		{Event: Extended{Date: d("2026-04-03"), Days: 15, Approver: "李四"}, Text: "申请内容涉及的案卷数量较多，需要逐页审查。"},
		{Event: FeeNoticeSent{Date: d("2026-04-08"), ReceivedOn: d("2026-04-09"), Method: PerPage, Count: 250, Amount: 4700}, Text: "通过“河南省非税收入缴款平台”缴纳"},
		{Event: Abandoned{Date: d("2026-05-15"), Reason: NoPayment}},
	}
}

func mustNotices(t *testing.T, evs []NoticeEvent) []Notice {
	t.Helper()
	return Notices(noticeRequest, evs, cal, DefaultSettings())
}

func noticeHTML(t *testing.T, n Notice) string {
	t.Helper()
	var b bytes.Buffer
	if err := n.RenderHTML(&b); err != nil {
		t.Fatalf("%s: %v", n.Kind, err)
	}
	return b.String()
}

// TestArt30To33Fee109NoticeLettersGolden: each notice of the history, as HTML, against
// its golden file.
func TestArt30To33Fee109NoticeLettersGolden(t *testing.T) {
	ns := mustNotices(t, noticeHistory())
	var kinds []string
	for _, n := range ns {
		kinds = append(kinds, string(n.Kind))
		checkGolden(t, "notice-"+string(n.Kind)+".html", []byte(noticeHTML(t, n)))
	}
	if got := strings.Join(kinds, " "); got != "supplement consultation extension fee abandoned" {
		t.Errorf("notices %s", got)
	}
}

func noticeOf(t *testing.T, kind NoticeKind, evs []NoticeEvent) Notice {
	t.Helper()
	for _, n := range mustNotices(t, evs) {
		if n.Kind == kind {
			return n
		}
	}
	t.Fatalf("no %s notice", kind)
	return Notice{}
}

func requireAll(t *testing.T, html string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(html, w) {
			t.Errorf("letter lacks %q", w)
		}
	}
}

// TestArt30SupplementNoticeLetter: the 补正 notice tells once and
// completely what to supplement and by when, that the period restarts,
// and that no supplement means abandonment.
func TestArt30SupplementNoticeLetter(t *testing.T) {
	n := noticeOf(t, NoticeSupplement, noticeHistory())
	if !n.ToApplicant || n.Title != "政府信息公开申请补正告知书" {
		t.Errorf("notice %+v", n)
	}
	requireAll(t, noticeHTML(t, n), "张三：", "第三十条", "一次性告知", "请写明处罚决定书所涉企业的名称。",
		"请写明作出处罚的年份或文号。", "2026年3月18日前（10个工作日内）", "视为放弃申请", "吴政信补〔2026〕1号",
		"吴城镇人民政府（盖章）", "2026年3月4日", "“2025年某企业环境行政处罚决定书”")
	evs := noticeHistory()[:2]
	evs[1].Text = ""
	if n := noticeOf(t, NoticeSupplement, evs); n.Err == nil || n.RenderHTML(io.Discard) == nil {
		t.Error("a 补正 notice without its content was written")
	}
}

// TestArt33ExtensionNoticeLetter: the extension states the reason, the
// days and the new deadline as the clock computes it (received 3-10
// after the 补正, third party 3-12..3-20 not counted, +15).
func TestArt33ExtensionNoticeLetter(t *testing.T) {
	evs := noticeHistory()
	n := noticeOf(t, NoticeExtension, evs)
	events := make([]Event, 6)
	for i := range events {
		events[i] = evs[i].Event
	}
	st := mustClock(t, events, settingsAsOf("2026-04-03"))
	requireAll(t, noticeHTML(t, n), "第三十三条第二款", "因申请内容涉及的案卷数量较多，需要逐页审查，", "延长15个工作日",
		"延长后的答复期限至"+chineseDate(st.Due)+"。", "不计算在答复期限内")
	if st.Due != d("2026-05-11") {
		t.Errorf("due %s", st.Due)
	}
}

// TestArt32ConsultationLetter: the letter goes to the third party, not
// the applicant, does not name the applicant, and gives the 15 working
// days with their date.
func TestArt32ConsultationLetter(t *testing.T) {
	n := noticeOf(t, NoticeConsultation, noticeHistory())
	if n.ToApplicant {
		t.Error("the consultation letter is addressed to the applicant")
	}
	html := noticeHTML(t, n)
	requireAll(t, html, "某某环保科技有限公司：", "第三十二条", "15个工作日内，即最迟于2026年4月2日前", "由本机关依照",
		"贵公司2025年环境行政处罚决定书", "特此函告。")
	if strings.Contains(html, "张三") {
		t.Error("the third party's letter names the applicant")
	}
	evs := noticeHistory()[:4]
	evs[3].Event = ConsultationStarted{Date: d("2026-03-12"), With: OtherAgency, Party: "桐柏县生态环境局"}
	requireAll(t, noticeHTML(t, noticeOf(t, NoticeConsultation, evs)), "政府信息公开征求意见函", "第三十四条", "视为同意公开")
}

// TestFee109NoticeLetter: 国办函〔2020〕109号: the amount, the method and
// its computation band by band (250 pages → 4,700 元), how to pay, and 20
// working days from the day after the notice arrived; per request, the
// position in the month.
func TestFee109NoticeLetter(t *testing.T) {
	requireAll(t, noticeHTML(t, noticeOf(t, NoticeFee, noticeHistory())), "国办函〔2020〕109号", "按量计收", "共250页",
		"第1至30页免费", "第31至100页共70页，每页10元，计700元", "第101至200页共100页，每页20元，计2000元",
		"第201至250页共50页，每页40元，计2000元", "人民币4700元", "河南省非税收入缴款平台", "次日起20个工作日内",
		"最迟于2026年5月11日前", "2026年4月9日送达", "等待缴费期间不计算在答复期限内", "特此通知。")
	evs := noticeHistory()[:2]
	evs[1] = NoticeEvent{Event: FeeNoticeSent{Date: d("2026-03-04"), Method: PerRequest, Count: 35, Amount: 200}}
	requireAll(t, noticeHTML(t, noticeOf(t, NoticeFee, evs)), "按件计收", "第35件申请", "按每件200元计收", "请与本机关政府信息公开工作机构联系缴纳")
}

// TestArt30Fee109AbandonedNoticeLetter: 视为放弃 for an unpaid fee (三.六.2) and for
// a missing 补正 (Art. 30, 三.六.1): what went unanswered, its deadline,
// the outcome and the remedies.
func TestArt30Fee109AbandonedNoticeLetter(t *testing.T) {
	requireAll(t, noticeHTML(t, noticeOf(t, NoticeAbandoned, noticeHistory())), "政府信息公开申请视为放弃告知书",
		"2026年4月8日向您发出收费通知书，应缴信息处理费4700元", "缴费期限至2026年5月11日", "视为放弃",
		"向桐柏县人民政府申请行政复议", "向桐柏县人民法院提起行政诉讼")
	evs := append(noticeHistory()[:2], NoticeEvent{Event: Abandoned{Date: d("2026-03-20"), Reason: NoSupplement}})
	requireAll(t, noticeHTML(t, noticeOf(t, NoticeAbandoned, evs)), "第三十条", "补正期限至2026年3月18日", "未收到您的补正材料")
}

// TestArt30To36NoticeDOCXParts: every notice as .docx is a zip with the parts of
// a Word document, the page number in its footer and the seal line on
// the right; each then converts to PDF in LibreOffice (skipped only
// where soffice is not installed).
func TestArt30To36NoticeDOCXParts(t *testing.T) {
	ns := mustNotices(t, noticeHistory())
	l := sampleLetter()
	soffice, _ := exec.LookPath("soffice")
	dir := t.TempDir()
	type doc struct {
		name string
		data []byte
	}
	var docs []doc
	for _, n := range ns {
		var b bytes.Buffer
		if err := n.RenderDOCX(&b); err != nil {
			t.Fatal(err)
		}
		docs = append(docs, doc{string(n.Kind), b.Bytes()})
	}
	var b bytes.Buffer
	if err := l.RenderDOCX(&b); err != nil {
		t.Fatal(err)
	}
	docs = append(docs, doc{"answer", b.Bytes()})
	for _, dc := range docs {
		z, err := zip.NewReader(bytes.NewReader(dc.data), int64(len(dc.data)))
		if err != nil {
			t.Fatalf("%s: %v", dc.name, err)
		}
		parts := map[string]string{}
		for _, f := range z.File {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			data, _ := io.ReadAll(rc)
			rc.Close()
			parts[f.Name] = string(data)
		}
		for _, p := range []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml", "docProps/core.xml"} {
			if _, ok := parts[p]; !ok {
				t.Errorf("%s: no part %s", dc.name, p)
			}
		}
		footer := ""
		for name, body := range parts {
			if strings.HasPrefix(name, "word/footer") {
				footer = body
			}
		}
		if !strings.Contains(footer, " PAGE ") {
			t.Errorf("%s: no page number in the footer", dc.name)
		}
		if !strings.Contains(parts["word/document.xml"], "吴城镇人民政府（盖章）") || !strings.Contains(parts["word/document.xml"], `w:jc w:val="right"`) {
			t.Errorf("%s: no right-aligned seal line", dc.name)
		}
		if err := os.WriteFile(filepath.Join(dir, dc.name+".docx"), dc.data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if soffice == "" {
		t.Skip("soffice not installed: the parts were checked, the conversion to PDF was not tried")
	}
	// One LibreOffice start converts them all: it is slow to start.
	args := []string{"--headless", "-env:UserInstallation=file://" + filepath.Join(dir, "profile"), "--convert-to", "pdf", "--outdir", dir}
	for _, dc := range docs {
		args = append(args, filepath.Join(dir, dc.name+".docx"))
	}
	if out, err := exec.Command(soffice, args...).CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	for _, dc := range docs {
		if st, err := os.Stat(filepath.Join(dir, dc.name+".pdf")); err != nil || st.Size() == 0 {
			t.Errorf("%s: LibreOffice made no PDF: %v", dc.name, err)
		}
	}
}

// TestArt33ExtensionNoticeInAnUnannouncedYear: while next year's holidays
// are not announced, a letter states no date that may still move: the
// new deadline follows once the State Council publishes the year.
func TestArt33ExtensionNoticeInAnUnannouncedYear(t *testing.T) {
	r := noticeRequest
	r.Received = d("2026-12-01")
	evs := []NoticeEvent{{Event: Received{Date: d("2026-12-01"), Channel: Online}},
		{Event: Extended{Date: d("2026-12-22"), Days: 20, Approver: "李四"}, Text: "需要调取的档案较多"}}
	ns := Notices(r, evs, cal, DefaultSettings())
	if len(ns) != 1 {
		t.Fatalf("notices %v", ns)
	}
	html := noticeHTML(t, ns[0])
	requireAll(t, html, "延长20个工作日（具体日期将在国务院办公厅公布2027年节假日安排后确定）。")
	if strings.Contains(html, "2027年1月") || strings.Contains(html, "2027年2月") {
		t.Error("the letter states a provisional date")
	}
}

// TestArt33SecondExtensionNoticeRefused: Art. 33 allows one extension; a
// history the clock refuses leaves that notice unwritten, with the
// clock's reason, and the notices before it as they were.
func TestArt33SecondExtensionNoticeRefused(t *testing.T) {
	evs := []NoticeEvent{{Event: Received{Date: d("2026-03-02"), Channel: Online}},
		{Event: Extended{Date: d("2026-03-20"), Days: 10, Approver: "李四"}, Text: "档案较多"},
		{Event: Extended{Date: d("2026-03-25"), Days: 5, Approver: "李四"}, Text: "仍需时间"}}
	ns := mustNotices(t, evs)
	if len(ns) != 2 || ns[0].Err != nil || ns[1].Err == nil || ns[1].RenderDOCX(io.Discard) == nil {
		t.Fatalf("notices %+v", ns)
	}
}
