package reportflow

import (
	"fmt"
	"strings"

	"github.com/gongkai/gongkai/internal/annualreport"
)

// RequiredTwoRows are the rows of table 二 whose figures come from other
// systems and must be filled in (a value, or "/" where the body has no
// such power): 许可, 处罚, 强制 and 收费. A blank there usually means the
// figures were never collected.
var RequiredTwoRows = []string{"行政许可", "行政处罚", "行政强制", "行政事业性收费"}

// RequiredSections are the narrative sections a report must not leave
// empty (一 总体情况, 五 存在的主要问题及改进情况, 六 其他需要报告的事项).
var RequiredSections = []string{"一", "五", "六"}

// Blocker is one reason a report may not be approved without an
// explicit override recorded in the audit log.
type Blocker struct {
	Kind    string // error, blank-cell, empty-section
	Where   string // section / row / column, in Chinese
	Message string // in Chinese
}

// Blockers lists what stops the approval of rep: every error-severity
// finding, every blank required cell of table 二 and every empty or
// unfinished (still holding the prefill's Placeholder) section among
// RequiredSections. None means it may be approved as it is.
func Blockers(rep *annualreport.Report, findings []annualreport.Finding) []Blocker {
	var out []Blocker
	for _, f := range findings {
		if f.Severity == annualreport.SeverityError {
			out = append(out, Blocker{Kind: "error", Where: f.Where(), Message: f.Message + "（" + f.Rule + "：" + annualreport.RuleMeaning(f.Rule) + "）"})
		}
	}
	if rep == nil {
		return out
	}
	format := annualreport.FormatByID(rep.Format)
	if format == nil {
		format = annualreport.FormatForYear(rep.Year)
	}
	if format != nil {
		for _, st := range format.Two {
			for _, row := range st.Rows {
				if !isRequiredTwoRow(row.Label) {
					continue
				}
				for _, col := range st.Columns {
					if rep.Tables.Two[row.Label][col.Label].State == annualreport.Blank {
						out = append(out, Blocker{Kind: "blank-cell", Where: "二 / " + row.Label + " / " + col.Label,
							Message: fmt.Sprintf("表二“%s”的“%s”未填写（没有此项职能的请填“/”）", row.Label, col.Label)})
					}
				}
			}
		}
	}
	for _, id := range RequiredSections {
		text := strings.TrimSpace(rep.Sections[id])
		switch {
		case text == "":
			out = append(out, Blocker{Kind: "empty-section", Where: id, Message: "第" + id + "部分没有内容"})
		case strings.Contains(text, Placeholder):
			out = append(out, Blocker{Kind: "empty-section", Where: id, Message: "第" + id + "部分仍有待填写的内容（" + Placeholder + "）"})
		}
	}
	return out
}

func isRequiredTwoRow(label string) bool {
	for _, r := range RequiredTwoRows {
		if r == label {
			return true
		}
	}
	return false
}
