package upload

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

func TestCheck(t *testing.T) {
	png := append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, 20)...)
	jpeg := append([]byte{0xFF, 0xD8, 0xFF, 0xE0}, make([]byte, 20)...)
	pdf := []byte("%PDF-1.7\n1 0 obj\n")
	tests := []struct {
		name    string
		file    string
		content []byte
		want    string // accepted content type; "" refused
	}{
		{"pdf", "身份证明.pdf", pdf, "application/pdf"},
		{"upper-case extension", "SCAN.PDF", pdf, "application/pdf"},
		{"png", "scan.png", png, "image/png"},
		{"jpeg as .jpeg", "scan.jpeg", jpeg, "image/jpeg"},
		{"text as .txt", "说明.txt", []byte("申请说明"), "text/plain; charset=utf-8"},
		{"docx", "申请书.docx", docx(t), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
		{"docx with an image", "a.docx", docx(t, [2]string{"word/media/image1.png", string(png)}), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
		{"xlsx", "表.xlsx", zipOf(t, [2]string{"[Content_Types].xml", contentTypesXML("/xl/workbook.xml",
			"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml")}, [2]string{"xl/workbook.xml", "<workbook/>"}),
			"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
		{"ofd", "公文.ofd", zipOf(t, [2]string{"OFD.xml", "<ofd:OFD/>"}, [2]string{"Doc_0/Document.xml", "<x/>"}), "application/ofd"},
		{"doc", "旧文件.doc", compoundFile("WordDocument", "1Table"), "application/msword"},
		{"xls", "旧表.xls", compoundFile("Workbook"), "application/vnd.ms-excel"},

		// The probe's files.
		{"script named .pdf.bat", "身份证明.pdf.bat", []byte("@echo off\r\ndel C:\\*"), ""},
		{"vbs", "a.vbs", []byte("MsgBox 1"), ""},
		{"js", "a.js", []byte("alert(1)"), ""},
		{"js renamed .txt is text, harmless", "a.txt", []byte("alert(1)"), "text/plain; charset=utf-8"},
		{"zip with payload.exe and word/document.xml", "申请书.docx", zipOf(t, [2]string{"word/document.xml", "<w/>"},
			[2]string{"payload.exe", "MZ\x90\x00"}), ""},
		{"that zip even with content types", "申请书.docx", docx(t, [2]string{"payload.exe", "MZ\x90\x00"}), ""},
		{"executable under an innocent part name", "申请书.docx", docx(t, [2]string{"word/media/image1.png", "MZ\x90\x00"}), ""},
		{"nested archive", "申请书.docx", docx(t, [2]string{"word/embeddings/x.xlsx", "PK\x03\x04rest"}), ""},
		{"macros", "申请书.docx", docx(t, [2]string{"word/vbaProject.bin", "x"}), ""},
		{"macro-enabled main part", "a.docx", zipOf(t, [2]string{"[Content_Types].xml", contentTypesXML("/word/document.xml",
			"application/vnd.ms-word.document.macroEnabled.main+xml")}, [2]string{"word/document.xml", "<w/>"}), ""},
		{"docx without content types", "a.docx", zipOf(t, [2]string{"word/document.xml", "<w/>"}), ""},
		{"main part declared but missing", "a.docx", zipOf(t, [2]string{"[Content_Types].xml", contentTypesXML("/word/document.xml", docxMain)}), ""},
		{"xlsx named .docx", "a.docx", zipOf(t, [2]string{"[Content_Types].xml", contentTypesXML("/xl/workbook.xml",
			"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml")}, [2]string{"xl/workbook.xml", "<workbook/>"}), ""},
		{"plain zip", "a.zip", zipOf(t, [2]string{"a.txt", "x"}), ""},
		{"zip named .pdf", "a.pdf", zipOf(t, [2]string{"a.txt", "x"}), ""},
		{"windows executable named .pdf", "a.pdf", []byte("MZ\x90\x00\x03"), ""},
		{"ELF named .png", "a.png", []byte("\x7fELF\x02\x01"), ""},
		{"shell script named .txt", "a.txt", []byte("#!/bin/sh\nrm -rf /"), ""},
		{"html named .txt", "a.txt", []byte("<html><script>alert(1)</script>"), ""},
		{"text named .pdf", "a.pdf", []byte("not a pdf"), ""},
		{"png named .jpg", "a.jpg", png, ""},
		{"pdf named .txt", "a.txt", pdf, ""},
		{"no extension", "README", []byte("text"), ""},
		{"OLE without the Word stream (an .msi, say)", "a.doc", compoundFile("SummaryInformation"), ""},
		{"Word OLE named .xls", "a.xls", compoundFile("WordDocument"), ""},
		{"OLE with a packaged file", "a.doc", compoundFile("WordDocument", "\x01Ole10Native"), ""},
		{"OLE with macros", "a.doc", compoundFile("WordDocument", "Macros"), ""},
		{"truncated OLE", "a.doc", compoundFile("WordDocument")[:600], ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k, err := Check(tt.file, bytes.NewReader(tt.content), int64(len(tt.content)))
			var ref *Refusal
			switch {
			case tt.want == "" && !errors.As(err, &ref):
				t.Fatalf("Check = %+v, %v; want a refusal", k, err)
			case tt.want == "" && !strings.Contains(ref.Reason, "“"+BaseName(tt.file)+"”"):
				t.Errorf("refusal %q does not name the file", ref.Reason)
			case tt.want != "" && (err != nil || k.ContentType != tt.want):
				t.Fatalf("Check = %+v, %v; want %s", k, err, tt.want)
			}
		})
	}
}

func TestDisposition(t *testing.T) {
	tests := []struct {
		name, contentType, want string
	}{
		{"身份证明.pdf", "application/pdf", `attachment; filename="attachment.pdf"; filename*=UTF-8''%E8%BA%AB%E4%BB%BD%E8%AF%81%E6%98%8E.pdf`},
		{"scan 1.PDF", "application/pdf", `attachment; filename="scan_1.pdf"; filename*=UTF-8''scan%201.PDF`},
		// Stored before this check: the name's .bat never reaches the disk.
		{"身份证明.pdf.bat", "text/plain; charset=utf-8", `attachment; filename="pdf_bat.txt"; filename*=UTF-8''%E8%BA%AB%E4%BB%BD%E8%AF%81%E6%98%8E.pdf.bat.txt`},
		{"payload.docx", "application/zip", `attachment; filename="payload_docx.bin"; filename*=UTF-8''payload.docx.bin`},
		{`..\..\evil".doc`, "application/x-ole-storage", `attachment; filename="evil.doc"; filename*=UTF-8''evil.doc`},
		{"a\r\nSet-Cookie: x.jpg", "image/jpeg", `attachment; filename="aSet-Cookie_x.jpg"; filename*=UTF-8''aSet-Cookie%20x.jpg`},
		{"", "application/pdf", `attachment; filename="attachment.pdf"; filename*=UTF-8''attachment.pdf`},
		{"年报.html", "text/html; charset=utf-8", `attachment; filename="attachment.html"; filename*=UTF-8''%E5%B9%B4%E6%8A%A5.html`},
		{"a.jpeg", "image/jpeg", `attachment; filename="a.jpeg"; filename*=UTF-8''a.jpeg`},
	}
	for _, tt := range tests {
		if got := Disposition(tt.name, tt.contentType); got != tt.want {
			t.Errorf("Disposition(%q, %q)\n got %s\nwant %s", tt.name, tt.contentType, got, tt.want)
		}
	}
}
