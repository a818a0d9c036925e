package web

import (
	"context"

	"github.com/gongkai/gongkai/internal/annualreport"
	"github.com/gongkai/gongkai/internal/parsejail"
)

// ParseReportUpload reads an uploaded annual report file (text, HTML,
// Word, Excel, PDF or the JSON form) into the report model. Every upload
// of a report that comes from outside — a supervisor's upload for a body
// that publishes elsewhere, the files of a batch check — is parsed
// through this one function, in a child process of jail under its budget
// (see parsejail): a hostile file ends in a *parsejail.BudgetError for
// that file, never in the server's death. ctx is the request's: the
// parse stops when the client goes away.
func ParseReportUpload(ctx context.Context, jail *parsejail.Jail, name string, data []byte) (*annualreport.Report, error) {
	return jail.Parse(ctx, name, data)
}
