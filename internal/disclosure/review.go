package disclosure

import (
	"errors"
	"slices"
	"strings"
)

// CheckItem is one point of the 保密审查 (confidentiality review) a
// reviewer confirms before a document may be published.
type CheckItem struct {
	ID    string
	Label string
}

// SecrecyChecklist is the review checklist; every item is required.
var SecrecyChecklist = []CheckItem{
	{"no-state-secret", "不涉及国家秘密"},
	{"no-trade-secret-privacy", "不涉及商业秘密和个人隐私"},
	{"no-security-risk", "不危及国家安全、公共安全、经济安全和社会稳定"},
	{"accurate", "内容准确、完整，与正式文件一致"},
}

// Review is the reviewer's decision on a submitted document.
type Review struct {
	Checked []string // ids of the confirmed checklist items
	Note    string
	// For a policy interpretation (政策解读): the elements the
	// jurisdiction requires, and those the reviewer confirmed present.
	RequiredElements []string
	Elements         []string
}

// ErrChecklistIncomplete is returned when approving without every item.
var ErrChecklistIncomplete = errors.New("保密审查各项均须确认后方可审核通过")

// ErrReasonRequired is returned when returning or withdrawing a
// document without saying why.
var ErrReasonRequired = errors.New("请填写原因")

// ErrElementsIncomplete is returned when approving an interpretation
// that lacks one of the required elements.
var ErrElementsIncomplete = errors.New("政策解读须包含本地区要求的全部要素，请逐项确认")

// ValidateApproval checks that every checklist item is confirmed and,
// for an interpretation, every required element.
func ValidateApproval(r Review) error {
	for _, it := range SecrecyChecklist {
		if !slices.Contains(r.Checked, it.ID) {
			return ErrChecklistIncomplete
		}
	}
	for _, e := range r.RequiredElements {
		if !slices.Contains(r.Elements, e) {
			return ErrElementsIncomplete
		}
	}
	return nil
}

// ValidateReason checks a return or withdrawal reason.
func ValidateReason(reason string) error {
	if strings.TrimSpace(reason) == "" {
		return ErrReasonRequired
	}
	return nil
}

// ChecklistSummary is the confirmed items in words, for the audit log.
func ChecklistSummary(r Review) string {
	var out []string
	for _, it := range SecrecyChecklist {
		if slices.Contains(r.Checked, it.ID) {
			out = append(out, it.Label)
		}
	}
	if len(r.RequiredElements) > 0 {
		out = append(out, "解读要素："+strings.Join(r.RequiredElements, "、"))
	}
	return strings.Join(out, "；")
}
