package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/gongkai/gongkai/internal/disclosure"
)

// Document bodies are cleaned on the way in (disclosure.SanitizeBody, the
// one body policy), so every reader of the store can trust BodyHTML.

const documentColumns = `id, body_id, column_id, index_no, title, doc_no, publisher, summary,
	body_html, written, published, created, theme, genre, keywords, public_mode, kind, body_format,
	body_source, state, version, updated, withdrawn, withdraw_reason, return_reason, interprets`

func scanDocument(row interface{ Scan(...any) error }) (disclosure.Document, error) {
	var d disclosure.Document
	var keywords string
	var updated *time.Time
	err := row.Scan(&d.ID, &d.BodyID, &d.ColumnID, &d.IndexNo, &d.Title, &d.DocNo, &d.Publisher, &d.Summary,
		&d.BodyHTML, nullTimeScan{&d.Written}, nullTimeScan{&d.Published}, timeScan{&d.Created},
		&d.Theme, &d.Genre, &keywords, &d.PublicMode, &d.Kind, &d.Format, &d.Source, &d.State, &d.Version,
		nullTimeScan{&updated}, nullTimeScan{&d.Withdrawn}, &d.WithdrawReason, &d.ReturnReason, scanID{&d.Interprets})
	d.Keywords = splitList(keywords)
	d.Updated = d.Created
	if updated != nil {
		d.Updated = *updated
	}
	return d, err
}

// CreateDocument stores a document in a column of its body, sanitising
// BodyHTML (disclosure.SanitizeBody). Published nil keeps it a draft;
// with Published set it is an import of an already published record,
// whose 索引号 (legacy forms included) is kept. Drafting through the
// workflow uses CreateDraft instead.
func (s *Store) CreateDocument(ctx context.Context, d disclosure.Document) (int64, error) {
	if d.Created.IsZero() {
		d.Created = s.now()
	}
	d.BodyHTML = disclosure.SanitizeBody(d.BodyHTML)
	if d.IndexNo != "" {
		if err := disclosure.ValidateIndexNo(d.IndexNo); err != nil {
			return 0, fmt.Errorf("store: create document %q: %w", d.Title, err)
		}
	}
	var id int64
	err := s.writePublic(ctx, func(tx *sql.Tx) error {
		var owner int64
		if err := tx.QueryRowContext(ctx, "SELECT body_id FROM site_columns WHERE id = $1", d.ColumnID).Scan(&owner); err != nil {
			return notFound(err, "column", d.ColumnID)
		}
		if owner != d.BodyID {
			return fmt.Errorf("store: column %d belongs to body %d, not %d", d.ColumnID, owner, d.BodyID)
		}
		var err error
		id, err = s.insertDocument(ctx, tx, d)
		if err != nil || d.Published == nil {
			return err
		}
		return s.afterImport(ctx, tx, id, d)
	})
	if err != nil {
		return 0, fmt.Errorf("store: create document %q: %w", d.Title, classify(err))
	}
	return id, nil
}

// Documents returns one page of a column's published documents, newest
// first, and how many there are in all. Drafts and withdrawn documents
// are never listed here (a withdrawn one keeps its page, with a notice).
func (s *Store) Documents(ctx context.Context, columnID int64, offset, limit int) ([]disclosure.Document, int, error) {
	if limit <= 0 || limit > 500 {
		limit = 20
	}
	offset = max(offset, 0)
	var ds []disclosure.Document
	var total int
	err := s.read(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM documents WHERE column_id = $1 AND state = 'published'",
			columnID).Scan(&total); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, "SELECT "+documentColumns+` FROM documents
			WHERE column_id = $1 AND state = 'published' ORDER BY published DESC, id DESC LIMIT $2 OFFSET $3`,
			columnID, limit, offset)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			d, err := scanDocument(rows)
			if err != nil {
				return err
			}
			ds = append(ds, d)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		rows.Close()
		// 有效性 belongs to the listing of 规章 and 规范性文件.
		for i := range ds {
			if ds[i].Kind.HasValidity() {
				if ds[i].Validity, err = s.validityOf(ctx, tx, ds[i].ID); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, 0, fmt.Errorf("store: documents of column %d: %w", columnID, err)
	}
	return ds, total, nil
}

// Document returns one document, draft or published, with its
// attachments and 有效性 history: callers serving the public must check
// Published.
func (s *Store) Document(ctx context.Context, id int64) (disclosure.Document, error) {
	var d disclosure.Document
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		d, err = scanDocument(tx.QueryRowContext(ctx, "SELECT "+documentColumns+" FROM documents WHERE id = $1", id))
		if err != nil {
			return err
		}
		return s.loadDocumentParts(ctx, tx, &d)
	})
	if err != nil {
		return disclosure.Document{}, notFound(err, "document", id)
	}
	return d, nil
}
