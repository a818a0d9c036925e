package annualreport

// Document is what every reader (text, HTML, DOCX, XLSX, PDF) turns its
// input into before interpretation: the report as a sequence of
// paragraphs and tables, in reading order. One interpreter turns a
// Document into a Report, so label matching, format detection and
// reading findings are written once for all source forms.
type Document struct {
	// Title is the document's own title when the source carries one
	// (HTML <title>, DOCX core properties); the interpreter still prefers
	// a title-like first paragraph.
	Title string
	// Published is a publication date found in page metadata, as written
	// (e.g. "2024-01-26"); "" when none.
	Published string
	Blocks    []Block
}

// Block is either a paragraph of text or a table.
type Block struct {
	Text  string // a paragraph (one line of text); empty for a table
	Table *Grid  // non-nil for a table
}

// Grid is a table with merged cells resolved: every row has the same
// number of columns, and a merged cell's text is repeated in each grid
// position it covers, with Origin telling which positions hold the text
// first (top-left of the merge). Spacer rows and columns may remain;
// the interpreter ignores them.
type Grid struct {
	Rows [][]GridCell
	// Pages are the PDF pages (from 1) the table is drawn on; nil for
	// other forms.
	Pages []int
	// Inferred: the cells were inferred from where the text stands (a
	// borderless PDF table, columns of spaced text), not drawn or marked
	// up by the source.
	Inferred bool
}

// GridCell is one position of a Grid.
type GridCell struct {
	Text string
	// Origin is false when this position is covered by a merge whose text
	// is shown at an earlier row or column.
	Origin bool
}
