package web

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/gongkai/gongkai/internal/body"
	"github.com/gongkai/gongkai/internal/disclosure"
	"github.com/gongkai/gongkai/internal/store"
	"github.com/gongkai/gongkai/internal/textdiff"
)

// versionPageView is one saved version of a document against the one
// before it (版本对比), for the reviewer's 保密审查 of what changed.
type versionPageView struct {
	Page
	Body body.Body
	Doc  disclosure.Document
	Cur  store.Version
	// Prev is version Cur−1; nil for version 1, compared with nothing.
	Prev    *store.Version
	Fields  []fieldChange
	Changed int // metadata fields changed
	Lines   []diffLine
	Added   int // body lines added
	Removed int // body lines removed
	PrevURL string
	NextURL string
}

// documentVersionPage shows version {v} of document {id} against
// version v−1: the metadata fields side by side with the changed ones
// marked, then the body as a line diff.
func (s *server) documentVersionPage(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	d, err := s.documentFromPath(r)
	if err != nil {
		return err
	}
	n, err := strconv.Atoi(r.PathValue("v"))
	if err != nil || n < 1 {
		return errNotFound()
	}
	cur, err := s.store.DocumentVersion(ctx, d.ID, n)
	if err != nil {
		return notFoundOr(err)
	}
	b, err := s.store.Body(ctx, d.BodyID)
	if err != nil {
		return err
	}
	v := versionPageView{Page: s.consolePage(r, fmt.Sprintf("第 %d 版：%s", n, d.Title), "/admin/bodies"),
		Body: b, Doc: d, Cur: cur}
	base := fmt.Sprintf("/admin/documents/%d/versions/", d.ID)
	if n > 1 {
		prev, err := s.store.DocumentVersion(ctx, d.ID, n-1)
		if err != nil && !isNotFound(err) {
			return err
		}
		if err == nil {
			v.Prev, v.PrevURL = &prev, base+strconv.Itoa(n-1)
		}
	}
	if _, err := s.store.DocumentVersion(ctx, d.ID, n+1); err == nil {
		v.NextURL = base + strconv.Itoa(n+1)
	} else if !isNotFound(err) {
		return err
	}
	var old store.VersionData
	if v.Prev != nil {
		old = v.Prev.Data
	}
	if v.Fields, err = s.versionFields(ctx, d, old, cur.Data, v.Prev != nil); err != nil {
		return err
	}
	for _, f := range v.Fields {
		if f.Status != "" {
			v.Changed++
		}
	}
	ops := textdiff.Lines(sourceLines(old), sourceLines(cur.Data))
	for _, o := range ops {
		switch o.Kind {
		case textdiff.Insert:
			v.Added++
		case textdiff.Delete:
			v.Removed++
		}
	}
	if v.Added+v.Removed > 0 {
		v.Lines = collapse(ops, diffContext)
	}
	return s.render(w, r, "console_document_version", v)
}

// sourceLines splits a version's body source as its own format reads
// it; a version may differ from the one before in format as well.
func sourceLines(d store.VersionData) []string {
	if disclosure.BodyFormat(d.Format) == disclosure.FormatHTML {
		return textdiff.HTMLLines(d.Source)
	}
	return textdiff.TextLines(d.Source)
}

// diffLine is one row of the body diff: a line kept, added or removed,
// or a run of Skipped unchanged lines left out.
type diffLine struct {
	Kind    string // "equal", "insert", "delete" or "skip"
	Text    string
	Skipped int
}

// diffContext is how many unchanged lines stay visible next to a
// change: enough to find the place in the text.
const diffContext = 2

// collapse turns ops into rows, replacing each run of unchanged lines
// by its first and last keep lines (only the last before the first
// change, only the first after the last one) and a count of the rest.
// A gap of a single line is shown rather than counted.
func collapse(ops []textdiff.Op, keep int) []diffLine {
	var out []diffLine
	for i := 0; i < len(ops); {
		if ops[i].Kind != textdiff.Equal {
			kind := "insert"
			if ops[i].Kind == textdiff.Delete {
				kind = "delete"
			}
			out = append(out, diffLine{Kind: kind, Text: ops[i].Line})
			i++
			continue
		}
		j := i
		for j < len(ops) && ops[j].Kind == textdiff.Equal {
			j++
		}
		head, tail := keep, keep
		if i == 0 {
			head = 0
		}
		if j == len(ops) {
			tail = 0
		}
		run := ops[i:j]
		if hidden := len(run) - head - tail; hidden > 1 {
			out = appendEqual(out, run[:head])
			out = append(out, diffLine{Kind: "skip", Skipped: hidden})
			out = appendEqual(out, run[len(run)-tail:])
		} else {
			out = appendEqual(out, run)
		}
		i = j
	}
	return out
}

func appendEqual(out []diffLine, ops []textdiff.Op) []diffLine {
	for _, o := range ops {
		out = append(out, diffLine{Kind: "equal", Text: o.Line})
	}
	return out
}
