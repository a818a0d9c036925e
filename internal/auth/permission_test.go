package auth

import "testing"

func TestMayGrant(t *testing.T) {
	// Bodies: 1 county → 2 township → 3 village; 4 another township.
	anc := map[int64][]int64{1: nil, 2: {1}, 3: {1, 2}, 4: {1}}
	town := []Grant{{Role: RoleBodyAdmin, BodyID: 2}}
	county := []Grant{{Role: RoleBodyAdmin, BodyID: 1, Subtree: true}}
	editorTree := []Grant{{Role: RoleEditor, BodyID: 1, Subtree: true}}
	sys := []Grant{{Role: RoleSysAdmin}}
	for _, tt := range []struct {
		name  string
		giver []Grant
		g     Grant
		want  bool
	}{
		{"own body", town, Grant{Role: RoleEditor, BodyID: 2}, true},
		{"own body as subtree", town, Grant{Role: RoleEditor, BodyID: 2, Subtree: true}, false},
		{"body below, no subtree reach", town, Grant{Role: RoleEditor, BodyID: 3}, false},
		{"sibling", town, Grant{Role: RoleEditor, BodyID: 4}, false},
		{"sysadmin role", town, Grant{Role: RoleSysAdmin}, false},
		{"county subtree over township subtree", county, Grant{Role: RoleBodyAdmin, BodyID: 2, Subtree: true}, true},
		{"county subtree over itself", county, Grant{Role: RoleEditor, BodyID: 1, Subtree: true}, true},
		{"county subtree to village", county, Grant{Role: RoleEditor, BodyID: 3}, true},
		{"subtree reach without user.manage", editorTree, Grant{Role: RoleEditor, BodyID: 3}, false},
		{"sysadmin gives anything", sys, Grant{Role: RoleSysAdmin}, true},
		{"sysadmin gives subtree", sys, Grant{Role: RoleBodyAdmin, BodyID: 1, Subtree: true}, true},
	} {
		if got := MayGrant(tt.giver, tt.g, anc[tt.g.BodyID]); got != tt.want {
			t.Errorf("%s: MayGrant = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestLoginAllowed(t *testing.T) {
	for _, tt := range []struct {
		c    LoginCounts
		want bool
	}{
		{LoginCounts{}, true},
		{LoginCounts{Pair: LoginPairLimit - 1}, true},
		{LoginCounts{Pair: LoginPairLimit}, false},
		{LoginCounts{Address: LoginAddressLimit}, false},
		{LoginCounts{Pair: 1, Account: LoginAccountLimit}, false},
		{LoginCounts{Pair: 0, Account: 10 * LoginAccountLimit}, true}, // never lock out an address that has not failed
	} {
		if got := LoginAllowed(tt.c); got != tt.want {
			t.Errorf("LoginAllowed(%+v) = %v, want %v", tt.c, got, tt.want)
		}
	}
}
