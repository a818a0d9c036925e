package main

import (
	"context"
	"fmt"
	"os"
)

const backupUsage = `用法 / usage: gongkai backup [参数] 文件
在服务运行时把 SQLite 数据库一致地备份到指定文件（文件不能已存在）。
恢复：停止服务，用备份文件替换数据目录中的 gongkai.db（并删除 gongkai.db-wal、gongkai.db-shm），再启动。
PostgreSQL 请使用 pg_dump 备份。附件在数据目录的 blobs/ 中，请一并复制。

Write a consistent copy of the SQLite database to FILE while the server runs.
Restore: stop the server, replace gongkai.db with the copy (removing -wal/-shm), start.
For PostgreSQL use pg_dump. Attachments live in <data-dir>/blobs/: copy them too.`

func runBackup(ctx context.Context, env *environment, args []string) int {
	fs := newFlagSet(env, "backup", backupUsage)
	cfg, code, ok := loadConfig(env, fs, args)
	if !ok {
		return code
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return 2
	}
	path := fs.Arg(0)
	st, err := openStore(ctx, cfg)
	if err != nil {
		fmt.Fprintf(env.stderr, "gongkai backup: %v\n", err)
		return 1
	}
	defer st.Close()
	if err := st.Backup(ctx, path); err != nil {
		fmt.Fprintf(env.stderr, "gongkai backup: %v\n", err)
		return 1
	}
	if fi, err := os.Stat(path); err == nil {
		fmt.Fprintf(env.stdout, "已备份到 (backed up to) %s，%d 字节 (bytes)\n", path, fi.Size())
	}
	return 0
}
