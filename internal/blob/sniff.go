package blob

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"net/http"
)

// oleMagic starts legacy Office files (.doc, .xls, .ppt).
var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// zipKinds maps a part found inside a zip to the format it marks. OFD
// (GB/T 33190) is the Chinese fixed-layout format many government
// documents are published in.
var zipKinds = []struct{ part, contentType string }{
	{"word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
	{"xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
	{"ppt/presentation.xml", "application/vnd.openxmlformats-officedocument.presentationml.presentation"},
	{"OFD.xml", "application/ofd"},
}

// sniff decides the content type of size bytes readable at ra:
// http.DetectContentType, refined for Office, OFD and OLE files.
func sniff(ra io.ReaderAt, size int64) (string, error) {
	head := make([]byte, min(size, 512))
	if _, err := ra.ReadAt(head, 0); err != nil && err != io.EOF {
		return "", fmt.Errorf("blob: sniff: %w", err)
	}
	if bytes.HasPrefix(head, oleMagic) {
		return "application/x-ole-storage", nil
	}
	ct := http.DetectContentType(head)
	if ct != "application/zip" {
		return ct, nil
	}
	zr, err := zip.NewReader(ra, size)
	if err != nil {
		return ct, nil // looks like a zip but is not a readable one
	}
	for _, k := range zipKinds {
		for _, f := range zr.File {
			if f.Name == k.part {
				return k.contentType, nil
			}
		}
	}
	return ct, nil
}
