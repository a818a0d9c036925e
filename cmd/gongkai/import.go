package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/gongkai/gongkai/internal/docimport"
	"github.com/gongkai/gongkai/internal/search"
	"github.com/gongkai/gongkai/internal/store"
)

const importUsage = `用法 / usage: gongkai import documents -body 单位 [-batch N] [-dry-run] [-skip-existing] FILE.xlsx|FILE.csv
批量导入存量政府信息（已发布的文件），表头与工作台“导入存量信息”的模板相同
（索引号、标题、文号、成文日期、发布日期、发布机构、主题分类、体裁、关键词、文件类别、有效性、栏目、正文；
CSV 可为 UTF-8（可带 BOM）或 GBK）。逐批写入，每批全部成功或全部不写：某一行有错时该批不写入，
指出行号和列，此前各批保留。中断后（包括强行终止）用同一文件再次运行，从最后提交的一批之后继续，
不会重复导入。进度显示在标准错误输出上。
Bulk import of already published documents (the console's import template) in batches, each
all or nothing; a run interrupted at any point resumes after the last committed batch when run
again with the same file. Progress goes to stderr.

退出码 / exit codes: 0 完成（或文件此前已导入完毕）；1 有行被拒绝或数据库错误；2 参数错误`

// importBatchHook, when set (tests), runs after every committed batch.
var importBatchHook func(docimport.Progress)

// runImport is `gongkai import documents`.
func runImport(ctx context.Context, env *environment, args []string) int {
	if len(args) == 0 || args[0] != "documents" {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "-help") {
			fmt.Fprintln(env.stderr, importUsage)
			return 0
		}
		fmt.Fprintf(env.stderr, "gongkai import: 未知子命令，应为 documents (unknown subcommand)\n\n%s\n", importUsage)
		return 2
	}
	fs := newFlagSet(env, "import", importUsage)
	bodyRef := fs.String("body", "", "导入到的单位：ID 或网址标识 / body id or slug")
	batch := fs.Int("batch", docimport.DefaultBatch, "每批行数，每批一个事务 / rows per batch (one transaction each)")
	dryRun := fs.Bool("dry-run", false, "只检查，不写入 / check every row, write nothing")
	skip := fs.Bool("skip-existing", false, "跳过索引号已在系统中的行 / skip rows whose 索引号 is already stored")
	cfg, code, ok := loadConfig(env, fs, args[1:])
	if !ok {
		return code
	}
	fail := func(code int, format string, a ...any) int {
		fmt.Fprintf(env.stderr, "gongkai import: "+format+"\n", a...)
		return code
	}
	if fs.NArg() != 1 || *bodyRef == "" {
		return fail(2, "需要 -body 和一个 .xlsx 或 .csv 文件\n\n%s", importUsage)
	}
	if *batch < 1 || *batch > docimport.MaxBatch {
		return fail(2, "-batch 应在 1 到 %d 之间", docimport.MaxBatch)
	}
	file := fs.Arg(0)
	data, err := os.ReadFile(file)
	if err != nil {
		return fail(1, "无法读取文件 (cannot read the file): %v", err)
	}
	st, err := openStore(ctx, cfg)
	if err != nil {
		return fail(1, "数据库无法打开 (cannot open the database): %v", err)
	}
	defer st.Close()
	b, err := findBody(ctx, st, *bodyRef)
	if err != nil {
		return fail(1, "%v", err)
	}
	var index *search.Index
	if !*dryRun {
		// Imported documents are searchable at once, as the console's are.
		if index, err = openSearch(ctx, st, true); err != nil {
			return fail(1, "%v", err)
		}
	}
	show := docimport.Printer(env.stderr, env.isTerminal, 5*time.Second)
	res, err := docimport.Run(ctx, st, docimport.Options{BodyID: b.ID, FileName: file, Data: data, Batch: *batch,
		DryRun: *dryRun, SkipExisting: *skip, Actor: store.Actor{Username: "gongkai import"},
		Progress: func(p docimport.Progress) {
			show(p)
			if importBatchHook != nil {
				importBatchHook(p)
			}
		}})
	var rowsErr *docimport.RowsError
	switch {
	case errors.As(err, &rowsErr) && *dryRun:
		return fail(1, "检查未通过，共 %d 处问题：\n%v", len(rowsErr.Errors), rowsErr)
	case errors.As(err, &rowsErr):
		return fail(1, "此批未导入，前 %d 行已导入并保留；修改后用 -skip-existing 重新运行即可继续：\n%v", rowsErr.Committed, rowsErr)
	case errors.Is(err, store.ErrImportMoved):
		return fail(1, "另一个进程正在导入同一文件，本次运行停止，已导入的 %d 行保留 (another run is importing this file)", res.Done)
	case err != nil:
		return fail(1, "导入中止，前 %d 行已导入并保留，再次运行即从此处继续 (import stopped; run again to resume): %v", res.Done, err)
	case res.AlreadyDone:
		fmt.Fprintf(env.stdout, "此文件已于 %s 导入 %s完毕（%d 条），未再导入。\n",
			res.Job.Finished.In(time.FixedZone("CST", 8*3600)).Format("2006-01-02 15:04"), b.Name, res.Job.Imported)
	case *dryRun:
		fmt.Fprintf(env.stdout, "检查通过：%d 行可以导入%s。\n", res.Total, b.Name)
	default:
		if res.Imported > 0 {
			// A bulk load leaves the index in many pieces; compact it
			// once (search.Index.Optimize).
			fmt.Fprintln(env.stderr, "正在整理站内搜索索引…")
			if err := index.Optimize(ctx); err != nil {
				return fail(1, "文件已全部导入，整理搜索索引失败（不影响检索结果，可稍后重试）: %v", err)
			}
		}
		fmt.Fprintf(env.stdout, "已导入 %d 条存量信息到%s", res.Imported, b.Name)
		if res.Start > 0 {
			fmt.Fprintf(env.stdout, "（接续此前中断的导入，前 %d 行此前已导入）", res.Start)
		}
		if res.Skipped > 0 {
			fmt.Fprintf(env.stdout, "，跳过索引号已存在的 %d 行", res.Skipped)
		}
		fmt.Fprintln(env.stdout, "。")
	}
	return 0
}
