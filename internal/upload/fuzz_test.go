package upload

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

// FuzzCheck: no input panics or hangs the check, and whatever it
// accepts has a name with one of its kind's extensions.
func FuzzCheck(f *testing.F) {
	f.Add("a.docx", docx(f))
	f.Add("a.doc", compoundFile("WordDocument", "1Table"))
	f.Add("a.ofd", zipOf(f, [2]string{"OFD.xml", "<x/>"}))
	f.Add("a.pdf", []byte("%PDF-1.7"))
	f.Add("a.txt", []byte("text"))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		k, err := Check(name, bytes.NewReader(data), int64(len(data)))
		var ref *Refusal
		if err != nil {
			if !errors.As(err, &ref) {
				t.Fatalf("a reader over memory failed: %v", err)
			}
			return
		}
		ext := extOf(BaseName(name))
		ok := false
		for _, e := range k.Exts {
			ok = ok || e == ext
		}
		if !ok {
			t.Fatalf("accepted %q as %s", name, k.ContentType)
		}
		if d := Disposition(name, k.ContentType); strings.ContainsAny(d, "\r\n") {
			t.Fatalf("Disposition %q", d)
		}
	})
}
