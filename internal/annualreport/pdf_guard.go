package annualreport

import (
	"bytes"
	"errors"
	"regexp"
	"strconv"

	"github.com/ledongthuc/pdf"
)

// The PDF library trusts a file's cross-reference data: it allocates a
// table as large as any object number it is told about and follows
// /Prev links without remembering where it has been, and its page lookup
// walks the page tree from the root on every call, following kids
// without a visited set. A hostile file turns each into out-of-memory or
// a loop that never ends, which no recover catches. The guards here look
// at the raw bytes before the library does, and walk the page tree
// ourselves, within bounds no real report comes near. They are not a
// parser: what they do not recognise they leave to the library (and the
// server's parse child, see internal/parsejail, bounds the rest).

// maxPDFObjects bounds object numbers: a 20 MB report holds at most a
// few hundred thousand objects.
const maxPDFObjects = 2_000_000

// maxPDFPageNodes bounds the page-tree nodes visited, so a tree that
// lists a node among its own kids (or twice) ends.
const maxPDFPageNodes = 4*maxPDFPages + 64

var (
	errPDFXref     = errors.New("PDF 交叉引用表的对象编号超出范围，文件已损坏 / PDF xref object numbers out of range")
	errPDFXrefLoop = errors.New("PDF 交叉引用表的 /Prev 链接成环，文件已损坏 / PDF xref /Prev chain loops")

	pdfXrefHeader = regexp.MustCompile(`(?m)^[ \t]*(\d+)[ \t]+(\d+)[ \t]*\r?$`)
	pdfSize       = regexp.MustCompile(`/Size\s+(\d+)`)
	pdfIndex      = regexp.MustCompile(`/Index\s*\[([\d\s]*)\]`)
	pdfPrev       = regexp.MustCompile(`/Prev\s+(\d+)`)
	pdfStartXref  = regexp.MustCompile(`startxref\s+(\d+)`)
	pdfObjHeader  = regexp.MustCompile(`^\s*\d+\s+\d+\s+obj`)
)

// checkPDFXref refuses cross-reference data the library would turn into
// a huge allocation or an endless /Prev walk.
func checkPDFXref(data []byte) error {
	for _, m := range pdfSize.FindAllSubmatch(data, -1) {
		if tooManyObjects(m[1]) {
			return errPDFXref
		}
	}
	for _, m := range pdfIndex.FindAllSubmatch(data, -1) {
		for _, f := range bytes.Fields(m[1]) {
			if tooManyObjects(f) {
				return errPDFXref
			}
		}
	}
	for rest, off := data, 0; ; {
		i := bytes.Index(rest, []byte("xref"))
		if i < 0 {
			break
		}
		at := off + i
		rest, off = rest[i+4:], at+4
		if at >= 5 && string(data[at-5:at]) == "start" {
			continue
		}
		table := rest
		if j := bytes.Index(table, []byte("trailer")); j >= 0 {
			table = table[:j]
		}
		for _, m := range pdfXrefHeader.FindAllSubmatch(table, -1) {
			start, err1 := strconv.ParseInt(string(m[1]), 10, 64)
			n, err2 := strconv.ParseInt(string(m[2]), 10, 64)
			if err1 != nil || err2 != nil || start+n > maxPDFObjects {
				return errPDFXref
			}
		}
	}
	return checkPDFPrevChain(data)
}

func tooManyObjects(digits []byte) bool {
	n, err := strconv.ParseInt(string(digits), 10, 64)
	return err != nil || n > maxPDFObjects
}

// checkPDFPrevChain follows startxref and each section's /Prev the way
// the library will, and refuses a chain that comes back to a section.
func checkPDFPrevChain(data []byte) error {
	all := pdfStartXref.FindAllSubmatch(data, -1)
	if len(all) == 0 {
		return nil
	}
	off, err := strconv.ParseInt(string(all[len(all)-1][1]), 10, 64)
	seen := map[int64]bool{}
	for err == nil && off > 0 && off < int64(len(data)) {
		if seen[off] || len(seen) > 1000 {
			return errPDFXrefLoop
		}
		seen[off] = true
		dict := pdfSectionDict(data[off:])
		m := pdfPrev.FindSubmatch(dict)
		if m == nil {
			return nil
		}
		off, err = strconv.ParseInt(string(m[1]), 10, 64)
	}
	return nil
}

// pdfSectionDict is the dictionary of the xref section at the start of
// b: a table's trailer, or an xref stream's header.
func pdfSectionDict(b []byte) []byte {
	end := func(key string) []byte {
		if j := bytes.Index(b, []byte(key)); j >= 0 {
			return b[j:min(len(b), j+4096)]
		}
		return nil
	}
	trimmed := bytes.TrimLeft(b, " \t\r\n")
	switch {
	case bytes.HasPrefix(trimmed, []byte("xref")):
		d := end("trailer")
		if k := bytes.Index(d, []byte("startxref")); k >= 0 {
			d = d[:k]
		}
		return d
	case pdfObjHeader.Match(b[:min(len(b), 64)]):
		if j := bytes.Index(b[:min(len(b), 4096)], []byte("stream")); j >= 0 {
			return b[:j]
		}
	}
	return nil
}

// pdfPageRef is a page with the attributes it inherits from the page
// tree, found during the one walk: looking them up through /Parent
// would parse the parent again for every page, and a parent with a
// million kids costs seconds to parse.
type pdfPageRef struct {
	page                        pdf.Page
	mediaBox, rotate, resources pdf.Value
}

// pdfPageList walks the page tree once, depth first, within bounds: at
// most maxPDFPages pages, maxPDFPageNodes nodes and 32 levels.
func pdfPageList(rd *pdf.Reader) []pdfPageRef {
	var pages []pdfPageRef
	visits := 0
	var walk func(v pdf.Value, depth int, inh pdfPageRef)
	walk = func(v pdf.Value, depth int, inh pdfPageRef) {
		if len(pages) >= maxPDFPages || visits >= maxPDFPageNodes || depth > 32 {
			return
		}
		visits++
		for _, a := range []struct {
			key string
			to  *pdf.Value
		}{{"MediaBox", &inh.mediaBox}, {"Rotate", &inh.rotate}, {"Resources", &inh.resources}} {
			if x := v.Key(a.key); !x.IsNull() {
				*a.to = x
			}
		}
		switch v.Key("Type").Name() {
		case "Page":
			inh.page = pdf.Page{V: v}
			pages = append(pages, inh)
		case "Pages":
			kids := v.Key("Kids")
			for i := 0; i < kids.Len() && len(pages) < maxPDFPages && visits < maxPDFPageNodes; i++ {
				walk(kids.Index(i), depth+1, inh)
			}
		}
	}
	walk(rd.Trailer().Key("Root").Key("Pages"), 0, pdfPageRef{})
	return pages
}
