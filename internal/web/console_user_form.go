package web

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/gongkai/gongkai/internal/auth"
)

var usernameRE = regexp.MustCompile(`^[a-zA-Z0-9][a-zA-Z0-9._-]{1,31}$`)

// grantFromForm reads role, body_id and subtree. The guard has already
// checked that the principal may grant on that body.
func grantFromForm(get func(string) string) (auth.Grant, error) {
	g := auth.Grant{Role: auth.Role(get("role")), Subtree: get("subtree") == "1"}
	if !slices.Contains(auth.Roles(), g.Role) {
		return g, errInvalid("请选择角色。")
	}
	if g.Role == auth.RoleSysAdmin {
		return auth.Grant{Role: g.Role}, nil // platform-wide: no body
	}
	id, err := strconv.ParseInt(get("body_id"), 10, 64)
	if err != nil || id <= 0 {
		return g, errInvalid("请选择单位。")
	}
	g.BodyID = id
	return g, nil
}

// userForm is a new account as an administrator types it, with its
// first grant.
type userForm struct {
	Username, DisplayName, Password string
	Grant                           auth.Grant
	grantErr                        error
}

func readUserForm(get func(string) string) userForm {
	f := userForm{Username: strings.TrimSpace(get("username")), DisplayName: strings.TrimSpace(get("display_name")),
		Password: get("password")}
	f.Grant, f.grantErr = grantFromForm(get)
	return f
}

// usernameWellFormed says whether the name is worth looking up.
func (f userForm) usernameWellFormed() bool { return usernameRE.MatchString(f.Username) }

// problems lists what is wrong, in Chinese, in the form's order. taken
// says the store already has the (well-formed) name; bodyNames are the
// granted body's names, which the password may not contain.
func (f userForm) problems(taken bool, bodyNames ...string) []string {
	var errs []string
	if f.grantErr != nil {
		errs = append(errs, publicError(f.grantErr).Message)
	}
	if !f.usernameWellFormed() {
		errs = append(errs, "用户名为 2–32 位字母、数字、点、下划线或连字符。")
	} else if taken {
		errs = append(errs, "用户名已存在。")
	}
	if f.DisplayName == "" {
		errs = append(errs, "请填写姓名。")
	}
	names := append([]string{f.Username, f.DisplayName}, bodyNames...)
	if err := auth.CheckPasswordPolicy(f.Password, names...); err != nil {
		errs = append(errs, err.Error()+"。")
	}
	return errs
}
