package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"

	"github.com/gongkai/gongkai/internal/workday"
)

const workdaysUsage = `用法 / usage:
  gongkai workdays add DATE N [--data-dir DIR]       打印 DATE 之后第 N 个工作日（期限）
  gongkai workdays explain DATE N [--data-dir DIR]   逐日列出计入和跳过的日期及原因

DATE 写作 YYYY-MM-DD；当日不计入，期限为其后的第 N 个工作日。
(DATE is not counted; the deadline is the N-th working day after it.)

选项 / options:
  --data-dir DIR   数据目录，读取 DIR/holidays/*.json 中的节假日安排
                   (默认 $GONGKAI_DATA_DIR，否则 ./gongkai-data)

退出码 / exit codes: 0 成功；1 节假日数据缺失或无效；2 参数错误
`

// runWorkdays is `gongkai workdays`: deadline arithmetic on the
// official calendar, for staff and for checking the data.
func runWorkdays(_ context.Context, env *environment, args []string) int {
	dataDir := ""
	fs := flag.NewFlagSet("workdays", flag.ContinueOnError)
	fs.SetOutput(io.Discard) // errors are reported below, in Chinese
	fs.StringVar(&dataDir, "data-dir", "", "数据目录")
	fs.Usage = func() {}

	// Flags may come anywhere: take positional arguments one by one.
	var pos []string
	for rest := args; ; {
		if err := fs.Parse(rest); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fmt.Fprint(env.stdout, workdaysUsage)
				return 0
			}
			fmt.Fprintf(env.stderr, "gongkai workdays: 参数错误：%v\n\n%s", err, workdaysUsage)
			return 2
		}
		if fs.NArg() == 0 {
			break
		}
		pos = append(pos, fs.Arg(0))
		rest = fs.Args()[1:]
	}

	if len(pos) == 0 {
		fmt.Fprint(env.stderr, workdaysUsage)
		return 2
	}
	sub := pos[0]
	if sub != "add" && sub != "explain" {
		fmt.Fprintf(env.stderr, "gongkai workdays: 未知子命令 %q (unknown subcommand)\n\n%s", sub, workdaysUsage)
		return 2
	}
	if len(pos) != 3 {
		fmt.Fprintf(env.stderr, "gongkai workdays %s: 需要两个参数 DATE N (expected DATE N)\n\n%s", sub, workdaysUsage)
		return 2
	}
	start, err := workday.ParseDate(pos[1])
	if err != nil {
		fmt.Fprintf(env.stderr, "gongkai workdays: %v\n", err)
		return 2
	}
	n, err := strconv.Atoi(pos[2])
	if err != nil || n < 0 || n > 10000 {
		fmt.Fprintf(env.stderr, "gongkai workdays: 工作日数 %q 应为 0 到 10000 之间的整数 (N must be an integer 0–10000)\n", pos[2])
		return 2
	}

	cal, code := loadCalendar(env, dataDir)
	if cal == nil {
		return code
	}

	switch sub {
	case "add":
		due, err := cal.AddWorkdays(start, n)
		if err != nil {
			fmt.Fprintf(env.stderr, "gongkai workdays: %v\n", err)
			return 1
		}
		fmt.Fprintln(env.stdout, due)
	case "explain":
		ex, err := cal.Explain(start, n)
		if err != nil {
			fmt.Fprintf(env.stderr, "gongkai workdays: %v\n", err)
			return 1
		}
		fmt.Fprint(env.stdout, ex)
	}
	return 0
}

// loadCalendar reads the official calendar plus DIR/holidays. A data
// directory named explicitly (flag or GONGKAI_DATA_DIR) must exist; the
// default ./gongkai-data may be absent.
func loadCalendar(env *environment, flagDir string) (*workday.Calendar, int) {
	dir, explicit := flagDir, flagDir != ""
	if dir == "" {
		dir = env.getenv("GONGKAI_DATA_DIR")
		explicit = dir != ""
	}
	if dir == "" {
		dir = "gongkai-data"
	}
	if explicit {
		if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
			if err == nil || errors.Is(err, fs.ErrNotExist) {
				fmt.Fprintf(env.stderr, "gongkai workdays: 数据目录 %s 不存在或不是目录 (data directory not found)\n", dir)
				return nil, 2
			}
			fmt.Fprintf(env.stderr, "gongkai workdays: 数据目录 %s 无法读取：%v\n", dir, err)
			return nil, 1
		}
	}
	cal, err := workday.LoadDir(filepath.Join(dir, "holidays"))
	if err != nil {
		fmt.Fprintf(env.stderr, "gongkai workdays: 节假日安排无效：%v\n", err)
		return nil, 1
	}
	return cal, 0
}
