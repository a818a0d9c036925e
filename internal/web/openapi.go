package web

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"net/http"
	"time"
)

// openapiJSON describes /api/v1. A test checks it parses and lists
// every API route of the route table, so the two cannot drift apart.
//
//go:embed openapi.json
var openapiJSON []byte

var openapiETag = func() string {
	sum := sha256.Sum256(openapiJSON)
	return `"` + hex.EncodeToString(sum[:8]) + `"`
}()

func (s *server) openAPI(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("ETag", openapiETag)
	w.Header().Set("Cache-Control", "public, max-age=300")
	http.ServeContent(w, r, "openapi.json", time.Time{}, bytes.NewReader(openapiJSON))
	return nil
}
