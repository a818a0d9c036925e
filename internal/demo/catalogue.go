package demo

import (
	"context"
	"fmt"
	"slices"

	"github.com/gongkai/gongkai/internal/catalogue"
	"github.com/gongkai/gongkai/internal/store"
)

// catalogueLine is one line of the township's 标准目录. The annual report
// says the township compiled 15 domains, 64 一级事项 and 206 二级事项; the
// demo carries a few lines of three domains. The lines follow the
// national domain guides' pattern, but their wording is invented.
type catalogueLine struct {
	domain, level1, level2, content, basis, timing string
	channels                                       []string
	audience                                       string
}

func catalogueLines() []catalogueLine {
	web := []string{"政府网站", "便民服务站", "社区/企事业单位/村公示栏（电子屏）"}
	return []catalogueLine{
		{"社会救助", "最低生活保障", "政策法规文件", "低保相关法律法规、规章和规范性文件",
			"《社会救助暂行办法》《政府信息公开条例》", "自信息形成或变更之日起20个工作日内", web, "全社会"},
		{"社会救助", "最低生活保障", "办事指南", "申请条件、所需材料、办理流程、办理时限、咨询电话",
			"《社会救助暂行办法》", "自信息形成或变更之日起20个工作日内", web, "全社会"},
		{"社会救助", "最低生活保障", "审核确认结果", "低保对象所在村、保障人数、保障金额",
			"《最低生活保障审核确认办法》", "审核确认后在村公示7天", []string{"社区/企事业单位/村公示栏（电子屏）"}, "全社会"},
		{"社会救助", "特困人员救助供养", "办事指南", "申请条件、所需材料、办理流程、办理时限、咨询电话",
			"《社会救助暂行办法》", "自信息形成或变更之日起20个工作日内", web, "全社会"},
		{"涉农补贴", "耕地地力保护补贴", "补贴政策", "补贴对象、补贴标准、申报程序",
			"县农业农村局、财政局年度实施方案", "自信息形成或变更之日起20个工作日内", web, "全社会"},
		{"涉农补贴", "耕地地力保护补贴", "补贴结果", "各村补贴面积、标准、金额",
			"县农业农村局、财政局年度实施方案", "发放前公示7天", []string{"政府网站", "社区/企事业单位/村公示栏（电子屏）"}, "全社会"},
		{"公共文化服务", "公共文化机构免费开放", "综合文化站开放信息", "开放时间、服务项目、联系方式",
			"《公共文化服务保障法》", "信息形成或变更之日起20个工作日内", []string{"政府网站", "公开查阅点"}, "全社会"},
	}
}

// seedCatalogue saves the lines and files the 低保 细则 under the line
// for 低保 policy documents, so the catalogue page shows an attachment.
func seedCatalogue(ctx context.Context, st *store.Store, bodyID int64, docs publications) error {
	for _, l := range catalogueLines() {
		if !slices.Contains(catalogue.Domains(), l.domain) {
			return fmt.Errorf("demo: catalogue domain %q is not one of the national domains", l.domain)
		}
		it := catalogue.Item{BodyID: bodyID, Domain: l.domain, Level1: l.level1, Level2: l.level2, Content: l.content,
			Basis: l.basis, Timing: l.timing, Subject: "吴城镇人民政府", Channels: l.channels, Audience: l.audience,
			Mode: "主动", Tier: []string{"乡级"}}
		if errs := catalogue.Validate(it); len(errs) > 0 {
			return fmt.Errorf("demo: catalogue line %s: %v", l.level2, errs)
		}
		id, err := st.SaveCatalogueItem(ctx, it)
		if err != nil {
			return fmt.Errorf("demo: %w", err)
		}
		if l.level1 == "最低生活保障" && l.level2 == "政策法规文件" {
			if err := st.SetDocumentCatalogueItem(ctx, docs.dibao, id); err != nil {
				return fmt.Errorf("demo: %w", err)
			}
		}
	}
	return nil
}
