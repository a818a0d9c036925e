package web

import (
	"strings"
	"time"

	"github.com/gongkai/gongkai/internal/body"
	"github.com/gongkai/gongkai/internal/disclosure"
)

// guideView is the 政府信息公开指南 (Art. 12 of the Regulations),
// generated from the body's own data so it can never fall out of date:
// how information is classified and arranged, how to obtain it, and
// the disclosure office's contact details.
type guideView struct {
	BodyName   string
	Office     string
	Code       string
	Year       int // for the example index number
	Contacts   []contactLine
	Categories []guideCategory
	Missing    []string // contact fields not yet filled in
}

type contactLine struct {
	Label string
	Value string
	Empty bool
}

type guideCategory struct {
	Name     string
	Children []string
}

func newGuide(pb portalBody, now time.Time) guideView {
	b := pb.body
	g := guideView{BodyName: b.Name, Office: b.Contact.Office, Code: b.Code, Year: now.In(chinaTime).Year()}
	if g.Office == "" {
		g.Office = b.Name
	}
	for _, c := range contactLines(b.Contact) {
		g.Contacts = append(g.Contacts, c)
		if c.Empty {
			g.Missing = append(g.Missing, c.Label)
		}
	}
	for _, f := range disclosure.FixedSubColumns {
		cat := guideCategory{Name: f.Name}
		if c, ok := pb.column(f.Slug); ok {
			for _, ch := range pb.children(c.ID) {
				cat.Children = append(cat.Children, ch.Name)
			}
		}
		g.Categories = append(g.Categories, cat)
	}
	return g
}

// contactLines lists every contact field the guide must give, empty
// ones included: the public should see that a field is missing rather
// than wonder whether they overlooked it.
func contactLines(c body.Contact) []contactLine {
	lines := []contactLine{
		{Label: "工作机构", Value: c.Office},
		{Label: "办公地址", Value: c.Address},
		{Label: "办公时间", Value: c.Hours},
		{Label: "联系电话", Value: c.Phone},
		{Label: "传真", Value: c.Fax},
		{Label: "电子邮箱", Value: c.Email},
		{Label: "邮政编码", Value: c.Postcode},
	}
	for i := range lines {
		lines[i].Empty = strings.TrimSpace(lines[i].Value) == ""
	}
	return lines
}

// guidePoints are the links the front page's 指南 card gives into the
// guide, which is generated from the body's record and so always there;
// the office and its telephone, when published, are named.
func guidePoints(pb portalBody) []docLink {
	url := pb.columnURL("guide")
	office := pb.body.Contact.Office
	if office == "" {
		office = pb.body.Name
	}
	if phone := strings.TrimSpace(pb.body.Contact.Phone); phone != "" {
		office += "（电话 " + phone + "）"
	}
	return []docLink{
		{Title: "政府信息的分类与编排", URL: url + "#guide-1"},
		{Title: "获取政府信息的方式：主动公开和依申请公开", URL: url + "#guide-2"},
		{Title: "工作机构：" + office, URL: url + "#guide-3"},
	}
}
