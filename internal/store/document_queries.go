package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/gongkai/gongkai/internal/disclosure"
)

// BodyDocuments returns one page of a body's documents in any state (or
// only state, when given), most recently changed first, and the total.
func (s *Store) BodyDocuments(ctx context.Context, bodyID int64, state disclosure.State, offset, limit int) ([]disclosure.Document, int, error) {
	if limit <= 0 || limit > 500 {
		limit = 50
	}
	offset = max(offset, 0)
	where, args := "body_id = $1", []any{bodyID}
	if state != "" {
		where += " AND state = $2"
		args = append(args, string(state))
	}
	var ds []disclosure.Document
	var total int
	err := s.read(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM documents WHERE "+where, args...).Scan(&total); err != nil {
			return err
		}
		n := len(args)
		rows, err := tx.QueryContext(ctx, "SELECT "+documentColumns+" FROM documents WHERE "+where+
			fmt.Sprintf(" ORDER BY updated DESC, id DESC LIMIT $%d OFFSET $%d", n+1, n+2), append(args, limit, offset)...)
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
		return rows.Err()
	})
	if err != nil {
		return nil, 0, fmt.Errorf("store: documents of body %d: %w", bodyID, err)
	}
	return ds, total, nil
}

// DocumentVersions returns every saved version, newest first.
func (s *Store) DocumentVersions(ctx context.Context, id int64) ([]Version, error) {
	var out []Version
	err := s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT version, user_id, username, data, created
			FROM document_versions WHERE document_id = $1 ORDER BY version DESC`, id)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			v, err := scanVersion(rows)
			if err != nil {
				return err
			}
			out = append(out, v)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("store: versions of document %d: %w", id, err)
	}
	return out, nil
}

// DocumentVersion returns one saved version of a document with its
// whole snapshot; ErrNotFound (wrapped) when the document has no such
// version or does not exist.
func (s *Store) DocumentVersion(ctx context.Context, id int64, version int) (Version, error) {
	var v Version
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		v, err = scanVersion(tx.QueryRowContext(ctx, `SELECT version, user_id, username, data, created
			FROM document_versions WHERE document_id = $1 AND version = $2`, id, version))
		return err
	})
	if err != nil {
		return Version{}, notFound(err, "document version", fmt.Sprintf("%d/%d", id, version))
	}
	return v, nil
}

// scanVersion reads a document_versions row (version, user_id,
// username, data, created) and decodes its snapshot.
func scanVersion(row interface{ Scan(...any) error }) (Version, error) {
	var v Version
	var data string
	if err := row.Scan(&v.Version, &v.UserID, &v.Username, &data, timeScan{&v.Created}); err != nil {
		return v, err
	}
	if err := jsonUnmarshal(data, &v.Data); err != nil {
		return v, err
	}
	v.Title, v.Source = v.Data.Title, v.Data.Source
	return v, nil
}

// ReviewRecord is one 保密审查 decision on a document.
type ReviewRecord struct {
	Decision  string // "approve" or "return"
	Checklist string // the confirmed items, in words
	Note      string
	Username  string
	At        time.Time
}

// DocumentReviews returns the review decisions, oldest first.
func (s *Store) DocumentReviews(ctx context.Context, id int64) ([]ReviewRecord, error) {
	var out []ReviewRecord
	err := s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT decision, checklist, note, username, at
			FROM document_reviews WHERE document_id = $1 ORDER BY id`, id)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var r ReviewRecord
			if err := rows.Scan(&r.Decision, &r.Checklist, &r.Note, &r.Username, timeScan{&r.At}); err != nil {
				return err
			}
			out = append(out, r)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("store: reviews of document %d: %w", id, err)
	}
	return out, nil
}

// AddAttachment attaches a stored blob to a draft under its original name.
func (s *Store) AddAttachment(ctx context.Context, at disclosure.Attachment, a Actor) (int64, error) {
	var id int64
	err := s.writePublic(ctx, func(tx *sql.Tx) error {
		d, err := s.lockDocument(ctx, tx, at.DocumentID)
		if err != nil {
			return err
		}
		if _, err := transition(d, disclosure.ActionEdit); err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, `INSERT INTO document_attachments (document_id, hash, name, size, content_type, created)
			VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, at.DocumentID, at.Hash, at.Name, at.Size, at.ContentType,
			s.ts(s.now())).Scan(&id); err != nil {
			return err
		}
		return s.auditTx(ctx, tx, a, "doc.attach", d.BodyID, d.ID, at.Name)
	})
	if err != nil {
		return 0, fmt.Errorf("store: attach to document %d: %w", at.DocumentID, err)
	}
	return id, nil
}

// RemoveAttachment detaches a file from a draft; the blob itself stays,
// as blobs are shared by content.
func (s *Store) RemoveAttachment(ctx context.Context, docID, attID int64, a Actor) error {
	err := s.writePublic(ctx, func(tx *sql.Tx) error {
		d, err := s.lockDocument(ctx, tx, docID)
		if err != nil {
			return err
		}
		if _, err := transition(d, disclosure.ActionEdit); err != nil {
			return err
		}
		var name string
		if err := tx.QueryRowContext(ctx, "SELECT name FROM document_attachments WHERE id = $1 AND document_id = $2",
			attID, docID).Scan(&name); err != nil {
			return notFound(err, "attachment", attID)
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM document_attachments WHERE id = $1", attID); err != nil {
			return err
		}
		return s.auditTx(ctx, tx, a, "doc.detach", d.BodyID, d.ID, name)
	})
	if err != nil {
		return fmt.Errorf("store: detach %d from document %d: %w", attID, docID, err)
	}
	return nil
}

// SitemapEntry is a published document's address parts and last change.
type SitemapEntry struct {
	DocumentID int64
	BodySlug   string
	Updated    time.Time
}

// SitemapEntries lists published documents, newest change first, at
// most limit (the sitemap protocol allows 50,000 per file).
func (s *Store) SitemapEntries(ctx context.Context, limit int) ([]SitemapEntry, error) {
	var out []SitemapEntry
	err := s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT d.id, b.slug, d.updated, d.created FROM documents d
			JOIN bodies b ON b.id = d.body_id WHERE d.state = 'published' ORDER BY d.id DESC LIMIT $1`, limit)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var e SitemapEntry
			var updated *time.Time
			var created time.Time
			if err := rows.Scan(&e.DocumentID, &e.BodySlug, nullTimeScan{&updated}, timeScan{&created}); err != nil {
				return err
			}
			e.Updated = created
			if updated != nil {
				e.Updated = *updated
			}
			out = append(out, e)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("store: sitemap: %w", err)
	}
	return out, nil
}

// maxTimeScan reads max() of a time column: SQLite returns the text,
// PostgreSQL the timestamp, both NULL on no rows.
type maxTimeScan struct{ p **time.Time }

func (m maxTimeScan) Scan(v any) error { return nullTimeScan(m).Scan(v) }

// CountedDocuments returns a body's published and withdrawn 规章 and
// 规范性文件 with their 有效性 history: what table 二 item 一 counts.
func (s *Store) CountedDocuments(ctx context.Context, bodyID int64) ([]disclosure.Document, error) {
	var ds []disclosure.Document
	err := s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, "SELECT "+documentColumns+` FROM documents
			WHERE body_id = $1 AND kind IN ('rule', 'normative') AND state IN ('published', 'withdrawn') ORDER BY id`, bodyID)
		if err != nil {
			return err
		}
		for rows.Next() {
			d, err := scanDocument(rows)
			if err != nil {
				rows.Close()
				return err
			}
			ds = append(ds, d)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for i := range ds {
			if ds[i].Validity, err = s.validityOf(ctx, tx, ds[i].ID); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: counted documents of body %d: %w", bodyID, err)
	}
	return ds, nil
}

// HitDetail is what a search result shows of its document beyond the
// index's own fields: the column, the 索引号 and the publication date.
type HitDetail struct {
	Published time.Time
	IndexNo   string
	Column    string
}

// HitDetails returns, in one query instead of a document read per hit,
// the details of the documents among ids that are published; the others
// (drafts, withdrawn, unknown) are absent from the map.
func (s *Store) HitDetails(ctx context.Context, ids []int64) (map[int64]HitDetail, error) {
	out := make(map[int64]HitDetail, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	ph := make([]string, len(ids))
	args := make([]any, len(ids))
	for i, id := range ids {
		ph[i], args[i] = fmt.Sprintf("$%d", i+1), id
	}
	err := s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT d.id, d.published, d.index_no, c.name FROM documents d
			JOIN site_columns c ON c.id = d.column_id
			WHERE d.state = 'published' AND d.published IS NOT NULL AND d.id IN (`+strings.Join(ph, ", ")+")", args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			var t *time.Time
			var h HitDetail
			if err := rows.Scan(&id, nullTimeScan{&t}, &h.IndexNo, &h.Column); err != nil {
				return err
			}
			h.Published = *t
			out[id] = h
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("store: details of %d documents: %w", len(ids), err)
	}
	return out, nil
}
