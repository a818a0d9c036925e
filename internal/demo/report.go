package demo

import (
	"bytes"
	"context"
	_ "embed"
	"fmt"
	"strings"
	"time"

	"github.com/gongkai/gongkai/internal/annualreport"
	"github.com/gongkai/gongkai/internal/blob"
	"github.com/gongkai/gongkai/internal/store"
	"github.com/gongkai/gongkai/internal/workday"
)

// reportText is the township's published 2021 annual report as plain
// text, tables flattened to "|"-separated rows.
//
//go:embed wucheng-2021-annual-report.txt
var reportText string

// seedImportedReport records the township's 2021 report as it was
// published before the platform (source import): the original text is
// kept as a blob and attached, the report is read by the same reader as
// any upload (in process: the text is embedded in the binary, not
// untrusted), and the portal shows it in the official layout from the
// model, with its findings (it has four) for staff to see. Reports are
// due by 31 January; the publication date is invented within that.
func seedImportedReport(ctx context.Context, st *store.Store, blobs blob.Store, bodyID int64, who actors) error {
	const name = "吴城镇人民政府2021年政府信息公开工作年度报告.txt"
	published := time.Date(2022, 1, 20, 10, 0, 0, 0, workday.China)
	b, err := st.Body(ctx, bodyID)
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	rep, err := annualreport.Read(name, []byte(reportText))
	if err != nil {
		return fmt.Errorf("demo: the seed report: %w", err)
	}
	return recordReport(ctx, st, blobs, recordedReport{bodyID: bodyID, rep: rep, name: name, data: []byte(reportText),
		published: published, source: store.ReportSourceImport, document: true,
		indexNo: fmt.Sprintf("%s/%d-%05d", b.Code, 2022, 1), role: annualreport.RoleLocal}, who.admin)
}

// recordedReport is a report published outside the workflow, as the
// demo records it.
type recordedReport struct {
	bodyID    int64
	rep       *annualreport.Report
	name      string
	data      []byte
	published time.Time
	source    string
	document  bool
	indexNo   string
	role      annualreport.Role
}

// recordReport checks a report as of its publication (the late rule
// against its Art. 49 deadline included), keeps the original as a blob
// and records it as a published version with its canonical JSON.
func recordReport(ctx context.Context, st *store.Store, blobs blob.Store, x recordedReport, a store.Actor) error {
	rep := x.rep
	rep.Published = &x.published
	due := annualreport.DeadlineFor(x.role, rep.Year, annualreport.LocalRule{})
	rep.Findings = annualreport.Lint(rep, nil, annualreport.Options{Deadline: annualreport.DeadlineGiven, Due: due})
	var check store.ReportCheck
	for _, f := range rep.Findings {
		if f.Severity == annualreport.SeverityError {
			check.Errors++
		} else {
			check.Warnings++
		}
	}
	canonical, err := annualreport.EncodeJSON(rep)
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	var html bytes.Buffer
	if err := annualreport.RenderHTMLBody(&html, rep); err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	info, err := blobs.Put(ctx, bytes.NewReader(x.data), int64(len(x.data)))
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	_, err = st.RecordPublishedReport(ctx, store.Publication{BodyID: x.bodyID, Year: rep.Year, Title: strings.TrimSpace(rep.Title),
		Canonical: canonical, HTML: html.String(), Check: check, Published: x.published, IndexNo: x.indexNo,
		Original: store.ReportOriginal{Hash: info.Hash, Name: x.name, ContentType: info.ContentType, Size: info.Size}},
		x.source, x.document, a)
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	return nil
}
