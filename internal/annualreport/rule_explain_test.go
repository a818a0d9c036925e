package annualreport

import (
	"strings"
	"testing"
)

// TestRuleMeaningEveryRule: every rule a finding can name is explained
// in Chinese, beyond its short title, and nothing is explained that is
// not a rule.
func TestRuleMeaningEveryRule(t *testing.T) {
	ids := map[string]bool{}
	for _, r := range Rules() {
		ids[r.ID] = true
		m := RuleMeaning(r.ID)
		switch {
		case m == "":
			t.Errorf("rule %s has no meaning", r.ID)
		case m == r.Name || !strings.ContainsFunc(m, func(c rune) bool { return c >= 0x4e00 && c <= 0x9fff }):
			t.Errorf("rule %s: meaning %q is not a Chinese explanation beyond its title", r.ID, m)
		}
	}
	for id := range ruleMeanings {
		if !ids[id] {
			t.Errorf("meaning given for %s, which is no rule", id)
		}
	}
	if RuleMeaning("no-such-rule") != "" {
		t.Error("an unknown id has a meaning")
	}
}
