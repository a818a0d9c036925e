package auth

import "slices"

// Permission is one thing a console or API route may require.
type Permission string

const (
	PermConsole       Permission = "console"        // enter the staff console at all
	PermRead          Permission = "read"           // read a body's records (supervision)
	PermBodyEdit      Permission = "body.edit"      // edit a body's data and guide
	PermBodyCreate    Permission = "body.create"    // create bodies below one
	PermUserManage    Permission = "user.manage"    // manage staff accounts and grants
	PermAuditView     Permission = "audit.view"     // browse the audit log
	PermDocEdit       Permission = "doc.edit"       // draft documents (信息采编)
	PermDocReview     Permission = "doc.review"     // review and publish (信息审核)
	PermRequestHandle Permission = "request.handle" // handle disclosure requests (依申请办理)
	PermPlatform      Permission = "platform"       // platform settings (calendar, …)
	// PermReportApprove: as the supervising body, review the annual
	// reports submitted to it (return with comments, approve), see the
	// overview of its subtree, set the deadline of the 乡镇（街道） below
	// it and upload the reports of bodies that publish elsewhere.
	PermReportApprove Permission = "report.approve"
)

// rolePermissions is the whole permission matrix: what each role may do
// within the bodies its grant covers. Anything not listed is denied.
var rolePermissions = map[Role][]Permission{
	RoleSysAdmin: {PermConsole, PermRead, PermBodyEdit, PermBodyCreate, PermUserManage,
		PermAuditView, PermDocEdit, PermDocReview, PermRequestHandle, PermPlatform, PermReportApprove},
	RoleBodyAdmin: {PermConsole, PermRead, PermBodyEdit, PermBodyCreate, PermUserManage, PermAuditView,
		PermReportApprove},
	RoleEditor:     {PermConsole, PermRead, PermDocEdit},
	RoleReviewer:   {PermConsole, PermRead, PermDocReview},
	RoleHandler:    {PermConsole, PermRead, PermRequestHandle},
	RoleSupervisor: {PermConsole, PermRead, PermReportApprove},
}

// RoleHas reports whether the role carries the permission anywhere.
func RoleHas(r Role, p Permission) bool {
	return slices.Contains(rolePermissions[r], p)
}

// Allowed reports whether grants give permission p on the body bodyID,
// whose ancestors (root first) are given. A sysadmin grant covers every
// body; other grants cover their own body, and the bodies below it when
// the grant is for the subtree. bodyID 0 asks "on any body" (for
// body-independent pages such as the console home).
func Allowed(grants []Grant, p Permission, bodyID int64, ancestors []int64) bool {
	for _, g := range grants {
		if !RoleHas(g.Role, p) {
			continue
		}
		if g.Role == RoleSysAdmin || bodyID == 0 && p != PermPlatform {
			return true
		}
		if g.BodyID == bodyID || g.Subtree && slices.Contains(ancestors, g.BodyID) {
			return true
		}
	}
	return false
}

// RoleName is the Chinese name of a role, as shown to people.
func RoleName(r Role) string {
	switch r {
	case RoleSysAdmin:
		return "系统管理员"
	case RoleBodyAdmin:
		return "单位管理员"
	case RoleEditor:
		return "信息采编"
	case RoleReviewer:
		return "信息审核"
	case RoleHandler:
		return "依申请办理"
	case RoleSupervisor:
		return "监督"
	}
	return string(r)
}

// Roles lists every role in display order.
func Roles() []Role {
	return []Role{RoleSysAdmin, RoleBodyAdmin, RoleEditor, RoleReviewer, RoleHandler, RoleSupervisor}
}

// MayGrant reports whether a holder of giver may give (or take away)
// grant g on a body whose ancestors (root first) are given: only within
// the giver's own reach. A sysadmin grant is given only by a sysadmin.
// Any other grant needs user.manage on its body; a grant for the
// subtree needs a user.manage grant that itself covers the subtree of
// that body, or a 单位管理员 of one body could hand out (even to a
// colleague acting for them) the reach over every body below it.
func MayGrant(giver []Grant, g Grant, ancestors []int64) bool {
	if slices.ContainsFunc(giver, func(h Grant) bool { return h.Role == RoleSysAdmin }) {
		return true
	}
	if g.Role == RoleSysAdmin || g.BodyID == 0 {
		return false
	}
	if !g.Subtree {
		return Allowed(giver, PermUserManage, g.BodyID, ancestors)
	}
	for _, h := range giver {
		if RoleHas(h.Role, PermUserManage) && h.Subtree &&
			(h.BodyID == g.BodyID || slices.Contains(ancestors, h.BodyID)) {
			return true
		}
	}
	return false
}
