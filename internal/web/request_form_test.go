package web

import (
	"maps"
	"net/url"
	"strings"
	"testing"
	"time"
)

// TestApplicationForm reads the application form (Art. 29) as the public
// form, the API and the register share it, without a server: each case
// changes a valid application and names the fields at fault.
func TestApplicationForm(t *testing.T) {
	now := time.Date(2026, 3, 5, 10, 0, 0, 0, chinaTime)
	f := formatOf(stepTestDay("2026-03-05"))
	valid := url.Values{"applicant_type": {" 自然人 "}, "name": {" 张三 "}, "id_type": {idResident},
		"id_number": {strings.ToLower(testResidentID)}, "phone": {"13800000000"}, "email": {"zhang@example.com"},
		"sought": {"2025年吴城镇村道建设项目的招标文件"}, "delivery": {"电子邮件"}}
	a := applicationFromForm(valid.Get)
	if a.Name != "张三" || a.ApplicantType != "自然人" || a.IDNumber != testResidentID || a.FeeWaiver {
		t.Fatalf("read %+v", a)
	}
	if fe := a.validate(f, now); len(fe) != 0 {
		t.Fatalf("valid application refused: %v", fe)
	}
	cases := []struct {
		name   string
		change url.Values
		fields []string // the fields with a message, in applicationFields order
	}{
		{"fee waiver asked", url.Values{"fee_waiver": {"1"}}, nil},
		{"unknown applicant type", url.Values{"applicant_type": {"外星人"}}, []string{"applicant_type"}},
		{"no name", url.Values{"name": {"  "}}, []string{"name"}},
		{"name too long", url.Values{"name": {strings.Repeat("张", 101)}}, []string{"name"}},
		{"unknown identity document", url.Values{"id_type": {"学生证"}}, []string{"id_type"}},
		{"an organisation without its credit code", url.Values{"applicant_type": {"商业企业"}}, []string{"id_type"}},
		{"a person with a credit code", url.Values{"id_type": {idUSCC}, "id_number": {testUSCC}}, []string{"id_type"}},
		{"an organisation with its credit code", url.Values{"applicant_type": {"商业企业"}, "id_type": {idUSCC}, "id_number": {testUSCC}}, nil},
		{"no identity number", url.Values{"id_number": {""}}, []string{"id_number"}},
		{"identity number too long", url.Values{"id_type": {"护照"}, "id_number": {strings.Repeat("9", 41)}}, []string{"id_number"}},
		{"resident id checksum", url.Values{"id_number": {"110105194912310021"}}, []string{"id_number"}},
		{"phone with letters", url.Values{"phone": {"call me"}}, []string{"phone"}},
		{"e-mail with a display name", url.Values{"email": {"张三 <zhang@example.com>"}}, []string{"email"}},
		{"address too long", url.Values{"address": {strings.Repeat("路", 201)}}, []string{"address"}},
		{"no way to reach the applicant", url.Values{"phone": {""}, "email": {""}, "delivery": {"自行领取"}}, []string{"contact"}},
		{"nothing sought", url.Values{"sought": {" "}}, []string{"sought"}},
		{"too much sought", url.Values{"sought": {strings.Repeat("文", 5001)}}, []string{"sought"}},
		{"unknown delivery", url.Values{"delivery": {"飞鸽传书"}}, []string{"delivery"}},
		{"e-mail delivery without e-mail", url.Values{"email": {""}}, []string{"email"}},
		{"post without address", url.Values{"delivery": {"纸质（邮寄）"}}, []string{"address"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			form := maps.Clone(valid)
			maps.Copy(form, c.change)
			fe := applicationFromForm(form.Get).validate(f, now)
			var got []string
			for _, k := range applicationFields {
				if m, ok := fe[k]; ok {
					got = append(got, k)
					if m == "" {
						t.Errorf("%s: no message", k)
					}
				}
			}
			if len(got) != len(fe) {
				t.Errorf("messages for fields outside the form: %v", fe)
			}
			if strings.Join(got, ",") != strings.Join(c.fields, ",") {
				t.Errorf("fields at fault %v, want %v (%v)", got, c.fields, fe)
			}
		})
	}
}
