package web

import (
	"context"
	"net/http"

	"github.com/gongkai/gongkai/internal/audit"
)

// record appends one privileged action to the audit log: who (the
// principal of the request, if any), when, what, and from where.
func (s *server) record(r *http.Request, p principal, action string, bodyID int64, target, detail string) error {
	return s.auditLog.AppendAudit(r.Context(), audit.Entry{
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

// audited runs a privileged change and its audit entry in one store
// transaction: change gets the request with a context carrying it, and
// every store call made with that context — the change's and the one
// s.record makes — commits together, or none does. Rendering and
// redirects stay outside change, after it returns.
func (s *server) audited(r *http.Request, change func(r *http.Request) error) error {
	return s.store.InTx(r.Context(), func(ctx context.Context) error {
		return change(r.WithContext(ctx))
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

	"doc.create":              "新建文件草稿",
	"doc.edit":                "修改文件",
	"doc.attach":              "添加附件",
	"doc.detach":              "移除附件",
	"doc.submit":              "文件送审",
	"doc.approve":             "文件审核通过",
	"doc.return":              "文件退回",
	"doc.publish":             "发布文件",
	"doc.withdraw":            "撤回文件",
	"doc.validity":            "变更文件有效性",
	"report.figures":          "填报年度报告表二数据",
	"report.sections":         "填写年度报告正文",
	"settings.interpretation": "设置政策解读要素",
	"calendar.year":           "添加或替换节假日安排",
	"column.create":           "新建栏目",
	"column.edit":             "修改栏目",
	"column.move":             "调整栏目顺序",
	"column.retire":           "停用栏目",
	"column.restore":          "恢复栏目",
	"catalogue.edit":          "修改标准目录事项",
	"catalogue.delete":        "删除标准目录事项",
	"catalogue.import":        "导入标准目录",

	// Disclosure on request (依申请公开).
	"request.register":    "登记政府信息公开申请",
	"request.step":        "记录申请办理步骤",
	"request.forwarded":   "收到其他机关转送的申请",
	"request.migrated":    "升级时调整申请记录",
	"request.case.add":    "登记复议诉讼案件",
	"request.case.decide": "记录复议诉讼结果",

	// Public interaction (互动交流).
	"consultation.answer": "答复咨询",
	"comment.open":        "发布征求意见",
	"comment.close":       "公布意见采纳情况",
}

func actionName(a string) string {
	if n, ok := actionNames[a]; ok {
		return n
	}
	return a
}
