package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/gongkai/gongkai/internal/disclosure"
)

// IndexTakenError lists imported 索引号 that are already in the
// database; nothing was written.
type IndexTakenError struct {
	IndexNos []string
}

func (e *IndexTakenError) Error() string {
	return "store: 索引号 already in use: " + strings.Join(e.IndexNos, ", ")
}

// ImportDocuments stores already published documents of one body (存量
// 政府信息) in one transaction: each keeps its 索引号 (legacy forms
// included) and 有效性 history, is indexed for search, audited, and
// moves the body's 索引号 counter ahead so later publications do not
// collide. A 索引号 already in the database refuses the whole batch
// with an *IndexTakenError, so the caller can report every one. It
// writes as a batch of a bulk import does (writeImported).
func (s *Store) ImportDocuments(ctx context.Context, bodyID int64, docs []disclosure.Document, a Actor) error {
	prepared, err := s.PrepareImport(bodyID, docs)
	if err != nil {
		return err
	}
	err = s.bulkWrite(ctx, func(tx *sql.Tx, ins bulkInserter) error {
		docs, err := s.unstoredDocuments(ctx, tx, prepared, false, nil)
		if err != nil {
			return err
		}
		return s.writeImported(ctx, tx, ins, bodyID, docs, a, s.now())
	})
	var taken *IndexTakenError
	if errors.As(err, &taken) {
		return taken
	}
	if err != nil {
		return fmt.Errorf("store: import documents: %w", classify(err))
	}
	return nil
}

// checkImported refuses documents that are not published documents of
// the body with a valid 索引号: the callers check rows before this.
func checkImported(bodyID int64, docs []disclosure.Document) error {
	for _, d := range docs {
		if d.Published == nil || d.BodyID != bodyID {
			return fmt.Errorf("store: import document %q: not a published document of body %d", d.Title, bodyID)
		}
		if err := disclosure.ValidateIndexNo(d.IndexNo); err != nil {
			return fmt.Errorf("store: import document %q: %w", d.Title, err)
		}
	}
	return nil
}
