package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/gongkai/gongkai/internal/annualreport"
	"github.com/gongkai/gongkai/internal/parsejail"
)

const reportUsage = `用法 / usage:
  gongkai report parse [--json] FILE
      读取一份年度报告并打印其内容摘要；--json 按统一JSON格式输出，含检查结果和
      各表来源 sources（读取器、PDF页码、grid 或 text-heuristic、confidence）
      (read a report; --json prints the JSON contract, findings and per-table
      sources included)
  gongkai report lint [--json] [--previous FILE] [--deadline KIND] FILE...
      检查年度报告，按文件列出问题 (check reports, findings per file)
  gongkai report render --to html|txt|docx|xlsx|json [-o OUT] FILE
      把年度报告转换为另一种形式，默认写到标准输出 (convert; stdout by default)

FILE 可以是 HTML、DOCX、XLSX、PDF、文本或统一JSON格式，按内容识别；"-" 表示标准输入。
(The form is detected from the content; "-" reads standard input.)
选项可写在文件名之前或之后 (options may come before or after FILE).

选项 / options:
  --json             以JSON输出 (JSON output)
  --previous FILE    上一年度的报告，用于检查上年结转和现行有效件数 (last year's report)
  --deadline KIND    公布期限（《条例》第四十九条）：auto（按机关名称判断，默认：县级以上
                     人民政府3月31日，其部门1月31日，乡镇街道按默认1月31日）、
                     department（1月31日）、government（3月31日）、none（不检查）
                     或 MM-DD（本地规定）
  --to FORMAT        render 的目标格式 (target form)
  -o OUT             render 的输出文件 (output file)
  --max-seconds N    读取每个文件的时间上限（秒，默认 30）；超出则报告“文件过于复杂或已损坏”
                     (wall and CPU seconds per file, default 30)
  --max-mb N         读取每个文件的内存上限（MB，默认 512）(memory per file, default 512)
                     每个文件在子进程中读取，受内核限制 (each file is read in a child process
                     under kernel limits)

退出码 / exit codes: 0 没有错误级问题；1 有错误级问题（lint）或无法写出（render）；
                     2 参数错误或文件无法读取
`

// runReport is `gongkai report`: read, check and convert annual reports
// (政府信息公开工作年度报告) published in any form.
func runReport(ctx context.Context, env *environment, args []string) int {
	if len(args) == 0 {
		fmt.Fprint(env.stderr, reportUsage)
		return 2
	}
	switch args[0] {
	case "-h", "--help", "-help", "help":
		fmt.Fprint(env.stdout, reportUsage)
		return 0
	case "parse":
		return reportParse(ctx, env, args[1:])
	case "lint":
		return reportLint(ctx, env, args[1:])
	case "render":
		return reportRender(ctx, env, args[1:])
	}
	fmt.Fprintf(env.stderr, "gongkai report: 未知子命令 %q (unknown subcommand)\n\n%s", args[0], reportUsage)
	return 2
}

// reportFlags are the options of every report subcommand; each
// subcommand rejects those it does not take.
type reportFlags struct {
	json     bool
	previous string
	deadline string
	to       string
	out      string
	// maxSeconds and maxMB are the budget of each file's parse.
	maxSeconds int
	maxMB      int
	set        map[string]bool
}

// parseReportFlags parses options anywhere among the arguments and
// returns the positional ones. ok is false when the command is done
// (help shown, or an error reported with the exit code in code).
func parseReportFlags(env *environment, sub string, args []string, allowed ...string) (rf reportFlags, pos []string, code int, ok bool) {
	fs := flag.NewFlagSet("report "+sub, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	fs.BoolVar(&rf.json, "json", false, "")
	fs.StringVar(&rf.previous, "previous", "", "")
	fs.StringVar(&rf.deadline, "deadline", "auto", "")
	fs.StringVar(&rf.to, "to", "", "")
	fs.StringVar(&rf.out, "o", "", "")
	fs.IntVar(&rf.maxSeconds, "max-seconds", int(parsejail.DefaultBudget.Wall.Seconds()), "")
	fs.IntVar(&rf.maxMB, "max-mb", int(parsejail.DefaultBudget.Memory>>20), "")
	for rest := args; ; {
		if err := fs.Parse(rest); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fmt.Fprint(env.stdout, reportUsage)
				return rf, nil, 0, false
			}
			fmt.Fprintf(env.stderr, "gongkai report %s: 参数错误：%v\n\n%s", sub, err, reportUsage)
			return rf, nil, 2, false
		}
		if fs.NArg() == 0 {
			break
		}
		pos = append(pos, fs.Arg(0))
		rest = fs.Args()[1:]
	}
	if rf.maxSeconds < 1 || rf.maxMB < 64 {
		fmt.Fprintf(env.stderr, "gongkai report %s: --max-seconds 至少为 1，--max-mb 至少为 64\n\n%s", sub, reportUsage)
		return rf, nil, 2, false
	}
	rf.set = map[string]bool{}
	fs.Visit(func(f *flag.Flag) { rf.set[f.Name] = true })
	for name := range rf.set {
		if !reportHasFlag(allowed, name) && name != "max-seconds" && name != "max-mb" {
			fmt.Fprintf(env.stderr, "gongkai report %s: 不接受选项 -%s (option not accepted)\n\n%s", sub, name, reportUsage)
			return rf, nil, 2, false
		}
	}
	return rf, pos, 0, true
}

func reportHasFlag(xs []string, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

// readReportFile reads and interprets one report file ("-": stdin). The
// file is parsed in a child process under the budget of --max-seconds
// and --max-mb, as the server parses uploads: a hostile file is reported
// and the next one read.
func readReportFile(ctx context.Context, env *environment, rf reportFlags, name string) (*annualreport.Report, error) {
	var data []byte
	var err error
	if name == "-" {
		data, err = io.ReadAll(env.stdin)
	} else {
		data, err = os.ReadFile(name)
	}
	if err != nil {
		return nil, fmt.Errorf("无法打开 %s: %w", name, err)
	}
	r, err := parsejail.Parse(ctx, name, data, parsejail.Budget{
		Wall: time.Duration(rf.maxSeconds) * time.Second, Memory: int64(rf.maxMB) << 20})
	if over := (*parsejail.BudgetError)(nil); errors.As(err, &over) {
		return nil, fmt.Errorf("%s: %s（超出 --max-seconds %d 秒或 --max-mb %d MB 的限制，可调高）/ %s",
			name, parsejail.Message, rf.maxSeconds, rf.maxMB, over.Reason)
	}
	return r, err
}

func reportDeadline(s string) (annualreport.Options, error) {
	switch s {
	case "", "auto":
		return annualreport.Options{Deadline: annualreport.DeadlineAuto}, nil
	case "none":
		return annualreport.Options{Deadline: annualreport.DeadlineNone}, nil
	case "department":
		return annualreport.Options{Deadline: annualreport.DeadlineDepartment}, nil
	case "government":
		return annualreport.Options{Deadline: annualreport.DeadlineGovernment}, nil
	}
	t, err := time.Parse("01-02", s)
	if err != nil {
		return annualreport.Options{}, fmt.Errorf("--deadline %q 无效：应为 auto、department、government、none 或 MM-DD", s)
	}
	return annualreport.Options{Deadline: annualreport.DeadlineCustom, Month: t.Month(), Day: t.Day()}, nil
}

func reportParse(ctx context.Context, env *environment, args []string) int {
	rf, pos, code, ok := parseReportFlags(env, "parse", args, "json", "deadline")
	if !ok {
		return code
	}
	if len(pos) != 1 {
		fmt.Fprintf(env.stderr, "gongkai report parse: 需要一个文件 (expected one FILE)\n\n%s", reportUsage)
		return 2
	}
	opt, err := reportDeadline(rf.deadline)
	if err != nil {
		fmt.Fprintf(env.stderr, "gongkai report parse: %v\n", err)
		return 2
	}
	r, err := readReportFile(ctx, env, rf, pos[0])
	if err != nil {
		fmt.Fprintf(env.stderr, "gongkai report parse: %v\n", err)
		return 2
	}
	r.Findings = annualreport.Lint(r, nil, opt)
	if rf.json {
		data, err := annualreport.EncodeJSON(r)
		if err != nil {
			fmt.Fprintf(env.stderr, "gongkai report parse: %v\n", err)
			return 1
		}
		env.stdout.Write(append(data, '\n'))
		return 0
	}
	printReportSummary(env.stdout, pos[0], r)
	return 0
}

// printSummary is the human-readable form of parse.
func printReportSummary(w io.Writer, name string, r *annualreport.Report) {
	fmt.Fprintf(w, "文件：%s\n", name)
	fmt.Fprintf(w, "标题：%s\n", reportOrDash(r.Title))
	fmt.Fprintf(w, "机关：%s\n", reportOrDash(r.Org))
	if r.Year != 0 {
		fmt.Fprintf(w, "年度：%d\n", r.Year)
	} else {
		fmt.Fprintln(w, "年度：—")
	}
	format := annualreport.FormatName(r.Format)
	if f := annualreport.FormatByID(r.Format); f != nil {
		format += "（" + f.IssuedBy + "）"
	}
	if want := annualreport.FormatForYear(r.Year); want != nil && want.ID != r.Format && r.Format != "" {
		format += "；该年度应使用" + want.Name
	}
	fmt.Fprintf(w, "表格格式：%s\n", format)
	if r.Published != nil {
		fmt.Fprintf(w, "发布日期：%s\n", r.Published.Format("2006-01-02"))
	}
	var have, missing []string
	for _, id := range []string{"一", "二", "三", "四", "五", "六"} {
		if _, ok := r.Sections[id]; ok {
			have = append(have, id)
		} else {
			missing = append(missing, id)
		}
	}
	fmt.Fprintf(w, "章节：%s", strings.Join(have, " "))
	if len(missing) > 0 {
		fmt.Fprintf(w, "（缺少：%s）", strings.Join(missing, " "))
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "表二：%d行；表三：%d行；表四：%d组\n", len(r.Tables.Two), len(r.Tables.Three), len(r.Tables.Four))
	for _, row := range []struct{ id, name string }{{"一", "本年新收申请"}, {"二", "上年结转"}, {"三.七", "办理结果总计"}, {"四", "结转下年度"}} {
		if c, ok := r.Tables.Three[row.id]["总计"]; ok {
			fmt.Fprintf(w, "  %s：%s\n", row.name, reportCell(c))
		}
	}
	for _, g := range []string{"行政复议", "行政诉讼/未经复议直接起诉", "行政诉讼/复议后起诉"} {
		if c, ok := r.Tables.Four[g]["总计"]; ok {
			fmt.Fprintf(w, "  %s总计：%s\n", g, reportCell(c))
		}
	}
	writeReportFindings(w, r.Findings)
	e := annualreport.Errors(r.Findings)
	fmt.Fprintf(w, "问题：错误%d个，警告%d个\n", e, len(r.Findings)-e)
}

func reportCell(c annualreport.Cell) string {
	switch {
	case c.Raw != "":
		return "「" + c.Raw + "」"
	case c.State == annualreport.Value:
		return fmt.Sprint(c.Num)
	case c.State == annualreport.NotApplicable:
		return "/"
	}
	return "（空白）"
}

func reportOrDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

func writeReportFindings(w io.Writer, fs []annualreport.Finding) {
	for _, f := range fs {
		where := f.Where()
		if where != "" {
			where = "[" + where + "] "
		}
		fmt.Fprintf(w, "  %s  %-20s %s%s\n", f.Severity.Name(), f.Rule, where, f.Message)
	}
}

// reportLintResult is one file of `report lint --json`.
type reportLintResult struct {
	File     string                 `json:"file"`
	Error    string                 `json:"error,omitempty"`
	Org      string                 `json:"org,omitempty"`
	Year     int                    `json:"year,omitempty"`
	Format   string                 `json:"format,omitempty"`
	Findings []annualreport.Finding `json:"findings"`
}

func reportLint(ctx context.Context, env *environment, args []string) int {
	rf, files, code, ok := parseReportFlags(env, "lint", args, "json", "previous", "deadline")
	if !ok {
		return code
	}
	if len(files) == 0 {
		fmt.Fprintf(env.stderr, "gongkai report lint: 需要至少一个文件 (expected FILE...)\n\n%s", reportUsage)
		return 2
	}
	opt, err := reportDeadline(rf.deadline)
	if err != nil {
		fmt.Fprintf(env.stderr, "gongkai report lint: %v\n", err)
		return 2
	}
	var prev *annualreport.Report
	if rf.previous != "" {
		if prev, err = readReportFile(ctx, env, rf, rf.previous); err != nil {
			fmt.Fprintf(env.stderr, "gongkai report lint: 上一年度报告：%v\n", err)
			return 2
		}
	}
	progress := env.isTerminal && len(files) > 1
	var results []reportLintResult
	errs, warns, unreadable := 0, 0, 0
	for i, name := range files {
		if progress {
			fmt.Fprintf(env.stderr, "\r正在检查 %d/%d：%s\033[K", i+1, len(files), name)
		}
		res := reportLintResult{File: name, Findings: []annualreport.Finding{}}
		r, err := readReportFile(ctx, env, rf, name)
		if err != nil {
			res.Error = err.Error()
			unreadable++
			results = append(results, res)
			continue
		}
		res.Org, res.Year, res.Format = r.Org, r.Year, r.Format
		if fs := annualreport.Lint(r, prev, opt); fs != nil {
			res.Findings = fs
		}
		e := annualreport.Errors(res.Findings)
		errs += e
		warns += len(res.Findings) - e
		results = append(results, res)
	}
	if progress {
		fmt.Fprint(env.stderr, "\r\033[K")
	}
	if rf.json {
		out := struct {
			Files   []reportLintResult `json:"files"`
			Summary struct {
				Files      int `json:"files"`
				Errors     int `json:"errors"`
				Warnings   int `json:"warnings"`
				Unreadable int `json:"unreadable"`
			} `json:"summary"`
		}{Files: results}
		out.Summary.Files, out.Summary.Errors, out.Summary.Warnings, out.Summary.Unreadable = len(files), errs, warns, unreadable
		data, _ := json.MarshalIndent(out, "", "  ")
		env.stdout.Write(append(data, '\n'))
	} else {
		for _, res := range results {
			if res.Error != "" {
				fmt.Fprintf(env.stdout, "%s：无法读取：%s\n", res.File, res.Error)
				continue
			}
			fmt.Fprintf(env.stdout, "%s（%s %s，表格格式%s）\n", res.File, reportOrDash(res.Org), reportYearText(res.Year), reportOrDash(res.Format))
			if len(res.Findings) == 0 {
				fmt.Fprintln(env.stdout, "  未发现问题")
			}
			writeReportFindings(env.stdout, res.Findings)
		}
		fmt.Fprintf(env.stdout, "共检查%d个文件：错误%d个，警告%d个", len(files), errs, warns)
		if unreadable > 0 {
			fmt.Fprintf(env.stdout, "，%d个文件无法读取", unreadable)
		}
		fmt.Fprintln(env.stdout)
	}
	switch {
	case unreadable > 0:
		return 2
	case errs > 0:
		return 1
	}
	return 0
}

func reportYearText(y int) string {
	if y == 0 {
		return "年度不明"
	}
	return fmt.Sprintf("%d年度", y)
}

// reportRenderers are the output forms of `report render`.
var reportRenderers = map[string]func(io.Writer, *annualreport.Report) error{
	"txt":  annualreport.RenderText,
	"html": annualreport.RenderHTML,
	"docx": annualreport.RenderDOCX,
	"xlsx": annualreport.RenderXLSX,
	"json": func(w io.Writer, r *annualreport.Report) error {
		data, err := annualreport.EncodeJSON(r)
		if err != nil {
			return err
		}
		_, err = w.Write(append(data, '\n'))
		return err
	},
}

func reportRender(ctx context.Context, env *environment, args []string) int {
	rf, pos, code, ok := parseReportFlags(env, "render", args, "to", "o", "deadline")
	if !ok {
		return code
	}
	render, known := reportRenderers[rf.to]
	if !known {
		var names []string
		for n := range reportRenderers {
			names = append(names, n)
		}
		sort.Strings(names)
		fmt.Fprintf(env.stderr, "gongkai report render: --to 应为 %s 之一 (target form required)\n", strings.Join(names, "、"))
		return 2
	}
	if len(pos) != 1 {
		fmt.Fprintf(env.stderr, "gongkai report render: 需要一个文件 (expected one FILE)\n\n%s", reportUsage)
		return 2
	}
	opt, err := reportDeadline(rf.deadline)
	if err != nil {
		fmt.Fprintf(env.stderr, "gongkai report render: %v\n", err)
		return 2
	}
	r, err := readReportFile(ctx, env, rf, pos[0])
	if err != nil {
		fmt.Fprintf(env.stderr, "gongkai report render: %v\n", err)
		return 2
	}
	r.Findings = annualreport.Lint(r, nil, opt)
	// Render into memory first so a failure leaves no half-written file.
	var buf bytes.Buffer
	if err := render(&buf, r); err != nil {
		fmt.Fprintf(env.stderr, "gongkai report render: 无法生成%s: %v\n", rf.to, err)
		return 1
	}
	if rf.out == "" || rf.out == "-" {
		if _, err := env.stdout.Write(buf.Bytes()); err != nil {
			fmt.Fprintf(env.stderr, "gongkai report render: %v\n", err)
			return 1
		}
		return 0
	}
	if err := os.WriteFile(rf.out, buf.Bytes(), 0o644); err != nil {
		fmt.Fprintf(env.stderr, "gongkai report render: 无法写入 %s: %v\n", rf.out, err)
		return 1
	}
	return 0
}
