package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/gongkai/gongkai/internal/disclosure"
	"github.com/gongkai/gongkai/internal/store"
)

// demoDoc is one item of the township's 政府信息公开 column. Titles follow
// the documents the township's 2021 annual report says it published; the
// text is short illustrative prose written for the demo, not the
// township's own wording. Dates are invented but plausible.
type demoDoc struct {
	column    string // slug of the column it sits in
	title     string
	summary   string
	html      string
	written   string // 成文日期, 2006-01-02
	published string // 发布日期
}

func township() []demoDoc {
	return []demoDoc{
		{"rules", "吴城镇政府信息公开保密审查制度",
			"规定政府信息公开前的保密审查责任、程序和要求。",
			`<p>第一条 为规范本镇政府信息公开保密审查工作，防止泄露国家秘密和工作秘密，根据《中华人民共和国保守国家秘密法》《中华人民共和国政府信息公开条例》，制定本制度。</p>
<p>第二条 坚持“先审查、后公开”和“一事一审”原则，未经保密审查的信息不得公开。</p>
<p>第三条 拟公开信息由起草人初审，党政综合办公室复审，分管领导终审。对是否涉密不能确定的，报有关保密行政管理部门确定。</p>
<p>第四条 本制度自印发之日起施行。</p>`, "2020-03-10", "2020-03-12"},
		{"rules", "吴城镇政府信息公开工作制度",
			"明确政府信息公开的范围、方式、程序和责任分工。",
			`<p>一、镇党政综合办公室是本镇政府信息公开工作机构，配备专职工作人员负责信息的收集、审核和发布。</p>
<p>二、属于主动公开范围的政府信息，自形成或者变更之日起20个工作日内予以公开。</p>
<p>三、依申请公开的政府信息，按照《中华人民共和国政府信息公开条例》规定的期限答复。</p>
<p>四、建立政府信息公开工作考核、社会评议和责任追究制度。</p>`, "2020-03-10", "2020-03-12"},
		{"statutory", "吴城镇人民政府机构职能",
			"吴城镇人民政府的主要职能、内设机构和领导分工。",
			`<p>吴城镇人民政府是本镇行政区域内的基层国家行政机关，在桐柏县人民政府领导下，依法履行经济发展、社会管理、公共服务等职能。</p>
<p>内设机构：党政综合办公室、经济发展办公室、社会事务办公室、平安建设办公室、综合行政执法大队等。</p>
<p>办公地址：桐柏县吴城镇人民政府院内。</p>`, "2020-02-20", "2020-02-21"},
		{"statutory", "吴城镇权责清单（2020年版）",
			"本镇依法行使的行政权力和承担的公共服务职责清单。",
			`<p>根据法律法规规章和县委编委关于乡镇行政职权目录的调整，全面梳理本镇依法行使的行政权力和依法承担的公共服务职责，形成本清单。</p>
<table><thead><tr><th>序号</th><th>职权类别</th><th>职权名称</th></tr></thead>
<tbody><tr><td>1</td><td>行政确认</td><td>农村村民宅基地申请审核</td></tr>
<tr><td>2</td><td>行政给付</td><td>最低生活保障申请受理、审核</td></tr>
<tr><td>3</td><td>其他行政权力</td><td>农村土地承包经营权流转合同备案</td></tr></tbody></table>`, "2020-05-15", "2020-05-18"},
		{"statutory", "桐柏县吴城镇便民服务办事一本通",
			"汇总编制本镇便民服务事项的办理依据、条件、材料、流程和时限。",
			`<p>为方便群众办事，镇便民服务中心汇总编制了本镇便民服务事项办事指南，逐项列明办理依据、受理条件、申请材料、办理流程、承诺时限和咨询电话。</p>
<p>主要事项：低保申请、五保供养、残疾人证办理、高龄津贴申领、城乡居民医疗保险参保登记、农村建房审核等。</p>`, "2020-06-01", "2020-06-03"},
		{"statutory", "中共桐柏县委编制委员会关于调整桐柏县乡镇行政职权目录的通知",
			"转发县委编委关于调整乡镇行政职权目录的通知。",
			`<p>根据县委编委通知，对乡镇行政职权目录进行调整，本镇据此更新权责清单并向社会公开。</p>`, "2020-04-20", "2020-04-27"},
		{"bzml", "吴城镇试点领域基层政务公开标准目录汇编",
			"15个试点领域基层政务公开标准目录，共64个一级事项、206个二级事项。",
			`<p>按照国务院办公厅关于全面推进基层政务公开标准化规范化工作的要求，对照26个试点领域标准指引，编制完成本镇15个试点领域基层政务公开标准目录，公布一级事项64个、二级事项206个。</p>
<p>各村设置公开专栏，定期公开相关信息，推动基层政务公开标准化规范化向村级延伸。</p>`, "2020-09-28", "2020-09-30"},
	}
}

// seedDocuments fills the township's column tree: the 制度 and 法定主动公开
// items and a 基层政务公开标准目录 sub-column under 法定主动公开内容 (the
// 2021 annual report is recorded by seedImportedReport). The 指南 is
// generated from body data by the web layer, so it needs no document.
func seedDocuments(ctx context.Context, st *store.Store, ids map[string]int64, now time.Time) error {
	town := ids["wucheng"]
	b, err := st.Body(ctx, town)
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	statutory, err := st.ColumnBySlug(ctx, town, "statutory")
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	if _, err := st.CreateColumn(ctx, disclosure.Column{BodyID: town, ParentID: statutory.ID, Slug: "bzml",
		Name: "基层政务公开标准目录", Position: 1}); err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	serial := map[int]int{}
	for _, d := range township() {
		col, err := st.ColumnBySlug(ctx, town, d.column)
		if err != nil {
			return fmt.Errorf("demo: %w", err)
		}
		written, err := time.Parse(time.DateOnly, d.written)
		if err != nil {
			return fmt.Errorf("demo: %s: %w", d.title, err)
		}
		published, err := time.Parse(time.DateOnly, d.published)
		if err != nil {
			return fmt.Errorf("demo: %s: %w", d.title, err)
		}
		serial[written.Year()]++
		doc := disclosure.Document{
			BodyID: town, ColumnID: col.ID, Title: d.title, Summary: d.summary, BodyHTML: d.html,
			// 索引号: 前段 the body's code, 后段 year and a 5-digit serial.
			IndexNo:   fmt.Sprintf("%s/%d-%05d", b.Code, written.Year(), serial[written.Year()]),
			Publisher: b.Name, Written: &written, Published: &published, Created: now,
		}
		if _, err := st.CreateDocument(ctx, doc); err != nil {
			return fmt.Errorf("demo: %w", err)
		}
	}
	return nil
}
