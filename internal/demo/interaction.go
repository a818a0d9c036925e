package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/gongkai/gongkai/internal/interact"
	"github.com/gongkai/gongkai/internal/store"
	"github.com/gongkai/gongkai/internal/workday"
)

// demoConsultation is a question from the public. Names, questions and
// answers are invented; contacts use the reserved example domain.
type demoConsultation struct {
	ago              int // asked this many days before the seeding day
	name, subject, q string
	answer           string // "" leaves it unanswered
	answeredAfter    int    // days after asking
}

// More than 3 months unanswered is the inspection's 互动回应差 veto, so
// one question is left that long to show the overdue flag; a fresh one
// shows the ordinary waiting state.
func demoConsultations() []demoConsultation {
	return []demoConsultation{
		{ago: 25, name: "张女士", subject: "低保申请需要哪些材料",
			q:             "我家里老人常年生病，想申请低保，需要准备哪些材料？到哪里办理？",
			answer:        "您好！申请低保需提供户口簿、身份证、家庭成员收入及财产情况说明，患病的可附医院诊断证明。可到镇便民服务中心社会救助窗口提交，也可委托村民委员会代为提交。具体办理流程见本站政策解读栏目《吴城镇农村最低生活保障审核确认工作细则》政策解读。咨询电话：0377-68200000。",
			answeredAfter: 3},
		{ago: 100, name: "刘先生", subject: "村里路灯损坏向哪里反映",
			q: "小河村村口到学校的几盏路灯坏了一个多月，晚上孩子放学不安全，请问应向哪个部门反映？"},
		{ago: 3, name: "陈某", subject: "残疾人护理补贴能否网上申请",
			q: "我父亲是一级肢体残疾，听说残疾人两项补贴可以网上申请了，请问怎么操作？"},
	}
}

func seedConsultations(ctx context.Context, st *store.Store, bodyID int64, c clock, who actors) error {
	for i, d := range demoConsultations() {
		asked := c.daysAgo(d.ago, 10, 15)
		id, err := st.CreateConsultation(ctx, interact.Consultation{BodyID: bodyID, Name: d.name,
			Contact: fmt.Sprintf("consult%d@example.com", i+1), Subject: d.subject, Question: d.q,
			Asked: asked, AskedDay: workday.DateOf(asked)})
		if err != nil {
			return fmt.Errorf("demo: %w", err)
		}
		if d.answer == "" {
			continue
		}
		if err := st.AnswerConsultation(ctx, bodyID, id, store.ConsultationAnswer{Text: d.answer, Publish: true,
			By: who.handler.UserID, At: asked.AddDate(0, 0, d.answeredAfter)}); err != nil {
			return fmt.Errorf("demo: %w", err)
		}
	}
	return nil
}

// demoPeriod is a draft put out for public comment, with the comments
// it received (each so many days after opening). Invented text.
type demoPeriod struct {
	title, draft string
	kind         interact.DraftKind
	startAgo     int // opened this many days before the seeding day
	days         int // last day = start + days
	comments     []demoComment
	adoption     string // "" leaves the period open
	adopted      int
}

type demoComment struct {
	after      int
	name, text string
}

// The closed period is the consultation on the revised 残疾人两项补贴
// 办法 published through the workflow; the open one runs 30 days, the
// minimum for a 重大行政决策.
func demoPeriods(c clock) []demoPeriod {
	return []demoPeriod{
		{title: "《吴城镇困难残疾人生活补贴和重度残疾人护理补贴发放管理办法（修订征求意见稿）》公开征求意见",
			draft: "第一条 本办法所称残疾人两项补贴，是指困难残疾人生活补贴和重度残疾人护理补贴。\n第二条 申请人可通过线上平台或镇便民服务中心提交申请，镇社会事务办公室在7个工作日内完成审核。\n第三条 补贴按月发放至补贴对象的社会保障卡。",
			kind:  interact.DraftNormative, startAgo: 50, days: 30,
			comments: []demoComment{
				{5, "王某", "建议把审核时限再缩短一些，7个工作日对困难群众来说还是偏长。"},
				{12, "小河村村委会", "有的重度残疾人不会用手机，建议村干部可以上门代办。"},
				{20, "匿名", "希望补贴发放时间固定在每月上旬。"},
			},
			adoption: "征求意见期间共收到意见建议3条。采纳2条：审核时限由7个工作日缩短为5个工作日；增加村级主动发现和上门代办。未采纳1条：补贴发放日期由县级统一确定，本镇不作规定。",
			adopted:  2},
		{title: fmt.Sprintf("吴城镇%d年民生实事项目（征求意见稿）公开征求意见", c.reportYear+2),
			draft: "一、实施农村道路提升工程，硬化村组道路8公里。\n二、为小河村、王湾村新增太阳能路灯120盏。\n三、改造提升镇卫生院发热门诊。\n四、新建村级养老服务站2个。",
			kind:  interact.DraftMajorDecision, startAgo: 3, days: 30,
			comments: []demoComment{{1, "赵某", "建议优先安排小河村到学校路段的路灯。"}}},
	}
}

func seedCommentPeriods(ctx context.Context, st *store.Store, bodyID int64, c clock, who actors) error {
	for _, d := range demoPeriods(c) {
		opened := c.daysAgo(d.startAgo, 9, 0)
		start := workday.DateOf(opened)
		id, err := st.CreateCommentPeriod(ctx, interact.CommentPeriod{BodyID: bodyID, Title: d.title, Draft: d.draft,
			Kind: string(d.kind), Start: start, End: start.AddDays(d.days), Opened: opened, OpenedBy: who.editor.UserID})
		if err != nil {
			return fmt.Errorf("demo: %w", err)
		}
		for _, cm := range d.comments {
			at := opened.AddDate(0, 0, cm.after).Add(6 * time.Hour)
			if err := st.AddComment(ctx, bodyID, id, store.PeriodComment{Name: cm.name, Contact: "comment@example.com",
				Text: cm.text, Created: at}, workday.DateOf(at)); err != nil {
				return fmt.Errorf("demo: %w", err)
			}
		}
		if d.adoption == "" {
			continue
		}
		if err := st.CloseCommentPeriod(ctx, bodyID, id, store.PeriodClosing{Adoption: d.adoption, Adopted: d.adopted,
			By: who.editor.UserID, At: c.now}, workday.DateOf(c.now.In(beijing))); err != nil {
			return fmt.Errorf("demo: %w", err)
		}
	}
	return nil
}
