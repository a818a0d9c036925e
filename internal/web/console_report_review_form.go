package web

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/gongkai/gongkai/internal/annualreport"
	"github.com/gongkai/gongkai/internal/reportflow"
)

// reportReturn is what a supervising body sends a report back with: a
// note and comments, and the slots as typed to show the form again.
type reportReturn struct {
	Note     string
	Slots    []commentSlot
	Comments []reportflow.Comment
}

// readReportReturn reads the return form of a report in format f: each
// filled comment slot checked against the format (its problems first,
// numbered by slot), then the note — required when no comment is given.
func readReportReturn(get func(string) string, f *annualreport.Format) (reportReturn, []string) {
	ret := reportReturn{Note: strings.TrimSpace(get("note")), Slots: make([]commentSlot, commentSlots)}
	var errs []string
	for i := range commentSlots {
		sl := commentSlot{N: i, Num: i + 1, Where: get(fmt.Sprintf("c%d-where", i)),
			Column: get(fmt.Sprintf("c%d-col", i)), Text: strings.TrimSpace(get(fmt.Sprintf("c%d-text", i)))}
		ret.Slots[i] = sl
		if sl.Text == "" && sl.Where == "" {
			continue
		}
		c, err := commentFromForm(f, sl)
		if err != nil {
			errs = append(errs, fmt.Sprintf("第 %d 条意见：%s", i+1, commentReason(err)))
			continue
		}
		ret.Comments = append(ret.Comments, c)
	}
	switch {
	case ret.Note == "" && len(ret.Comments) == 0 && len(errs) == 0:
		errs = append(errs, "退回时请填写退回说明或至少一条意见。")
	case !utf8.ValidString(ret.Note) || utf8.RuneCountInString(ret.Note) > reportflow.MaxCommentRunes:
		errs = append(errs, "退回说明过长或含有无法识别的字符。")
	}
	return ret, errs
}

// commentReason is what a refused comment tells the reviewer: the
// domain's Chinese reason, never the English detail meant for logs.
func commentReason(err error) string {
	if msg, ok := domainMessage(err); ok {
		return msg
	}
	return "意见无法保存。"
}

// commentFromForm reads one comment slot: where is "section:一" or
// "row:三|三.一", column "三|自然人" for a cell.
func commentFromForm(f *annualreport.Format, sl commentSlot) (reportflow.Comment, error) {
	c := reportflow.Comment{Text: sl.Text}
	kind, key, _ := strings.Cut(sl.Where, ":")
	switch kind {
	case "section":
		c.Section = key
	case "row":
		table, row, _ := strings.Cut(key, "|")
		colTable, col, _ := strings.Cut(sl.Column, "|")
		if col == "" || colTable != table {
			return c, &reportflow.CommentError{Msg: "请选择与所选行同一表格的列。"}
		}
		c.Section, c.Table, c.Row, c.Column = table, table, row, col
	default:
		return c, &reportflow.CommentError{Msg: "请选择意见针对的部分或单元格。"}
	}
	if err := reportflow.ValidateComment(f, c); err != nil {
		return c, err
	}
	return c, nil
}

// readReportApproval reads the approval form of a report with blockers
// problems that stop approval: those need the override ticked and its
// reason (kept only then), and the note must fit.
func readReportApproval(get func(string) string, blockers int) (note, reason string, errs []string) {
	note, reason = strings.TrimSpace(get("note")), strings.TrimSpace(get("override_reason"))
	if blockers > 0 {
		switch {
		case get("override") != "1" || reason == "":
			errs = append(errs, fmt.Sprintf("报告有 %d 项须处理的问题（见下方）。请退回修改；确需通过的，勾选“确认仍予通过”并填写理由。", blockers))
		case !utf8.ValidString(reason) || utf8.RuneCountInString(reason) > reportflow.MaxCommentRunes:
			errs = append(errs, "通过理由过长或含有无法识别的字符。")
		}
	} else {
		reason = ""
	}
	if !utf8.ValidString(note) || utf8.RuneCountInString(note) > reportflow.MaxCommentRunes {
		errs = append(errs, "审核意见过长或含有无法识别的字符。")
	}
	return note, reason, errs
}
