package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/gongkai/gongkai/internal/config"
	"github.com/gongkai/gongkai/internal/store"
	"github.com/gongkai/gongkai/internal/workday"
)

const workdaysUsage = `用法 / usage:
  gongkai workdays add DATE N [--data-dir DIR] [--db URL]       打印 DATE 之后第 N 个工作日（期限）
  gongkai workdays explain DATE N [--data-dir DIR] [--db URL]   逐日列出计入和跳过的日期及原因，
                                                                并注明各年节假日安排的来源

DATE 写作 YYYY-MM-DD；当日不计入，期限为其后的第 N 个工作日。
(DATE is not counted; the deadline is the N-th working day after it.)

节假日安排与 serve 相同：系统管理员在后台“节假日安排”（/admin/calendar）保存在数据库中的
优先，其次是 DIR/holidays/*.json，最后是内置数据。数据库只读打开，不迁移、不写入；SQLite
数据库文件不存在时不创建，在标准错误输出一行提示后按数据目录和内置数据计算。
(Schedules come from where serve takes them: the database's, saved through /admin/calendar,
win over DIR/holidays/*.json, which win over the built-in data. The database is opened
read-only, never migrated or written; a missing SQLite file is not created: one line on
stderr says so and the count uses the data directory and the built-in data.)

选项 / options:
  --data-dir DIR   数据目录，读取 DIR/holidays/*.json 中的节假日安排
                   (默认 $GONGKAI_DATA_DIR，否则 ./gongkai-data)
  --db URL         数据库：SQLite 文件路径或 postgres:// 地址
                   (默认 $GONGKAI_DATABASE_URL，否则 DIR/gongkai.db)

退出码 / exit codes: 0 成功；1 节假日数据缺失或无效，或数据库无法读取；2 参数错误
`

// runWorkdays is `gongkai workdays`: deadline arithmetic on the
// official calendar, for staff and for checking the data.
func runWorkdays(ctx context.Context, env *environment, args []string) int {
	fs := flag.NewFlagSet("workdays", flag.ContinueOnError)
	fs.SetOutput(io.Discard) // errors are reported below, in Chinese
	fs.String("data-dir", "", "数据目录")
	fs.String("db", "", "数据库")
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

	// The flags given are handed to config.Load, so the data directory
	// and the database are chosen, defaulted and checked as for every
	// other command.
	var given []string
	fs.Visit(func(f *flag.Flag) { given = append(given, "-"+f.Name+"="+f.Value.String()) })
	cfs := flag.NewFlagSet("workdays", flag.ContinueOnError)
	cfs.SetOutput(io.Discard)
	cfg, err := config.Load(cfs, given, env.getenv)
	if err != nil {
		fmt.Fprintf(env.stderr, "gongkai workdays: %v\n", err)
		return 2
	}

	cal, code := loadWorkdaysCalendar(ctx, env, cfg)
	if cal.cal == nil {
		return code
	}

	switch sub {
	case "add":
		due, err := cal.cal.AddWorkdays(start, n)
		if err != nil {
			fmt.Fprintf(env.stderr, "gongkai workdays: %v\n", err)
			return 1
		}
		fmt.Fprintln(env.stdout, due)
	case "explain":
		ex, err := cal.cal.Explain(start, n)
		if err != nil {
			fmt.Fprintf(env.stderr, "gongkai workdays: %v\n", err)
			return 1
		}
		fmt.Fprint(env.stdout, ex)
		fmt.Fprint(env.stdout, cal.sources(ex))
	}
	return 0
}

// workdaysCalendar is the calendar serve would count with, and which
// years the database changed, for explain's sources.
type workdaysCalendar struct {
	serveCalendar
	fromDB []int
}

// loadWorkdaysCalendar assembles the calendar as serve does: the
// embedded schedules, then DIR/holidays, then the database's. A data
// directory named explicitly (flag or GONGKAI_DATA_DIR) must exist; the
// default ./gongkai-data may be absent. A missing SQLite file means no
// stored schedules (and is not created); an unreadable database or an
// invalid stored year is an error, as it stops serve.
func loadWorkdaysCalendar(ctx context.Context, env *environment, cfg config.Config) (workdaysCalendar, int) {
	for _, r := range cfg.Resolved() {
		if r.Setting.Flag != "data-dir" || r.Source == "default" {
			continue
		}
		if fi, err := os.Stat(cfg.DataDir); err != nil || !fi.IsDir() {
			if err == nil || errors.Is(err, fs.ErrNotExist) {
				fmt.Fprintf(env.stderr, "gongkai workdays: 数据目录 %s 不存在或不是目录 (data directory not found)\n", cfg.DataDir)
				return workdaysCalendar{}, 2
			}
			fmt.Fprintf(env.stderr, "gongkai workdays: 数据目录 %s 无法读取：%v\n", cfg.DataDir, err)
			return workdaysCalendar{}, 1
		}
	}
	cal, err := loadServeCalendar(cfg.DataDir)
	if err != nil {
		fmt.Fprintf(env.stderr, "gongkai workdays: %v\n", err)
		return workdaysCalendar{}, 1
	}
	if !cfg.IsPostgres() {
		// The store takes "sqlite:" before a path as well.
		_, err := os.Stat(strings.TrimPrefix(cfg.DatabaseURL, "sqlite:"))
		if errors.Is(err, fs.ErrNotExist) {
			fmt.Fprintf(env.stderr, "gongkai workdays: 数据库 %s 不存在，未计入后台添加的节假日安排 (no database: schedules saved through /admin/calendar not included)\n", cfg.DatabaseURL)
			return workdaysCalendar{serveCalendar: cal}, 0
		}
		if err != nil {
			fmt.Fprintf(env.stderr, "gongkai workdays: 数据库 %s 无法读取：%v\n", cfg.DatabaseURL, err)
			return workdaysCalendar{}, 1
		}
	}
	db, err := store.OpenHolidayReader(ctx, cfg.DatabaseURL)
	if err != nil {
		fmt.Fprintf(env.stderr, "gongkai workdays: 数据库无法读取 (cannot read the database): %v\n", err)
		return workdaysCalendar{}, 1
	}
	defer db.Close()
	fromDB, err := cal.addStored(ctx, db)
	if err != nil {
		fmt.Fprintf(env.stderr, "gongkai workdays: %v\n", err)
		return workdaysCalendar{}, 1
	}
	return workdaysCalendar{serveCalendar: cal, fromDB: fromDB}, 0
}

// sources names where the schedule of each year ex passes through came
// from, by what the assembled calendar tracks: the years the database
// changed, then the data-directory files (serve's CalendarFiles), else
// the built-in data. A stored year identical to what a file or the
// built-in data gave changes nothing, so it is named by that source
// (the console's calendar page says 后台添加 for it); the count is the
// same either way.
func (c workdaysCalendar) sources(ex workday.Explanation) string {
	var years []int
	for _, d := range ex.Days {
		if y := d.Date.Year(); !slices.Contains(years, y) {
			years = append(years, y)
		}
	}
	if len(years) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("节假日安排来源 (schedule sources)：\n")
	for _, y := range years {
		switch file, inFile := c.files[y]; {
		case slices.Contains(c.fromDB, y):
			fmt.Fprintf(&b, "  %d 年：数据库，系统管理员在后台“节假日安排”保存 (database)\n", y)
		case inFile:
			fmt.Fprintf(&b, "  %d 年：数据目录文件 %s (file)\n", y, file)
		default:
			fmt.Fprintf(&b, "  %d 年：内置数据 (built-in)\n", y)
		}
	}
	return b.String()
}
