package store

import (
	"context"
	"database/sql"

	"github.com/gongkai/gongkai/internal/disclosure"
	"github.com/gongkai/gongkai/internal/search"
)

// ImportDocs are the documents of one import batch prepared for writing
// (PrepareImport) without I/O: checked, their HTML sanitised, their
// defaults filled and, with a search index that can, tokenised. What
// depends on their IDs waits for the transaction that takes the IDs. A
// bulk import prepares batch N+1 while the database writes batch N.
type ImportDocs struct {
	bodyID int64
	docs   []disclosure.Document
	search []search.Prepared // one a document, or nil
}

// Len is the number of documents.
func (d ImportDocs) Len() int { return len(d.docs) }

// preparingIndex is a search index that tokenises ahead of the
// transaction and writes new documents in bulk (search.Index).
type preparingIndex interface {
	Prepare(doc search.Doc) search.Prepared
	InsertNew(ctx context.Context, ex search.Execer, ins search.Inserter, docs []search.Prepared) error
}

// PrepareImport prepares already published documents of the body for
// ImportDocumentBatch; documents that are not published documents of
// the body with a valid 索引号 are refused.
func (s *Store) PrepareImport(bodyID int64, docs []disclosure.Document) (ImportDocs, error) {
	if err := checkImported(bodyID, docs); err != nil {
		return ImportDocs{}, err
	}
	out := ImportDocs{bodyID: bodyID, docs: make([]disclosure.Document, len(docs))}
	ix, prepare := s.search.(preparingIndex)
	for i, d := range docs {
		d.BodyHTML = disclosure.SanitizeBody(d.BodyHTML)
		if d.Created.IsZero() {
			d.Created = *d.Published
		}
		fillDocumentDefaults(&d)
		out.docs[i] = d
		if prepare {
			out.search = append(out.search, ix.Prepare(searchDoc(d)))
		}
	}
	return out, nil
}

// without returns the documents whose 索引号 is not in taken.
func (d ImportDocs) without(taken map[string]bool) ImportDocs {
	out := ImportDocs{bodyID: d.bodyID}
	for i, doc := range d.docs {
		if taken[doc.IndexNo] {
			continue
		}
		out.docs = append(out.docs, doc)
		if d.search != nil {
			out.search = append(out.search, d.search[i])
		}
	}
	return out
}

// indexImported indexes imported documents, their IDs taken: the
// prepared tokens by COPY when the batch writes by COPY, else as any
// other batch of the index.
func (s *Store) indexImported(ctx context.Context, tx *sql.Tx, ins bulkInserter, docs ImportDocs) error {
	ix, ok := s.search.(preparingIndex)
	if !ok || docs.search == nil {
		indexed := make([]search.Doc, len(docs.docs))
		for i, d := range docs.docs {
			indexed[i] = searchDoc(d)
		}
		return s.indexDocuments(ctx, tx, indexed)
	}
	for i := range docs.search {
		docs.search[i].SetID(docs.docs[i].ID)
	}
	var rows search.Inserter
	if c, ok := ins.(copyInserter); ok {
		rows = searchRows{c}
	}
	return ix.InsertNew(ctx, tx, rows, docs.search)
}

// searchRows lets the search index COPY through a bulk write.
type searchRows struct{ ins bulkInserter }

func (r searchRows) Insert(ctx context.Context, table string, cols []string, rows [][]any) error {
	return r.ins.insert(ctx, table, cols, rows)
}
