package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"net/http"
	"path"
	"time"
)

//go:embed static
var staticFS embed.FS

// staticFiles serves the embedded assets. URLs carry the content hash
// (?v=…), so a file may be cached for a year and a new build still
// reaches every browser at once.
type staticFiles struct {
	files map[string]staticFile
}

type staticFile struct {
	data []byte
	hash string
}

func loadStatic() (*staticFiles, error) {
	st := &staticFiles{files: map[string]staticFile{}}
	err := fs.WalkDir(staticFS, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := staticFS.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		st.files[path.Base(p)] = staticFile{data: data, hash: hex.EncodeToString(sum[:8])}
		return nil
	})
	return st, err
}

// url is the template function "static": the versioned URL of a file.
func (st *staticFiles) url(name string) string {
	f, ok := st.files[name]
	if !ok {
		return "/static/" + name
	}
	return "/static/" + name + "?v=" + f.hash
}

func (s *server) staticFile(w http.ResponseWriter, r *http.Request) error {
	f, ok := s.static.files[r.PathValue("file")]
	if !ok {
		return errNotFound()
	}
	w.Header().Set("ETag", `"`+f.hash+`"`)
	if r.URL.Query().Get("v") == f.hash {
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		w.Header().Set("Cache-Control", "public, max-age=300")
	}
	// ServeContent answers If-None-Match and ranges, and sets the type.
	http.ServeContent(w, r, r.PathValue("file"), time.Time{}, bytes.NewReader(f.data))
	return nil
}
