// Command gongkai runs the government information disclosure platform
// and its tools. See `gongkai help`.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/gongkai/gongkai/internal/parsejail"
)

// command is one subcommand. run gets the arguments after the
// subcommand's name and returns the process exit code.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, env *environment, args []string) int
}

// environment is what a command may touch of the outside world, passed
// in so commands are testable without globals.
type environment struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
	isTerminal     bool // stderr is a terminal (progress indicators)
}

func commands() []command {
	return []command{
		{"version", "显示版本 / print the version", runVersion},
		{"help", "显示帮助 / show help", runHelp},
		{"workdays", "工作日期限计算 / working-day deadlines", runWorkdays},
		{"serve", "启动平台 / run the platform", runServe},
		{"migrate", "升级数据库结构 / apply database migrations", runMigrate},
		{"user", "管理工作人员账号 / manage staff accounts", runUser},
		{"backup", "备份 SQLite 数据库 / back up the SQLite database", runBackup},
		{"config", "显示生效的配置 / show the effective configuration", runConfig},
		{"report", "年度报告：读取、检查、转换 / annual reports: parse, lint, render", runReport},
		{"import", "批量导入存量政府信息 / bulk import of published documents", runImport},
		{"check", "合规监测，触发单项否决时退出码为 1 / compliance monitor; exit 1 on a single veto", runCheck},
	}
}

func main() {
	// First of all: a process started to parse one untrusted file does
	// that and exits (see internal/parsejail).
	parsejail.RunChildIfRequested()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	env := &environment{
		stdin:      os.Stdin,
		stdout:     os.Stdout,
		stderr:     os.Stderr,
		getenv:     os.Getenv,
		isTerminal: isTerminal(os.Stderr),
	}
	code := dispatch(ctx, env, os.Args[1:])
	stop()
	os.Exit(code)
}

func dispatch(ctx context.Context, env *environment, args []string) int {
	if len(args) == 0 {
		usage(env.stderr)
		return 2
	}
	name := args[0]
	if name == "-h" || name == "--help" || name == "-help" {
		name = "help"
	}
	for _, c := range commands() {
		if c.name == name {
			return c.run(ctx, env, args[1:])
		}
	}
	fmt.Fprintf(env.stderr, "gongkai: 未知命令 %q (unknown command)\n\n", args[0])
	usage(env.stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "gongkai — 政府信息公开平台 (government information disclosure platform)")
	fmt.Fprintln(w, "\n用法 / usage: gongkai <命令> [参数]   每个命令都可加 -h 查看帮助")
	fmt.Fprintln(w)
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
}

func runHelp(_ context.Context, env *environment, args []string) int {
	// "help CMD" is "CMD -h"; "help -h" and "help help" are plain help.
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") && args[0] != "help" {
		return dispatch(context.Background(), env, []string{args[0], "-h"})
	}
	usage(env.stdout)
	return 0
}

func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
