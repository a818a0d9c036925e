package disclosure

import (
	"strings"
	"unicode/utf8"
)

// Metadata limits: long enough for any real title or 文号, short enough
// that a page header stays a header.
const (
	maxTitle    = 200
	maxShort    = 100
	maxSummary  = 2000
	maxKeywords = 10
)

// Validate checks a draft's metadata before it is saved. It returns the
// problems in Chinese, one per field, in form order; nil means valid.
func (d Document) Validate() []string {
	var out []string
	if strings.TrimSpace(d.Title) == "" {
		out = append(out, "请填写标题。")
	} else if utf8.RuneCountInString(d.Title) > maxTitle {
		out = append(out, "标题过长。")
	}
	if d.ColumnID == 0 {
		out = append(out, "请选择栏目。")
	}
	for _, f := range []struct{ name, v string }{{"文号", d.DocNo}, {"发布机构", d.Publisher}, {"体裁分类", d.Genre}, {"公开方式", d.PublicMode}} {
		if utf8.RuneCountInString(f.v) > maxShort {
			out = append(out, f.name+"过长。")
		}
	}
	if utf8.RuneCountInString(d.Summary) > maxSummary {
		out = append(out, "内容概述过长。")
	}
	if d.Theme != "" {
		if _, ok := ThemeByCode(d.Theme); !ok {
			out = append(out, "主题分类不存在。")
		}
	}
	if !d.Kind.Valid() {
		out = append(out, "文件类别不正确。")
	}
	if d.Interprets != 0 && d.Kind.HasValidity() {
		out = append(out, "政策解读不能同时是规章或行政规范性文件。")
	}
	if d.Interprets != 0 && d.Interprets == d.ID {
		out = append(out, "文件不能解读自身。")
	}
	if d.Kind.HasValidity() && d.Written == nil {
		out = append(out, "规章和行政规范性文件须填写成文日期。")
	}
	if !d.Format.Valid() {
		out = append(out, "正文格式不正确。")
	}
	if len(d.Keywords) > maxKeywords {
		out = append(out, "关键词最多 10 个。")
	}
	if d.IndexNo != "" {
		if err := ValidateIndexNo(d.IndexNo); err != nil {
			out = append(out, err.Error())
		}
	}
	return out
}

// SplitKeywords reads keywords separated by spaces or Chinese or ASCII
// commas and semicolons, dropping blanks and repeats.
func SplitKeywords(s string) []string {
	f := strings.FieldsFunc(s, func(r rune) bool {
		return r == ',' || r == '，' || r == ';' || r == '；' || r == '、' || r == ' ' || r == '　' || r == '\n' || r == '\t'
	})
	var out []string
	seen := map[string]bool{}
	for _, k := range f {
		if !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	return out
}
