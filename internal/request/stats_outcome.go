package request

import (
	"fmt"

	"github.com/gongkai/gongkai/internal/annualreport"
)

// OutcomeInFormat maps an outcome row id recorded under any known report
// format onto the outcome rows of format f, so a request answered under
// one format is counted sensibly in a report that follows another (a
// request closed in 2020 with 三.六.1 of a draft, or one recorded as
// 三.六 and reported in 2021). It is the one place this mapping lives:
//
//   - the id is an outcome row of f: unchanged;
//   - an ancestor of the id is an outcome row of f (a finer row of a
//     newer format, e.g. 三.六.1/2/3 in the 2019 format): that ancestor,
//     where the coarser row already counts everything under it;
//   - the id is a group row of f (a coarser row of an older format, e.g.
//     三.六 in the 2021 format): the group's last outcome row, which the
//     formats keep as the catch-all (3.其他), since the finer reason was
//     never recorded.
//
// An id that is an outcome row of no known format is an error.
func OutcomeInFormat(f *annualreport.Format, id string) (string, error) {
	if f == nil {
		return "", fmt.Errorf("outcome %q: no report format", id)
	}
	if !isKnownOutcome(id) {
		return "", ruleError(fmt.Sprintf("办理结果 %q 不是年度报告表三的办理结果行", id), "unknown outcome row id")
	}
	outcomes := f.OutcomeRows()
	isOutcome := func(id string) bool {
		for _, r := range outcomes {
			if r.ID == id {
				return true
			}
		}
		return false
	}
	if isOutcome(id) {
		return id, nil
	}
	// Finer than f: walk up the format that knows the id.
	for _, other := range annualreport.Formats() {
		r, ok := other.Row(id)
		for ok && r.Parent != "" {
			if isOutcome(r.Parent) {
				return r.Parent, nil
			}
			r, ok = other.Row(r.Parent)
		}
	}
	// Coarser than f: the group's last outcome row.
	last := ""
	for _, r := range outcomes {
		if r.Parent == id {
			last = r.ID
		}
	}
	if last != "" {
		return last, nil
	}
	return "", ruleError(fmt.Sprintf("办理结果 %q 在%s中没有对应的行", id, f.Name), fmt.Sprintf("outcome has no row in format %s", f.ID))
}

// isKnownOutcome reports whether id is an outcome row of some format.
func isKnownOutcome(id string) bool {
	for _, f := range annualreport.Formats() {
		for _, r := range f.OutcomeRows() {
			if r.ID == id {
				return true
			}
		}
	}
	return false
}

// KnownOutcome accepts the outcome row ids of any report format; it fits
// Settings.ValidOutcome, so the clock rejects an outcome the statistics
// could not count.
func KnownOutcome(id string) error {
	if !isKnownOutcome(id) {
		return ruleError(fmt.Sprintf("%q 不是年度报告表三的办理结果行", id), "unknown outcome row id")
	}
	return nil
}
