package web

import (
	"context"

	"github.com/gongkai/gongkai/internal/body"
	"github.com/gongkai/gongkai/internal/disclosure"
)

// annualReportColumn is the fixed 政府信息公开工作年度报告 sub-column
// every body has; the report's document lives there.
const annualReportColumn = "annual-report"

// annualReportDocs are the documents in the body's annual-report column
// that carry the report's title: what the report page links to and the
// draft action updates. A report is recognised by its column and title,
// the two things the draft action sets and an editor has no reason to
// change.
type annualReportDocs struct {
	Column    disclosure.Column
	Draft     *disclosure.Document // state draft: the draft action updates it
	InReview  *disclosure.Document // submitted or approved: the draft action waits for it
	Published *disclosure.Document // the latest published one
}

func (s *server) findAnnualReportDocs(ctx context.Context, b body.Body, title string) (annualReportDocs, error) {
	col, err := s.store.ColumnBySlug(ctx, b.ID, annualReportColumn)
	if err != nil {
		return annualReportDocs{}, err
	}
	out := annualReportDocs{Column: col}
	// Unpublished documents are few, so each state is read in full from
	// the body's list; published ones are read from the column itself.
	for _, st := range []disclosure.State{disclosure.StateDraft, disclosure.StateSubmitted, disclosure.StateApproved} {
		err := eachPage(func(offset, limit int) ([]disclosure.Document, int, error) {
			return s.store.BodyDocuments(ctx, b.ID, st, offset, limit)
		}, func(d disclosure.Document) {
			if d.ColumnID != col.ID || d.Title != title {
				return
			}
			if st == disclosure.StateDraft && out.Draft == nil {
				out.Draft = &d
			} else if st != disclosure.StateDraft && out.InReview == nil {
				out.InReview = &d
			}
		})
		if err != nil {
			return annualReportDocs{}, err
		}
	}
	// The column lists the most recently published first.
	err = eachPage(func(offset, limit int) ([]disclosure.Document, int, error) {
		return s.store.Documents(ctx, col.ID, offset, limit)
	}, func(d disclosure.Document) {
		if d.Title == title && out.Published == nil {
			out.Published = &d
		}
	})
	if err != nil {
		return annualReportDocs{}, err
	}
	return out, nil
}

// eachPage calls fn on every document a paged listing returns.
func eachPage(list func(offset, limit int) ([]disclosure.Document, int, error), fn func(disclosure.Document)) error {
	const page = 200
	for offset := 0; ; offset += page {
		docs, total, err := list(offset, page)
		if err != nil {
			return err
		}
		for _, d := range docs {
			fn(d)
		}
		if offset+page >= total || len(docs) == 0 {
			return nil
		}
	}
}
