package main

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/gongkai/gongkai/internal/search"
)

// vocabulary is the government prose the generator draws from; earlier
// entries are drawn more often (Zipf), as in real text.
var vocabulary = strings.Fields(`
的 和 工作 政府 信息 公开 开展 推进 加强 落实 进一步 情况 规定 要求 管理 服务 社会 发展
相关 部门 单位 进行 有关 组织 建设 制度 人民 群众 依法 根据 按照 实施 完善 提高 保障 做好
全面 积极 认真 主动 及时 办理 申请 答复 决定 通知 公告 意见 办法 方案 计划 报告 总结
政务公开 依申请公开 政府信息公开 行政许可 行政处罚 行政强制 行政复议 行政诉讼 规范性文件
预算 决算 财政 资金 项目 经费 采购 招标 收费 教育 卫生 健康 医疗 养老 就业 社会保障
住房 交通 环境 保护 生态 农业 农村 乡村振兴 扶贫 救助 低保 安全生产 应急 食品 药品 质量
监督 检查 审计 统计 税务 市场 企业 营商环境 改革 创新 数字 平台 网站 数据 系统 政务服务
一网通办 窗口 办事 群众满意 投诉 举报 信访 调解 纠纷 法治 执法 监管 考核 评估 整改 问题
统一社会信用代码 索引号 文号 发布机构 成文日期 主题分类 现行有效 已废止 政策解读 补正 告知书
会议 研究 部署 领导 干部 党员 学习 培训 宣传 活动 举办 召开 参加 全体 年度 季度 月份 目标
任务 措施 责任 机制 体系 标准 规范 流程 程序 条件 材料 期限 时限 工作日 受理 审核 批准 登记
土地 征收 房屋 拆迁 补偿 宅基地 承包 水利 道路 桥梁 学校 医院 社区 村民 居民 委员会 街道
`)

// placeChars build place names the dictionary does not know, like 岚溪.
var placeChars = []rune("岚溪青石桥湾河山川林枫柳桃杏梅兰竹松泉港源安宁平和丰永兴福庆新东西南北龙凤马金玉白黄云霞阳沙湖塘坪岭岗峰坝")

var placeSuffixes = []string{"镇", "村", "乡", "街道", "社区", "县"}

// One document in longEvery is a long one (a yearbook, a plan) of
// longRunes characters, with longPhrase near its end: past the 16383
// positions and 256 positions a lexeme that one PostgreSQL tsvector keeps.
const (
	longEvery  = 25000
	longRunes  = 100000
	longPhrase = "青石岭水库移民"
)

// corpus generates documents deterministically from a seed.
type corpus struct {
	rng    *rand.Rand
	zipf   *rand.Zipf
	places []string
}

func newCorpus(seed uint64) *corpus {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	c := &corpus{rng: rng, zipf: rand.NewZipf(rng, 1.1, 4, uint64(len(vocabulary)-1))}
	seen := map[string]bool{}
	for len(c.places) < 2000 {
		name := string(placeChars[rng.IntN(len(placeChars))]) + string(placeChars[rng.IntN(len(placeChars))]) +
			placeSuffixes[rng.IntN(len(placeSuffixes))]
		if !seen[name] {
			seen[name] = true
			c.places = append(c.places, name)
		}
	}
	// Make sure the names the benchmark asks for exist.
	c.places = append(c.places[:1990], "岚溪镇", "岚溪村", "上溪镇", "青石村", "枫桥街道", "龙泉县", "金沙乡", "白云社区", "玉兰村", "松岭镇")
	return c
}

func (c *corpus) word() string { return vocabulary[c.zipf.Uint64()] }

func (c *corpus) place() string { return c.places[c.rng.IntN(len(c.places))] }

// sentence is 8–20 words, sometimes a place or a year, ending in punctuation.
func (c *corpus) sentence(b *strings.Builder) {
	n := 8 + c.rng.IntN(13)
	for i := 0; i < n; i++ {
		switch r := c.rng.IntN(100); {
		case r < 4:
			b.WriteString(c.place())
		case r < 6:
			fmt.Fprintf(b, "%d年", 2010+c.rng.IntN(16))
		case r < 7:
			fmt.Fprintf(b, "%d", c.rng.IntN(10000))
		default:
			b.WriteString(c.word())
		}
		if i > 0 && i < n-1 && c.rng.IntN(9) == 0 {
			b.WriteString("，")
		}
	}
	b.WriteString([]string{"。", "。", "。", "；", "！"}[c.rng.IntN(5)])
}

// doc returns document id (of n) of about 550 characters; IDs grow with
// the publication year, as they would on a live site.
func (c *corpus) doc(id, n int64) search.Doc {
	var title strings.Builder
	title.WriteString(c.place())
	title.WriteString("关于")
	for i := 0; i < 2+c.rng.IntN(3); i++ {
		title.WriteString(c.word())
	}
	title.WriteString([]string{"的通知", "的公告", "的报告", "的意见", "实施方案"}[c.rng.IntN(5)])
	var body strings.Builder
	size := 550 * 3 // ~550 CJK characters at 3 bytes each
	long := id%longEvery == longEvery/2
	if long {
		size = longRunes * 3
	}
	planted := !long
	for body.Len() < size {
		c.sentence(&body)
		if !planted && body.Len() >= size*95/100 {
			body.WriteString(longPhrase + "。")
			planted = true
		}
	}
	year := 2015 + int((id-1)*11/n)
	return search.Doc{
		ID: id, BodyID: 1 + int64(c.rng.IntN(500)), ColumnID: 1 + int64(c.rng.IntN(20)),
		Theme: []string{"财政", "教育", "卫生", "政务公开", "农业"}[c.rng.IntN(5)],
		Year:  year, Kind: []string{"通知", "公告", "报告"}[c.rng.IntN(3)],
		Title: title.String(), Text: body.String(),
	}
}
