package disclosure

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/workday"
)

func TestValidateIndexNo(t *testing.T) {
	cases := []struct {
		in string
		ok bool
	}{
		{"000014349/2018-00222", true},
		{"11341702486344515H/202110-00013", true},
		{"11341702486344515H/2026-000013", true},
		{IndexNo("11341702486344515H", 2026, 7), true},
		{"000014349/2018-222", false},            // serial too short
		{"000014349/2018-0000222", false},        // serial too long
		{"000014349/202113-00013", false},        // month 13
		{"000014349-2018-00222", false},          // no slash
		{"00001434/2018-00222", false},           // 8-character code
		{"11341702486344515h/2018-00222", false}, // lower case
		{"000014349/2018/00222", false},
		{"000014349/1800-00222", false},
		{"", false},
	}
	for _, c := range cases {
		err := ValidateIndexNo(c.in)
		if (err == nil) != c.ok {
			t.Errorf("ValidateIndexNo(%q) = %v, want ok=%v", c.in, err, c.ok)
		}
	}
	if got := IndexNo("000014349", 2026, 42); got != "000014349/2026-00042" {
		t.Errorf("IndexNo = %q", got)
	}
}

func TestWorkflow(t *testing.T) {
	cases := []struct {
		from State
		act  Action
		to   State
		ok   bool
	}{
		{StateDraft, ActionEdit, StateDraft, true},
		{StateDraft, ActionSubmit, StateSubmitted, true},
		{StateDraft, ActionPublish, StateDraft, false},
		{StateDraft, ActionApprove, StateDraft, false},
		{StateSubmitted, ActionEdit, StateSubmitted, false},
		{StateSubmitted, ActionApprove, StateApproved, true},
		{StateSubmitted, ActionReturn, StateDraft, true},
		{StateSubmitted, ActionPublish, StateSubmitted, false},
		{StateApproved, ActionPublish, StatePublished, true},
		{StateApproved, ActionReturn, StateDraft, true},
		{StatePublished, ActionWithdraw, StateWithdrawn, true},
		{StatePublished, ActionEdit, StatePublished, false},
		{StateWithdrawn, ActionPublish, StateWithdrawn, false},
		{StateWithdrawn, ActionEdit, StateWithdrawn, false},
	}
	for _, c := range cases {
		got, err := Next(c.from, c.act)
		if (err == nil) != c.ok || got != c.to {
			t.Errorf("Next(%s, %s) = %s, %v; want %s ok=%v", c.from, c.act, got, err, c.to, c.ok)
		}
		var te *ErrTransition
		if err != nil && (!errors.As(err, &te) || !strings.Contains(te.Message(), c.from.Name())) {
			t.Errorf("Next(%s, %s): error %v does not explain the state", c.from, c.act, err)
		}
	}
}

func TestApprovalChecklist(t *testing.T) {
	all := []string{}
	for _, it := range SecrecyChecklist {
		all = append(all, it.ID)
	}
	if err := ValidateApproval(Review{Checked: all}); err != nil {
		t.Errorf("complete checklist refused: %v", err)
	}
	for i := range all {
		partial := append(append([]string{}, all[:i]...), all[i+1:]...)
		if err := ValidateApproval(Review{Checked: partial}); err == nil {
			t.Errorf("checklist without %s accepted", all[i])
		}
	}
}

func day(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02", s, workday.China)
	if err != nil {
		panic(err)
	}
	return t
}

func ptr(t time.Time) *time.Time { return &t }

func TestLate(t *testing.T) {
	cases := []struct {
		written, published string
		late               bool
	}{
		// 2021-09-01 + 20 working days: National Day week intervenes.
		{"2021-09-01", "2021-09-29", false},
		{"2021-09-01", "2021-10-08", true},
		{"2026-03-02", "2026-03-27", false}, // 19 working days later
		{"2026-03-02", "2026-03-30", false}, // the 20th working day
		{"2026-03-02", "2026-03-31", true},
	}
	cal := workday.Official()
	for _, c := range cases {
		if got := Late(cal, ptr(day(c.written)), ptr(day(c.published))); got != c.late {
			due, _ := PublishDeadline(cal, day(c.written))
			t.Errorf("Late(%s, %s) = %v, want %v (deadline %s)", c.written, c.published, got, c.late, due)
		}
	}
	if Late(cal, nil, ptr(day("2026-03-31"))) {
		t.Error("a document without 成文日期 is flagged late")
	}
	// The calendar passed in is the one counted: one without schedules
	// claims nothing, rather than guessing weekends only.
	if Late(workday.New(), ptr(day("2021-09-01")), ptr(day("2021-10-08"))) {
		t.Error("a calendar without the year's schedule flags a document late")
	}
}

func TestValidityChange(t *testing.T) {
	inForce := ValidityEvent{Status: ValidityInForce, Effective: day("2020-01-10")}
	amended := ValidityEvent{Status: ValidityAmended, Effective: day("2021-05-01")}
	abolished := ValidityEvent{Status: ValidityAbolished, Effective: day("2022-01-01")}
	cases := []struct {
		name string
		kind Kind
		hist []ValidityEvent
		ev   ValidityEvent
		want error
	}{
		{"amend", KindNormative, []ValidityEvent{inForce}, amended, nil},
		{"abolish after amend", KindRule, []ValidityEvent{inForce, amended}, abolished, nil},
		{"after abolition", KindNormative, []ValidityEvent{inForce, abolished}, amended, ErrValidityFinal},
		{"back to in force", KindNormative, []ValidityEvent{inForce}, ValidityEvent{Status: ValidityInForce, Effective: day("2021-01-01")}, ErrValidityStatus},
		{"backdated", KindNormative, []ValidityEvent{inForce, amended}, ValidityEvent{Status: ValidityAbolished, Effective: day("2021-01-01")}, ErrValidityBackward},
		{"other kind", KindOther, nil, amended, ErrValidityKind},
	}
	for _, c := range cases {
		if err := CheckValidityChange(c.kind, c.hist, c.ev); !errors.Is(err, c.want) {
			t.Errorf("%s: %v, want %v", c.name, err, c.want)
		}
	}
	hist := []ValidityEvent{inForce, amended, abolished}
	for _, c := range []struct {
		at   string
		want Validity
		ok   bool
	}{{"2019-12-31", "", false}, {"2020-06-01", ValidityInForce, true}, {"2021-05-01", ValidityAmended, true}, {"2023-01-01", ValidityAbolished, true}} {
		if v, ok := ValidityAt(hist, day(c.at)); v != c.want || ok != c.ok {
			t.Errorf("ValidityAt(%s) = %s %v, want %s %v", c.at, v, ok, c.want, c.ok)
		}
	}
}

func TestRenderBody(t *testing.T) {
	cases := []struct {
		f         BodyFormat
		in        string
		want, not string
	}{
		{FormatMarkdown, "# 标题\n\n正文 **加粗**", "<strong>加粗</strong>", "<script"},
		{FormatMarkdown, "文字<script>alert(1)</script>", "文字", "<script"},
		{FormatHTML, `<p onclick="x()">段落</p><script>alert(1)</script>`, "<p>段落</p>", "onclick"},
		{FormatHTML, `<a href="javascript:alert(1)">链接</a>`, "链接", "javascript:"},
		{FormatHTML, `<table><colgroup><col width="12.5%"></colgroup><tr><td>格</td></tr></table>`, `<col width="12.5%">`, "<script"},
		{FormatHTML, `<table><colgroup><col width="expression(x)"><col style="width:9%"></colgroup></table>`, "<col><col>", "expression"},
	}
	for _, c := range cases {
		got, err := RenderBody(c.f, c.in)
		if err != nil || !strings.Contains(got, c.want) || strings.Contains(got, c.not) {
			t.Errorf("RenderBody(%s, %q) = %q, %v; want %q without %q", c.f, c.in, got, err, c.want, c.not)
		}
	}
	if _, err := RenderBody("docx", "x"); err == nil {
		t.Error("unknown format accepted")
	}
}

func TestThemes(t *testing.T) {
	if n := len(Themes()); n < 22 {
		t.Fatalf("%d themes", n)
	}
	top, ok := ThemeByCode("02")
	if !ok || top.Name != "综合政务" {
		t.Errorf("theme 02 = %+v", top)
	}
	child, ok := ThemeByCode("0201")
	if !ok || child.Name != "政务公开" || child.Parent != "02" || child.FullName != "综合政务/政务公开" {
		t.Errorf("theme 0201 = %+v", child)
	}
	if _, ok := ThemeByCode("99"); ok {
		t.Error("unknown theme found")
	}
}

func TestSplitKeywords(t *testing.T) {
	got := SplitKeywords("政务公开，保密审查; 制度 政务公开、 ")
	want := []string{"政务公开", "保密审查", "制度"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("SplitKeywords = %q, want %q", got, want)
	}
}

func TestInterpretationRules(t *testing.T) {
	els, err := ParseElements("  \n")
	if err != nil || len(els) != 8 {
		t.Errorf("empty setting = %v, %v; want the eight defaults", els, err)
	}
	els, err = ParseElements("背景依据\n 主要内容 \n背景依据\n")
	if err != nil || strings.Join(els, "|") != "背景依据|主要内容" {
		t.Errorf("ParseElements = %v, %v", els, err)
	}
	if _, err := ParseElements(strings.Repeat("要素\n", 1) + strings.Repeat("很", 51)); err == nil {
		t.Error("an over-long element accepted")
	}
	r := Review{RequiredElements: []string{"背景依据", "主要内容"}, Elements: []string{"背景依据"}}
	for _, it := range SecrecyChecklist {
		r.Checked = append(r.Checked, it.ID)
	}
	if err := ValidateApproval(r); !errors.Is(err, ErrElementsIncomplete) {
		t.Errorf("missing element: %v", err)
	}
	r.Elements = append(r.Elements, "主要内容")
	if err := ValidateApproval(r); err != nil {
		t.Errorf("complete interpretation review: %v", err)
	}
	policy := Document{ID: 1, BodyID: 9, State: StatePublished}
	cases := []struct {
		name   string
		p      Document
		body   int64
		self   int64
		wantOK bool
	}{
		{"own body", policy, 9, 2, true},
		{"other body", policy, 8, 2, false},
		{"itself", policy, 9, 1, false},
		{"an interpretation", Document{ID: 3, BodyID: 9, Interprets: 1}, 9, 2, false},
		{"withdrawn", Document{ID: 4, BodyID: 9, State: StateWithdrawn}, 9, 2, false},
	}
	for _, c := range cases {
		if got := CanInterpret(c.p, c.body, c.self); got != c.wantOK {
			t.Errorf("%s: CanInterpret = %v", c.name, got)
		}
	}
}
