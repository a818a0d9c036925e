package annualreport

// ruleMeanings explain each rule id in Chinese for the people who read a
// finding: what the rule compares, and where the mistake usually lies.
// RuleInfo.Name is the rule's short title in listings; these say more,
// beside a finding on a page, in a CSV or a workbook.
var ruleMeanings = map[string]string{
	RuleBalance: "表三勾稽关系不成立：“一、本年新收政府信息公开申请数量”加“二、上年结转政府信息公开申请数量”，" +
		"应等于“三、本年度办理结果”总计加“四、结转下年度继续办理”。常见原因是漏填结转件数或办理结果分项。",
	RuleRowTotal: "表三某一行的“总计”不等于自然人与各类法人或其他组织各列之和。请逐列核对该行数字。",
	RuleOutcomeTotal: "表三“三、本年度办理结果”的“（七）总计”不等于（一）至（六）各项办理结果之和，" +
		"多为某一项结果漏计或重复计入。",
	RuleReviewTotal: "表四行政复议或行政诉讼某一组的“总计”不等于结果维持、结果纠正、其他结果、尚未审结四项之和。",
	RuleBadValue: "单元格应填写非负整数（信息处理费等金额可有小数），不适用的填“/”，没有的填 0；" +
		"此处出现了文字、符号或负数，无法参与计算。",
	RuleEmptyTotal: "“总计”一栏空白，但其加数中有数字。请填写总计，以便核对。",
	RuleCarryover: "本年度“上年结转政府信息公开申请数量”应等于上一年度报告的“结转下年度继续办理”件数；" +
		"两份报告的数字不一致。",
	RuleStock: "规章、规范性文件的“现行有效件数”应等于上一年度报告的现行有效件数加本年制发（新制作）件数、" +
		"减本年废止件数；三者不衔接。",
	RuleFormatMismatch: "报告所用表格与该年度应使用的格式不符：2020 年度及以前的报告用 2019 年试行格式（国办公开办函〔2019〕60号），" +
		"2021 年度起用 2021 年版格式（国办公开办函〔2021〕30号）。",
	RuleMissingSection: "报告缺少规定的章节（一、总体情况至六、其他需要报告的事项）。",
	RuleMissingTable:   "报告缺少规定的表格（表二主动公开、表三依申请公开、表四行政复议和行政诉讼）或其中的子表。",
	RuleMissingRow:     "表格缺少格式规定的行或列，相应数字无法核对。",
	RuleUnknownLabel: "表格中的行或列标签与规定格式的文字不一致或不完整，系统按最接近的标签读取；" +
		"请核对是否改动了表头或行名。",
	RuleYearMismatch: "标题中的年度与正文所报告的年度（如“统计期限自……至……”）不一致。",
	RuleFeeNotReported: "第六部分没有说明本年度信息处理费的收取情况。国办函〔2020〕109号要求在年度报告中说明，" +
		"未收取的也应写明。",
	RuleTextTableMismatch: "正文中写的数字（如本年新收申请数）与表格中的相应数字不一致。",
	RuleEmptySection:      "该章节没有内容或内容过于简略。每一部分都应按规定填写；确无内容的，应写明“无”及原因。",
	RuleLate: "报告的发布日期晚于《政府信息公开条例》第四十九条规定的公布期限：县级以上人民政府部门为次年 1 月 31 日前，" +
		"县级以上人民政府为次年 3 月 31 日前；乡镇（街道）等按上级规定，未规定的按次年 1 月 31 日前。",
}

// RuleMeaning is what a rule id means, in Chinese, for every page and
// download that shows a rule id beside a finding ("" for an id no rule
// has).
func RuleMeaning(id string) string {
	return ruleMeanings[id]
}
