package main

import (
	"context"
	"fmt"
)

func runMigrate(ctx context.Context, env *environment, args []string) int {
	fs := newFlagSet(env, "migrate", "用法 / usage: gongkai migrate [参数]\n升级数据库结构并显示版本（serve 启动时也会自动执行）。\nApply pending database migrations and print the schema version (serve does this at start too).")
	cfg, code, ok := loadConfig(env, fs, args)
	if !ok {
		return code
	}
	st, err := openStore(ctx, cfg)
	if err != nil {
		fmt.Fprintf(env.stderr, "gongkai migrate: %v\n", err)
		return 1
	}
	defer st.Close()
	v, err := st.SchemaVersion(ctx)
	if err != nil {
		fmt.Fprintf(env.stderr, "gongkai migrate: %v\n", err)
		return 1
	}
	fmt.Fprintf(env.stdout, "数据库结构版本 (schema version): %d\n", v)
	return 0
}
