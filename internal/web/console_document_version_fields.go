package web

import (
	"context"
	"strings"

	"github.com/gongkai/gongkai/internal/disclosure"
	"github.com/gongkai/gongkai/internal/store"
)

// fieldChange is one metadata field of a version next to the version
// before. Status says in words whether it changed, so the mark does not
// rest on colour alone: "已修改", "新增" (first version, field filled)
// or "" (unchanged, or empty in a first version).
type fieldChange struct {
	Label  string
	Old    string
	New    string
	Status string
}

// versionFields lists every metadata field of a version in the words of
// the document page, against old when hasOld (else against nothing).
func (s *server) versionFields(ctx context.Context, d disclosure.Document, old, cur store.VersionData, hasOld bool) ([]fieldChange, error) {
	cols, err := s.store.Columns(ctx, d.BodyID)
	if err != nil {
		return nil, err
	}
	columns := map[int64]string{}
	for _, c := range cols {
		columns[c.ID] = c.Name
	}
	titles := map[int64]string{}
	for _, id := range []int64{old.Interprets, cur.Interprets} {
		if id == 0 || titles[id] != "" {
			continue
		}
		p, err := s.store.Document(ctx, id)
		switch {
		case err == nil && p.BodyID == d.BodyID:
			titles[id] = p.Title
		case err == nil || isNotFound(err):
			// A policy of another body (impossible through the form) or
			// one since gone: its number, not another body's title.
			titles[id] = "文件 " + idStr(id)
		default:
			return nil, err
		}
	}
	show := func(v store.VersionData) []string {
		interprets := ""
		if v.Interprets != 0 {
			interprets = titles[v.Interprets]
		}
		column := columns[v.ColumnID]
		if column == "" && v.ColumnID != 0 {
			column = "栏目 " + idStr(v.ColumnID)
		}
		return []string{v.Title, v.DocNo, v.Publisher, v.Summary, writtenDate(v), themeFullName(v.Theme), v.Genre,
			strings.Join(v.Keywords, "、"), v.PublicMode, docKindName(v.Kind), bodyFormatName(v.Format), column, interprets}
	}
	labels := []string{"标题", "文号", "发布机构", "内容概述", "成文日期", "主题分类", "体裁分类",
		"关键词", "公开方式", "文件类别", "正文格式", "栏目", "解读的文件"}
	olds, news := show(old), show(cur)
	out := make([]fieldChange, len(labels))
	for i, l := range labels {
		f := fieldChange{Label: l, New: news[i]}
		switch {
		case hasOld:
			f.Old = olds[i]
			if f.Old != f.New {
				f.Status = "已修改"
			}
		case f.New != "":
			f.Status = "新增"
		}
		out[i] = f
	}
	return out, nil
}

func writtenDate(v store.VersionData) string {
	if v.Written == nil {
		return ""
	}
	return v.Written.In(chinaTime).Format("2006-01-02")
}

func themeFullName(code string) string {
	if t, ok := disclosure.ThemeByCode(code); ok {
		return t.FullName
	}
	return code
}

func docKindName(k string) string {
	if k == "" {
		return ""
	}
	return disclosure.Kind(k).Name()
}

func bodyFormatName(f string) string {
	switch disclosure.BodyFormat(f) {
	case disclosure.FormatHTML:
		return "HTML"
	case disclosure.FormatMarkdown:
		return "Markdown"
	}
	return f
}
