package web

import (
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gongkai/gongkai/internal/disclosure"
)

// readDocumentForm reads the draft form of body bodyID into a document:
// its metadata, its column (one of cols, else none) and its body
// rendered from the source, with the problems to show beside the form,
// in Chinese.
func readDocumentForm(f url.Values, bodyID int64, cols []disclosure.Column) (disclosure.Document, []string) {
	d := disclosure.Document{BodyID: bodyID,
		Title:      strings.TrimSpace(f.Get("title")),
		DocNo:      strings.TrimSpace(f.Get("doc_no")),
		Publisher:  strings.TrimSpace(f.Get("publisher")),
		Summary:    strings.TrimSpace(f.Get("summary")),
		Theme:      f.Get("theme"),
		Genre:      strings.TrimSpace(f.Get("genre")),
		Keywords:   disclosure.SplitKeywords(f.Get("keywords")),
		PublicMode: strings.TrimSpace(f.Get("public_mode")),
		Kind:       disclosure.Kind(f.Get("kind")),
		Format:     disclosure.BodyFormat(f.Get("format")),
		Source:     f.Get("source"),
	}
	var errs []string
	if id, err := strconv.ParseInt(f.Get("column_id"), 10, 64); err == nil {
		for _, c := range cols {
			if c.ID == id {
				d.ColumnID = id
			}
		}
	}
	if v := f.Get("interprets"); v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 {
			errs = append(errs, "所解读的文件不正确。")
		}
		d.Interprets = id
	}
	if w := strings.TrimSpace(f.Get("written")); w != "" {
		t, err := time.ParseInLocation("2006-01-02", w, chinaTime)
		if err != nil {
			errs = append(errs, "成文日期格式应为 YYYY-MM-DD。")
		} else {
			d.Written = &t
		}
	}
	errs = append(errs, d.Validate()...)
	if d.Format.Valid() {
		html, err := disclosure.RenderBody(d.Format, d.Source)
		if err != nil {
			errs = append(errs, "正文无法转换，请检查格式。")
		}
		d.BodyHTML = html
	}
	return d, errs
}
