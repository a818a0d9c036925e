package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/body"
	"github.com/gongkai/gongkai/internal/store"
)

const userUsage = `用法 / usage: gongkai user <子命令> [参数]
管理工作人员账号 / manage staff accounts:

  add      --username 名 --name 姓名 --role 角色 [--body 单位ID或标识] [--subtree] [--password-stdin]
           新建账号；不用 --password-stdin 时生成一次性密码并显示一次
           create an account; without --password-stdin a one-time password is generated and shown once
  passwd   --username 名 [--password-stdin]   重设密码 / reset the password
  list                                          列出账号 / list accounts
  disable  --username 名                        停用账号 / disable an account
  enable   --username 名                        启用账号 / re-enable an account

角色 / roles: sysadmin bodyadmin editor reviewer handler supervisor

生成的一次性密码在首次登录后必须修改，修改前工作台只开放“修改密码”页面；
用 --password-stdin 输入的密码视为已告知本人的正式密码，不要求修改。
A generated one-time password must be changed at the first login: until then the
console opens only the password page. A password given with --password-stdin is
taken as the holder's own and is not forced to change.`

// cliActor is how command-line changes appear in the audit log.
const cliActor = "命令行 (cli)"

func runUser(ctx context.Context, env *environment, args []string) int {
	if len(args) == 0 || slices.Contains([]string{"-h", "-help", "--help", "help"}, args[0]) {
		fmt.Fprintln(env.stderr, userUsage)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	sub := map[string]func(context.Context, *environment, []string) int{
		"add": userAdd, "passwd": userPasswd, "list": userList,
		"disable": func(ctx context.Context, env *environment, args []string) int {
			return userSetDisabled(ctx, env, args, true)
		},
		"enable": func(ctx context.Context, env *environment, args []string) int {
			return userSetDisabled(ctx, env, args, false)
		},
	}
	run, ok := sub[args[0]]
	if !ok {
		fmt.Fprintf(env.stderr, "gongkai user: 未知子命令 %q (unknown subcommand)\n\n%s\n", args[0], userUsage)
		return 2
	}
	return run(ctx, env, args[1:])
}

func userAdd(ctx context.Context, env *environment, args []string) int {
	fs := newFlagSet(env, "user add", userUsage)
	username := fs.String("username", "", "登录名 / login name")
	name := fs.String("name", "", "姓名 / display name")
	role := fs.String("role", "", "角色 / role")
	bodyRef := fs.String("body", "", "单位ID或网址标识 / body id or slug (not for sysadmin)")
	subtree := fs.Bool("subtree", false, "授权包括下级单位 / the grant covers the bodies below")
	pwStdin := fs.Bool("password-stdin", false, "从标准输入读取密码 / read the password from stdin")
	cfg, code, ok := loadConfig(env, fs, args)
	if !ok {
		return code
	}
	fail := func(format string, a ...any) int {
		fmt.Fprintf(env.stderr, "gongkai user add: "+format+"\n", a...)
		return 1
	}
	r := auth.Role(*role)
	switch {
	case strings.TrimSpace(*username) == "":
		return fail("必须提供 --username")
	case !slices.Contains(auth.Roles(), r):
		return fail("角色 %q 无效，可用: sysadmin bodyadmin editor reviewer handler supervisor", *role)
	case r != auth.RoleSysAdmin && *bodyRef == "":
		return fail("角色 %s 必须用 --body 指定单位", r)
	}
	st, err := openStore(ctx, cfg)
	if err != nil {
		return fail("%v", err)
	}
	defer st.Close()
	grant := auth.Grant{Role: r, Subtree: *subtree}
	names := []string{*username, *name}
	if r != auth.RoleSysAdmin {
		b, err := findBody(ctx, st, *bodyRef)
		if err != nil {
			return fail("%v", err)
		}
		grant.BodyID = b.ID
		names = append(names, b.Name, b.ShortName)
	}
	pw, generated, err := choosePassword(env.stdin, *pwStdin, names...)
	if err != nil {
		return fail("%v", err)
	}
	hash, err := auth.HashPassword(pw)
	if err != nil {
		return fail("%v", err)
	}
	id, err := st.CreateUser(ctx, auth.User{Username: *username, DisplayName: *name, PasswordHash: hash,
		MustChangePassword: generated}, []auth.Grant{grant})
	if err != nil {
		return fail("无法创建账号 (cannot create account): %v", err)
	}
	_ = st.AppendAudit(ctx, audit.Entry{Username: cliActor, Action: "user.create", BodyID: grant.BodyID,
		Target: "user:" + strconv.FormatInt(id, 10), Detail: fmt.Sprintf("创建账号 %s，角色 %s", *username, auth.RoleName(r))})
	fmt.Fprintf(env.stdout, "已创建账号 (created) %s（%s）\n", *username, auth.RoleName(r))
	if generated {
		fmt.Fprintf(env.stdout, "一次性密码 (one-time password): %s\n首次登录时必须修改 (must be changed at the first login).\n", pw)
	}
	return 0
}

func userPasswd(ctx context.Context, env *environment, args []string) int {
	fs := newFlagSet(env, "user passwd", userUsage)
	username := fs.String("username", "", "登录名 / login name")
	pwStdin := fs.Bool("password-stdin", false, "从标准输入读取密码 / read the password from stdin")
	cfg, code, ok := loadConfig(env, fs, args)
	if !ok {
		return code
	}
	fail := func(format string, a ...any) int {
		fmt.Fprintf(env.stderr, "gongkai user passwd: "+format+"\n", a...)
		return 1
	}
	st, err := openStore(ctx, cfg)
	if err != nil {
		return fail("%v", err)
	}
	defer st.Close()
	u, err := st.UserByName(ctx, *username)
	if err != nil {
		return fail("找不到账号 %q (no such account)", *username)
	}
	pw, generated, err := choosePassword(env.stdin, *pwStdin, u.Username, u.DisplayName)
	if err != nil {
		return fail("%v", err)
	}
	hash, err := auth.HashPassword(pw)
	if err != nil {
		return fail("%v", err)
	}
	revoked, err := st.SetPassword(ctx, u.ID, hash, generated)
	if err != nil {
		return fail("%v", err)
	}
	for _, t := range revoked {
		fmt.Fprintf(env.stdout, "已吊销访问令牌 (API token revoked): %s\n", t.Name)
	}
	_ = st.AppendAudit(ctx, audit.Entry{Username: cliActor, Action: "user.password",
		Target: "user:" + strconv.FormatInt(u.ID, 10), Detail: "重设密码 " + u.Username})
	fmt.Fprintf(env.stdout, "已重设 %s 的密码 (password reset)\n", u.Username)
	if generated {
		fmt.Fprintf(env.stdout, "一次性密码 (one-time password): %s\n首次登录时必须修改 (must be changed at the next login).\n", pw)
	}
	return 0
}

func userList(ctx context.Context, env *environment, args []string) int {
	fs := newFlagSet(env, "user list", userUsage)
	cfg, code, ok := loadConfig(env, fs, args)
	if !ok {
		return code
	}
	st, err := openStore(ctx, cfg)
	if err != nil {
		fmt.Fprintf(env.stderr, "gongkai user list: %v\n", err)
		return 1
	}
	defer st.Close()
	users, err := st.Users(ctx)
	if err != nil {
		fmt.Fprintf(env.stderr, "gongkai user list: %v\n", err)
		return 1
	}
	slugs := map[int64]string{}
	if bs, err := st.Bodies(ctx); err == nil {
		for _, b := range bs {
			slugs[b.ID] = b.Slug
		}
	}
	tw := tabwriter.NewWriter(env.stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\t登录名\t姓名\t状态\t授权")
	for _, u := range users {
		gs, err := st.Grants(ctx, u.ID)
		if err != nil {
			fmt.Fprintf(env.stderr, "gongkai user list: %v\n", err)
			return 1
		}
		var grants []string
		for _, g := range gs {
			s := string(g.Role)
			if g.BodyID != 0 {
				s += "@" + slugs[g.BodyID]
			}
			if g.Subtree {
				s += "+下级"
			}
			grants = append(grants, s)
		}
		state := "启用"
		if u.Disabled {
			state = "停用"
		} else if u.MustChangePassword {
			state = "启用（待修改一次性密码）"
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\n", u.ID, u.Username, u.DisplayName, state, strings.Join(grants, ", "))
	}
	return boolCode(tw.Flush() == nil)
}

func userSetDisabled(ctx context.Context, env *environment, args []string, disabled bool) int {
	name := map[bool]string{true: "disable", false: "enable"}[disabled]
	fs := newFlagSet(env, "user "+name, userUsage)
	username := fs.String("username", "", "登录名 / login name")
	cfg, code, ok := loadConfig(env, fs, args)
	if !ok {
		return code
	}
	st, err := openStore(ctx, cfg)
	if err != nil {
		fmt.Fprintf(env.stderr, "gongkai user %s: %v\n", name, err)
		return 1
	}
	defer st.Close()
	u, err := st.UserByName(ctx, *username)
	if err != nil {
		fmt.Fprintf(env.stderr, "gongkai user %s: 找不到账号 %q (no such account)\n", name, *username)
		return 1
	}
	if err := st.SetDisabled(ctx, u.ID, disabled); err != nil {
		fmt.Fprintf(env.stderr, "gongkai user %s: %v\n", name, err)
		return 1
	}
	_ = st.AppendAudit(ctx, audit.Entry{Username: cliActor, Action: "user." + name,
		Target: "user:" + strconv.FormatInt(u.ID, 10), Detail: map[bool]string{true: "停用账号 ", false: "启用账号 "}[disabled] + u.Username})
	fmt.Fprintf(env.stdout, "%s %s\n", map[bool]string{true: "已停用 (disabled)", false: "已启用 (enabled)"}[disabled], u.Username)
	return 0
}

// findBody resolves --body: a numeric id or a slug.
func findBody(ctx context.Context, st *store.Store, ref string) (body.Body, error) {
	if id, err := strconv.ParseInt(ref, 10, 64); err == nil {
		b, err := st.Body(ctx, id)
		if errors.Is(err, store.ErrNotFound) {
			return b, fmt.Errorf("找不到单位 %s (no such body)", ref)
		}
		return b, err
	}
	b, err := st.BodyBySlug(ctx, ref)
	if errors.Is(err, store.ErrNotFound) {
		return b, fmt.Errorf("找不到单位 %q (no such body)", ref)
	}
	return b, err
}

// choosePassword reads one line from stdin, or generates a one-time
// password; a password typed in must pass the policy, which names (the
// account's username, its body's names) must not be inside.
func choosePassword(stdin io.Reader, fromStdin bool, names ...string) (pw string, generated bool, err error) {
	if !fromStdin {
		pw, err := auth.GeneratePassword()
		return pw, true, err
	}
	line, err := bufio.NewReader(stdin).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", false, fmt.Errorf("读取密码失败 (reading the password): %w", err)
	}
	pw = strings.TrimRight(line, "\r\n")
	if err := auth.CheckPasswordPolicy(pw, names...); err != nil {
		return "", false, err
	}
	return pw, false, nil
}

func boolCode(ok bool) int {
	if ok {
		return 0
	}
	return 1
}
