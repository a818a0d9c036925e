package annualreport

import (
	"bufio"
	"fmt"
	"html"
	"io"
)

// The parts of RenderHTML, for pages that hold a report inside their own
// layout (a console page, a document body on a portal): HTML fragments
// with no page head and no stylesheet, escaped like the standalone page
// and laid out by the same code, so every rendering shows the same
// tables.

// RenderHTMLBody writes the report's preamble and its six sections
// (heading, prose, tables) without the title: what a document page
// shows below its own title.
func RenderHTMLBody(w io.Writer, r *Report) error {
	if r == nil {
		return fmt.Errorf("annualreport: render HTML body: no report")
	}
	bw := bufio.NewWriter(w)
	writeHTMLBody(bw, r, renderFormat(r))
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("annualreport: render HTML body: %w", err)
	}
	return nil
}

// RenderHTMLProse writes the text of one section (一 … 六) as paragraphs.
func RenderHTMLProse(w io.Writer, r *Report, section string) error {
	if r == nil {
		return fmt.Errorf("annualreport: render HTML prose: no report")
	}
	bw := bufio.NewWriter(w)
	writeHTMLProse(bw, r.Sections[section])
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("annualreport: render HTML prose: %w", err)
	}
	return nil
}

// RenderHTMLTables writes the tables of section 二, 三 or 四 (nothing for
// the other sections) in the layout of the report's format.
func RenderHTMLTables(w io.Writer, r *Report, section string) error {
	if r == nil {
		return fmt.Errorf("annualreport: render HTML tables: no report")
	}
	bw := bufio.NewWriter(w)
	writeHTMLTables(bw, r, renderFormat(r), section)
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("annualreport: render HTML tables: %w", err)
	}
	return nil
}

func writeHTMLBody(bw *bufio.Writer, r *Report, f *Format) {
	writeHTMLProse(bw, r.Preamble)
	for _, s := range f.Sections {
		fmt.Fprintf(bw, "<section>\n<h2>%s</h2>\n", html.EscapeString(s.Label))
		writeHTMLProse(bw, r.Sections[s.ID])
		writeHTMLTables(bw, r, f, s.ID)
		bw.WriteString("</section>\n")
	}
}

func writeHTMLProse(bw *bufio.Writer, text string) {
	for _, p := range sectionParagraphs(text) {
		fmt.Fprintf(bw, "<p>%s</p>\n", html.EscapeString(p))
	}
}

func writeHTMLTables(bw *bufio.Writer, r *Report, f *Format, section string) {
	switch section {
	case "二":
		for _, t := range twoTables(r, f) {
			writeHTMLTable(bw, t, "two")
		}
	case "三":
		writeHTMLTable(bw, threeTable(r, f), "three")
	case "四":
		writeHTMLTable(bw, fourTable(r, f), "four")
	}
}
