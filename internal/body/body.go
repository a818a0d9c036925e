// Package body models administrative bodies (机关): the tree of
// governments from province to village and the departments under them.
package body

import "time"

// Kind is the level or type of a body.
type Kind string

const (
	Province   Kind = "province"   // 省
	City       Kind = "city"       // 市
	County     Kind = "county"     // 县（区）
	Township   Kind = "township"   // 乡镇（街道）
	Village    Kind = "village"    // 村（社区）
	Department Kind = "department" // 政府部门
)

// Body is one administrative body.
type Body struct {
	ID        int64
	ParentID  int64 // 0 for a root
	Name      string
	ShortName string
	Kind      Kind
	// Code is the 18-character 统一社会信用代码 or the 9-character
	// organisation code; it is the front part of every 索引号.
	Code string
	// Slug is the body's short path segment on multi-body sites (/b/{slug}/).
	Slug    string
	Contact Contact
	// Identity is what the body's sub-site shows at the foot of its
	// pages in place of the site's (主办单位, 承办单位, contact…); empty
	// fields fall back to the site's identity (Site.Over).
	Identity Site
	Created  time.Time
}

// Contact holds what the 政府信息公开指南 must tell the public.
type Contact struct {
	Office   string // 政府信息公开工作机构
	Address  string
	Hours    string
	Phone    string
	Fax      string
	Email    string
	Postcode string
}
