package annualreport

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// sectionHeadingRe recognises the six section headings and their common
// aliases well enough to locate the report on a page; the interpreter does
// the exact matching.
var sectionHeadingRe = regexp.MustCompile(`^[一二三四五六][、.．]\s*(总体情况|主动公开|收到和处理|.*申请情况|.*行政复议|.*存在.*问题|存在问题|其他)`)

// reportTableWords are words only the report's tables hold; a table with
// none of them (a calendar, a layout grid, a link list) is not evidence of
// where the report is.
var reportTableWords = []string{"第二十条", "信息内容", "自然人", "行政复议", "本年新收", "申请人情况", "规范性文件"}

// chromeRe matches the short lines of page furniture around an article.
var chromeRe = regexp.MustCompile(`主办单位|承办单位|版权所有|Copyright|©|ICP备|网站标识码|公网安备|技术支持|联系我们|网站地图|打印本页|关闭窗口|【打印】|【关闭】|分享到|上一篇|下一篇|扫一扫|字体[:：]?\s*[【\[]?\s*大|浏览次数|访问量|您当前的位置|当前位置`)

// selectReport keeps the blocks that make up the report: from its title
// heading on, inside the smallest element that holds all its section
// headings and tables, without navigation and footer lines.
func selectReport(blocks []htmlBlock) []htmlBlock {
	var evidence []int
	for i, b := range blocks {
		if b.Table != nil {
			if isReportTable(b.Table) {
				evidence = append(evidence, i)
			}
			continue
		}
		if b.chars <= 40 && b.linkChars*2 < b.chars && sectionHeadingRe.MatchString(b.Text) {
			evidence = append(evidence, i)
		}
	}
	if len(evidence) == 0 {
		var out []htmlBlock
		for _, b := range blocks {
			if !isChrome(b) {
				out = append(out, b)
			}
		}
		return out
	}
	root := blocks[evidence[0]].node
	for _, i := range evidence[1:] {
		root = commonAncestor(root, blocks[i].node)
	}
	// With a single piece of evidence its own element is too small.
	if len(evidence) == 1 && root != nil && root.Parent != nil {
		root = root.Parent
	}

	titleAt := -1
	for i := evidence[0] - 1; i >= 0; i-- {
		if isTitleLike(blocks[i]) {
			titleAt = i
			break
		}
	}
	last := evidence[len(evidence)-1]
	var out []htmlBlock
	if titleAt >= 0 {
		out = append(out, blocks[titleAt])
	}
	for i := titleAt + 1; i < len(blocks); i++ {
		b := blocks[i]
		if !contains(root, b.node) {
			continue
		}
		if isChrome(b) {
			// Past the report's last heading or table, the first footer
			// line ends the report.
			if i > last {
				break
			}
			continue
		}
		out = append(out, b)
	}
	return out
}

func isReportTable(g *Grid) bool {
	for _, row := range g.Rows {
		for _, c := range row {
			if !c.Origin || c.Text == "" {
				continue
			}
			for _, w := range reportTableWords {
				if strings.Contains(c.Text, w) {
					return true
				}
			}
		}
	}
	return false
}

// isTitleLike tells the report's title heading: it names a year and a
// report, is short, is not a sentence and is not a link (breadcrumbs and
// lists of other years' reports are links).
func isTitleLike(b htmlBlock) bool {
	if b.Table != nil || b.chars > 80 || b.linkChars*2 >= b.chars {
		return false
	}
	t := b.Text
	return strings.Contains(t, "报告") && yearRe.MatchString(t) &&
		!strings.ContainsAny(t, "。，；") && !chromeRe.MatchString(t)
}

var yearRe = regexp.MustCompile(`(19|20)\d\d`)

// isChrome tells navigation and footer lines: mostly links, or short
// lines of page furniture.
func isChrome(b htmlBlock) bool {
	if b.Table != nil {
		return false
	}
	if b.chars > 0 && b.linkChars*10 >= b.chars*6 {
		return true
	}
	return b.chars <= 80 && chromeRe.MatchString(b.Text)
}

func commonAncestor(a, b *html.Node) *html.Node {
	if a == nil || b == nil {
		return nil
	}
	seen := map[*html.Node]bool{}
	for n := a; n != nil; n = n.Parent {
		seen[n] = true
	}
	for n := b; n != nil; n = n.Parent {
		if seen[n] {
			return n
		}
	}
	return nil
}

func contains(root, n *html.Node) bool {
	if root == nil {
		return true
	}
	for ; n != nil; n = n.Parent {
		if n == root {
			return true
		}
	}
	return false
}

// Publication dates as pages state them: in a meta tag, or in the article
// information line (发布时间：2024-01-26, 发布日期：2024年1月26日).
var (
	publishedTextRe = regexp.MustCompile(`(?:发布时间|发布日期|公开日期|发表时间|发布于|发文日期|信息时间)\s*[:：]?\s*((?:19|20)\d\d)\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})`)
	isoDateRe       = regexp.MustCompile(`((?:19|20)\d\d)\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})`)
	publishedMetas  = map[string]bool{
		"pubdate": true, "publishdate": true, "firstpublishedtime": true, "publishedtime": true,
		"article:published_time": true, "dc.date": true, "dc.date.issued": true, "publish_date": true,
	}
)

// publishedDate finds the publication date, written as YYYY-MM-DD; ""
// when the page states none.
func publishedDate(root *html.Node, blocks []htmlBlock) string {
	var fromMeta string
	var visit func(*html.Node)
	visit = func(n *html.Node) {
		if fromMeta != "" {
			return
		}
		if n.Type == html.ElementNode && n.DataAtom == atom.Meta {
			var name, content string
			for _, a := range n.Attr {
				switch strings.ToLower(a.Key) {
				case "name", "property", "itemprop":
					name = strings.ToLower(a.Val)
				case "content":
					content = a.Val
				}
			}
			if publishedMetas[name] {
				if m := isoDateRe.FindStringSubmatch(content); m != nil {
					fromMeta = isoDate(m[1], m[2], m[3])
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			visit(c)
		}
	}
	visit(root)
	if fromMeta != "" {
		return fromMeta
	}
	for _, b := range blocks {
		if b.Table != nil {
			continue
		}
		if m := publishedTextRe.FindStringSubmatch(b.Text); m != nil {
			if d := isoDate(m[1], m[2], m[3]); d != "" {
				return d
			}
		}
	}
	return ""
}

// isoDate writes a date as YYYY-MM-DD, or "" when it is not a calendar
// date.
func isoDate(y, m, d string) string {
	yy, _ := strconv.Atoi(y)
	mm, _ := strconv.Atoi(m)
	dd, _ := strconv.Atoi(d)
	if mm < 1 || mm > 12 || dd < 1 || dd > 31 {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", yy, mm, dd)
}
