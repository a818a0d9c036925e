package docx

import (
	"fmt"
	"sort"
	"strings"
)

// Font names a typeface for Chinese (EastAsia) and for Latin text and
// digits (Latin). Missing fonts fall back through the font table (see
// fontFacts).
type Font struct {
	EastAsia string
	Latin    string
	// NoEastAsiaHint leaves out w:hint="eastAsia". With the hint Word sets
	// the characters both scripts share (quotes “”, dashes, ellipses) in
	// the EastAsia font, as Chinese text wants; without it Word picks by
	// its own rules, mostly the Latin font. A document that was set
	// without the hint keeps its look only without it.
	NoEastAsiaHint bool
}

// Fonts of a 公文.
var (
	FangSong = Font{EastAsia: "仿宋_GB2312", Latin: "Times New Roman"} // body text 仿宋
	KaiTi    = Font{EastAsia: "楷体_GB2312", Latin: "Times New Roman"} // 楷体
	HeiTi    = Font{EastAsia: "黑体", Latin: "Times New Roman"}        // headings 黑体
	XiaoBiao = Font{EastAsia: "方正小标宋简体", Latin: "Times New Roman"}   // titles 小标宋
	SongTi   = Font{EastAsia: "宋体", Latin: "Times New Roman"}        // tables 宋体
)

// fontFact is how the font table describes a font, as Word itself
// writes it: the alternative to use where the font is not installed, and
// the panose, character set, family and pitch Word matches a substitute
// by.
type fontFact struct {
	alt, panose, charset, family, pitch string
}

// fontFacts are the fonts 公文 use. The _GB2312 fonts of the standard are
// missing on most machines, which have 仿宋 / 楷体 or only the Latin-named
// FangSong / KaiTi, so the alternatives form chains.
var fontFacts = map[string]fontFact{
	"仿宋_GB2312":       {alt: "仿宋", charset: "86", family: "modern", pitch: "fixed"},
	"仿宋":              {alt: "FangSong", charset: "86", family: "modern", pitch: "fixed"},
	"楷体_GB2312":       {alt: "楷体", charset: "86", family: "modern", pitch: "fixed"},
	"楷体":              {alt: "KaiTi", charset: "86", family: "modern", pitch: "fixed"},
	"方正小标宋简体":         {alt: "宋体", charset: "86", family: "script", pitch: "variable"},
	"黑体":              {alt: "SimHei", charset: "86", family: "modern", pitch: "fixed"},
	"宋体":              {alt: "SimSun", charset: "86", family: "auto", pitch: "variable"},
	"Times New Roman": {panose: "02020603050405020304", charset: "00", family: "roman", pitch: "variable"},
}

// fact describes any font: an unknown Chinese font as GB2312 and fixed
// pitch, any other as a proportional Latin font.
func fact(name string) fontFact {
	if f, ok := fontFacts[name]; ok {
		return f
	}
	if isCJK(name) {
		return fontFact{charset: "86", family: "modern", pitch: "fixed"}
	}
	return fontFact{charset: "00", family: "roman", pitch: "variable"}
}

func isCJK(s string) bool {
	for _, r := range s {
		if r >= 0x4e00 && r <= 0x9fff {
			return true
		}
	}
	return false
}

// writeFonts writes w:rFonts; the eastAsia hint makes Word pick the
// Chinese font for full-width punctuation too.
func writeFonts(b *strings.Builder, f Font) {
	if f.EastAsia == "" && f.Latin == "" {
		return
	}
	b.WriteString("<w:rFonts")
	if f.Latin != "" {
		fmt.Fprintf(b, ` w:ascii="%s" w:hAnsi="%s" w:cs="%s"`, escape(f.Latin), escape(f.Latin), escape(f.Latin))
	}
	if f.EastAsia != "" {
		fmt.Fprintf(b, ` w:eastAsia="%s"`, escape(f.EastAsia))
		if !f.NoEastAsiaHint {
			b.WriteString(` w:hint="eastAsia"`)
		}
	}
	b.WriteString("/>")
}

// usedFonts lists every font the document names: defaults, styles, runs,
// paragraph marks and the page number.
func (d *Document) usedFonts() []Font {
	fonts := []Font{d.font()}
	if d.PageNumbers {
		fonts = append(fonts, d.pageNumberFont())
	}
	for _, s := range d.Styles {
		fonts = append(fonts, s.Run.Font)
	}
	for _, blk := range d.blocks {
		for _, p := range paragraphsOf(blk) {
			fonts = append(fonts, p.Style.Mark.Font)
			for _, r := range p.Runs {
				fonts = append(fonts, r.Style.Font)
			}
		}
	}
	return fonts
}

// fontTableXML lists every font the document names, each with its
// alternative name, so a machine without 仿宋_GB2312 (most have only
// 仿宋 or none) uses the nearest one instead of a Latin default. An
// alternative that has an alternative of its own is listed too, so the
// whole chain is there.
func (d *Document) fontTableXML() string {
	names := map[string]bool{}
	var add func(string)
	add = func(n string) {
		if n == "" || names[n] {
			return
		}
		names[n] = true
		if alt := fact(n).alt; alt != "" {
			if _, chained := fontFacts[alt]; chained {
				add(alt)
			}
		}
	}
	for _, f := range d.usedFonts() {
		add(f.EastAsia)
		add(f.Latin)
	}
	list := make([]string, 0, len(names))
	for n := range names {
		list = append(list, n)
	}
	sort.Strings(list)
	var b strings.Builder
	b.WriteString(xmlPI + `<w:fonts xmlns:w="` + nsW + `">`)
	for _, n := range list {
		f := fact(n)
		fmt.Fprintf(&b, `<w:font w:name="%s">`, escape(n))
		if f.alt != "" {
			fmt.Fprintf(&b, `<w:altName w:val="%s"/>`, escape(f.alt))
		}
		if f.panose != "" {
			fmt.Fprintf(&b, `<w:panose1 w:val="%s"/>`, f.panose)
		}
		fmt.Fprintf(&b, `<w:charset w:val="%s"/><w:family w:val="%s"/><w:pitch w:val="%s"/></w:font>`, f.charset, f.family, f.pitch)
	}
	b.WriteString(`</w:fonts>`)
	return b.String()
}
