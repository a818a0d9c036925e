package web

import (
	"maps"
	"net/url"
	"slices"
	"testing"

	"github.com/gongkai/gongkai/internal/auth"
)

// TestUserForm reads a new account: its grant, a well-formed username not
// yet taken, a name, and a password the policy accepts — which may not
// contain the username, the name or the granted body's names.
func TestUserForm(t *testing.T) {
	const goodPassword = "Qz7!mangrove-Tide"
	valid := url.Values{"username": {" wang.li "}, "display_name": {" 王立 "}, "password": {goodPassword},
		"role": {string(auth.RoleEditor)}, "body_id": {"3"}, "subtree": {"1"}}
	cases := []struct {
		name      string
		change    url.Values
		taken     bool
		bodyNames []string
		grant     auth.Grant
		errs      []string
	}{
		{name: "valid", grant: auth.Grant{Role: auth.RoleEditor, BodyID: 3, Subtree: true}},
		{name: "system administrator has no body", change: url.Values{"role": {string(auth.RoleSysAdmin)}, "body_id": {""}},
			grant: auth.Grant{Role: auth.RoleSysAdmin}},
		{name: "no role", change: url.Values{"role": {"boss"}}, errs: []string{"请选择角色。"}},
		{name: "no body", change: url.Values{"body_id": {"0"}}, errs: []string{"请选择单位。"}},
		{name: "username too short", change: url.Values{"username": {"w"}},
			errs: []string{"用户名为 2–32 位字母、数字、点、下划线或连字符。"}},
		{name: "username in Chinese", change: url.Values{"username": {"王立"}},
			errs: []string{"用户名为 2–32 位字母、数字、点、下划线或连字符。"}},
		{name: "username taken", taken: true, errs: []string{"用户名已存在。"}},
		{name: "no name", change: url.Values{"display_name": {" "}}, errs: []string{"请填写姓名。"}},
		{name: "short password", change: url.Values{"password": {"short"}}, errs: []string{"密码至少需要10个字符。"}},
		{name: "everything at once", change: url.Values{"role": {""}, "username": {"-x"}, "display_name": {""}, "password": {"short"}},
			errs: []string{"请选择角色。", "用户名为 2–32 位字母、数字、点、下划线或连字符。", "请填写姓名。", "密码至少需要10个字符。"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			form := maps.Clone(valid)
			maps.Copy(form, c.change)
			f := readUserForm(form.Get)
			errs := f.problems(c.taken, c.bodyNames...)
			if !slices.Equal(errs, c.errs) {
				t.Errorf("problems %q, want %q", errs, c.errs)
			}
			if len(c.errs) == 0 && (f.Grant != c.grant || f.Username != "wang.li" || f.DisplayName != "王立") {
				t.Errorf("read %+v", f)
			}
		})
	}
	// The body's names count against the password like the user's own.
	form := maps.Clone(valid)
	form.Set("password", "chengguan-2026!x")
	if errs := readUserForm(form.Get).problems(false, "城关镇人民政府", "chengguan"); len(errs) != 1 {
		t.Errorf("a password containing the body's name: %q", errs)
	}
}
