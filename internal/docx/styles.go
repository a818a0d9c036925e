package docx

import (
	"fmt"
	"strings"
)

// Style is a named paragraph style (word/styles.xml). Naming styles
// instead of repeating direct formatting lets a reader of the document
// restyle it in Word, and gives Word's navigation pane its headings
// (ParaStyle.OutlineLevel).
type Style struct {
	ID   string // w:styleId, what ParaStyle.StyleID names
	Name string // shown in Word's style list; empty means ID
	// BasedOn is the ID of the style this one inherits from, usually
	// "Normal"; Next is the style Word gives the paragraph typed after one
	// of this style.
	BasedOn, Next string
	// Gallery lists the style in Word's Styles gallery (w:qFormat).
	Gallery bool
	// Para and Run are the style's formatting. Para.StyleID and Para.Mark
	// have no meaning in a style and are not written.
	Para ParaStyle
	Run  RunStyle
}

// builtinNormal is the Normal of a document without its own: justified,
// with widow control.
const builtinNormal = `<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:pPr><w:widowControl/><w:jc w:val="both"/></w:pPr></w:style>`

// stylesXML sets the document defaults (font, size, Chinese language,
// no spacing after paragraphs), Normal, the document's own styles, and
// the default table style.
func (d *Document) stylesXML() string {
	var b strings.Builder
	b.WriteString(xmlPI + `<w:styles xmlns:w="` + nsW + `"><w:docDefaults><w:rPrDefault><w:rPr>`)
	writeFonts(&b, d.font())
	writeSize(&b, d.size())
	b.WriteString(`<w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault>`)
	b.WriteString(`<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>`)
	normal := builtinNormal
	for _, s := range d.Styles {
		if s.ID == "Normal" {
			var own strings.Builder
			s.write(&own, true)
			normal = own.String()
		}
	}
	b.WriteString(normal)
	for _, s := range d.Styles {
		if s.ID != "Normal" {
			s.write(&b, false)
		}
	}
	b.WriteString(`<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>` +
		`<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>`)
	b.WriteString(`</w:styles>`)
	return b.String()
}

// write writes the style; Normal is the default paragraph style and the
// only built-in one, every other is marked custom.
func (s Style) write(b *strings.Builder, normal bool) {
	b.WriteString(`<w:style w:type="paragraph"`)
	if normal {
		b.WriteString(` w:default="1"`)
	} else {
		b.WriteString(` w:customStyle="1"`)
	}
	name := s.Name
	if name == "" {
		name = s.ID
	}
	fmt.Fprintf(b, ` w:styleId="%s"><w:name w:val="%s"/>`, escape(s.ID), escape(name))
	if s.BasedOn != "" {
		fmt.Fprintf(b, `<w:basedOn w:val="%s"/>`, escape(s.BasedOn))
	}
	if s.Next != "" {
		fmt.Fprintf(b, `<w:next w:val="%s"/>`, escape(s.Next))
	}
	if s.Gallery {
		b.WriteString("<w:qFormat/>")
	}
	para := s.Para
	para.StyleID, para.Mark = "", RunStyle{}
	para.write(b)
	s.Run.write(b)
	b.WriteString("</w:style>")
}

// checkStyles checks that style IDs are set and unique and that every
// style a style or paragraph names exists: Word silently sets a paragraph
// of an unknown style as Normal, which would hide a misspelt name.
func (d *Document) checkStyles() error {
	defined := map[string]bool{}
	for i, s := range d.Styles {
		if s.ID == "" {
			return fmt.Errorf("docx: style %d has no ID", i)
		}
		if defined[s.ID] {
			return fmt.Errorf("docx: style %q defined twice", s.ID)
		}
		defined[s.ID] = true
	}
	known := func(id string) bool { return id == "" || id == "Normal" || defined[id] }
	basedOn := map[string]string{}
	for _, s := range d.Styles {
		if !known(s.BasedOn) || !known(s.Next) {
			return fmt.Errorf("docx: style %q is based on or followed by an undefined style", s.ID)
		}
		basedOn[s.ID] = s.BasedOn
	}
	// A style must not inherit from itself, even through others: Word
	// would have no formatting to start from.
	for _, s := range d.Styles {
		seen := map[string]bool{}
		for id := s.ID; id != ""; id = basedOn[id] {
			if seen[id] {
				return fmt.Errorf("docx: style %q is based on itself", s.ID)
			}
			seen[id] = true
		}
	}
	for i, blk := range d.blocks {
		for _, p := range paragraphsOf(blk) {
			if !known(p.Style.StyleID) {
				return fmt.Errorf("docx: block %d: undefined paragraph style %q", i, p.Style.StyleID)
			}
		}
	}
	return nil
}
