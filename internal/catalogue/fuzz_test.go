package catalogue

import (
	"bytes"
	"testing"
)

// FuzzReadXLSX: any bytes give either lines or row errors, never a
// panic, and never both.
func FuzzReadXLSX(f *testing.F) {
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, sample()); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add([]byte("PK\x03\x04"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		items, errs := ReadXLSX(bytes.NewReader(data))
		if len(items) > 0 && len(errs) > 0 {
			t.Errorf("%d lines and %d errors", len(items), len(errs))
		}
		for _, it := range items {
			if msgs := Validate(it); len(msgs) > 0 {
				t.Errorf("accepted an invalid line: %v", msgs)
			}
		}
	})
}
