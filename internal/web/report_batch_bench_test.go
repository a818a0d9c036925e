package web

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/store"
)

// BenchmarkReportBatchZip1000 checks a province's batch end to end: a
// zip of 1,000 reports in folders (700 text, 150 HTML, 100 Word, 50 PDF;
// half the text reports paired with last year's report of the same body)
// uploaded, read and checked by the worker, then its results page and
// both downloads. One op is one whole batch, on SQLite.
//
//	go test -run '^$' -bench ReportBatchZip1000 -benchtime 3x ./internal/web
func BenchmarkReportBatchZip1000(b *testing.B) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(b.TempDir(), "bench.db"), store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	srv := newTestServer(b, Options{Store: st, Sessions: st.Sessions()})
	e := &testEnv{st: st, srv: srv, h: srv.handler()}
	if _, err := st.CreateUser(ctx, auth.User{Username: "sup", PasswordHash: testHash()},
		[]auth.Grant{{Role: auth.RoleSysAdmin}}); err != nil {
		b.Fatal(err)
	}
	login := e.serve(request("POST", "/admin/login", url.Values{"username": {"sup"}, "password": {testPassword}}, nil))
	if login.Code != http.StatusSeeOther {
		b.Fatalf("login: %d", login.Code)
	}
	cookies := sessionCookies(login)
	zipData := provinceZip(b)
	worker := NewReportBatchWorker(st, slog.New(slog.NewTextHandler(io.Discard, nil)), "bench", nil)
	b.SetBytes(int64(len(zipData)))
	b.ResetTimer()
	for range b.N {
		w := e.serve(zipUpload(b, zipData, cookies))
		if w.Code != http.StatusSeeOther {
			b.Fatalf("upload: %d %.300s", w.Code, w.Body.String())
		}
		page := w.Header().Get("Location")
		if _, err := worker.Run(ctx); err != nil {
			b.Fatal(err)
		}
		w = e.serve(request("GET", page, nil, cookies))
		if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), "1000 份报告") {
			b.Fatalf("results page: %d %.500s", w.Code, w.Body.String())
		}
		for _, f := range []string{"/findings.csv", "/findings.xlsx"} {
			if w := e.serve(request("GET", page+f, nil, cookies)); w.Code != http.StatusOK {
				b.Fatalf("%s: %d", f, w.Code)
			}
		}
	}
}

func provinceZip(b *testing.B) []byte {
	read := func(rel string) []byte {
		data, err := os.ReadFile(filepath.Join("..", "annualreport", "testdata", rel))
		if err != nil {
			b.Fatal(err)
		}
		return data
	}
	text := string(read("fixtures/example-2023-clean.txt"))
	others := []struct {
		ext  string
		data []byte
	}{
		{".pdf", read("pdf/wancheng-2023-rendered.pdf")},
		{".docx", read("docx/donghu-2021-word-export.docx")}, {".docx", read("docx/qingshi-2022-borderless.docx")},
		{".html", read("html/qingshi-2022-borderless.html")}, {".html", read("html/example-2023-clean.html")},
		{".html", read("html/donghu-2021-word-export.html")},
	}
	var items []zipItem
	for i := range 1000 {
		name := fmt.Sprintf("第%02d市/第%03d号", i/50, i)
		if k := i % 20; k < len(others) {
			items = append(items, zipItem{name: name + others[k].ext, data: others[k].data, gbk: i%2 == 0})
			continue
		}
		// A body of its own; every other one with last year's report.
		org := fmt.Sprintf("第%d区人民政府办公室", i/2)
		year := map[bool]string{true: "2023", false: "2022"}[i%2 == 0]
		data := strings.ReplaceAll(strings.ReplaceAll(text, "宛城区人民政府办公室", org), "2023", year)
		items = append(items, zipItem{name: name + ".txt", data: []byte(data), gbk: i%2 == 0})
	}
	return buildZip(b, items)
}

func zipUpload(b *testing.B, data []byte, cookies []*http.Cookie) *http.Request {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, err := mw.CreateFormFile("files", "全省年报.zip")
	if err != nil {
		b.Fatal(err)
	}
	fw.Write(data)
	mw.Close()
	r := httptest.NewRequest("POST", "/admin/reports/check", &buf)
	r.Header.Set("Content-Type", mw.FormDataContentType())
	r.Header.Set("Origin", "http://example.com")
	r.Header.Set("Sec-Fetch-Site", "same-origin")
	for _, c := range cookies {
		r.AddCookie(c)
	}
	return r
}
