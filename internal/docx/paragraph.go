package docx

import (
	"fmt"
	"strings"
)

// Align is a paragraph alignment (w:jc).
type Align string

const (
	AlignLeft   Align = "left"
	AlignCenter Align = "center"
	AlignRight  Align = "right"
	AlignBoth   Align = "both" // justified, the usual body text
)

// RunStyle is the character formatting of a run. Zero fields inherit the
// document default.
type RunStyle struct {
	Font      Font
	Size      float64 // points
	Bold      bool
	Italic    bool
	Underline bool
	Color     string // RRGGBB
}

// Run is text in one style. A "\n" in Text is a line break, a "\t" a tab.
type Run struct {
	Text  string
	Style RunStyle
}

// ParaStyle is the paragraph formatting. Lengths are twips.
type ParaStyle struct {
	Align Align
	// FirstLineChars indents the first line in hundredths of a character
	// (200: the two-character indent of Chinese body text), which Word
	// uses; FirstLine is the same indent in twips, which LibreOffice uses
	// (give both for both).
	FirstLineChars int
	FirstLine      int
	Left, Right    int // indents
	Before, After  int // spacing
	// Line is an exact line height (0: single spacing).
	Line            int
	KeepNext        bool
	PageBreakBefore bool
}

// Paragraph is a paragraph of runs.
type Paragraph struct {
	Style ParaStyle
	Runs  []Run
}

// P makes a paragraph.
func P(style ParaStyle, runs ...Run) Paragraph { return Paragraph{Style: style, Runs: runs} }

// Text makes a run.
func Text(text string, style RunStyle) Run { return Run{Text: text, Style: style} }

func (p Paragraph) write(b *strings.Builder) {
	b.WriteString("<w:p>")
	p.Style.write(b)
	for _, r := range p.Runs {
		r.write(b)
	}
	// Line ends between elements keep golden files readable; Word ignores them.
	b.WriteString("</w:p>\n")
}

func (s ParaStyle) write(b *strings.Builder) {
	var pr strings.Builder
	if s.KeepNext {
		pr.WriteString("<w:keepNext/>")
	}
	if s.PageBreakBefore {
		pr.WriteString("<w:pageBreakBefore/>")
	}
	if s.Before != 0 || s.After != 0 || s.Line != 0 {
		pr.WriteString("<w:spacing")
		fmt.Fprintf(&pr, ` w:before="%d" w:after="%d"`, s.Before, s.After)
		if s.Line != 0 {
			fmt.Fprintf(&pr, ` w:line="%d" w:lineRule="exact"`, s.Line)
		}
		pr.WriteString("/>")
	}
	if s.Left != 0 || s.Right != 0 || s.FirstLine != 0 || s.FirstLineChars != 0 {
		pr.WriteString("<w:ind")
		if s.Left != 0 {
			fmt.Fprintf(&pr, ` w:left="%d"`, s.Left)
		}
		if s.Right != 0 {
			fmt.Fprintf(&pr, ` w:right="%d"`, s.Right)
		}
		// Word prefers firstLineChars; LibreOffice reads only firstLine,
		// so a style may give both.
		if s.FirstLine != 0 {
			fmt.Fprintf(&pr, ` w:firstLine="%d"`, s.FirstLine)
		}
		if s.FirstLineChars != 0 {
			fmt.Fprintf(&pr, ` w:firstLineChars="%d"`, s.FirstLineChars)
		}
		pr.WriteString("/>")
	}
	if s.Align != "" {
		fmt.Fprintf(&pr, `<w:jc w:val="%s"/>`, s.Align)
	}
	if pr.Len() > 0 {
		b.WriteString("<w:pPr>" + pr.String() + "</w:pPr>")
	}
}

func (r Run) write(b *strings.Builder) {
	b.WriteString("<w:r>")
	r.Style.write(b)
	for i, line := range strings.Split(r.Text, "\n") {
		if i > 0 {
			b.WriteString("<w:br/>")
		}
		for j, part := range strings.Split(line, "\t") {
			if j > 0 {
				b.WriteString("<w:tab/>")
			}
			if part != "" {
				b.WriteString(`<w:t xml:space="preserve">` + escape(part) + "</w:t>")
			}
		}
	}
	b.WriteString("</w:r>")
}

func (s RunStyle) write(b *strings.Builder) {
	var pr strings.Builder
	writeFonts(&pr, s.Font)
	if s.Bold {
		pr.WriteString("<w:b/><w:bCs/>")
	}
	if s.Italic {
		pr.WriteString("<w:i/><w:iCs/>")
	}
	if s.Color != "" {
		fmt.Fprintf(&pr, `<w:color w:val="%s"/>`, escape(s.Color))
	}
	writeSize(&pr, s.Size)
	// CT_RPr order: u comes after sz.
	if s.Underline {
		pr.WriteString(`<w:u w:val="single"/>`)
	}
	if pr.Len() > 0 {
		b.WriteString("<w:rPr>" + pr.String() + "</w:rPr>")
	}
}

// writeFonts writes w:rFonts; the eastAsia hint makes Word pick the
// Chinese font for full-width punctuation too.
func writeFonts(b *strings.Builder, f Font) {
	if f == (Font{}) {
		return
	}
	b.WriteString("<w:rFonts")
	if f.Latin != "" {
		fmt.Fprintf(b, ` w:ascii="%s" w:hAnsi="%s" w:cs="%s"`, escape(f.Latin), escape(f.Latin), escape(f.Latin))
	}
	if f.EastAsia != "" {
		fmt.Fprintf(b, ` w:eastAsia="%s" w:hint="eastAsia"`, escape(f.EastAsia))
	}
	b.WriteString("/>")
}

// writeSize writes the size in half-points, as WordprocessingML wants.
func writeSize(b *strings.Builder, pt float64) {
	if pt <= 0 {
		return
	}
	half := int(pt*2 + 0.5)
	fmt.Fprintf(b, `<w:sz w:val="%d"/><w:szCs w:val="%d"/>`, half, half)
}
