package demo

import (
	"errors"

	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/store"
)

// accountSpec is one demo login and what it may do.
type accountSpec struct {
	Account
	displayName string
	bodySlug    string
	subtree     bool
}

// The passwords are public on purpose: the demo is for trying the
// platform, never for real data.
func accountSpecs() []accountSpec {
	return []accountSpec{
		{Account{"admin", "demo-admin-2021", auth.RoleSysAdmin, "全平台"}, "演示系统管理员", "", false},
		{Account{"wc-admin", "demo-wcadmin-2021", auth.RoleBodyAdmin, "吴城镇人民政府"}, "吴城镇单位管理员", "wucheng", false},
		{Account{"wc-editor", "demo-editor-2021", auth.RoleEditor, "吴城镇人民政府"}, "吴城镇信息采编", "wucheng", false},
		{Account{"wc-reviewer", "demo-reviewer-2021", auth.RoleReviewer, "吴城镇人民政府"}, "吴城镇信息审核", "wucheng", false},
		{Account{"wc-handler", "demo-handler-2021", auth.RoleHandler, "吴城镇人民政府"}, "吴城镇依申请办理", "wucheng", false},
		{Account{"tb-supervisor", "demo-supervisor-2021", auth.RoleSupervisor, "桐柏县人民政府及下级单位"}, "桐柏县政务公开监督", "tongbai", true},
	}
}

// Accounts lists the demo logins with their fixed passwords.
func Accounts() []Account {
	var out []Account
	for _, a := range accountSpecs() {
		out = append(out, a.Account)
	}
	return out
}

func isNotFound(err error) bool { return errors.Is(err, store.ErrNotFound) }
