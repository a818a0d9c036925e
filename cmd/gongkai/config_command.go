package main

import (
	"context"
	"fmt"
	"text/tabwriter"

	"github.com/gongkai/gongkai/internal/config"
)

const configUsage = `用法 / usage: gongkai config [-markdown] [参数]
显示生效的配置及其来源（默认值、环境变量或参数），密码不显示；-markdown 输出 README 用的配置表。
Show the effective configuration and where each value came from (secrets hidden);
-markdown prints the settings table for the README.`

func runConfig(_ context.Context, env *environment, args []string) int {
	fs := newFlagSet(env, "config", configUsage)
	markdown := fs.Bool("markdown", false, "输出 Markdown 配置表 / print the settings table as Markdown")
	cfg, code, ok := loadConfig(env, fs, args)
	if !ok {
		return code
	}
	if *markdown {
		fmt.Fprint(env.stdout, config.MarkdownTable())
		return 0
	}
	tw := tabwriter.NewWriter(env.stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ENV\tVALUE\tSOURCE")
	for _, r := range cfg.Resolved() {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", r.Setting.Env, r.Value, r.Source)
	}
	return boolCode(tw.Flush() == nil)
}
