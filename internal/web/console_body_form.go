package web

import (
	"net/mail"
	"regexp"
	"strings"

	"github.com/gongkai/gongkai/internal/body"
)

func contactFromForm(get func(string) string) body.Contact {
	f := func(k string) string { return strings.TrimSpace(get(k)) }
	return body.Contact{Office: f("office"), Address: f("address"), Hours: f("hours"), Phone: f("phone"),
		Fax: f("fax"), Email: f("email"), Postcode: f("postcode")}
}

var postcodeRE = regexp.MustCompile(`^[0-9]{6}$`)

// validateContact returns the problems with contact details, in Chinese.
// Empty fields are allowed: the guide then says they are not published.
func validateContact(c body.Contact) []string {
	var errs []string
	if c.Email != "" {
		if a, err := mail.ParseAddress(c.Email); err != nil || a.Address != c.Email {
			errs = append(errs, "电子邮箱格式不正确。")
		}
	}
	if c.Postcode != "" && !postcodeRE.MatchString(c.Postcode) {
		errs = append(errs, "邮政编码应为 6 位数字。")
	}
	for _, v := range []string{c.Office, c.Address, c.Hours, c.Phone, c.Fax} {
		if len([]rune(v)) > 200 {
			errs = append(errs, "每项联系信息不超过 200 个字。")
			break
		}
	}
	return errs
}

// bodyEditForm is a body's contact details and its own site identity
// (网站标识), edited together.
type bodyEditForm struct {
	Contact  body.Contact
	Identity body.Site
}

func readBodyEditForm(get func(string) string) bodyEditForm {
	return bodyEditForm{Contact: contactFromForm(get), Identity: siteFromForm(get, "site_")}
}

// problems are the contact's, in Chinese, and the identity's keyed by
// field.
func (f bodyEditForm) problems() ([]string, fieldErrors) {
	return validateContact(f.Contact), fieldErrors(f.Identity.Validate())
}

// newBodyFromForm reads a new body under parent and the problems, in
// Chinese, that the body's rules find (whether the slug is free is the
// store's to say).
func newBodyFromForm(get func(string) string, parent body.Body) (body.Body, []string) {
	f := func(k string) string { return strings.TrimSpace(get(k)) }
	b := body.Body{ParentID: parent.ID, Name: f("name"), ShortName: f("short_name"),
		Kind: body.Kind(f("kind")), Code: strings.ToUpper(f("code")), Slug: strings.ToLower(f("slug"))}
	return b, messages(body.Validate(b, &parent))
}
