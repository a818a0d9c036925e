package web

import (
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/body"
)

// TestBodyEditForm reads a body's contact and site identity: fields
// trimmed, contact checked (e-mail, postcode, length), the identity's
// problems keyed by its fields.
func TestBodyEditForm(t *testing.T) {
	cases := []struct {
		name     string
		form     url.Values
		contact  body.Contact
		errs     []string
		identity []string // identity fields with a problem
	}{
		{"empty is allowed", url.Values{}, body.Contact{}, nil, nil},
		{"trimmed", url.Values{"office": {" 党政办 "}, "email": {" gk@example.cn "}, "postcode": {"230001"}},
			body.Contact{Office: "党政办", Email: "gk@example.cn", Postcode: "230001"}, nil, nil},
		{"e-mail with a name", url.Values{"email": {"办公室 <gk@example.cn>"}}, body.Contact{Email: "办公室 <gk@example.cn>"},
			[]string{"电子邮箱格式不正确。"}, nil},
		{"postcode of five", url.Values{"postcode": {"23000"}}, body.Contact{Postcode: "23000"}, []string{"邮政编码应为 6 位数字。"}, nil},
		{"two long lines, one message", url.Values{"address": {strings.Repeat("路", 201)}, "hours": {strings.Repeat("时", 201)}},
			body.Contact{Address: strings.Repeat("路", 201), Hours: strings.Repeat("时", 201)}, []string{"每项联系信息不超过 200 个字。"}, nil},
		{"identity e-mail", url.Values{"site_email": {"not-an-address"}}, body.Contact{}, nil, []string{"email"}},
	}
	for _, c := range cases {
		f := readBodyEditForm(c.form.Get)
		errs, fe := f.problems()
		var fields []string
		for _, k := range siteFields {
			if _, ok := fe[k]; ok {
				fields = append(fields, k)
			}
		}
		if f.Contact != c.contact || !slices.Equal(errs, c.errs) || !slices.Equal(fields, c.identity) || len(fe) != len(fields) {
			t.Errorf("%s: %+v %q %v; want %+v %q %v", c.name, f.Contact, errs, fe, c.contact, c.errs, c.identity)
		}
	}
}

// TestNewBodyForm reads a body created under a parent: code upper-cased,
// slug lower-cased, and the body's own rules (body.Validate) as messages.
func TestNewBodyForm(t *testing.T) {
	parent := body.Body{ID: 4, Name: "江北县人民政府", Kind: body.County, Slug: "jiangbei"}
	b, errs := newBodyFromForm(url.Values{"name": {" 城关镇人民政府 "}, "short_name": {"城关镇"}, "kind": {string(body.Township)},
		"code": {"11341702486344515h"}, "slug": {" ChengGuan "}}.Get, parent)
	want := body.Body{ParentID: 4, Name: "城关镇人民政府", ShortName: "城关镇", Kind: body.Township, Code: "11341702486344515H", Slug: "chengguan"}
	if len(errs) != 0 || b != want {
		t.Errorf("valid body: %+v %q", b, errs)
	}
	_, errs = newBodyFromForm(url.Values{"kind": {"galaxy"}, "slug": {"城关"}}.Get, parent)
	if len(errs) < 2 {
		t.Errorf("a body without name, kind or slug: %q", errs)
	}
	for _, e := range errs {
		if !strings.HasSuffix(e, "。") {
			t.Errorf("message %q is not a sentence", e)
		}
	}
}
