// Package disclosure holds proactive disclosure (主动公开): columns,
// documents and the rules around them.
package disclosure

import "time"

// The fixed 政府信息公开 column and its four sub-columns
// (国办公开办函〔2019〕61号). Every body has them.
const (
	RootColumnName = "政府信息公开"
)

// FixedSubColumns are the four fixed first-level sub-columns, in order,
// with their stable slugs.
var FixedSubColumns = []struct{ Slug, Name string }{
	{"guide", "政府信息公开指南"},
	{"rules", "政府信息公开制度"},
	{"statutory", "法定主动公开内容"},
	{"annual-report", "政府信息公开工作年度报告"},
}

// Column is a 栏目 of a body's site.
type Column struct {
	ID       int64
	BodyID   int64
	ParentID int64 // 0 for a top-level column
	Slug     string
	Name     string
	Fixed    bool // one of the statutory columns: cannot be removed or renamed
	Position int
}

// Document is a published or draft item of government information.
// Issue 5 extends it with the full catalogue metadata.
type Document struct {
	ID        int64
	BodyID    int64
	ColumnID  int64
	IndexNo   string // 索引号
	Title     string
	DocNo     string // 文号
	Publisher string // 发布机构
	Summary   string
	BodyHTML  string // sanitised HTML
	Written   *time.Time
	Published *time.Time
	Created   time.Time
}
