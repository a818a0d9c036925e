package docx

import (
	"strings"
	"testing"
)

// FuzzWrite builds documents from arbitrary strings (text, and names put
// where the model takes names: style IDs, fonts, colours, alignments) and
// an arbitrary table shape. Whatever they hold, Write either refuses the
// document (a table or style that does not check) or writes a zip whose
// XML parts all parse, with the text there as given less what XML cannot
// hold.
func FuzzWrite(f *testing.F) {
	f.Add("正文<第一段>&\"'", "仿宋_GB2312", []byte{0x00, 0x12, 0x05, 0x12, 0x09, 0x02})
	f.Add("a\x00b\x1f\ufffe\t\n\r", "x\"y'<z>&", []byte{0x41, 0x80, 0x05, 0x09, 0x00, 0xff})
	f.Add("", "", []byte{})
	f.Add("\xff\xfe", "Normal", []byte{0x04, 0x08, 0x08})
	f.Fuzz(func(t *testing.T, text, name string, shape []byte) {
		font := Font{EastAsia: name, Latin: name, NoEastAsiaHint: len(shape)%2 == 1}
		d := &Document{
			Props:       Properties{Title: text, Creator: name, Keywords: text},
			Font:        font,
			PageNumbers: len(shape) > 2, PageNumberFont: font,
			Styles: []Style{{ID: name, Name: text, BasedOn: "Normal",
				Para: ParaStyle{Align: Align(name), OffGrid: true, ZeroFirstLine: true, OutlineLevel: len(text) % 11},
				Run:  RunStyle{Font: font, Color: name, Kern: 1}}},
		}
		rs := RunStyle{Font: font, Color: name, Bold: true}
		ps := ParaStyle{StyleID: name, Align: Align(name), Lines: 1.5, Mark: rs}
		d.Add(P(ps, Text(text, rs), Text(name, RunStyle{})))
		d.Add(fuzzTable(shape, text, name, ps, rs))
		data, err := d.Bytes()
		if err != nil {
			if !strings.HasPrefix(err.Error(), "docx: ") {
				t.Fatalf("unexpected error: %v", err)
			}
			return
		}
		parts, err := unpack(data)
		if err != nil {
			t.Fatal(err)
		}
		got := strings.Join(texts(parts["word/document.xml"]), "")
		if want := readableText(text) + readableText(name); !strings.HasPrefix(got, want) {
			t.Errorf("document text %q does not begin with %q", got, want)
		}
	})
}

// fuzzTable makes a table of three columns from shape: each byte a cell,
// its low two bits the span, the next two the vertical merge, the next
// the row break after it.
func fuzzTable(shape []byte, text, name string, ps ParaStyle, rs RunStyle) Table {
	t := Table{Columns: []int{1000, 2000, 3000}, Borders: true, Align: Align(name), Rows: []TableRow{{}}}
	for _, b := range shape {
		c := TableCell{Span: int(b & 3), Merge: Merge(b >> 2 & 3), VAlign: VAlign(name), Shade: name}
		if c.Merge != MergeContinue {
			c.Paragraphs = []Paragraph{P(ps, Text(text, rs))}
		}
		row := &t.Rows[len(t.Rows)-1]
		row.Cells = append(row.Cells, c)
		if b&16 != 0 {
			t.Rows = append(t.Rows, TableRow{Header: b&32 != 0, CantSplit: b&64 != 0})
		}
	}
	return t
}

// readableText is what a reader finds of s in w:t elements: the
// characters XML 1.0 allows (its Char production), invalid UTF-8 read as
// U+FFFD, without the tabs and line breaks that become w:tab and w:br.
func readableText(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n':
			return -1
		case r == '\r', r >= 0x20 && r <= 0xd7ff, r >= 0xe000 && r <= 0xfffd, r >= 0x10000 && r <= 0x10ffff:
			return r
		}
		return -1
	}, s)
}
