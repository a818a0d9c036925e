// Package upload decides whether a file a person sends may be kept: by
// its content and by its name together. The content is sniffed (never
// taken from the client's Content-Type), the name's extension must be
// on an allow-list, and the two must agree, so `身份证明.pdf.bat`, a
// script named .txt's neighbour, or a zip carrying payload.exe beside
// word/document.xml are refused before anything is stored. Office files
// are opened as what they claim to be: OOXML packages must declare the
// right main part in [Content_Types].xml and carry no executables,
// macros or nested archives; legacy OLE files must hold the stream of
// their format and no packaged files or macros.
package upload

import (
	"bytes"
	"io"
	"net/http"
	"path"
	"strings"
)

// Kind is an accepted type of file.
type Kind struct {
	ContentType string   // what downloads are served as
	Exts        []string // the extensions a name of this kind may end in; the first is canonical
	zipMain     string   // OOXML: the content type of the main part; OFD: "" and ofd set
	ofd         bool
	ole         []string // OLE: one of these streams must exist
}

// Ext is the canonical extension, with its dot.
func (k Kind) Ext() string { return k.Exts[0] }

// Kinds are the accepted types: documents and images an applicant
// plausibly sends (identity scans, letters, forms). Plain text is
// accepted only under a .txt name.
var Kinds = []Kind{
	{ContentType: "application/pdf", Exts: []string{".pdf"}},
	{ContentType: "image/jpeg", Exts: []string{".jpg", ".jpeg"}},
	{ContentType: "image/png", Exts: []string{".png"}},
	{ContentType: "image/gif", Exts: []string{".gif"}},
	{ContentType: "image/webp", Exts: []string{".webp"}},
	{ContentType: "image/bmp", Exts: []string{".bmp"}},
	{ContentType: "text/plain; charset=utf-8", Exts: []string{".txt"}},
	{ContentType: "application/msword", Exts: []string{".doc"}, ole: []string{"WordDocument"}},
	{ContentType: "application/vnd.ms-excel", Exts: []string{".xls"}, ole: []string{"Workbook", "Book"}},
	{ContentType: "application/vnd.ms-powerpoint", Exts: []string{".ppt"}, ole: []string{"PowerPoint Document"}},
	{ContentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", Exts: []string{".docx"},
		zipMain: "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"},
	{ContentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Exts: []string{".xlsx"},
		zipMain: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"},
	{ContentType: "application/vnd.openxmlformats-officedocument.presentationml.presentation", Exts: []string{".pptx"},
		zipMain: "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"},
	// OFD (GB/T 33190) is the Chinese fixed-layout format many
	// government documents are issued in: a zip with OFD.xml.
	{ContentType: "application/ofd", Exts: []string{".ofd"}, ofd: true},
}

// Refusal is why a file is not accepted, in plain Chinese for the
// person who sent it.
type Refusal struct{ Reason string }

func (r *Refusal) Error() string { return r.Reason }

func refuse(format string, name string) *Refusal {
	return &Refusal{Reason: strings.ReplaceAll(format, "%s", "“"+name+"”")}
}

// AllowedHint lists the accepted types for form hints and messages.
const AllowedHint = "PDF、图片（JPG、PNG、GIF、WebP、BMP）、Word、Excel、PowerPoint（含 .doc/.xls/.ppt）、OFD 或 .txt 纯文本"

// BaseName is the last element of a client's file name, whichever
// separator its system used.
func BaseName(name string) string {
	return path.Base(strings.ReplaceAll(name, "\\", "/"))
}

// extOf is name's extension in lower case, with its dot.
func extOf(name string) string { return strings.ToLower(path.Ext(name)) }

// kindByExt finds the kind a name's extension admits.
func kindByExt(ext string) (Kind, bool) {
	for _, k := range Kinds {
		for _, e := range k.Exts {
			if e == ext {
				return k, true
			}
		}
	}
	return Kind{}, false
}

// nativeMagic start executables and scripts on any system we know of;
// they are named as such in the refusal whatever the file is called.
var nativeMagic = [][]byte{[]byte("MZ"), []byte("\x7fELF"), []byte("#!"),
	{0xCF, 0xFA, 0xED, 0xFE}, {0xCE, 0xFA, 0xED, 0xFE}, {0xCA, 0xFE, 0xBA, 0xBE}, []byte("\x00asm")}

func isNative(head []byte) bool {
	for _, m := range nativeMagic {
		if bytes.HasPrefix(head, m) {
			return true
		}
	}
	return false
}

var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// Check decides whether the size bytes at ra, sent under name, are
// accepted, and as what. A *Refusal says why not; any other error is a
// failure to read.
func Check(name string, ra io.ReaderAt, size int64) (Kind, error) {
	name = BaseName(name)
	head := make([]byte, min(size, 512))
	if _, err := ra.ReadAt(head, 0); err != nil && err != io.EOF {
		return Kind{}, err
	}
	if isNative(head) {
		return Kind{}, refuse("附件%s是可执行文件或脚本，不能上传。", name)
	}
	want, ok := kindByExt(extOf(name))
	if !ok {
		return Kind{}, refuse("附件%s的文件类型不被接受：请上传"+AllowedHint+"文件。", name)
	}
	got, err := sniff(head, ra, size, want)
	if err != nil {
		return Kind{}, err
	}
	if got == nil {
		return Kind{}, refuse("附件%s的内容与文件扩展名不符，或不是可接受的文件类型：请上传"+AllowedHint+"文件。", name)
	}
	return *got, nil
}

// sniff returns want when the content is a file of that kind, nil when
// it is not (or is something else).
func sniff(head []byte, ra io.ReaderAt, size int64, want Kind) (*Kind, error) {
	switch {
	case want.ole != nil:
		if !bytes.HasPrefix(head, oleMagic) {
			return nil, nil
		}
		ok, err := oleIs(ra, size, want.ole)
		if err != nil || !ok {
			return nil, err
		}
		return &want, nil
	case want.zipMain != "" || want.ofd:
		if !bytes.HasPrefix(head, []byte("PK\x03\x04")) {
			return nil, nil
		}
		ok, err := packageIs(ra, size, want)
		if err != nil || !ok {
			return nil, err
		}
		return &want, nil
	}
	// Plain text is taken only as UTF-8 (as DetectContentType names it):
	// UTF-16 would be served with the wrong charset.
	if http.DetectContentType(head) != want.ContentType {
		return nil, nil
	}
	return &want, nil
}
