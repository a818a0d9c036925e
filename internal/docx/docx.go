// Package docx writes Word documents (Office Open XML, WordprocessingML)
// from a small model: paragraphs of styled runs and tables with merged
// cells and borders, named paragraph styles, one page setup, core
// properties. It writes the XML parts by hand into a zip, so the output
// depends only on the model (the same document gives the same bytes) and
// the package needs nothing beyond the standard library. Every string of
// the model is escaped here, once (escape.go), whatever it holds. It is
// made for 公文-style documents: A4 with GB/T 9704 margins and Chinese
// fonts by default.
package docx

import "time"

// Lengths are in twips (twentieths of a point), the unit of
// WordprocessingML page and indent measures.

// Mm converts millimetres to twips.
func Mm(mm float64) int { return int(mm*1440/25.4 + 0.5) }

// Pt converts points to twips.
func Pt(pt float64) int { return int(pt*20 + 0.5) }

// Document is a Word document being built. The zero Document is usable:
// it uses the 公文 page and 仿宋 三号 body text.
type Document struct {
	Props Properties
	// Page is the page setup; zero means GongwenA4().
	Page Page
	// Font and Size (points) are the defaults of every run; zero means
	// FangSong at 16 pt (三号).
	Font Font
	Size float64
	// PageNumbers puts "— n —" centred in the footer, as 公文 do.
	PageNumbers bool
	// PageNumberFont sets the dashes around the page number; zero means
	// 宋体 for both scripts.
	PageNumberFont Font
	// Styles are paragraph styles that ParaStyle.StyleID names. A style
	// with the ID "Normal" replaces the built-in Normal style, which every
	// paragraph (and every style based on it) inherits.
	Styles []Style

	blocks []Block
}

// Properties are the core properties (docProps/core.xml).
type Properties struct {
	Title       string
	Subject     string
	Creator     string // the author, e.g. the body's name
	Description string
	Keywords    string
	Language    string // default zh-CN
	Created     time.Time
	Modified    time.Time
}

// Page is the section's page size and margins, in twips.
type Page struct {
	Width, Height            int
	Top, Bottom, Left, Right int
	Header, Footer           int // distance of header / footer from the edge
	// LinePitch is the document grid line pitch (0: no grid). A 公文 page
	// has 22 lines of text, which a 579-twip pitch gives.
	LinePitch int
}

// GongwenA4 is A4 with the margins of GB/T 9704-2012 (党政机关公文格式):
// top 37 mm, bottom 35 mm, left 28 mm, right 26 mm, which leaves the
// 156 × 225 mm type area of 22 lines.
func GongwenA4() Page {
	return Page{
		Width: 11906, Height: 16838,
		Top: Mm(37), Bottom: Mm(35), Left: Mm(28), Right: Mm(26),
		Header: Mm(15), Footer: Mm(28) - Pt(SizeSi), // page number 7 mm below the type area
		LinePitch: 579,
	}
}

// TextWidth is the width between the side margins.
func (p Page) TextWidth() int { return p.Width - p.Left - p.Right }

// Sizes of Chinese type (字号) in points.
const (
	SizeEr       = 22   // 二号: titles
	SizeSan      = 16   // 三号: body text
	SizeXiaoSan  = 15   // 小三
	SizeSi       = 14   // 四号: page numbers
	SizeXiaoSi   = 12   // 小四: tables
	SizeWu       = 10.5 // 五号
	SizeXiaoWu   = 9    // 小五
	CharsIndent2 = 200  // ParaStyle.FirstLineChars of two characters
)

// Block is a paragraph or a table.
type Block interface{ block() }

func (Paragraph) block() {}
func (Table) block()     {}

// paragraphsOf lists a block's paragraphs: the paragraph itself, or
// every paragraph of every cell of a table.
func paragraphsOf(b Block) []Paragraph {
	switch v := b.(type) {
	case Paragraph:
		return []Paragraph{v}
	case Table:
		var ps []Paragraph
		for _, row := range v.Rows {
			for _, c := range row.Cells {
				ps = append(ps, c.Paragraphs...)
			}
		}
		return ps
	}
	return nil
}

// Add appends blocks to the body.
func (d *Document) Add(blocks ...Block) { d.blocks = append(d.blocks, blocks...) }

func (d *Document) page() Page {
	if d.Page == (Page{}) {
		return GongwenA4()
	}
	return d.Page
}

func (d *Document) font() Font {
	if d.Font == (Font{}) {
		return FangSong
	}
	return d.Font
}

func (d *Document) size() float64 {
	if d.Size == 0 {
		return SizeSan
	}
	return d.Size
}
