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
// paragraph's style and the document default.
type RunStyle struct {
	Font      Font
	Size      float64 // points
	Bold      bool
	Italic    bool
	Underline bool
	Color     string // RRGGBB
	// Kern turns on kerning of Latin text from this size (points) up.
	Kern float64
}

// Run is text in one style. A "\n" in Text is a line break, a "\t" a tab.
type Run struct {
	Text  string
	Style RunStyle
}

// ParaStyle is the paragraph formatting. Lengths are twips. Zero fields
// inherit from the named style (StyleID), else from Normal.
type ParaStyle struct {
	// StyleID names a style of Document.Styles (or "Normal").
	StyleID string
	Align   Align
	// FirstLineChars indents the first line in hundredths of a character
	// (200: the two-character indent of Chinese body text), which Word
	// uses; FirstLine is the same indent in twips, which LibreOffice uses
	// (give both for both).
	FirstLineChars int
	FirstLine      int
	// ZeroFirstLine writes a first-line indent of zero, which cancels one
	// the paragraph would inherit (a title under an indented Normal).
	ZeroFirstLine bool
	Left, Right   int // indents
	Before, After int // spacing
	// Line is an exact line height; Lines, used when Line is 0, is the
	// line spacing in lines (1: single). Both 0 inherit.
	Line  int
	Lines float64
	// OffGrid frees the lines from the page's document grid
	// (Page.LinePitch), so a paragraph set in its own line height keeps
	// it instead of snapping to the grid's pitch.
	OffGrid bool
	// AllowWidows turns widow control off: a page may end with a
	// paragraph's first line or begin with its last, so that every page
	// is full, as on the 22-line grid of a 公文.
	AllowWidows     bool
	KeepNext        bool
	PageBreakBefore bool
	// OutlineLevel makes the paragraph a heading of that level (1-9) in
	// Word's navigation pane and table of contents; 0 is body text.
	OutlineLevel int
	// Mark formats the paragraph mark, which sets the height of an empty
	// paragraph (an empty table cell) in Word.
	Mark RunStyle
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

// write writes w:pPr with its children in the order CT_PPr requires.
func (s ParaStyle) write(b *strings.Builder) {
	var pr strings.Builder
	if s.StyleID != "" {
		fmt.Fprintf(&pr, `<w:pStyle w:val="%s"/>`, escape(s.StyleID))
	}
	if s.KeepNext {
		pr.WriteString("<w:keepNext/>")
	}
	if s.PageBreakBefore {
		pr.WriteString("<w:pageBreakBefore/>")
	}
	if s.AllowWidows {
		pr.WriteString(`<w:widowControl w:val="0"/>`)
	}
	if s.OffGrid {
		pr.WriteString(`<w:snapToGrid w:val="0"/>`)
	}
	s.writeSpacing(&pr)
	s.writeIndent(&pr)
	if s.Align != "" {
		fmt.Fprintf(&pr, `<w:jc w:val="%s"/>`, escape(string(s.Align)))
	}
	if s.OutlineLevel >= 1 && s.OutlineLevel <= 9 {
		fmt.Fprintf(&pr, `<w:outlineLvl w:val="%d"/>`, s.OutlineLevel-1)
	}
	s.Mark.write(&pr)
	if pr.Len() > 0 {
		b.WriteString("<w:pPr>" + pr.String() + "</w:pPr>")
	}
}

func (s ParaStyle) writeSpacing(b *strings.Builder) {
	if s.Before == 0 && s.After == 0 && s.Line == 0 && s.Lines == 0 {
		return
	}
	fmt.Fprintf(b, `<w:spacing w:before="%d" w:after="%d"`, s.Before, s.After)
	switch {
	case s.Line != 0:
		fmt.Fprintf(b, ` w:line="%d" w:lineRule="exact"`, s.Line)
	case s.Lines != 0:
		// An automatic line height is in 240ths of a line.
		fmt.Fprintf(b, ` w:line="%d" w:lineRule="auto"`, int(s.Lines*240+0.5))
	}
	b.WriteString("/>")
}

func (s ParaStyle) writeIndent(b *strings.Builder) {
	if s.Left == 0 && s.Right == 0 && s.FirstLine == 0 && s.FirstLineChars == 0 && !s.ZeroFirstLine {
		return
	}
	b.WriteString("<w:ind")
	if s.Left != 0 {
		fmt.Fprintf(b, ` w:left="%d"`, s.Left)
	}
	if s.Right != 0 {
		fmt.Fprintf(b, ` w:right="%d"`, s.Right)
	}
	// Word prefers firstLineChars; LibreOffice reads only firstLine,
	// so a style may give both.
	if s.FirstLine != 0 || s.ZeroFirstLine {
		fmt.Fprintf(b, ` w:firstLine="%d"`, s.FirstLine)
	}
	if s.FirstLineChars != 0 || s.ZeroFirstLine {
		fmt.Fprintf(b, ` w:firstLineChars="%d"`, s.FirstLineChars)
	}
	b.WriteString("/>")
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
	if s.Kern > 0 {
		fmt.Fprintf(&pr, `<w:kern w:val="%d"/>`, halfPoints(s.Kern))
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

// writeSize writes the size in half-points, as WordprocessingML wants.
func writeSize(b *strings.Builder, pt float64) {
	if pt <= 0 {
		return
	}
	half := halfPoints(pt)
	fmt.Fprintf(b, `<w:sz w:val="%d"/><w:szCs w:val="%d"/>`, half, half)
}

func halfPoints(pt float64) int { return int(pt*2 + 0.5) }
