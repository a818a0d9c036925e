// Package auth holds staff accounts, roles and the permission rules.
package auth

import "time"

// Role is what a staff member may do within a body (and optionally its subtree).
type Role string

const (
	RoleSysAdmin   Role = "sysadmin"   // 系统管理员 (platform-wide)
	RoleBodyAdmin  Role = "bodyadmin"  // 单位管理员
	RoleEditor     Role = "editor"     // 信息采编
	RoleReviewer   Role = "reviewer"   // 信息审核
	RoleHandler    Role = "handler"    // 依申请办理
	RoleSupervisor Role = "supervisor" // 监督 (reads a subtree; reviews its annual reports)
)

// User is a staff account.
type User struct {
	ID           int64
	Username     string
	DisplayName  string
	PasswordHash string
	Disabled     bool
	// MustChangePassword marks a one-time password (generated, or set by
	// someone other than the holder): the console lets the account do
	// nothing but replace it.
	MustChangePassword bool
	// SessionEpoch moves on at every password change; a session started
	// under an older epoch is no longer valid.
	SessionEpoch int64
	Created      time.Time
}

// Grant gives a user a role in a body; Subtree extends it to every body
// below. A sysadmin grant ignores the body (BodyID 0).
type Grant struct {
	ID      int64
	UserID  int64
	Role    Role
	BodyID  int64
	Subtree bool
}

// Token is an API token for machine clients. Only the hash of the
// secret is stored; the secret is shown once at creation.
type Token struct {
	ID       int64
	UserID   int64
	Name     string
	Hash     string // hex sha256 of the secret
	Created  time.Time
	LastUsed *time.Time
	Revoked  bool
}
