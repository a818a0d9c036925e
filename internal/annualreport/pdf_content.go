package annualreport

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"unicode"
	"unicode/utf16"

	"github.com/ledongthuc/pdf"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/unicode/norm"
)

// pdfGlyph is one character drawn on a page, in page space (points, y up):
// x, y is the left end of its baseline, w its advance width, size the
// font size it is drawn at.
type pdfGlyph struct {
	x, y, w, size float64
	r             rune
}

// pdfSeg is a horizontal or vertical ruling line (a table border).
type pdfSeg struct {
	x0, y0, x1, y1 float64 // x0 ≤ x1, y0 ≤ y1
}

func (s pdfSeg) horizontal() bool { return s.y1-s.y0 < s.x1-s.x0 }

// pdfPage is what the content interpreter extracts from one page.
type pdfPage struct {
	glyphs       []pdfGlyph
	hsegs, vsegs []pdfSeg
	width        float64
	height       float64
}

// pdfMatrix is a PDF transformation matrix [a b c d e f] as rows
// {a b 0} {c d 0} {e f 1}.
type pdfMatrix [3][3]float64

var pdfIdentity = pdfMatrix{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}

func (x pdfMatrix) mul(y pdfMatrix) pdfMatrix {
	var z pdfMatrix
	for i := 0; i < 3; i++ {
		for j := 0; j < 3; j++ {
			for k := 0; k < 3; k++ {
				z[i][j] += x[i][k] * y[k][j]
			}
		}
	}
	return z
}

func (x pdfMatrix) apply(px, py float64) (float64, float64) {
	return px*x[0][0] + py*x[1][0] + x[2][0], px*x[0][1] + py*x[1][1] + x[2][1]
}

// pdfFont decodes a font's character codes to text and gives their
// widths. The library's own content walker reads codes one byte at a time,
// which misplaces every glyph of the two-byte CID fonts (Identity-H) that
// Word and WPS use for Chinese; this splits codes by the font's encoding.
type pdfFont struct {
	enc      pdf.TextEncoding
	toUni    *toUnicode // the font's ToUnicode map, preferred when present
	scale    float64    // glyph-space widths to thousandths of an em (Type 3)
	kind     int        // fontSimple, fontCID2 (two-byte codes), fontGBK (GBK-EUC: one or two bytes)
	utf16    bool
	first    int
	widths   []float64       // simple fonts, from FirstChar
	cidW     map[int]float64 // CID fonts, from the descendant's W array
	dw       float64         // CID fonts' default width
	missingW float64
	cache    map[int]string
}

const (
	fontSimple = iota
	fontCID2
	fontGBK
)

func newPDFFont(f pdf.Font) *pdfFont {
	pf := &pdfFont{cache: map[int]string{}, missingW: 500, scale: 1}
	v := f.V
	if tu := v.Key("ToUnicode"); tu.Kind() == pdf.Stream {
		pf.toUni = parseToUnicode(tu, v)
	}
	if v.Key("Subtype").Name() == "Type0" {
		pf.kind = fontCID2
		encName := v.Key("Encoding").Name()
		switch {
		case strings.HasPrefix(encName, "GBK-EUC"), strings.HasPrefix(encName, "GBpc-EUC"),
			strings.HasPrefix(encName, "GB-EUC"), strings.HasPrefix(encName, "GBK2K"):
			pf.kind = fontGBK
		case strings.HasPrefix(encName, "UniGB-UCS2"), strings.HasPrefix(encName, "UniGB-UTF16"):
			pf.utf16 = true
		}
		desc := v.Key("DescendantFonts").Index(0)
		pf.dw = 1000
		if d := desc.Key("DW"); d.Kind() == pdf.Integer || d.Kind() == pdf.Real {
			pf.dw = d.Float64()
		}
		pf.cidW = map[int]float64{}
		w := desc.Key("W")
		for i := 0; i < w.Len() && len(pf.cidW) < 70000; {
			start := int(w.Index(i).Int64())
			next := w.Index(i + 1)
			if next.Kind() == pdf.Array {
				for j := 0; j < next.Len() && j < 70000; j++ {
					pf.cidW[start+j] = next.Index(j).Float64()
				}
				i += 2
				continue
			}
			end := int(next.Int64())
			wv := w.Index(i + 2).Float64()
			for c := start; c <= end && c-start < 70000; c++ {
				pf.cidW[c] = wv
			}
			i += 3
		}
	} else {
		if v.Key("Subtype").Name() == "Type3" {
			if m := v.Key("FontMatrix"); m.Len() == 6 {
				pf.scale = m.Index(0).Float64() * 1000
			}
		}
		pf.first = int(v.Key("FirstChar").Int64())
		ws := v.Key("Widths")
		for i := 0; i < ws.Len() && i < 256; i++ {
			pf.widths = append(pf.widths, ws.Index(i).Float64())
		}
	}
	// A simple font without ToUnicode decodes through its encoding; a CID
	// font without one (and without a Unicode or GBK CMap) cannot be
	// decoded, and its glyphs count as undecodable rather than as text.
	if pf.kind == fontSimple && pf.toUni == nil {
		pf.enc = f.Encoder()
	}
	return pf
}

// codes splits a shown string into character codes.
func (f *pdfFont) codes(raw string, each func(code int, n int)) {
	for i := 0; i < len(raw); {
		n := 1
		switch f.kind {
		case fontCID2:
			n = 2
			if f.toUni != nil {
				if k := f.toUni.codeLen(raw[i:]); k > 0 {
					n = k
				}
			}
		case fontGBK:
			if raw[i] >= 0x81 {
				n = 2
			}
		}
		if i+n > len(raw) {
			n = len(raw) - i
		}
		code := 0
		for _, b := range []byte(raw[i : i+n]) {
			code = code<<8 | int(b)
		}
		each(code, n)
		i += n
	}
}

func (f *pdfFont) text(code, n int) string {
	if s, ok := f.cache[code]; ok {
		return s
	}
	var raw []byte
	for k := n - 1; k >= 0; k-- {
		raw = append(raw, byte(code>>(8*k)))
	}
	var s string
	switch {
	case f.kind == fontGBK:
		s, _ = simplifiedchinese.GBK.NewDecoder().String(string(raw))
	case f.toUni != nil:
		if t, ok := f.toUni.m[code]; ok {
			s = t
		} else {
			s = string(unicode.ReplacementChar)
		}
	case f.utf16:
		u := make([]uint16, 0, 1)
		for k := 0; k+1 < len(raw); k += 2 {
			u = append(u, uint16(raw[k])<<8|uint16(raw[k+1]))
		}
		s = string(utf16.Decode(u))
	case f.enc != nil:
		s = f.enc.Decode(string(raw))
	default:
		s = string(unicode.ReplacementChar)
	}
	s = unifyRadicals(s)
	if len(f.cache) < 100000 {
		f.cache[code] = s
	}
	return s
}

// radicalSupplement maps CJK radical code points that some fonts' ToUnicode
// tables give for ordinary characters (Noto CJK shares the glyphs) to the
// characters themselves; the Kangxi radicals block is folded by NFKC.
var radicalSupplement = map[rune]rune{
	'⺠': '民', '⻓': '长', '⻔': '门', '⻜': '飞', '⻢': '马', '⻋': '车', '⻅': '见', '⻆': '角',
	'⻥': '鱼', '⻦': '鸟', '⻛': '风', '⻩': '黄', '⻬': '齐', '⻰': '龙', '⻳': '龟', '⺟': '母',
	'⺮': '竹', '⻁': '虎', '⻚': '页', '⻉': '贝', '⻈': '讠', '⻌': '辶', '⻄': '西', '⻝': '食',
	'⻮': '齿', '⻣': '骨', '⻤': '鬼', '⻘': '青', '⻨': '麦', '⻧': '卤', '⻙': '韦', '⻑': '長',
}

func unifyRadicals(s string) string {
	for _, r := range s {
		if r >= 0x2E80 && r <= 0x2FDF {
			var b strings.Builder
			for _, r := range s {
				switch {
				case r >= 0x2F00 && r <= 0x2FDF:
					b.WriteString(norm.NFKC.String(string(r)))
				case radicalSupplement[r] != 0:
					b.WriteRune(radicalSupplement[r])
				default:
					b.WriteRune(r)
				}
			}
			return b.String()
		}
	}
	return s
}

func (f *pdfFont) width(code, n int) float64 {
	switch f.kind {
	case fontCID2:
		if w, ok := f.cidW[code]; ok {
			return w
		}
		return f.dw
	case fontGBK:
		if n == 1 {
			return f.dw / 2
		}
		return f.dw
	}
	if i := code - f.first; i >= 0 && i < len(f.widths) {
		return f.widths[i] * f.scale
	}
	return f.missingW
}

// pdfGState is the part of the graphics and text state that positions text.
type pdfGState struct {
	ctm                     pdfMatrix
	tc, tw, th, tl, tfs, ts float64
	font                    *pdfFont
}

// pdfInterp walks a page's content stream (and the form XObjects it
// draws) collecting glyphs and ruling lines.
type pdfInterp struct {
	page     *pdfPage
	fonts    map[string]*pdfFont // this page's fonts by resource name
	docFonts map[string]*pdfFont // the document's fonts by fontIdentity
	depth    int
	work     *pdfWork // shared by every page of the document
}

// pdfWork is what one document has cost so far. Real reports draw tens of
// thousands of operators a page; a hostile file repeats one stream on
// hundreds of pages or a form XObject inside itself, so the whole
// document, not each stream, gets the budget.
type pdfWork struct {
	ops, forms int
}

// The document's budget, far above any real report's, and the bound on
// rectangles pending in one path (a table's cells are painted a few
// hundred at a time).
const (
	maxPDFOps         = 4_000_000
	maxPDFForms       = 10_000
	maxPDFPendingRect = 100_000
)

// errPDFTooComplex stops reading a document over its budget; the content
// stream interpreter has no way to stop but a panic, which readPDF turns
// back into this error.
var errPDFTooComplex = errors.New("PDF 过于复杂（绘制指令过多），无法读取 / PDF content over the reading budget")

// fontIdentity tells fonts apart across pages without parsing them again
// (the library exposes no object identity, and re-reading a font's
// ToUnicode map on every page was most of the reading time). Subset fonts
// carry a unique BaseFont prefix; the rest of the key separates fonts that
// share a name. Fonts without a name (the Type 3 fonts browsers write) are
// not shared: named reports false.
func fontIdentity(v pdf.Value) (id string, named bool) {
	base := v.Key("BaseFont").Name()
	if base == "" {
		return "", false
	}
	tu := v.Key("ToUnicode")
	return fmt.Sprint(base, "|", v.Key("Subtype").Name(), "|", v.Key("Encoding").Name(), "|",
		v.Key("FirstChar").Int64(), "|", v.Key("LastChar").Int64(), "|", v.Key("Widths").Len(), "|",
		tu.Key("Length").Int64(), "|", v.Key("DescendantFonts").Index(0).Key("BaseFont").Name()), true
}

const maxGlyphsPerPage = 200000

func (it *pdfInterp) run(strm, resources pdf.Value, ctm pdfMatrix) {
	g := pdfGState{ctm: ctm, th: 1}
	var stack []pdfGState
	var tm, tlm pdfMatrix
	type pt struct{ x, y float64 }
	var path [][]pt
	var rects [][4]float64 // x, y, w, h in page space, before painting

	fontFor := func(name string) *pdfFont {
		if f, ok := it.fonts[name]; ok && it.depth == 0 {
			return f
		}
		v := resources.Key("Font").Key(name)
		id, named := fontIdentity(v)
		f, ok := it.docFonts[id]
		if !ok || !named {
			f = newPDFFont(pdf.Font{V: v})
			if named {
				it.docFonts[id] = f
			}
		}
		if it.depth == 0 {
			it.fonts[name] = f
		}
		return f
	}
	show := func(raw string) {
		f := g.font
		if f == nil {
			return
		}
		f.codes(raw, func(code, n int) {
			w0 := f.width(code, n) / 1000
			trm := pdfMatrix{{g.tfs * g.th, 0, 0}, {0, g.tfs, 0}, {0, g.ts, 1}}.mul(tm).mul(g.ctm)
			s := f.text(code, n)
			xs := math.Hypot(trm[0][0], trm[0][1])
			size := math.Hypot(trm[1][0], trm[1][1])
			upright := trm[0][0] > 0 && math.Abs(trm[0][1]) < 0.01*xs
			if upright && len(it.page.glyphs) < maxGlyphsPerPage {
				runes := []rune(s)
				for k, r := range runes {
					gw := w0 * xs / float64(len(runes))
					it.page.glyphs = append(it.page.glyphs, pdfGlyph{
						x: trm[2][0] + float64(k)*gw, y: trm[2][1], w: gw, size: size, r: r,
					})
				}
			}
			tx := w0*g.tfs + g.tc
			if n == 1 && code == 32 {
				tx += g.tw
			}
			tm = pdfMatrix{{1, 0, 0}, {0, 1, 0}, {tx * g.th, 0, 1}}.mul(tm)
		})
	}
	addSeg := func(x0, y0, x1, y1 float64) {
		if x0 > x1 {
			x0, x1 = x1, x0
		}
		if y0 > y1 {
			y0, y1 = y1, y0
		}
		switch {
		case y1-y0 < 1.5 && x1-x0 > 1.5:
			it.page.hsegs = append(it.page.hsegs, pdfSeg{x0, (y0 + y1) / 2, x1, (y0 + y1) / 2})
		case x1-x0 < 1.5 && y1-y0 > 1.5:
			it.page.vsegs = append(it.page.vsegs, pdfSeg{(x0 + x1) / 2, y0, (x0 + x1) / 2, y1})
		}
	}
	paint := func(stroke, fill bool) {
		if stroke {
			for _, sp := range path {
				for i := 1; i < len(sp); i++ {
					addSeg(sp[i-1].x, sp[i-1].y, sp[i].x, sp[i].y)
				}
			}
		}
		for _, r := range rects {
			x, y, w, h := r[0], r[1], r[2], r[3]
			switch {
			case fill && (math.Abs(w) < 2.5 || math.Abs(h) < 2.5):
				// A thin filled rectangle is how many writers draw a border.
				addSeg(x, y, x+w, y+h)
			case stroke:
				addSeg(x, y, x+w, y)
				addSeg(x, y+h, x+w, y+h)
				addSeg(x, y, x, y+h)
				addSeg(x+w, y, x+w, y+h)
			}
		}
		path, rects = nil, nil
	}
	num := func(args []pdf.Value, i int) float64 {
		if i < len(args) {
			return args[i].Float64()
		}
		return 0
	}
	matrixArgs := func(args []pdf.Value) pdfMatrix {
		var m pdfMatrix
		for i := 0; i < 6; i++ {
			m[i/2][i%2] = num(args, i)
		}
		m[2][2] = 1
		return m
	}

	pdf.Interpret(strm, func(stk *pdf.Stack, op string) {
		if it.work.ops++; it.work.ops > maxPDFOps {
			panic(errPDFTooComplex)
		}
		n := stk.Len()
		args := make([]pdf.Value, n)
		for i := n - 1; i >= 0; i-- {
			args[i] = stk.Pop()
		}
		switch op {
		case "q":
			if len(stack) < 256 {
				stack = append(stack, g)
			}
		case "Q":
			if k := len(stack) - 1; k >= 0 {
				g = stack[k]
				stack = stack[:k]
			}
		case "cm":
			g.ctm = matrixArgs(args).mul(g.ctm)
		case "BT":
			tm, tlm = pdfIdentity, pdfIdentity
		case "Td", "TD":
			if op == "TD" {
				g.tl = -num(args, 1)
			}
			tlm = pdfMatrix{{1, 0, 0}, {0, 1, 0}, {num(args, 0), num(args, 1), 1}}.mul(tlm)
			tm = tlm
		case "Tm":
			tm = matrixArgs(args)
			tlm = tm
		case "T*":
			tlm = pdfMatrix{{1, 0, 0}, {0, 1, 0}, {0, -g.tl, 1}}.mul(tlm)
			tm = tlm
		case "Tc":
			g.tc = num(args, 0)
		case "Tw":
			g.tw = num(args, 0)
		case "Tz":
			g.th = num(args, 0) / 100
		case "TL":
			g.tl = num(args, 0)
		case "Ts":
			g.ts = num(args, 0)
		case "Tf":
			if len(args) == 2 {
				g.font = fontFor(args[0].Name())
				g.tfs = args[1].Float64()
			}
		case "Tj", "'", "\"":
			if op != "Tj" {
				tlm = pdfMatrix{{1, 0, 0}, {0, 1, 0}, {0, -g.tl, 1}}.mul(tlm)
				tm = tlm
			}
			if op == "\"" && len(args) == 3 {
				g.tw, g.tc = num(args, 0), num(args, 1)
			}
			if n > 0 {
				show(args[n-1].RawString())
			}
		case "TJ":
			if n == 0 {
				return
			}
			v := args[0]
			for i := 0; i < v.Len(); i++ {
				x := v.Index(i)
				if x.Kind() == pdf.String {
					show(x.RawString())
					continue
				}
				tx := -x.Float64() / 1000 * g.tfs * g.th
				tm = pdfMatrix{{1, 0, 0}, {0, 1, 0}, {tx, 0, 1}}.mul(tm)
			}
		case "m":
			x, y := g.ctm.apply(num(args, 0), num(args, 1))
			path = append(path, []pt{{x, y}})
		case "l":
			if len(path) > 0 {
				x, y := g.ctm.apply(num(args, 0), num(args, 1))
				path[len(path)-1] = append(path[len(path)-1], pt{x, y})
			}
		case "h":
			if k := len(path) - 1; k >= 0 && len(path[k]) > 1 {
				path[k] = append(path[k], path[k][0])
			}
		case "re":
			x0, y0 := g.ctm.apply(num(args, 0), num(args, 1))
			x1, y1 := g.ctm.apply(num(args, 0)+num(args, 2), num(args, 1)+num(args, 3))
			if len(rects) < maxPDFPendingRect {
				rects = append(rects, [4]float64{x0, y0, x1 - x0, y1 - y0})
			}
		case "S", "s":
			paint(true, false)
		case "f", "F", "f*":
			paint(false, true)
		case "B", "B*", "b", "b*":
			paint(true, true)
		case "n":
			path, rects = nil, nil
		case "Do":
			if n == 0 || it.depth >= 4 {
				return
			}
			if it.work.forms++; it.work.forms > maxPDFForms {
				panic(errPDFTooComplex)
			}
			xo := resources.Key("XObject").Key(args[0].Name())
			if xo.Key("Subtype").Name() != "Form" {
				return
			}
			m := pdfIdentity
			if mv := xo.Key("Matrix"); mv.Len() == 6 {
				for i := 0; i < 6; i++ {
					m[i/2][i%2] = mv.Index(i).Float64()
				}
			}
			res := xo.Key("Resources")
			if res.IsNull() {
				res = resources
			}
			it.depth++
			it.run(xo, res, m.mul(g.ctm))
			it.depth--
		}
	})
}
