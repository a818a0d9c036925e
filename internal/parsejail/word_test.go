package parsejail

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/wordbody"
)

// docx is the smallest Word package wordbody reads: one paragraph.
func docx(t testing.TB, text string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, body := range map[string]string{
		"[Content_Types].xml": `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
			`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
		"word/document.xml": `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` +
			`<w:body><w:p><w:r><w:t>` + text + `</w:t></w:r></w:p></w:body></w:document>`,
	} {
		f, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.Write([]byte(body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestConvertWordInTheJail(t *testing.T) {
	j := New(Config{Workers: 1, Budget: Budget{Wall: 5 * time.Second, CPU: 2 * time.Second}})
	ctx := context.Background()
	data := docx(t, "各村（居）委会：")
	want, err := wordbody.Convert(data, "通知-")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		data   []byte
		prefix string
		check  func(wordbody.Body, error) bool
	}{
		{"converted", data, "通知-", func(b wordbody.Body, err error) bool { return err == nil && b.HTML == want.HTML }},
		{"not a docx", []byte("not a zip"), "x-", func(_ wordbody.Body, err error) bool { return errors.Is(err, wordbody.ErrNotDocx) }},
		{"panic", data, "panic-", func(_ wordbody.Body, err error) bool {
			var over *BudgetError
			return errors.As(err, &over) && strings.Contains(over.Detail, "injected fault")
		}},
		{"loop", data, "spin-", func(_ wordbody.Body, err error) bool { return errors.Is(err, ErrBudget) }},
		// The jail still converts after its children crashed.
		{"after the faults", data, "通知-", func(b wordbody.Body, err error) bool { return err == nil && b.HTML == want.HTML }},
	}
	for _, tt := range tests {
		b, err := j.ConvertWord(ctx, tt.data, tt.prefix)
		if !tt.check(b, err) {
			t.Errorf("%s: ConvertWord = %q, %v", tt.name, b.HTML, err)
		}
	}
	// A report and a Word file share the jail's children.
	if r, err := j.Parse(ctx, "wucheng.txt", seedReport(t)); err != nil || r == nil {
		t.Errorf("Parse after ConvertWord = %v, %v", r, err)
	}
}

// BenchmarkConvertWord compares one conversion in this process with one
// through a kept child (a pipe round trip and gob both ways).
func BenchmarkConvertWord(b *testing.B) {
	data := docx(b, strings.Repeat("各村（居）委会要加强领导，明确专人。", 200))
	b.Run("in-process", func(b *testing.B) {
		for b.Loop() {
			if _, err := wordbody.Convert(data, "x-"); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("child", func(b *testing.B) {
		j := New(Config{Workers: 1})
		for b.Loop() {
			if _, err := j.ConvertWord(context.Background(), data, "x-"); err != nil {
				b.Fatal(err)
			}
		}
	})
}
