// Package disclosure holds proactive disclosure (主动公开): columns,
// documents and the rules around them.
package disclosure

import "time"

// The fixed 政府信息公开 column and its four sub-columns
// (国办公开办函〔2019〕61号). Every body has them.
const (
	RootColumnName = "政府信息公开"
	// AnnualReportSlug is the sub-column where annual reports are published.
	AnnualReportSlug = "annual-report"
)

// FixedSubColumns are the four fixed first-level sub-columns, in order,
// with their stable slugs.
var FixedSubColumns = []struct{ Slug, Name string }{
	{"guide", "政府信息公开指南"},
	{"rules", "政府信息公开制度"},
	{"statutory", "法定主动公开内容"},
	{AnnualReportSlug, "政府信息公开工作年度报告"},
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
	// Type and Period drive the website checks (国办秘函〔2019〕19号):
	// how often the column is expected to get new content.
	Type   ColumnType
	Period Period
	// Retired columns keep their documents but leave the site's menus.
	Retired bool
}

// Document is an item of government information in a column, from the
// first draft to publication and, if need be, withdrawal. The fields
// follow the 目录 conventions of government detail pages.
type Document struct {
	ID        int64
	BodyID    int64
	ColumnID  int64
	IndexNo   string // 索引号, assigned at publication, permanent
	Title     string
	DocNo     string     // 文号
	Publisher string     // 发布机构
	Summary   string     // 内容概述
	BodyHTML  string     // sanitised HTML
	Written   *time.Time // 成文日期
	Published *time.Time // 发布日期
	Created   time.Time

	Theme      string   // 主题分类: a theme code (see Themes)
	Genre      string   // 体裁分类
	Keywords   []string // 关键词
	PublicMode string   // 公开方式, e.g. 主动公开
	Kind       Kind     // 规章 / 规范性文件 / other
	Format     BodyFormat
	Source     string // the body as the editor wrote it (HTML or Markdown)
	State      State
	Version    int // number of the latest saved version
	Updated    time.Time
	// Withdrawn and WithdrawReason are set when a published document is
	// withdrawn (撤回); the reason is shown on the public page.
	Withdrawn      *time.Time
	WithdrawReason string
	ReturnReason   string // why the reviewer sent it back, while a draft
	// Interprets is the policy document this one interprets (政策解读),
	// 0 for a document that is not an interpretation.
	Interprets  int64
	Attachments []Attachment
	Validity    []ValidityEvent // 有效性 history, oldest first
}

// Attachment is a file attached to a document, kept in the blob store
// by content hash under the name it was uploaded with.
type Attachment struct {
	ID          int64
	DocumentID  int64
	Hash        string
	Name        string
	Size        int64
	ContentType string
}
