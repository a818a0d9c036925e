package reportflow

import (
	"errors"
	"strings"
	"unicode/utf8"

	"github.com/gongkai/gongkai/internal/annualreport"
)

// MaxCommentRunes bounds one comment of a return.
const MaxCommentRunes = 2000

// Comment is a supervisor's remark on a returned report: on a section
// (Table "") or on one table cell, named by its table (二, 三, 四), its
// row id (table 二: the row label; 三: the canonical row id such as
// 三.一; 四: the group) and its column label, the keys of the report's
// JSON form (annualreport.Schema).
type Comment struct {
	Section string
	Table   string
	Row     string
	Column  string
	Text    string
}

// ErrBadComment is wrapped with a Chinese message by ValidateComment.
var ErrBadComment = errors.New("reportflow: bad comment")

// CommentError carries the Chinese reason a comment was refused.
type CommentError struct{ Msg string }

func (e *CommentError) Error() string { return "reportflow: bad comment: " + e.Msg }
func (e *CommentError) Unwrap() error { return ErrBadComment }

// PublicMessage is the reason for people, without the English prefix.
func (e *CommentError) PublicMessage() string { return e.Msg }

// ValidateComment checks that c names a section or a cell that the
// format has, and has text of a sensible length.
func ValidateComment(f *annualreport.Format, c Comment) error {
	text := strings.TrimSpace(c.Text)
	switch {
	case text == "":
		return &CommentError{"意见内容不能为空。"}
	case !utf8.ValidString(text):
		return &CommentError{"意见含有无法识别的字符。"}
	case utf8.RuneCountInString(text) > MaxCommentRunes:
		return &CommentError{"意见过长。"}
	}
	if c.Table == "" {
		for _, s := range f.Sections {
			if s.ID == c.Section {
				return nil
			}
		}
		return &CommentError{"意见所指的部分不存在。"}
	}
	if CellLabel(f, c.Table, c.Row, c.Column) == "" {
		return &CommentError{"意见所指的单元格不在本年度格式的表格中。"}
	}
	return nil
}

// Where is the place the comment points at, in Chinese.
func (c Comment) Where(f *annualreport.Format) string {
	if c.Table == "" {
		for _, s := range f.Sections {
			if s.ID == c.Section {
				return s.Label
			}
		}
		return c.Section
	}
	return CellLabel(f, c.Table, c.Row, c.Column)
}

// CellChoice is a row or a column a comment may name, with its table
// and its Chinese label: the choices of the supervisor's comment form.
type CellChoice struct {
	Table string
	Key   string // row id or column label
	Label string
}

// CellRows are the rows of the three tables, in format order.
func CellRows(f *annualreport.Format) []CellChoice {
	var out []CellChoice
	for _, st := range f.Two {
		for _, r := range st.Rows {
			out = append(out, CellChoice{"二", r.Label, r.Label})
		}
	}
	for _, r := range f.DataRows() {
		out = append(out, CellChoice{"三", r.ID, r.ID + " " + r.Label})
	}
	for _, g := range f.Four.Groups {
		out = append(out, CellChoice{"四", g.ID, g.ID})
	}
	return out
}

// CellColumns are the columns of the three tables, in format order,
// each once per table.
func CellColumns(f *annualreport.Format) []CellChoice {
	var out []CellChoice
	seen := map[string]bool{}
	for _, st := range f.Two {
		for _, c := range st.Columns {
			if !seen[c.Label] {
				seen[c.Label] = true
				out = append(out, CellChoice{"二", c.Label, c.Label})
			}
		}
	}
	for _, c := range f.ThreeColumns() {
		out = append(out, CellChoice{"三", c, c})
	}
	for _, c := range f.Four.Columns {
		out = append(out, CellChoice{"四", c.Label, c.Label})
	}
	return out
}

// CellLabel names a cell of the format in Chinese ("表三 / 三.一 （一）予以
// 公开 / 自然人"), or "" when the format has no such cell.
func CellLabel(f *annualreport.Format, table, row, column string) string {
	switch table {
	case "二":
		for _, st := range f.Two {
			for _, r := range st.Rows {
				if r.Label != row {
					continue
				}
				for _, c := range st.Columns {
					if c.Label == column {
						return "表二 / " + row + " / " + column
					}
				}
			}
		}
	case "三":
		r, ok := f.Row(row)
		if !ok || r.Group {
			return ""
		}
		for _, c := range f.ThreeColumns() {
			if c == column {
				return "表三 / " + r.ID + " " + r.Label + " / " + column
			}
		}
	case "四":
		for _, g := range f.Four.Groups {
			if g.ID != row {
				continue
			}
			for _, c := range f.Four.Columns {
				if c.Label == column {
					return "表四 / " + row + " / " + column
				}
			}
		}
	}
	return ""
}
