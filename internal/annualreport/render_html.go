package annualreport

import (
	"bufio"
	"fmt"
	"html"
	"io"
	"strings"
)

// htmlStyle is the page's own stylesheet: a readable screen page, and on
// paper an A4 page with the margins of 公文 (GB/T 9704: top 37 mm,
// bottom 35 mm, left 28 mm, right 26 mm), 仿宋 body text and tables that
// keep their header rows when they break across pages.
const htmlStyle = `
body{margin:0;background:#f4f4f4;color:#000}
.annual-report{max-width:210mm;margin:0 auto;padding:20mm 26mm 20mm 28mm;background:#fff;
 font-family:"仿宋_GB2312","仿宋",FangSong,STFangsong,"Noto Serif CJK SC",serif;font-size:16pt;line-height:1.75}
.annual-report h1{font-family:"方正小标宋简体","FZXiaoBiaoSong-B05S","小标宋","华文中宋",STZhongsong,"宋体",SimSun,"Noto Serif CJK SC",serif;
 font-size:22pt;font-weight:normal;text-align:center;line-height:1.5;margin:0 0 1em}
.annual-report h2{font-family:"黑体",SimHei,"Noto Sans CJK SC",sans-serif;font-size:16pt;font-weight:normal;margin:.6em 0 .3em;text-indent:2em}
.annual-report p{margin:0;text-indent:2em;text-align:justify}
.annual-report .meta{text-indent:0;text-align:center;font-size:12pt;color:#444}
.annual-report table{width:100%;border-collapse:collapse;margin:.4em 0 .8em;font-size:10.5pt;line-height:1.35;
 font-family:"宋体",SimSun,"Noto Serif CJK SC",serif;page-break-inside:auto}
.annual-report caption{font-weight:bold;padding:.2em;border:1px solid #000;border-bottom:0;background:#f0f0f0}
.annual-report th,.annual-report td{border:1px solid #000;padding:2px 4px;text-align:center;vertical-align:middle}
.annual-report th{font-weight:normal}
.annual-report thead th{font-weight:bold;background:#f7f7f7}
.annual-report th.label{text-align:left}
.annual-report table.four{font-size:9pt}
@media print{
 @page{size:A4;margin:37mm 26mm 35mm 28mm}
 body{background:#fff}
 .annual-report{max-width:none;margin:0;padding:0}
 .annual-report thead{display:table-header-group}
 .annual-report h2{page-break-after:avoid}
 .annual-report caption,.annual-report thead th{background:none}
}
`

// RenderHTML writes the report as a standalone HTML page in the official
// layout: title, the six sections, table 二 as one table per Art. 20 item,
// table 三 and table 四 with their merged header cells. The page carries
// its own print stylesheet for A4.
func RenderHTML(w io.Writer, r *Report) error {
	if r == nil {
		return fmt.Errorf("annualreport: render HTML: no report")
	}
	f := renderFormat(r)
	bw := bufio.NewWriter(w)
	esc := html.EscapeString
	title := reportTitle(r)
	fmt.Fprintf(bw, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>%s</title>\n", esc(title))
	if r.Published != nil {
		fmt.Fprintf(bw, "<meta name=\"PubDate\" content=\"%s\">\n", r.Published.Format("2006-01-02"))
	}
	fmt.Fprintf(bw, "<style>%s</style>\n</head>\n<body>\n<article class=\"annual-report\">\n<h1>%s</h1>\n", htmlStyle, esc(title))
	if r.Published != nil {
		fmt.Fprintf(bw, "<p class=\"meta\">发布日期：%s</p>\n", r.Published.Format("2006-01-02"))
	}
	writeHTMLBody(bw, r, f)
	bw.WriteString("</article>\n</body>\n</html>\n")
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("annualreport: render HTML: %w", err)
	}
	return nil
}

// reportTitle is the report's title, or one composed from the body and
// year when the report has none.
func reportTitle(r *Report) string {
	if t := strings.TrimSpace(r.Title); t != "" {
		return t
	}
	if r.Year > 0 {
		return fmt.Sprintf("%s%d年政府信息公开工作年度报告", r.Org, r.Year)
	}
	return r.Org + "政府信息公开工作年度报告"
}

func writeHTMLTable(w *bufio.Writer, t layoutTable, class string) {
	esc := html.EscapeString
	fmt.Fprintf(w, "<table class=\"%s\">\n", class)
	if t.caption != "" {
		fmt.Fprintf(w, "<caption>%s</caption>\n", esc(t.caption))
	}
	total := 0.0
	for _, x := range t.widths {
		total += x
	}
	// The width attribute, not an inline style: the same markup goes
	// into the console and the portal, whose Content-Security-Policy
	// refuses inline styles, and browsers honour col width everywhere.
	w.WriteString("<colgroup>")
	for _, x := range t.widths {
		fmt.Fprintf(w, "<col width=\"%.1f%%\">", x/total*100)
	}
	w.WriteString("</colgroup>\n")
	for i, row := range t.rows {
		switch i {
		case 0:
			w.WriteString("<thead>\n")
		case t.head:
			w.WriteString("<tbody>\n")
		}
		w.WriteString("<tr>")
		for _, c := range row {
			tag := "td"
			if c.header {
				tag = "th"
			}
			w.WriteString("<" + tag)
			if c.scope != "" {
				fmt.Fprintf(w, " scope=\"%s\"", c.scope)
			}
			if c.left {
				w.WriteString(" class=\"label\"")
			}
			if c.rowspan > 1 {
				fmt.Fprintf(w, " rowspan=\"%d\"", c.rowspan)
			}
			if c.colspan > 1 {
				fmt.Fprintf(w, " colspan=\"%d\"", c.colspan)
			}
			fmt.Fprintf(w, ">%s</%s>", esc(c.text), tag)
		}
		w.WriteString("</tr>\n")
		if i == t.head-1 {
			w.WriteString("</thead>\n")
		}
	}
	w.WriteString("</tbody>\n</table>\n")
}
