package interact

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Field limits of the public forms, in characters.
const (
	MaxName     = 50
	MaxContact  = 100
	MaxSubject  = 100
	MaxQuestion = 2000
	MaxComment  = 5000
)

// Question is what a member of the public sends as a consultation.
// Contact is for the reply only and is never published.
type Question struct {
	Name, Contact, Subject, Text string
}

// Normalize trims the fields.
func (q Question) Normalize() Question {
	return Question{Name: strings.TrimSpace(q.Name), Contact: strings.TrimSpace(q.Contact),
		Subject: strings.TrimSpace(q.Subject), Text: strings.TrimSpace(q.Text)}
}

// Validate returns the Chinese message for every field at fault.
func (q Question) Validate() map[string]string {
	fe := map[string]string{}
	tooLong(fe, "name", "姓名", q.Name, MaxName)
	tooLong(fe, "contact", "联系方式", q.Contact, MaxContact)
	if q.Subject == "" {
		fe["subject"] = "请填写咨询主题。"
	}
	tooLong(fe, "subject", "咨询主题", q.Subject, MaxSubject)
	if q.Text == "" {
		fe["question"] = "请填写咨询内容。"
	}
	tooLong(fe, "question", "咨询内容", q.Text, MaxQuestion)
	return fe
}

// Comment is one opinion on a draft; it is recorded, never published.
type Comment struct {
	Name, Contact, Text string
}

// Normalize trims the fields.
func (c Comment) Normalize() Comment {
	return Comment{Name: strings.TrimSpace(c.Name), Contact: strings.TrimSpace(c.Contact), Text: strings.TrimSpace(c.Text)}
}

// Validate returns the Chinese message for every field at fault.
func (c Comment) Validate() map[string]string {
	fe := map[string]string{}
	tooLong(fe, "name", "姓名", c.Name, MaxName)
	tooLong(fe, "contact", "联系方式", c.Contact, MaxContact)
	if c.Text == "" {
		fe["comment"] = "请填写意见内容。"
	}
	tooLong(fe, "comment", "意见内容", c.Text, MaxComment)
	return fe
}

func tooLong(fe map[string]string, field, label, v string, limit int) {
	if _, set := fe[field]; !set && utf8.RuneCountInString(v) > limit {
		fe[field] = label + "不能超过 " + strconv.Itoa(limit) + " 个字。"
	}
}
