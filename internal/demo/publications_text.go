package demo

import (
	"fmt"
	"time"

	"github.com/gongkai/gongkai/internal/disclosure"
)

// pastDoc is a document the township published before the demo starts.
// All titles, 文号, dates and texts in this file are invented for the
// demo in the township's manner; none is the township's own wording.
type pastDoc struct {
	key       string // for links between documents; "" when none needed
	column    string
	title     string
	docNo     string
	kind      disclosure.Kind
	summary   string
	html      string
	written   time.Time
	published time.Time
	interpret string // key of the policy it interprets
	theme     string // 主题分类, by its full name in the theme tree
	genre     string // 体裁分类
}

// pastDocs are dated so that on the seeding day 工作动态 is up to date,
// 通知公告 is more than 6 months late (the site check's example), and
// the report year has two 规范性文件.
func pastDocs(c clock) []pastDoc {
	y := c.reportYear
	return []pastDoc{
		{column: "news", theme: "农业、林业、水利/林业", genre: "工作动态", title: "吴城镇开展秋季森林防火专项检查",
			summary: "镇林业站会同各村对重点林区开展森林防火专项检查。",
			html: `<p>为切实做好秋冬季森林防火工作，镇林业站会同派出所、各村对辖区重点林区、进山路口开展专项检查，排查火灾隐患，督促落实护林员巡山责任。</p>
<p>检查中发现的问题已当场交办相关村限期整改。</p>`,
			written: c.daysAgo(45, 9, 0), published: c.daysAgo(45, 16, 30)},
		{column: "news", theme: "农业、林业、水利/农业、畜牧业、渔业", genre: "工作动态", title: "吴城镇召开秋冬季农业生产工作推进会",
			summary: "部署小麦秋播、农田水利冬修和农业社会化服务工作。",
			html: `<p>镇政府召开秋冬季农业生产工作推进会，各村党支部书记、镇农业服务中心全体人员参加。</p>
<p>会议要求抢抓农时推进小麦秋播，统筹开展农田水利冬修，做好农资供应和技术指导。</p>`,
			written: c.daysAgo(20, 9, 0), published: c.daysAgo(20, 17, 0)},
		{column: "news", theme: "综合政务/应急管理", genre: "工作动态", title: "吴城镇开展冬季安全生产大检查",
			summary: "对辖区企业、学校、集贸市场开展冬季安全生产检查。",
			html:    `<p>镇安全生产委员会组织力量对辖区企业、学校、集贸市场和人员密集场所开展冬季安全生产大检查，重点检查消防设施、用电用气和冬季取暖安全。</p>`,
			written: c.daysAgo(9, 9, 0), published: c.daysAgo(9, 15, 0)},
		{column: "notices", theme: "农业、林业、水利/农业、畜牧业、渔业", genre: "公示", title: fmt.Sprintf("关于%d年度吴城镇耕地地力保护补贴发放情况的公示", y),
			summary: "公示各村耕地地力保护补贴面积、标准和金额。",
			html: `<p>根据县农业农村局、财政局有关文件要求，现将本镇耕地地力保护补贴发放情况予以公示。补贴面积、标准及金额明细已在各村公示栏同步张贴。</p>
<p>公示期为7天。对公示内容有异议的，请向镇农业服务中心反映，电话：0377-68200000。</p>`,
			written: c.inReportYear(6, 18), published: c.inReportYear(6, 20)},
		{column: "notices", theme: "农业、林业、水利/林业", genre: "通知", title: "吴城镇关于开展春季植树造林义务劳动的通知",
			summary: "组织机关干部和各村群众开展春季义务植树。",
			html:    `<p>各村、镇直各单位：</p><p>为推进国土绿化，定于本月组织开展春季植树造林义务劳动。请各村、各单位按照分配的地块组织人员，做好苗木、工具准备和安全防护。</p>`,
			written: c.daysAgo(232, 9, 0), published: c.daysAgo(230, 10, 0)},
		{key: "dibao", column: "policies", kind: disclosure.KindNormative, theme: "民政、扶贫、救灾/社会福利", genre: "通知",
			title:   "吴城镇人民政府关于印发《吴城镇农村最低生活保障审核确认工作细则》的通知",
			docNo:   fmt.Sprintf("吴政〔%d〕12号", y),
			summary: "规范本镇农村低保的申请受理、家庭经济状况调查、民主评议和公示程序。",
			html: `<p>各村民委员会，镇直各单位：</p>
<p>现将《吴城镇农村最低生活保障审核确认工作细则》印发给你们，请认真贯彻执行。</p>
<p>第一条 申请最低生活保障以家庭为单位，由申请家庭确定一名共同生活的家庭成员作为申请人，向户籍所在地镇人民政府提出书面申请。</p>
<p>第二条 镇人民政府自受理申请之日起，组织驻村干部会同村民委员会在5个工作日内入户调查家庭经济状况。</p>
<p>第三条 审核意见在申请人所在村公示，公示期为7天。</p>
<p>第四条 本细则自印发之日起施行。</p>`,
			written: c.inReportYear(3, 18), published: c.inReportYear(3, 21)},
		{key: "disability-old", column: "policies", kind: disclosure.KindNormative, theme: "民政、扶贫、救灾/社会福利", genre: "通知",
			title:   "吴城镇人民政府关于印发《吴城镇困难残疾人生活补贴和重度残疾人护理补贴发放管理办法》的通知",
			docNo:   fmt.Sprintf("吴政〔%d〕5号", y),
			summary: "残疾人两项补贴的申请条件、审核程序、发放方式和动态管理。",
			html: `<p>第一条 本办法所称残疾人两项补贴，是指困难残疾人生活补贴和重度残疾人护理补贴。</p>
<p>第二条 申请人向户籍所在地镇人民政府提交申请，镇社会事务办公室在10个工作日内完成审核。</p>
<p>第三条 补贴按月发放至补贴对象的社会保障卡。</p>
<p>第四条 本办法自印发之日起施行。</p>`,
			written: c.inReportYear(2, 17), published: c.inReportYear(2, 20)},
		{column: "interpretations", interpret: "dibao", theme: "民政、扶贫、救灾/社会福利", genre: "解读",
			title:   "《吴城镇农村最低生活保障审核确认工作细则》政策解读",
			summary: "以问答形式解读低保审核确认细则的背景、主要内容和办理流程。",
			html: `<p><strong>一、制定背景</strong>为落实最低生活保障审核确认办法，进一步规范本镇低保工作，制定本细则。</p>
<p><strong>二、主要内容</strong>细则明确了申请受理、入户调查、民主评议、审核公示各环节的责任和时限。</p>
<p><strong>三、怎么申请</strong>申请人可到镇便民服务中心或委托村民委员会代为提交申请，需提供户口簿、身份证和家庭收入情况说明。</p>`,
			written: c.inReportYear(3, 18), published: c.inReportYear(3, 21)},
	}
}

// newDoc is a document the demo takes through the review workflow.
type newDoc struct {
	column  string
	theme   string // 主题分类, by its full name in the theme tree
	genre   string // 体裁分类
	title   string
	docNo   string
	kind    disclosure.Kind
	summary string
	html    string
	written time.Time
}

// The revised 残疾人两项补贴 办法 replaces the report year's one; it was
// put out for comment first (see the closed comment period).
func revisedDisability(c clock) newDoc {
	return newDoc{column: "policies", kind: disclosure.KindNormative, theme: "民政、扶贫、救灾/社会福利", genre: "通知",
		title:   "吴城镇人民政府关于印发《吴城镇困难残疾人生活补贴和重度残疾人护理补贴发放管理办法（修订）》的通知",
		docNo:   fmt.Sprintf("吴政〔%d〕21号", c.reportYear+1),
		summary: "修订残疾人两项补贴办法：网上申请、审核时限缩短为5个工作日、增加主动发现机制。",
		html: `<p>第一条 本办法所称残疾人两项补贴，是指困难残疾人生活补贴和重度残疾人护理补贴。</p>
<p>第二条 申请人可通过线上平台或镇便民服务中心提交申请，镇社会事务办公室在5个工作日内完成审核。</p>
<p>第三条 村民委员会发现符合条件未申请的残疾人，应协助其申请。</p>
<p>第四条 补贴按月发放至补贴对象的社会保障卡。</p>
<p>第五条 本办法自印发之日起施行，原《吴城镇困难残疾人生活补贴和重度残疾人护理补贴发放管理办法》同时废止。</p>`,
		written: c.daysAgo(10, 9, 0)}
}

// disabilityInterpretation covers the default 解读要素, which the
// reviewer confirms one by one when approving it.
func disabilityInterpretation(c clock) newDoc {
	return newDoc{column: "interpretations", theme: "民政、扶贫、救灾/社会福利", genre: "解读",
		title:   "《吴城镇困难残疾人生活补贴和重度残疾人护理补贴发放管理办法（修订）》政策解读",
		summary: "解读残疾人两项补贴办法修订的背景、主要变化和申请方式。",
		html: `<p><strong>一、背景依据</strong>根据上级关于残疾人两项补贴“跨省通办”和主动发现的要求，对原办法进行修订。</p>
<p><strong>二、目标任务</strong>让符合条件的残疾人应享尽享、及时享受补贴。</p>
<p><strong>三、主要内容</strong>增加线上申请渠道，审核时限由10个工作日缩短为5个工作日，建立村级主动发现机制。</p>
<p><strong>四、涉及范围</strong>户籍在本镇的困难残疾人和一、二级重度残疾人。</p>
<p><strong>五、执行标准</strong>补贴标准按县级当年公布的标准执行。</p>
<p><strong>六、注意事项</strong>补贴对象情况发生变化的，应在30日内告知村民委员会。</p>
<p><strong>七、惠民举措</strong>行动不便的申请人可由村干部上门代办。</p>
<p><strong>八、新旧政策差异</strong>新增线上申请和主动发现，审核时限缩短一半；原办法同时废止。</p>`,
		written: c.daysAgo(10, 9, 0)}
}

// todayNews is published through the workflow on the seeding day.
func todayNews(c clock) newDoc {
	return newDoc{column: "news", theme: "劳动、人事、监察/社会保障", genre: "工作动态", title: "吴城镇召开城乡居民医疗保险集中参保动员会",
		summary: "部署下一年度城乡居民医疗保险集中参保缴费工作。",
		html:    `<p>镇政府召开城乡居民医疗保险集中参保动员会，要求各村逐户宣传参保政策，确保应保尽保，并为特困人员、低保对象落实参保资助。</p>`,
		written: c.daysAgo(0, 9, 0)}
}

// waitingNotice is sent for review and left there for the reviewer.
func waitingNotice(c clock) newDoc {
	return newDoc{column: "notices", theme: "劳动、人事、监察/社会保障", genre: "通知",
		title:   fmt.Sprintf("吴城镇关于开展%d年度城乡居民医疗保险集中参保缴费工作的通知", c.reportYear+2),
		summary: "集中参保缴费的时间、对象、标准和缴费方式。",
		html:    `<p>各村民委员会：</p><p>下一年度城乡居民医疗保险集中参保缴费工作即将开始。请各村组织网格员入户宣传，引导群众通过线上渠道或村便民服务站缴费。</p>`,
		written: c.daysAgo(1, 9, 0)}
}

// draftNews stays a draft in the editor's list.
func draftNews(c clock) newDoc {
	return newDoc{column: "news", theme: "农业、林业、水利/林业", genre: "工作动态", title: "吴城镇开展冬季森林防火宣传进村入户活动",
		summary: "护林员和志愿者入户发放森林防火明白纸。",
		html:    `<p>镇林业站组织护林员和志愿者深入各村，发放森林防火明白纸，讲解野外用火禁令。</p>`,
		written: c.daysAgo(0, 9, 0)}
}
