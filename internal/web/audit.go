package web

import (
	"net/http"

	"github.com/gongkai/gongkai/internal/audit"
)

// record appends one privileged action to the audit log: who (the
// principal of the request, if any), when, what, and from where.
func (s *server) record(r *http.Request, p principal, action string, bodyID int64, target, detail string) error {
	return s.store.AppendAudit(r.Context(), audit.Entry{
		At:       s.now(),
		UserID:   p.user.ID,
		Username: p.user.Username,
		Action:   action,
		BodyID:   bodyID,
		Target:   target,
		Detail:   detail,
		Remote:   s.clientAddr(r),
	})
}

// actionNames are the audit actions in Chinese, for the log browser.
var actionNames = map[string]string{
	"login.ok":        "登录成功",
	"login.fail":      "登录失败",
	"login.throttled": "登录受限",
	"logout":          "退出登录",
	"body.create":     "新建单位",
	"body.edit":       "修改单位信息",
	"user.create":     "新建账号",
	"user.disable":    "停用账号",
	"user.enable":     "启用账号",
	"grant.add":       "授予角色",
	"grant.remove":    "撤销角色",
	"token.create":    "创建访问令牌",
	"token.revoke":    "吊销访问令牌",
}

func actionName(a string) string {
	if n, ok := actionNames[a]; ok {
		return n
	}
	return a
}
