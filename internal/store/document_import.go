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
// with an *IndexTakenError, so the caller can report every one.
func (s *Store) ImportDocuments(ctx context.Context, bodyID int64, docs []disclosure.Document, a Actor) error {
	for _, d := range docs {
		if d.Published == nil || d.BodyID != bodyID {
			return fmt.Errorf("store: import document %q: not a published document of body %d", d.Title, bodyID)
		}
		if err := disclosure.ValidateIndexNo(d.IndexNo); err != nil {
			return fmt.Errorf("store: import document %q: %w", d.Title, err)
		}
	}
	err := s.writePublic(ctx, func(tx *sql.Tx) error {
		taken := &IndexTakenError{}
		for _, d := range docs {
			var one int
			err := tx.QueryRowContext(ctx, "SELECT 1 FROM documents WHERE index_no = $1", d.IndexNo).Scan(&one)
			if err == nil {
				taken.IndexNos = append(taken.IndexNos, d.IndexNo)
			} else if !errors.Is(err, sql.ErrNoRows) {
				return err
			}
		}
		if len(taken.IndexNos) > 0 {
			return taken
		}
		for _, d := range docs {
			d.BodyHTML = disclosure.SanitizeBody(d.BodyHTML)
			if d.Created.IsZero() {
				d.Created = *d.Published
			}
			id, err := s.insertDocument(ctx, tx, d)
			if err != nil {
				return err
			}
			if err := s.afterImport(ctx, tx, id, d); err != nil {
				return err
			}
			if err := s.auditTx(ctx, tx, a, "doc.import", bodyID, id, "导入存量信息 "+d.IndexNo+"："+d.Title); err != nil {
				return err
			}
		}
		return nil
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
