package web

import "github.com/gongkai/gongkai/internal/annualreport"

// ParseReportUpload reads an uploaded annual report file (text, HTML,
// Word, Excel, PDF or the JSON form) into the report model. Every upload
// of a report to be kept — a supervisor's upload for a body that
// publishes elsewhere, the demo's — is parsed through this one function,
// so the parsing of untrusted files can be moved into a sandboxed child
// process in one place.
func ParseReportUpload(name string, data []byte) (*annualreport.Report, error) {
	return annualreport.Read(name, data)
}
