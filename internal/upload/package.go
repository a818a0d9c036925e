package upload

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"path"
	"strings"
)

// Bounds on a package's directory and [Content_Types].xml: a real
// document is far inside them, a crafted zip cannot make the check
// expensive.
const (
	maxPackageEntries = 10000
	maxContentTypes   = 1 << 20
)

// forbiddenExts are names no document part has: programs, scripts,
// shortcuts and archives, whatever a package claims to be.
var forbiddenExts = map[string]bool{
	".exe": true, ".dll": true, ".com": true, ".bat": true, ".cmd": true, ".scr": true, ".pif": true,
	".msi": true, ".msp": true, ".cpl": true, ".sys": true, ".lnk": true, ".hta": true, ".reg": true,
	".js": true, ".jse": true, ".vbs": true, ".vbe": true, ".wsf": true, ".wsh": true, ".ps1": true,
	".sh": true, ".jar": true, ".apk": true, ".elf": true, ".so": true, ".dylib": true,
	".zip": true, ".rar": true, ".7z": true, ".gz": true, ".tgz": true, ".tar": true, ".bz2": true,
	".xz": true, ".cab": true, ".iso": true, ".docm": true, ".xlsm": true, ".pptm": true,
}

// archiveMagic start archives; a part that is one is refused (an
// embedded workbook inside a document is an archive too: it may carry
// anything).
var archiveMagic = [][]byte{[]byte("PK\x03\x04"), []byte("Rar!"), []byte("7z\xBC\xAF\x27\x1C"), {0x1F, 0x8B}, []byte("MSCF")}

type contentTypes struct {
	Defaults  []ctEntry `xml:"Default"`
	Overrides []ctEntry `xml:"Override"`
}

type ctEntry struct {
	Extension   string `xml:"Extension,attr"`
	PartName    string `xml:"PartName,attr"`
	ContentType string `xml:"ContentType,attr"`
}

// packageIs reports whether the zip at ra is a clean package of kind
// want: the main part declared and present (OOXML) or OFD.xml (OFD),
// and no part that is a program, a script, a macro or an archive.
func packageIs(ra io.ReaderAt, size int64, want Kind) (bool, error) {
	zr, err := zip.NewReader(ra, size)
	if err != nil || len(zr.File) > maxPackageEntries {
		return false, nil
	}
	parts := make(map[string]*zip.File, len(zr.File))
	for _, f := range zr.File {
		parts[f.Name] = f
		if !cleanPart(f) {
			return false, nil
		}
	}
	if want.ofd {
		return parts["OFD.xml"] != nil, nil
	}
	ctf := parts["[Content_Types].xml"]
	if ctf == nil {
		return false, nil
	}
	rc, err := ctf.Open()
	if err != nil {
		return false, nil
	}
	defer rc.Close()
	var ct contentTypes
	if err := xml.NewDecoder(io.LimitReader(rc, maxContentTypes)).Decode(&ct); err != nil {
		return false, nil
	}
	main := false
	for _, e := range append(ct.Defaults, ct.Overrides...) {
		lower := strings.ToLower(e.ContentType)
		if strings.Contains(lower, "macroenabled") || strings.Contains(lower, "vbaproject") {
			return false, nil
		}
		if e.PartName != "" && e.ContentType == want.zipMain && parts[strings.TrimPrefix(e.PartName, "/")] != nil {
			main = true
		}
	}
	return main, nil
}

// cleanPart looks at one part's name and first bytes.
func cleanPart(f *zip.File) bool {
	lower := strings.ToLower(f.Name)
	if forbiddenExts[path.Ext(lower)] || path.Base(lower) == "vbaproject.bin" {
		return false
	}
	if f.FileInfo().IsDir() {
		return true
	}
	rc, err := f.Open()
	if err != nil {
		return false
	}
	defer rc.Close()
	head := make([]byte, 8)
	n, _ := io.ReadFull(rc, head)
	head = head[:n]
	if isNative(head) {
		return false
	}
	for _, m := range archiveMagic {
		if bytes.HasPrefix(head, m) {
			return false
		}
	}
	return true
}
