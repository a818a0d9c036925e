package disclosure

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Policy interpretations (政策解读) are published with the policy they
// explain, at the same time, and linked both ways. The store enforces
// the timing: an approved interpretation is published in the same
// transaction as its policy, and one approved later goes out on its own
// only once the policy is public.

var (
	// ErrPolicyNotPublished refuses publishing an interpretation ahead
	// of its policy.
	ErrPolicyNotPublished = errors.New("所解读的政策文件尚未发布，解读须与政策文件同时或在其后发布")
	// ErrBadPolicy refuses linking an interpretation to a document that
	// cannot be its policy: another body's, withdrawn, or itself an
	// interpretation.
	ErrBadPolicy = errors.New("所解读的文件须为本单位未撤回的政策文件，且不能是另一篇解读")
)

// CanInterpret reports whether policy may be the subject of an
// interpretation of the body bodyID.
func CanInterpret(policy Document, bodyID, selfID int64) bool {
	return policy.BodyID == bodyID && policy.ID != selfID && policy.Interprets == 0 &&
		policy.State != StateWithdrawn
}

// DefaultInterpretationElements are the elements a policy interpretation
// commonly must cover. Provinces differ (the "eight elements" are not
// national), so a deployment may replace the list (ParseElements).
var DefaultInterpretationElements = []string{
	"背景依据", "目标任务", "主要内容", "涉及范围", "执行标准", "注意事项", "惠民举措", "新旧政策差异",
}

// maxElements bounds a configured list; a checklist longer than this is
// a mistake in the setting, not a jurisdiction's rule.
const maxElements = 20

// ParseElements reads a configured element list, one per line, dropping
// blanks and repeats. An empty text means the default list.
func ParseElements(text string) ([]string, error) {
	var out []string
	seen := map[string]bool{}
	for _, line := range strings.Split(text, "\n") {
		e := strings.TrimSpace(line)
		if e == "" || seen[e] {
			continue
		}
		if utf8.RuneCountInString(e) > 50 {
			return nil, fmt.Errorf("要素“%s”过长", e)
		}
		seen[e] = true
		out = append(out, e)
	}
	if len(out) > maxElements {
		return nil, fmt.Errorf("要素最多 %d 项", maxElements)
	}
	if len(out) == 0 {
		return DefaultInterpretationElements, nil
	}
	return out, nil
}
