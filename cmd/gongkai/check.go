package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	iofs "io/fs"
	"os"
	"strings"
	"time"

	"github.com/gongkai/gongkai/internal/web"
	"github.com/gongkai/gongkai/internal/workday"
)

const checkUsage = `用法 / usage: gongkai check [--json] [--body ID] [--subtree] [--date YYYY-MM-DD]
合规监测：按《政府网站与政务新媒体检查指标》和《政府信息公开条例》检查单位（及其下级单位）：
首页和栏目是否按期更新、空白栏目、超过3个月未答复的咨询、超过答复期限的申请、成文后
超过20个工作日才公开的文件、政府信息公开指南、上一年度报告是否按期公布。与工作台
“合规监测”页面相同。不指定 --body 时检查各顶级单位。
Compliance monitor, as the console's 合规监测 page: late and blank columns, unanswered
consultations, overdue requests, late publication, the guide, the annual report.
Without --body the top-level bodies are checked.

退出码 / exit codes: 0 未触发单项否决；1 有单位触发单项否决（供 cron 使用）；2 参数、配置或数据库错误
(0: no single veto; 1: a single-veto indicator is hit somewhere, for cron; 2: usage, configuration or database error)`

// checkReport is the JSON form of `gongkai check --json`.
type checkReport struct {
	Date   string      `json:"date"`
	Vetoed int         `json:"vetoed"` // bodies with a single veto hit
	Bodies []checkBody `json:"bodies"`
}

type checkBody struct {
	ID       int64         `json:"id"`
	Name     string        `json:"name"`
	Veto     bool          `json:"veto"`
	Breaches []checkBreach `json:"breaches"`
}

type checkBreach struct {
	Indicator string      `json:"indicator"`
	Name      string      `json:"name"`
	Source    string      `json:"source"`
	Veto      bool        `json:"single_veto"` // the indicator is a single veto
	Hit       bool        `json:"hit"`         // and its threshold is reached
	Count     int         `json:"count"`
	Summary   string      `json:"summary"`
	Items     []checkItem `json:"items,omitempty"`
}

type checkItem struct {
	Name   string `json:"name"`
	Detail string `json:"detail"`
}

// runCheck is `gongkai check`: the compliance monitor for cron.
func runCheck(ctx context.Context, env *environment, args []string) int {
	fs := newFlagSet(env, "check", checkUsage)
	asJSON := fs.Bool("json", false, "以 JSON 输出 / print JSON")
	bodyID := fs.Int64("body", 0, "检查的单位编号（默认各顶级单位）/ body id (default: every top-level body)")
	subtree := fs.Bool("subtree", false, "包括全部下级单位 / include every body below")
	date := fs.String("date", "", "检查日期 YYYY-MM-DD（默认今天，北京时间）/ check date (default today, Beijing)")
	cfg, code, ok := loadConfig(env, fs, args)
	if !ok {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(env.stderr, "gongkai check: 多余的参数 %q\n\n%s\n", fs.Args(), checkUsage)
		return 2
	}
	on := time.Now().In(workday.China)
	if *date != "" {
		d, err := time.ParseInLocation("2006-01-02", *date, workday.China)
		if err != nil {
			fmt.Fprintf(env.stderr, "gongkai check: 检查日期 %q 应写作 YYYY-MM-DD (bad --date)\n", *date)
			return 2
		}
		on = d.Add(24*time.Hour - time.Second) // the whole day counts
	}
	if !cfg.IsPostgres() {
		// A check never creates a database.
		if _, err := os.Stat(strings.TrimPrefix(cfg.DatabaseURL, "sqlite:")); errors.Is(err, iofs.ErrNotExist) {
			fmt.Fprintf(env.stderr, "gongkai check: 数据库 %s 不存在 (no database)\n", cfg.DatabaseURL)
			return 2
		}
	}
	cal, err := loadServeCalendar(cfg.DataDir)
	if err != nil {
		fmt.Fprintf(env.stderr, "gongkai check: %v\n", err)
		return 2
	}
	st, err := openStoreCounting(ctx, cfg, cal.cal)
	if err != nil {
		fmt.Fprintf(env.stderr, "gongkai check: 数据库无法打开 (cannot open the database): %v\n", err)
		return 2
	}
	defer st.Close()
	if _, err := cal.addStored(ctx, st); err != nil {
		fmt.Fprintf(env.stderr, "gongkai check: %v\n", err)
		return 2
	}
	roots := []int64{*bodyID}
	if *bodyID == 0 {
		bodies, err := st.Bodies(ctx)
		if err != nil {
			fmt.Fprintf(env.stderr, "gongkai check: %v\n", err)
			return 2
		}
		roots = roots[:0]
		for _, b := range bodies {
			if b.ParentID == 0 {
				roots = append(roots, b.ID)
			}
		}
	}
	out := checkReport{Date: on.Format("2006-01-02"), Bodies: []checkBody{}}
	for _, id := range roots {
		rows, err := web.Monitor(ctx, st, cal.cal, id, *subtree, on)
		if err != nil {
			fmt.Fprintf(env.stderr, "gongkai check: 单位 %d：%v\n", id, err)
			return 2
		}
		for _, r := range rows {
			out.Bodies = append(out.Bodies, checkBodyOf(r))
			if r.Veto() {
				out.Vetoed++
			}
		}
	}
	if *asJSON {
		enc := json.NewEncoder(env.stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			return 2
		}
	} else {
		printCheck(env.stdout, out)
	}
	if out.Vetoed > 0 {
		return 1
	}
	return 0
}

func checkBodyOf(r web.MonitorRow) checkBody {
	b := checkBody{ID: r.Body.ID, Name: r.Body.Name, Veto: r.Veto(), Breaches: []checkBreach{}}
	for _, x := range r.Result.Breaches {
		cb := checkBreach{Indicator: x.Indicator.Code, Name: x.Indicator.Name, Source: x.Indicator.Source,
			Veto: x.Indicator.Veto, Hit: x.Hit, Count: x.Count, Summary: x.Summary}
		for _, it := range x.Items {
			cb.Items = append(cb.Items, checkItem{Name: it.Name, Detail: it.Detail})
		}
		b.Breaches = append(b.Breaches, cb)
	}
	return b
}

// printCheck writes the report for a person: one block per body with a
// breach, single vetoes first, then a line of totals.
func printCheck(w io.Writer, r checkReport) {
	fmt.Fprintf(w, "合规监测（检查日期 %s）\n", r.Date)
	breaching := 0
	for _, b := range r.Bodies {
		if len(b.Breaches) == 0 {
			continue
		}
		breaching++
		verdict := "有问题，未触发单项否决"
		if b.Veto {
			verdict = "不合格：触发单项否决"
		}
		fmt.Fprintf(w, "\n%s（编号 %d）：%s\n", b.Name, b.ID, verdict)
		for _, x := range b.Breaches {
			mark := ""
			if x.Veto && x.Hit {
				mark = "[单项否决] "
			}
			fmt.Fprintf(w, "  %s%s：%s（%s）\n", mark, x.Name, x.Summary, x.Source)
			for _, it := range x.Items {
				fmt.Fprintf(w, "    - %s：%s\n", it.Name, it.Detail)
			}
		}
	}
	fmt.Fprintf(w, "\n共检查 %d 个单位：%d 个触发单项否决，%d 个有问题。\n", len(r.Bodies), r.Vetoed, breaching)
}
