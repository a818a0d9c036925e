package upload

import (
	"errors"
	"io"

	"github.com/richardlehane/mscfb"
)

// maxOLEEntries bounds the directory walk of a compound file.
const maxOLEEntries = 10000

// oleForbidden are entries of a compound file that carry code or other
// files: VBA macros, and OLE packages ("\x01Ole10Native": a file wrapped
// as an embedded object, the classic way of hiding a program in a
// document). mscfb drops a name's leading control character.
var oleForbidden = map[string]bool{
	"Macros": true, "_VBA_PROJECT_CUR": true, "VBA": true, "_VBA_PROJECT": true, "Ole10Native": true,
}

// oleIs reports whether the compound file at ra holds one of the
// streams (its format's main stream) and nothing oleForbidden.
func oleIs(ra io.ReaderAt, size int64, streams []string) (ok bool, err error) {
	// mscfb reads a hostile directory without bounds checks everywhere;
	// a panic there means the file is not a valid compound file.
	defer func() {
		if p := recover(); p != nil {
			ok, err = false, nil
		}
	}()
	r, err := mscfb.New(io.NewSectionReader(ra, 0, size))
	if err != nil {
		return false, nil
	}
	found := false
	for i := 0; ; i++ {
		if i >= maxOLEEntries {
			return false, nil
		}
		e, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return false, nil
		}
		if oleForbidden[e.Name] {
			return false, nil
		}
		for _, s := range streams {
			if e.Name == s && len(e.Path) == 0 {
				found = true
			}
		}
	}
	return found, nil
}
