package upload

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"testing"
	"unicode/utf16"
)

// zipOf builds a zip of name → content parts.
func zipOf(t testing.TB, parts ...[2]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		w, err := zw.Create(p[0])
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(p[1]))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// contentTypesXML declares main as the content type of partName.
func contentTypesXML(partName, main string) string {
	return `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="` + partName + `" ContentType="` + main + `"/></Types>`
}

const docxMain = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"

func docx(t testing.TB, extra ...[2]string) []byte {
	parts := append([][2]string{{"[Content_Types].xml", contentTypesXML("/word/document.xml", docxMain)},
		{"word/document.xml", "<w:document/>"}}, extra...)
	return zipOf(t, parts...)
}

// compoundFile writes a version 3 compound file (MS-CFB) holding the
// named streams, each 4096 bytes so they live in the regular FAT: the
// header, one FAT sector, one directory sector, then the streams.
func compoundFile(streams ...string) []byte {
	const sec = 512
	const endChain, freeSect, fatSect, noStream = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
	le := binary.LittleEndian
	head := make([]byte, sec)
	copy(head, oleMagic)
	le.PutUint16(head[24:], 0x3E)
	le.PutUint16(head[26:], 3)
	le.PutUint16(head[28:], 0xFFFE)
	le.PutUint16(head[30:], 9)
	le.PutUint16(head[32:], 6)
	le.PutUint32(head[44:], 1) // FAT sectors
	le.PutUint32(head[48:], 1) // first directory sector
	le.PutUint32(head[56:], 4096)
	le.PutUint32(head[60:], endChain)
	le.PutUint32(head[68:], endChain)
	for i := range 109 {
		le.PutUint32(head[76+4*i:], freeSect)
	}
	le.PutUint32(head[76:], 0)

	fat := make([]byte, sec)
	for i := range 128 {
		le.PutUint32(fat[4*i:], freeSect)
	}
	le.PutUint32(fat[0:], fatSect)
	le.PutUint32(fat[4:], endChain)
	dir := make([]byte, sec)
	entry := func(i int, name string, typ byte, child, right, start uint32, size uint32) {
		e := dir[128*i : 128*(i+1)]
		u := utf16.Encode([]rune(name))
		for j, c := range u {
			le.PutUint16(e[2*j:], c)
		}
		le.PutUint16(e[64:], uint16(2*len(u)+2))
		e[66], e[67] = typ, 1
		le.PutUint32(e[68:], noStream)
		le.PutUint32(e[72:], right)
		le.PutUint32(e[76:], child)
		le.PutUint32(e[116:], start)
		le.PutUint32(e[120:], size)
	}
	child := uint32(noStream)
	if len(streams) > 0 {
		child = 1
	}
	entry(0, "Root Entry", 5, child, noStream, endChain, 0)
	var data []byte
	next := uint32(2)
	for i, name := range streams {
		entry(i+1, name, 2, noStream, noStream, next, 4096)
		for k := range 8 {
			if k < 7 {
				le.PutUint32(fat[4*(int(next)+k):], next+uint32(k)+1)
			} else {
				le.PutUint32(fat[4*(int(next)+k):], endChain)
			}
		}
		next += 8
		data = append(data, bytes.Repeat([]byte{byte(i + 1)}, 4096)...)
	}
	// Siblings as a chain to the right: a valid (if unbalanced) tree.
	for i := 1; i < len(streams); i++ {
		le.PutUint32(dir[128*i+72:], uint32(i+1))
	}
	out := append(head, fat...)
	out = append(out, dir...)
	return append(out, data...)
}
