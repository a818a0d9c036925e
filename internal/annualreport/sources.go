package annualreport

import "slices"

// TableSource tells where the figures of one table section came from, so
// a supervisor can see when a figure rests on a guess (an extension of the JSON contract,
// present only for reports read from a document).
type TableSource struct {
	// Reader is the reader that read the document: text, html, docx,
	// xlsx or pdf.
	Reader string `json:"reader"`
	// Pages are the PDF pages the table stands on; omitted for other forms.
	Pages []int `json:"pages,omitempty"`
	// Method is "grid" when the source drew or marked up the cells
	// (ruled PDF table, HTML/Word/Excel table, cells separated by | or
	// tabs) and "text-heuristic" when they were inferred from where the
	// text stands (borderless PDF table, spaced or one-cell-per-line text).
	Method string `json:"method"`
	// Confidence is "high" for cells read from a grid with every label
	// matched, "medium" for inferred cells or a grid with labels that
	// needed a finding (unknown, truncated or read by position), "low" for
	// inferred cells with such labels.
	Confidence string `json:"confidence"`
}

const (
	MethodGrid      = "grid"
	MethodHeuristic = "text-heuristic"
)

// readerIDs name the readers in the JSON.
var readerIDs = map[Form]string{FormText: "text", FormHTML: "html", FormDOCX: "docx", FormXLSX: "xlsx", FormPDF: "pdf"}

// tableSources describes how each table section of lay was read; the
// reader is filled in by Read, which knows the form.
func tableSources(lay *layout, doc Document, findings []Finding) map[string]TableSource {
	out := map[string]TableSource{}
	for id, rows := range map[string][]trow{"二": lay.two, "三": lay.three, "四": lay.four} {
		var pages []int
		inferred, seen := false, map[int]bool{}
		for _, r := range rows {
			if r.grid < 0 || r.grid >= len(doc.Blocks) || seen[r.grid] {
				continue
			}
			seen[r.grid] = true
			g := doc.Blocks[r.grid].Table
			if g == nil {
				continue
			}
			inferred = inferred || g.Inferred
			pages = append(pages, g.Pages...)
		}
		if len(seen) == 0 {
			continue
		}
		slices.Sort(pages)
		src := TableSource{Pages: slices.Compact(pages), Method: MethodGrid, Confidence: "high"}
		if inferred {
			src.Method, src.Confidence = MethodHeuristic, "medium"
		}
		for _, f := range findings {
			if f.Section == id && f.Rule == RuleUnknownLabel {
				src.Confidence = "medium"
				if inferred {
					src.Confidence = "low"
				}
			}
		}
		out[id] = src
	}
	return out
}
