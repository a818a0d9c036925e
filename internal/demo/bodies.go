package demo

import "github.com/gongkai/gongkai/internal/body"

type demoBody struct {
	body.Body
	parentSlug string
}

// bodies is the demo tree, parents first. 桐柏县 (Henan, division code
// 411330), 吴城镇 and 桐柏县民政局 are real bodies; their codes are
// constructed for the demo with correct check characters (not the real
// registered codes), and the contact details are invented in the form a
// 指南 gives them; the township and the department run their sub-sites
// under their own names (主办/承办单位), the county's identity filling
// the rest. The three villages are invented.
func bodies() []demoBody {
	return []demoBody{
		{Body: body.Body{Name: "桐柏县人民政府", ShortName: "桐柏县", Kind: body.County, Slug: "tongbai",
			Code: "1141133000551836XK",
			Contact: body.Contact{Office: "桐柏县人民政府办公室", Address: "河南省南阳市桐柏县淮源大道（县政府院内）",
				Hours: "法定工作日 上午8:00—12:00，下午14:30—17:30", Phone: "0377-68100000",
				Email: "gongkai@tongbai.example", Postcode: "474750"}}},
		{Body: body.Body{Name: "吴城镇人民政府", ShortName: "吴城镇", Kind: body.Township, Slug: "wucheng",
			Code: "11411330MB1739Y22D",
			Contact: body.Contact{Office: "吴城镇人民政府党政综合办公室", Address: "河南省南阳市桐柏县吴城镇人民政府院内",
				Hours: "法定工作日 上午8:00—12:00，下午14:30—17:30（夏季下午15:00—18:00）",
				Phone: "0377-68200000", Fax: "0377-68200001", Email: "gongkai@wucheng.example", Postcode: "474750"},
			Identity: body.Site{Sponsor: "吴城镇人民政府", Organizer: "吴城镇人民政府党政综合办公室",
				Phone: "0377-68200000", Email: "gongkai@wucheng.example"}},
			parentSlug: "tongbai"},
		{Body: body.Body{Name: "吴城镇吴城村民委员会", ShortName: "吴城村", Kind: body.Village, Slug: "wucheng-wuchengcun"}, parentSlug: "wucheng"},
		{Body: body.Body{Name: "吴城镇小河村民委员会", ShortName: "小河村", Kind: body.Village, Slug: "wucheng-xiaohecun"}, parentSlug: "wucheng"},
		{Body: body.Body{Name: "吴城镇王湾村民委员会", ShortName: "王湾村", Kind: body.Village, Slug: "wucheng-wangwancun"}, parentSlug: "wucheng"},
		{Body: body.Body{Name: "桐柏县民政局", ShortName: "县民政局", Kind: body.Department, Slug: "tongbai-mzj",
			Code:     "1141133000551852XT",
			Contact:  body.Contact{Office: "桐柏县民政局办公室", Address: "河南省南阳市桐柏县民政局", Phone: "0377-68300000", Postcode: "474750"},
			Identity: body.Site{Sponsor: "桐柏县民政局", Organizer: "桐柏县民政局办公室", Phone: "0377-68300000"}},
			parentSlug: "tongbai"},
	}
}
