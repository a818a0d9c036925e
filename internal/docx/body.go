package docx

import (
	"fmt"
	"strings"
)

// DocumentXML returns word/document.xml, the body of the document. The
// styles and blocks are checked first (style names, table grids and
// merges).
func (d *Document) DocumentXML() ([]byte, error) {
	if err := d.checkStyles(); err != nil {
		return nil, err
	}
	var b strings.Builder
	b.WriteString(xmlPI)
	fmt.Fprintf(&b, `<w:document xmlns:w="%s" xmlns:r="%s"><w:body>`+"\n", nsW, nsR)
	for i, blk := range d.blocks {
		switch v := blk.(type) {
		case Paragraph:
			v.write(&b)
		case Table:
			if err := v.validate(); err != nil {
				return nil, fmt.Errorf("docx: block %d: %w", i, err)
			}
			v.write(&b)
			// Two adjacent tables would merge, and Word wants a paragraph
			// after a table at the end of a cell or body.
			if i+1 == len(d.blocks) {
				b.WriteString("<w:p/>")
			} else if _, ok := d.blocks[i+1].(Table); ok {
				b.WriteString("<w:p/>")
			}
		default:
			return nil, fmt.Errorf("docx: block %d: unknown block %T", i, blk)
		}
	}
	p := d.page()
	b.WriteString("<w:sectPr>")
	if d.PageNumbers {
		b.WriteString(`<w:footerReference w:type="default" r:id="rIdFooter"/>`)
	}
	fmt.Fprintf(&b, `<w:pgSz w:w="%d" w:h="%d"/>`, p.Width, p.Height)
	fmt.Fprintf(&b, `<w:pgMar w:top="%d" w:right="%d" w:bottom="%d" w:left="%d" w:header="%d" w:footer="%d" w:gutter="0"/>`,
		p.Top, p.Right, p.Bottom, p.Left, p.Header, p.Footer)
	if p.LinePitch > 0 {
		fmt.Fprintf(&b, `<w:docGrid w:type="lines" w:linePitch="%d"/>`, p.LinePitch)
	}
	b.WriteString("</w:sectPr></w:body></w:document>")
	return []byte(b.String()), nil
}
