package annualreport

// Rule ids. They are stable: findings, the JSON contract and
// the command line use them.
const (
	RuleBalance           = "balance"
	RuleRowTotal          = "row-total"
	RuleOutcomeTotal      = "outcome-total"
	RuleReviewTotal       = "review-total"
	RuleBadValue          = "bad-value"
	RuleEmptyTotal        = "empty-total"
	RuleCarryover         = "carryover"
	RuleStock             = "stock"
	RuleFormatMismatch    = "format-mismatch"
	RuleMissingSection    = "missing-section"
	RuleMissingTable      = "missing-table"
	RuleMissingRow        = "missing-row"
	RuleUnknownLabel      = "unknown-label"
	RuleYearMismatch      = "year-mismatch"
	RuleFeeNotReported    = "fee-not-reported"
	RuleTextTableMismatch = "text-table-mismatch"
	RuleEmptySection      = "empty-section"
	RuleLate              = "late"
)

// RuleInfo describes a rule for listings and help texts.
type RuleInfo struct {
	ID       string
	Severity Severity
	Name     string // short Chinese description
}

// Rules lists every rule in their documented order.
func Rules() []RuleInfo { return ruleList }

var ruleList = []RuleInfo{
	{RuleBalance, SeverityError, "表三勾稽关系：第一项加第二项之和等于第三项加第四项之和"},
	{RuleRowTotal, SeverityError, "表三每行总计等于各类申请人之和"},
	{RuleOutcomeTotal, SeverityError, "表三办理结果总计等于各项办理结果之和"},
	{RuleReviewTotal, SeverityError, "表四各组总计等于结果维持、结果纠正、其他结果、尚未审结之和"},
	{RuleBadValue, SeverityError, "单元格不是数字、“/”或空白，或出现负数"},
	{RuleEmptyTotal, SeverityWarning, "总计栏空白而其加数有数值"},
	{RuleCarryover, SeverityWarning, "上年结转与上年报告的结转下年度不一致"},
	{RuleStock, SeverityWarning, "现行有效件数与上年数、本年制发、本年废止不衔接"},
	{RuleFormatMismatch, SeverityError, "表格格式与报告年度应使用的格式不符"},
	{RuleMissingSection, SeverityError, "缺少规定的章节"},
	{RuleMissingTable, SeverityError, "缺少规定的表格或子表"},
	{RuleMissingRow, SeverityError, "缺少规定的行或列"},
	{RuleUnknownLabel, SeverityWarning, "行列标签与格式不符或不完整"},
	{RuleYearMismatch, SeverityError, "标题年度与正文所报告的年度不一致"},
	{RuleFeeNotReported, SeverityWarning, "未说明信息处理费收取情况"},
	{RuleTextTableMismatch, SeverityWarning, "正文数字与表格不一致"},
	{RuleEmptySection, SeverityWarning, "章节内容为空或过于简略"},
	{RuleLate, SeverityWarning, "发布晚于法定期限"},
}

func severityOf(rule string) Severity {
	for _, r := range ruleList {
		if r.ID == rule {
			return r.Severity
		}
	}
	return SeverityWarning
}

func finding(rule, section, row, column, expected, found, message string) Finding {
	return Finding{Rule: rule, Severity: severityOf(rule), Section: section, Row: row, Column: column,
		Expected: expected, Found: found, Message: message}
}
