package annualreport

// RuleMeaning is what a rule id means, in Chinese, for every page that
// shows a rule id beside a finding ("" for an id no rule has), in the
// words of the rule list the checks are made from.
func RuleMeaning(id string) string {
	for _, r := range ruleList {
		if r.ID == id {
			return r.Name
		}
	}
	return ""
}
