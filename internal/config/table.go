package config

import (
	"fmt"
	"strings"
)

// MarkdownTable renders the settings as the README's table.
func MarkdownTable() string {
	var b strings.Builder
	b.WriteString("| 设置 setting | 参数 flag | 环境变量 environment | 默认 default | 说明 meaning |\n")
	b.WriteString("|---|---|---|---|---|\n")
	for _, s := range Settings() {
		def := s.DefaultShown()
		if s.Bool && s.Default == "" {
			def = "false"
		}
		fmt.Fprintf(&b, "| %s | `-%s` | `%s` | %s | %s |\n", s.Name, s.Flag, s.Env, def, s.Usage)
	}
	return b.String()
}

// EnvHelp lists the environment variables, for a command's -h text.
func EnvHelp() string {
	var b strings.Builder
	b.WriteString("环境变量 / environment (参数优先 flags win):\n")
	for _, s := range Settings() {
		fmt.Fprintf(&b, "  %-24s -%s\n", s.Env, s.Flag)
	}
	return b.String()
}
