// Package wordbody turns a Word file (.docx) an editor uploads as a
// document's body into clean HTML: paragraphs, headings (from the
// paragraph styles), tables (merged cells kept), bold and italic, lists,
// and right-aligned paragraphs (a 公文's 署名 and date) as the body's
// signature block. Images are returned beside the HTML, to be kept as
// the document's attachments; the HTML names each where it stood.
// Everything else (fonts, colours, sizes, fields, tracked deletions,
// comments) is dropped.
//
// The file is hostile until read: the caller has passed it through
// upload.Check (a real OOXML package, no executables, macros or nested
// archives); here every part is inflated through a budget (a zip bomb
// fails instead of exhausting memory), the XML is read as a token
// stream without recursion, and nested tables past maxTableDepth are
// dropped. The output is not sanitised: the caller passes it through
// disclosure.SanitizeBody with every other body.
package wordbody

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
)

// Bounds on what one file may make the converter read. A long notice's
// document.xml is well under a megabyte; photos are a few megabytes.
const (
	maxEntries    = 10000
	maxXMLPart    = 32 << 20 // document.xml, inflated
	maxSmallPart  = 4 << 20  // styles, numbering, relationships
	maxImage      = 10 << 20
	maxImages     = 50
	maxInflated   = 96 << 20 // all parts together
	maxTableDepth = 8
)

var (
	// ErrNotDocx: the file is not a Word package this reader can open.
	ErrNotDocx = errors.New("wordbody: not a readable .docx package")
	// ErrTooLarge: a part inflates past its bound, or the parts together
	// past theirs: a zip bomb, or a document far beyond a notice.
	ErrTooLarge = errors.New("wordbody: package inflates past its bound")
)

// Body is a converted file.
type Body struct {
	HTML   string
	Images []Image
}

// Image is a picture from the file, named as the attachment it becomes
// (the prefix given to Convert, 图1, the picture's extension); the HTML
// refers to it by that name.
type Image struct {
	Name string
	Data []byte
}

// Convert reads a .docx and returns its body; prefix starts the names
// of its pictures (the file's name, so that two files' pictures differ).
func Convert(data []byte, prefix string) (Body, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil || len(zr.File) > maxEntries {
		return Body{}, ErrNotDocx
	}
	pk := &pkg{files: make(map[string]*zip.File, len(zr.File)), budget: maxInflated}
	for _, f := range zr.File {
		pk.files[strings.ToLower(f.Name)] = f
	}
	main := pk.mainPart()
	doc, err := pk.read(main, maxXMLPart)
	if err != nil {
		return Body{}, err
	}
	c := newConverter(pk, main)
	c.prefix = prefix
	if err := c.run(doc); err != nil {
		return Body{}, err
	}
	return Body{HTML: c.html(), Images: c.images}, nil
}

// pkg is the package's parts, read through one inflation budget.
type pkg struct {
	files  map[string]*zip.File
	budget int64
}

var errMissing = errors.New("wordbody: part missing")

func (p *pkg) read(name string, limit int64) ([]byte, error) {
	f, ok := p.files[strings.ToLower(name)]
	if !ok {
		return nil, fmt.Errorf("%w: %s", errMissing, name)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrNotDocx, name, err)
	}
	defer rc.Close()
	limit = min(limit, p.budget)
	b, err := io.ReadAll(io.LimitReader(rc, limit+1))
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrNotDocx, name, err)
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("%w: %s", ErrTooLarge, name)
	}
	p.budget -= int64(len(b))
	return b, nil
}

// mainPart finds the main document part through the package
// relationships; almost always word/document.xml.
func (p *pkg) mainPart() string {
	for _, r := range p.rels("_rels/.rels") {
		if strings.HasSuffix(r.Type, "/officeDocument") {
			return strings.TrimPrefix(path.Clean("/"+r.Target), "/")
		}
	}
	return "word/document.xml"
}

type relationship struct {
	ID         string `xml:"Id,attr"`
	Type       string `xml:"Type,attr"`
	Target     string `xml:"Target,attr"`
	TargetMode string `xml:"TargetMode,attr"`
}

// rels reads a relationships part; a missing or broken one is empty.
func (p *pkg) rels(name string) []relationship {
	b, err := p.read(name, maxSmallPart)
	if err != nil {
		return nil
	}
	var r struct {
		Rel []relationship `xml:"Relationship"`
	}
	if xml.Unmarshal(b, &r) != nil {
		return nil
	}
	return r.Rel
}
