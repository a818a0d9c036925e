package annualreport

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// readHTML turns a published report page into a Document. Government
// sites wrap the report in page chrome (navigation, breadcrumbs, share
// buttons, footers) and often in layout tables; the report itself is found
// as the smallest part of the page holding its section headings and
// tables, read from its title heading on.
func readHTML(data []byte) (Document, error) {
	root, err := html.Parse(strings.NewReader(decodeHTMLBytes(data)))
	if err != nil {
		return Document{}, fmt.Errorf("annualreport: parse HTML: %w", err)
	}
	w := &htmlWalker{}
	var title string
	if body := findElement(root, atom.Body); body != nil {
		w.walk(body, body)
	} else {
		w.walk(root, root)
	}
	w.flush()
	if t := findElement(root, atom.Title); t != nil {
		title = pageTitle(nodeText(t))
	}
	doc := Document{Title: title, Published: publishedDate(root, w.blocks)}
	for _, b := range selectReport(w.blocks) {
		doc.Blocks = append(doc.Blocks, b.Block)
	}
	splitHeadingParagraphs(&doc)
	return doc, nil
}

// htmlBlock is a block with what content selection needs to know about
// where it came from.
type htmlBlock struct {
	Block
	node      *html.Node // the block-level element that holds it
	chars     int        // runes of text
	linkChars int        // runes inside <a>
}

// htmlWalker flattens the page body into paragraphs and tables.
type htmlWalker struct {
	blocks    []htmlBlock
	buf       strings.Builder
	bufNode   *html.Node
	linkChars int
	inLink    int
	// boldEnd is where a bold run that opened the paragraph ends: a
	// section heading written in bold with its text run on after it in the
	// same <p> is split there.
	boldEnd int
}

// skippedElements never hold report text.
var skippedElements = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Head: true, atom.Iframe: true, atom.Object: true, atom.Svg: true,
	atom.Select: true, atom.Option: true, atom.Button: true, atom.Input: true,
	atom.Textarea: true, atom.Nav: true, atom.Map: true, atom.Canvas: true,
	atom.Video: true, atom.Audio: true, atom.Math: true,
}

// blockElements end the paragraph before them and after them.
var blockElements = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.H1: true, atom.H2: true, atom.H3: true,
	atom.H4: true, atom.H5: true, atom.H6: true, atom.Li: true, atom.Ul: true,
	atom.Ol: true, atom.Section: true, atom.Article: true, atom.Blockquote: true,
	atom.Pre: true, atom.Center: true, atom.Dd: true, atom.Dt: true, atom.Dl: true,
	atom.Address: true, atom.Header: true, atom.Footer: true, atom.Main: true,
	atom.Aside: true, atom.Form: true, atom.Fieldset: true, atom.Figure: true,
	atom.Figcaption: true, atom.Hr: true, atom.Tr: true, atom.Td: true, atom.Th: true,
	atom.Table: true, atom.Tbody: true, atom.Thead: true, atom.Tfoot: true,
	atom.Caption: true, atom.Body: true, atom.Legend: true,
}

func (w *htmlWalker) walk(n, container *html.Node) {
	switch n.Type {
	case html.TextNode:
		if w.buf.Len() == 0 {
			w.bufNode = container
		}
		w.buf.WriteString(n.Data)
		if w.inLink > 0 {
			w.linkChars += utf8.RuneCountInString(n.Data)
		}
		return
	case html.ElementNode:
	case html.DocumentNode:
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			w.walk(c, container)
		}
		return
	default:
		return
	}
	if skippedElements[n.DataAtom] || isHidden(n) {
		return
	}
	switch n.DataAtom {
	case atom.Br:
		w.flush()
		return
	case atom.Table:
		if !isLayoutTable(n) {
			w.flush()
			w.dataTable(n)
			return
		}
	case atom.A:
		w.inLink++
		defer func() { w.inLink-- }()
	case atom.Strong, atom.B:
		if strings.TrimSpace(strings.ReplaceAll(w.buf.String(), "\u00a0", "")) == "" {
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				w.walk(c, container)
			}
			w.boldEnd = w.buf.Len()
			return
		}
	}
	block := blockElements[n.DataAtom]
	if block {
		w.flush()
		container = n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c, container)
	}
	if block {
		w.flush()
	}
}

// flush ends the current paragraph.
func (w *htmlWalker) flush() {
	raw := w.buf.String()
	node, links, boldEnd := w.bufNode, w.linkChars, w.boldEnd
	w.buf.Reset()
	w.linkChars, w.boldEnd = 0, 0
	if boldEnd > 0 && boldEnd < len(raw) {
		head, tail := cleanText(raw[:boldEnd]), cleanText(raw[boldEnd:])
		if tail != "" && headingLikeRe.MatchString(head) {
			w.add(head, node, 0)
			w.add(tail, node, links)
			return
		}
	}
	w.add(cleanText(raw), node, links)
}

func (w *htmlWalker) add(text string, node *html.Node, links int) {
	if text == "" {
		return
	}
	w.blocks = append(w.blocks, htmlBlock{
		Block: Block{Text: text}, node: node,
		chars: utf8.RuneCountInString(text), linkChars: links,
	})
}

// headingLikeRe matches a numbered heading such as 一、总体情况.
var headingLikeRe = regexp.MustCompile(`^[一二三四五六七八九十]+[、.．][^。；;]{2,40}$`)

// dataTable reads one data table: its caption as a paragraph before it
// (real reports write the sub-table captions of table 二 either as a
// caption, a merged first row, or a paragraph above the table), then the
// grid.
func (w *htmlWalker) dataTable(n *html.Node) {
	var rows [][]spanCell
	var captions []string
	var visit func(*html.Node)
	visit = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || skippedElements[c.DataAtom] || isHidden(c) {
				continue
			}
			switch c.DataAtom {
			case atom.Caption:
				captions = append(captions, nodeText(c))
			case atom.Tr:
				var row []spanCell
				for td := c.FirstChild; td != nil; td = td.NextSibling {
					if td.Type != html.ElementNode || (td.DataAtom != atom.Td && td.DataAtom != atom.Th) || isHidden(td) {
						continue
					}
					row = append(row, spanCell{
						text:    nodeText(td),
						rowspan: spanAttr(td, "rowspan"),
						colspan: spanAttr(td, "colspan"),
					})
				}
				rows = append(rows, row)
			case atom.Table:
				// Only layout tables nest tables; a data table never reaches here with one.
			default:
				visit(c)
			}
		}
	}
	visit(n)
	for _, c := range captions {
		w.add(c, n, 0)
	}
	if g := buildGrid(rows); len(g.Rows) > 0 {
		w.blocks = append(w.blocks, htmlBlock{Block: Block{Table: g}, node: n})
	}
}

func spanAttr(n *html.Node, name string) int {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, name) {
			v := strings.TrimSpace(a.Val)
			end := 0
			for end < len(v) && v[end] >= '0' && v[end] <= '9' {
				end++
			}
			if k, err := strconv.Atoi(v[:end]); err == nil && k > 0 {
				return k
			}
			return 1
		}
	}
	return 1
}

// isLayoutTable tells a table used to lay out the page (a common pattern
// on older government sites) from a data table: it holds other tables, or
// it is one cell wide and holds running text.
func isLayoutTable(n *html.Node) bool {
	nested := false
	var visit func(*html.Node)
	visit = func(m *html.Node) {
		for c := m.FirstChild; c != nil && !nested; c = c.NextSibling {
			if c.Type == html.ElementNode {
				if c.DataAtom == atom.Table {
					nested = true
					return
				}
				visit(c)
			}
		}
	}
	visit(n)
	if nested {
		return true
	}
	maxCells, rows := 0, 0
	var count func(*html.Node)
	count = func(m *html.Node) {
		for c := m.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if c.DataAtom == atom.Tr {
				rows++
				k := 0
				for td := c.FirstChild; td != nil; td = td.NextSibling {
					if td.Type == html.ElementNode && (td.DataAtom == atom.Td || td.DataAtom == atom.Th) {
						k++
					}
				}
				maxCells = max(maxCells, k)
				continue
			}
			count(c)
		}
	}
	count(n)
	return maxCells <= 1 && utf8.RuneCountInString(nodeText(n)) > 120
}

// isHidden reports an element the page hides (hidden attribute or an
// inline display:none), such as duplicated print-only or share blocks.
func isHidden(n *html.Node) bool {
	for _, a := range n.Attr {
		switch strings.ToLower(a.Key) {
		case "hidden":
			return true
		case "style":
			s := strings.ToLower(strings.ReplaceAll(a.Val, " ", ""))
			if strings.Contains(s, "display:none") || strings.Contains(s, "visibility:hidden") {
				return true
			}
		}
	}
	return false
}

// nodeText is the text of an element as one line: block boundaries and
// <br> become spaces, so a label broken over lines (商业<br>企业) stays one
// cell; the interpreter's normalisation removes the spaces.
func nodeText(n *html.Node) string {
	var b strings.Builder
	var visit func(*html.Node)
	visit = func(m *html.Node) {
		for c := m.FirstChild; c != nil; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				b.WriteString(c.Data)
			case html.ElementNode:
				if skippedElements[c.DataAtom] || isHidden(c) {
					continue
				}
				if c.DataAtom == atom.Br || blockElements[c.DataAtom] {
					b.WriteByte(' ')
				}
				visit(c)
				if blockElements[c.DataAtom] {
					b.WriteByte(' ')
				}
			}
		}
	}
	visit(n)
	return cleanText(b.String())
}

func findElement(n *html.Node, a atom.Atom) *html.Node {
	if n.Type == html.ElementNode && n.DataAtom == a {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := findElement(c, a); f != nil {
			return f
		}
	}
	return nil
}

// pageTitle strips the site name that CMSs append to <title>
// ("…年度报告_宛城区人民政府"), keeping the part that names the report.
func pageTitle(t string) string {
	parts := strings.FieldsFunc(t, func(r rune) bool {
		return r == '_' || r == '|' || r == '－' || r == '—'
	})
	for _, p := range parts {
		if strings.Contains(p, "报告") {
			return strings.TrimSpace(p)
		}
	}
	return t
}
