package annualreport

// The Chinese wording of findings for people. The command line and the
// console both list findings; they take the words from here so a
// supervisor reads the same text wherever a report is checked.

// Name is the severity as people read it: 错误 or 警告.
func (s Severity) Name() string {
	if s == SeverityError {
		return "错误"
	}
	return "警告"
}

// Where is the place a finding points at, from the section down to the
// row and column ("二 / 行政许可 / 处理决定数量"); "" when it names none.
func (f Finding) Where() string {
	where := f.Section
	for _, p := range []string{f.Row, f.Column} {
		if p == "" {
			continue
		}
		if where != "" {
			where += " / "
		}
		where += p
	}
	return where
}

// FormatName is the name of the format with the given id, or 未识别 when
// no table could be matched to a format.
func FormatName(id string) string {
	if f := FormatByID(id); f != nil {
		return f.Name
	}
	return "未识别"
}
