package reportflow

import (
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/annualreport"
	"github.com/gongkai/gongkai/internal/workday"
)

func TestNext(t *testing.T) {
	tests := []struct {
		from State
		act  Action
		want State
		ok   bool
	}{
		{NotStarted, ActionEdit, Draft, true},
		{Draft, ActionSubmit, Submitted, true},
		{Returned, ActionEdit, Returned, true},
		{Returned, ActionSubmit, Submitted, true},
		{Submitted, ActionEdit, Submitted, false}, // locked while with the supervisor
		{Submitted, ActionReturn, Returned, true},
		{Submitted, ActionApprove, Approved, true},
		{Submitted, ActionPublish, Submitted, false},
		{Approved, ActionPublish, Published, true},
		{Approved, ActionReturn, Returned, true},
		{Published, ActionEdit, Published, false}, // immutable
		{Published, ActionCorrect, Draft, true},
		{Published, ActionUpload, Published, true},
		{Draft, ActionUpload, Draft, false},
		{NotStarted, ActionImport, Published, true},
	}
	for _, tt := range tests {
		got, err := Next(tt.from, tt.act)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("Next(%q, %s) = %q, %v; want %q ok=%v", tt.from, tt.act, got, err, tt.want, tt.ok)
		}
		if err != nil && !strings.Contains(err.(*ErrTransition).Message(), "不能") {
			t.Errorf("refusal %q not in Chinese", err.(*ErrTransition).Message())
		}
	}
}

// report2021 is a clean 2021-format report with the required cells of
// table 二 filled and the three narrative sections written.
func report2021() *annualreport.Report {
	f := annualreport.FormatForYear(2022)
	r := &annualreport.Report{Year: 2022, Format: f.ID, Sections: map[string]string{"一": "总体。", "五": "问题。", "六": "无收费。"},
		Tables: annualreport.Tables{Two: map[string]map[string]annualreport.Cell{}}}
	for _, st := range f.Two {
		for _, row := range st.Rows {
			r.Tables.Two[row.Label] = map[string]annualreport.Cell{}
			for _, c := range st.Columns {
				r.Tables.Two[row.Label][c.Label] = annualreport.Cell{State: annualreport.Value}
			}
		}
	}
	return r
}

// TestBlockers: what stops an approval — errors,
// blank 许可/处罚/强制/收费 cells, empty or unfinished 一/五/六 — and
// what does not (warnings, "/" cells, blank cells of other rows).
func TestBlockers(t *testing.T) {
	tests := []struct {
		name     string
		change   func(r *annualreport.Report) []annualreport.Finding
		want     []string // kinds
		contains string
	}{
		{"clean", func(r *annualreport.Report) []annualreport.Finding { return nil }, nil, ""},
		{"warning only", func(r *annualreport.Report) []annualreport.Finding {
			return []annualreport.Finding{{Rule: annualreport.RuleCarryover, Severity: annualreport.SeverityWarning}}
		}, nil, ""},
		{"error", func(r *annualreport.Report) []annualreport.Finding {
			return []annualreport.Finding{{Rule: annualreport.RuleBalance, Severity: annualreport.SeverityError, Message: "不平衡"}}
		}, []string{"error"}, "表三勾稽关系"},
		{"blank 强制", func(r *annualreport.Report) []annualreport.Finding {
			r.Tables.Two["行政强制"]["本年处理决定数量"] = annualreport.Cell{}
			return nil
		}, []string{"blank-cell"}, "行政强制"},
		{"not applicable is filled", func(r *annualreport.Report) []annualreport.Finding {
			r.Tables.Two["行政强制"]["本年处理决定数量"] = annualreport.Cell{State: annualreport.NotApplicable}
			r.Tables.Two["规章"]["本年制发件数"] = annualreport.Cell{}
			return nil
		}, nil, ""},
		{"empty 五", func(r *annualreport.Report) []annualreport.Finding {
			r.Sections["五"] = "  "
			return nil
		}, []string{"empty-section"}, "第五部分没有内容"},
		{"placeholder left in 一", func(r *annualreport.Report) []annualreport.Finding {
			r.Sections["一"] = "总体。" + Placeholder
			return nil
		}, []string{"empty-section"}, "待填写"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := report2021()
			bs := Blockers(r, tt.change(r))
			var kinds []string
			all := ""
			for _, b := range bs {
				kinds = append(kinds, b.Kind)
				all += b.Where + b.Message
			}
			if strings.Join(kinds, ",") != strings.Join(tt.want, ",") || !strings.Contains(all, tt.contains) {
				t.Errorf("Blockers = %+v, want kinds %v mentioning %q", bs, tt.want, tt.contains)
			}
		})
	}
}

func TestValidateComment(t *testing.T) {
	f := annualreport.FormatForYear(2022)
	tests := []struct {
		c  Comment
		ok bool
	}{
		{Comment{Section: "五", Text: "请补充上年问题的整改情况"}, true},
		{Comment{Section: "七", Text: "x"}, false},
		{Comment{Section: "二", Table: "二", Row: "行政强制", Column: "本年处理决定数量", Text: "空白"}, true},
		{Comment{Section: "三", Table: "三", Row: "三.四.1", Column: "自然人", Text: "核对"}, true},
		{Comment{Section: "三", Table: "三", Row: "三.三", Column: "自然人", Text: "组行没有数字"}, false},
		{Comment{Section: "四", Table: "四", Row: "行政复议", Column: "结果纠正", Text: "核对"}, true},
		{Comment{Section: "二", Table: "二", Row: "政府集中采购", Column: "采购项目数量", Text: "2021 年格式没有"}, false},
		{Comment{Section: "五", Text: "   "}, false},
		{Comment{Section: "五", Text: strings.Repeat("长", MaxCommentRunes+1)}, false},
	}
	for _, tt := range tests {
		err := ValidateComment(f, tt.c)
		if (err == nil) != tt.ok {
			t.Errorf("ValidateComment(%+v) = %v, want ok=%v", tt.c, err, tt.ok)
		}
	}
	c := Comment{Table: "三", Row: "三.一", Column: "自然人"}
	if w := c.Where(f); w != "表三 / 三.一 （一）予以公开 / 自然人" {
		t.Errorf("Where = %q", w)
	}
}

// TestEvaluate: late against the Art. 49 deadline, as a civil date in
// Beijing; a correction does not make a report published in time late.
func TestEvaluate(t *testing.T) {
	due := annualreport.DeadlineFor(annualreport.RoleLocal, 2025, annualreport.LocalRule{})
	at := func(s string) *time.Time {
		x, _ := time.ParseInLocation("2006-01-02 15:04", s, workday.China)
		return &x
	}
	tests := []struct {
		state     State
		published *time.Time
		today     string
		late      bool
		label     string
	}{
		{Draft, nil, "2026-01-31 23:00", false, "草稿"},
		{Draft, nil, "2026-02-01 00:30", true, "草稿（逾期）"},
		{Published, at("2026-01-31 23:59"), "2026-06-01 10:00", false, "已发布"},
		{Published, at("2026-02-01 00:01"), "2026-06-01 10:00", true, "已发布（逾期）"},
		{Draft, at("2026-01-20 10:00"), "2026-06-01 10:00", false, "草稿"}, // correcting
		{NotStarted, nil, "2026-03-01 10:00", true, "未开始（逾期）"},
	}
	for _, tt := range tests {
		st := Evaluate(tt.state, tt.published, due, *at(tt.today))
		if st.Late != tt.late || st.Label() != tt.label {
			t.Errorf("Evaluate(%s, %v, %s) = late %v %q, want %v %q", tt.state, tt.published, tt.today, st.Late, st.Label(), tt.late, tt.label)
		}
		for _, f := range Filters() {
			if f == "late" && f.Matches(st) != st.Late {
				t.Errorf("late filter disagrees")
			}
		}
	}
}

// TestNarrative: the prefill states the figures, leaves what only the
// body knows as Placeholder, and says nothing the tables contradict.
func TestNarrative(t *testing.T) {
	f := Figures{Org: "城关镇人民政府", Year: 2026, Published: 5, ByColumn: []Count{{"法定主动公开内容", 3}, {"通知公告", 2}},
		ByTheme: []Count{{"民政、扶贫、救灾", 2}}, Interpretations: 1, Received: 4, CarriedOver: 1, Answered: 4,
		AnsweredOnTime: 3, CarriedForward: 1, ConsultationsAnswered: 2, ConsultationDays: 3.5, CommentPeriods: 1,
		CommentsReceived: 6, CommentsAdopted: 2, Fees: 300, FeeRequests: 1}
	got := Narrative(f)
	for _, want := range []string{"全年主动公开政府信息5条，其中“法定主动公开内容”3条、“通知公告”2条", "发布政策解读1篇",
		"本年新收政府信息公开申请4件，上年结转政府信息公开申请1件", "在法定期限内答复3件，占75.0%", "结转下年度继续办理1件",
		"答复网民咨询2件，平均用时3.5天", Placeholder} {
		if !strings.Contains(got["一"], want) {
			t.Errorf("一 lacks %q:\n%s", want, got["一"])
		}
	}
	for _, want := range []string{"收取信息处理费共300元", "国办函〔2020〕109号", "开展意见征集1次，收到意见6条，采纳2条"} {
		if !strings.Contains(got["六"], want) {
			t.Errorf("六 lacks %q:\n%s", want, got["六"])
		}
	}
	rep := &annualreport.Report{Year: 2026, Format: "2021", Sections: map[string]string{"一": got["一"], "六": got["六"]},
		Tables: annualreport.Tables{Three: map[string]map[string]annualreport.Cell{
			"一": {"总计": {State: annualreport.Value, Num: 4}}, "二": {"总计": {State: annualreport.Value, Num: 1}},
			"四": {"总计": {State: annualreport.Value, Num: 1}}}}}
	for _, fd := range annualreport.Check(rep, nil) {
		if fd.Rule == annualreport.RuleTextTableMismatch || fd.Rule == annualreport.RuleFeeNotReported {
			t.Errorf("prefill contradicts the tables: %+v", fd)
		}
	}
}

func TestImprovements(t *testing.T) {
	tests := []struct {
		name, last string
		want       []string
	}{
		{"seed layout", "（一）存在的主要问题\n1、政府门户网站部分栏目更新还不够及时。\n2、政策文件发布较少。\n（二）改进情况\n加强管理。",
			[]string{"政府门户网站部分栏目更新还不够及时", "政策文件发布较少"}},
		{"plain paragraphs", "公开内容的解读不够充分。\n信息公开培训不足。", []string{"公开内容的解读不够充分", "信息公开培训不足"}},
		{"一是二是", "一是栏目更新慢。\n二是解读少。", []string{"栏目更新慢", "解读少"}},
		{"none", "无", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ProblemsOf(tt.last)
			if !equalTrimmed(got, tt.want) {
				t.Errorf("ProblemsOf = %q, want %q", got, tt.want)
			}
			draft := Improvements(tt.last)
			for _, p := range tt.want {
				if !strings.Contains(draft, "上年度报告指出：“"+p) {
					t.Errorf("draft does not quote %q:\n%s", p, draft)
				}
			}
			if strings.Contains(draft, "加强管理") {
				t.Errorf("draft quotes an improvement as a problem")
			}
		})
	}
}

func equalTrimmed(got, want []string) bool {
	if len(got) != len(want) {
		return false
	}
	for i := range got {
		if strings.TrimRight(got[i], "。") != want[i] {
			return false
		}
	}
	return true
}
