package web

import (
	"archive/zip"
	"bytes"
	"context"
	"io/fs"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/blob"
	"github.com/gongkai/gongkai/internal/store"
)

// useFileBlobs gives the server a FileStore in a fresh directory and
// returns the directory.
func (e *testEnv) useFileBlobs(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	blobs, err := blob.NewFileStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	e.srv.blobs = blobs
	return dir
}

// blobFiles counts the blobs kept under a FileStore's directory (its
// tmp/ of uploads in flight aside).
func blobFiles(t *testing.T, dir string) int {
	t.Helper()
	n := 0
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == "tmp" {
			return filepath.SkipDir
		}
		if !d.IsDir() {
			n++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// payloadZip is the probe's "Word file": a zip holding
// word/document.xml beside payload.exe.
func payloadZip(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, content := range map[string]string{"word/document.xml": "<w:document/>", "payload.exe": "MZ\x90\x00\x03\x00"} {
		w, _ := zw.Create(name)
		w.Write([]byte(content))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// multipartApplyFiles is an application carrying several attachments.
func multipartApplyFiles(t *testing.T, path string, files ...formFile) *http.Request {
	t.Helper()
	return multipartPost(t, path, applyForm(nil), files, nil)
}

// TestApplyHostileAttachments: the probe's scripts and archives are
// refused, and a refused application leaves no blob behind, even for
// the acceptable file beside the refused one.
// Accepted files are served to staff as attachments under a name whose
// extension matches their content.
func TestApplyHostileAttachments(t *testing.T) {
	e := newTestEnv(t)
	dir := e.useFileBlobs(t)
	path := "/b/" + e.a.Slug + "/apply"
	pdf := []byte("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
	for _, f := range []formFile{
		{"attachments", "身份证明.pdf.bat", []byte("@echo off\r\nformat c: /q\r\n")},
		{"attachments", "a.vbs", []byte("CreateObject(\"WScript.Shell\").Run \"calc\"")},
		{"attachments", "a.js", []byte("WScript.Echo(1)")},
		{"attachments", "申请书.docx", payloadZip(t)},
		{"attachments", "申请书.zip", payloadZip(t)},
	} {
		w := e.serve(multipartApplyFiles(t, path, formFile{"attachments", "证明.pdf", pdf}, f))
		if w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), f.name) {
			t.Errorf("%s: status %d, want 422 naming the file\n%.1500s", f.name, w.Code, w.Body.String())
		}
		if n := blobFiles(t, dir); n != 0 {
			t.Fatalf("%s: a refused application left %d blobs", f.name, n)
		}
	}

	jpeg := append([]byte{0xFF, 0xD8, 0xFF, 0xE0}, make([]byte, 64)...)
	if w := e.serve(multipartApplyFiles(t, path, formFile{"attachments", `C:\扫描\身份证 正面.JPEG`, jpeg})); w.Code != http.StatusSeeOther {
		t.Fatalf("jpeg: %d\n%.1500s", w.Code, w.Body.String())
	}
	list, err := e.st.RequestsForBody(context.Background(), e.a.ID, store.RequestFilter{})
	if err != nil || len(list) != 1 {
		t.Fatalf("stored requests: %d, %v", len(list), err)
	}
	w := e.serve(request("GET", "/admin/requests/"+strconv.FormatInt(list[0].ID, 10)+"/files/1", nil,
		e.login(e.users[auth.RoleHandler].Username)))
	want := `attachment; filename="attachment.jpeg"; filename*=UTF-8''%E8%BA%AB%E4%BB%BD%E8%AF%81%20%E6%AD%A3%E9%9D%A2.JPEG`
	if got := w.Header().Get("Content-Disposition"); w.Code != http.StatusOK || got != want {
		t.Errorf("download: %d Content-Disposition %s\nwant %s", w.Code, got, want)
	}
	if w.Header().Get("X-Content-Type-Options") != "nosniff" || w.Header().Get("Content-Type") != "image/jpeg" {
		t.Errorf("download headers: %q", w.Header())
	}
}
