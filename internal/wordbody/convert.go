package wordbody

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"html"
	"io"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/gongkai/gongkai/internal/upload"
)

// signatureClass is the body layout's class for the 署名 and date block
// (the plain-text format's too; disclosure's policy allows it).
const signatureClass = "doc-signature"

// converter reads document.xml as one stream of tokens. Its state is
// where the stream is: in a paragraph, a run, a table cell.
type converter struct {
	pk       *pkg
	dir      string // the main part's folder, where its relationships point from
	prefix   string // of the pictures' names
	headings map[string]int
	bullets  map[string]bool
	targets  map[string]string // relationship id → image part
	named    map[string]string // image part → the attachment's name, "" when not kept

	body   sink
	tables []*table
	p      para
	images []Image
}

func newConverter(pk *pkg, main string) *converter {
	c := &converter{pk: pk, dir: path.Dir(main), headings: pk.headingStyles(), bullets: pk.bulletLists(),
		targets: map[string]string{}, named: map[string]string{}}
	for _, r := range pk.rels(path.Join(c.dir, "_rels", path.Base(main)+".rels")) {
		if strings.HasSuffix(r.Type, "/image") && !strings.EqualFold(r.TargetMode, "External") {
			t := r.Target
			if !strings.HasPrefix(t, "/") {
				t = path.Join(c.dir, t)
			}
			c.targets[r.ID] = strings.TrimPrefix(path.Clean("/"+t), "/")
		}
	}
	return c
}

// sink is where blocks go: the body or a table cell. Consecutive list
// items share their list, consecutive right-aligned paragraphs their
// signature block.
type sink struct {
	b     strings.Builder
	group string // "", "ul", "ol", "sig"
}

var groupTags = map[string][2]string{
	"ul": {"<ul>", "</ul>"}, "ol": {"<ol>", "</ol>"},
	"sig": {`<div class="` + signatureClass + `">`, "</div>"},
}

func (s *sink) block(group, h string) {
	if s.group != group {
		s.close()
		s.b.WriteString(groupTags[group][0])
		s.group = group
	}
	s.b.WriteString(h)
}

func (s *sink) close() {
	s.b.WriteString(groupTags[s.group][1])
	s.group = ""
}

// para is the paragraph being read. Runs append to text, opening and
// closing <strong> and <em> only where the formatting changes.
type para struct {
	active             bool
	nested             int // paragraphs inside this one (a crafted file)
	style, align, num  string
	text               strings.Builder
	visible            bool
	bold, italic       bool // of the current run
	openB, openI       bool // in text
	inPPr, inRun, inRP bool
	inText             bool
}

func (p *para) write(s string) {
	if p.openB != p.bold || p.openI != p.italic {
		p.closeFormat()
		if p.bold {
			p.text.WriteString("<strong>")
		}
		if p.italic {
			p.text.WriteString("<em>")
		}
		p.openB, p.openI = p.bold, p.italic
	}
	p.text.WriteString(html.EscapeString(s))
	if strings.TrimSpace(s) != "" {
		p.visible = true
	}
}

func (p *para) closeFormat() {
	if p.openI {
		p.text.WriteString("</em>")
	}
	if p.openB {
		p.text.WriteString("</strong>")
	}
	p.openB, p.openI = false, false
}

type table struct {
	rows []row
	cell *sink
	span int
	vm   string // "", "restart", "continue"
}

type row struct {
	cells  []cell
	header bool
}

type cell struct {
	html string
	span int
	vm   string
}

// skipped are elements whose content is not part of the body as read:
// tracked deletions and the properties before a change, field
// instructions, the alternative content a newer reader ignores, text
// boxes, notes and comments, section properties.
var skipped = map[string]bool{
	"del": true, "delText": true, "instrText": true, "Fallback": true, "txbxContent": true,
	"pPrChange": true, "rPrChange": true, "footnoteReference": true, "endnoteReference": true,
	"commentReference": true, "sectPr": true,
}

func (c *converter) run(doc []byte) error {
	d := xml.NewDecoder(bytes.NewReader(doc))
	d.Strict = false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fmt.Errorf("%w: document: %v", ErrNotDocx, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if err := c.start(d, t); err != nil {
				return err
			}
		case xml.EndElement:
			c.end(t.Name.Local)
		case xml.CharData:
			if c.p.inText {
				c.p.write(string(t))
			}
		}
	}
	return nil
}

func (c *converter) start(d *xml.Decoder, se xml.StartElement) error {
	p := &c.p
	name := se.Name.Local
	if skipped[name] || (name == "tbl" && (p.active || len(c.tables) >= maxTableDepth)) {
		return d.Skip()
	}
	switch name {
	case "p":
		if p.active {
			p.nested++
			return nil
		}
		c.p = para{active: true}
	case "pPr":
		p.inPPr = p.active && !p.inRun
	case "pStyle", "jc", "numId":
		if p.inPPr {
			v := attr(se, "val")
			switch name {
			case "pStyle":
				p.style = v
			case "jc":
				p.align = v
			default:
				p.num = v
			}
		}
	case "r":
		p.inRun, p.bold, p.italic = p.active, false, false
	case "rPr":
		p.inRP = p.inRun
	case "b", "i":
		if p.inRP {
			on := !slices.Contains([]string{"0", "false", "off", "none"}, strings.ToLower(attr(se, "val")))
			if name == "b" {
				p.bold = on
			} else {
				p.italic = on
			}
		}
	case "t":
		p.inText = p.inRun
	case "tab":
		if p.inRun && !p.inRP {
			p.write(" ")
		}
	case "br", "cr":
		if p.inRun && !p.inRP && attr(se, "type") != "page" {
			p.closeFormat()
			p.text.WriteString("<br>")
		}
	case "blip", "imagedata":
		if p.active {
			id := attr(se, "embed")
			if name == "imagedata" {
				id = attr(se, "id")
			}
			return c.image(id)
		}
	case "tbl":
		c.tables = append(c.tables, &table{})
	case "tr":
		if t := c.table(); t != nil {
			t.rows = append(t.rows, row{})
		}
	case "tblHeader":
		if t := c.table(); t != nil && len(t.rows) > 0 && attr(se, "val") != "0" && attr(se, "val") != "false" {
			t.rows[len(t.rows)-1].header = true
		}
	case "tc":
		if t := c.table(); t != nil && len(t.rows) > 0 {
			t.cell, t.span, t.vm = &sink{}, 1, ""
		}
	case "gridSpan":
		if t := c.table(); t != nil && t.cell != nil {
			if n, err := strconv.Atoi(attr(se, "val")); err == nil && n > 1 && n <= 64 {
				t.span = n
			}
		}
	case "vMerge":
		if t := c.table(); t != nil && t.cell != nil {
			t.vm = "continue"
			if attr(se, "val") == "restart" {
				t.vm = "restart"
			}
		}
	}
	return nil
}

func (c *converter) end(name string) {
	p := &c.p
	switch name {
	case "p":
		if p.nested > 0 {
			p.nested--
			p.write(" ")
			return
		}
		if p.active {
			c.paragraph()
		}
	case "pPr":
		p.inPPr = false
	case "r":
		p.inRun = false
	case "rPr":
		p.inRP = false
	case "t":
		p.inText = false
	case "tc":
		if t := c.table(); t != nil && t.cell != nil {
			t.cell.close()
			r := &t.rows[len(t.rows)-1]
			r.cells = append(r.cells, cell{html: t.cell.b.String(), span: t.span, vm: t.vm})
			t.cell = nil
		}
	case "tbl":
		if t := c.table(); t != nil {
			c.tables = c.tables[:len(c.tables)-1]
			c.sink().block("", t.html())
		}
	}
}

func (c *converter) table() *table {
	if len(c.tables) == 0 {
		return nil
	}
	return c.tables[len(c.tables)-1]
}

// sink is the current cell, or the body.
func (c *converter) sink() *sink {
	if t := c.table(); t != nil && t.cell != nil {
		return t.cell
	}
	return &c.body
}

// paragraph ends the current paragraph: a heading by its style, a list
// item by its numbering, a line of the signature block when aligned to
// the right, else a paragraph. Empty ones (Word's spacing) are dropped.
func (c *converter) paragraph() {
	p := &c.p
	p.closeFormat()
	content := p.text.String()
	visible := p.visible
	style, align, num := p.style, p.align, p.num
	c.p = para{}
	if !visible {
		return
	}
	s := c.sink()
	switch {
	case c.headings[style] > 0:
		h := "h" + strconv.Itoa(min(c.headings[style]+1, 6))
		s.block("", "<"+h+">"+content+"</"+h+">")
	case num != "" && num != "0":
		g := "ol"
		if c.bullets[num] {
			g = "ul"
		}
		s.block(g, "<li>"+content+"</li>")
	case (align == "right" || align == "end") && s == &c.body:
		s.block("sig", "<p>"+content+"</p>")
	default:
		s.block("", "<p>"+content+"</p>")
	}
}

// image keeps the picture of relationship id as an attachment, once,
// and names it where it stands. A picture the site does not accept as
// an image (EMF, WMF, TIFF …), or too large, is named as left out.
func (c *converter) image(id string) error {
	part, ok := c.targets[id]
	if !ok {
		return nil
	}
	name, seen := c.named[part]
	if !seen {
		var err error
		if name, err = c.keep(part); err != nil {
			return err
		}
		c.named[part] = name
	}
	c.p.closeFormat()
	if name == "" {
		c.p.write("［此处有一幅图片，格式无法在网页上显示，未保存］")
	} else {
		c.p.write("［图片：见附件“" + name + "”］")
	}
	return nil
}

func (c *converter) keep(part string) (string, error) {
	f, ok := c.pk.files[strings.ToLower(part)]
	if !ok || len(c.images) >= maxImages || f.UncompressedSize64 > maxImage {
		return "", nil
	}
	data, err := c.pk.read(part, maxImage)
	if errors.Is(err, ErrTooLarge) && c.pk.budget > 0 {
		return "", nil // this picture is too large; the budget is not spent
	}
	if err != nil {
		return "", err
	}
	name := c.prefix + "图" + strconv.Itoa(len(c.images)+1) + strings.ToLower(path.Ext(part))
	k, err := upload.Check(name, bytes.NewReader(data), int64(len(data)))
	if err != nil || !strings.HasPrefix(k.ContentType, "image/") {
		return "", nil
	}
	c.images = append(c.images, Image{Name: name, Data: data})
	return name, nil
}

// html is the body read so far, lists and blocks closed.
func (c *converter) html() string {
	c.body.close()
	return c.body.b.String()
}

// html writes the table, merged cells as colspan and rowspan: a cell
// that starts a vertical merge spans the rows below whose cell at the
// same grid column continues it.
func (t *table) html() string {
	type pos struct{ row, col int }
	at := map[pos]cell{}
	for i, r := range t.rows {
		col := 0
		for _, c := range r.cells {
			at[pos{i, col}] = c
			col += c.span
		}
	}
	var b strings.Builder
	b.WriteString("<table><tbody>")
	for i, r := range t.rows {
		b.WriteString("<tr>")
		col := 0
		for _, c := range r.cells {
			here := col
			col += c.span
			if c.vm == "continue" {
				continue
			}
			rows := 1
			if c.vm == "restart" {
				for next, ok := at[pos{i + rows, here}]; ok && next.vm == "continue"; next, ok = at[pos{i + rows, here}] {
					rows++
				}
			}
			tag := "td"
			if r.header {
				tag = "th"
			}
			b.WriteString("<" + tag)
			if c.span > 1 {
				b.WriteString(` colspan="` + strconv.Itoa(c.span) + `"`)
			}
			if rows > 1 {
				b.WriteString(` rowspan="` + strconv.Itoa(rows) + `"`)
			}
			b.WriteString(">" + c.html + "</" + tag + ">")
		}
		b.WriteString("</tr>")
	}
	b.WriteString("</tbody></table>")
	return b.String()
}

func attr(se xml.StartElement, local string) string {
	for _, a := range se.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}
