package annualreport

// NormalizeLabel prepares a label written by a person (a heading, a
// spreadsheet cell) for comparison with the format's labels, with the
// same rules the report parser uses, so every importer matches alike.
func NormalizeLabel(s string) string { return normalize(s) }
