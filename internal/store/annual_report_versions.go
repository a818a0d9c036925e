package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"strconv"
	"time"

	"github.com/gongkai/gongkai/internal/disclosure"
	"github.com/gongkai/gongkai/internal/reportflow"
)

// Where a published version came from.
const (
	ReportSourcePlatform = "platform" // through the workflow on this platform
	ReportSourceUpload   = "upload"   // published elsewhere, uploaded by a supervisor
	ReportSourceImport   = "import"   // published before the body used the platform
)

// ReportVersion is one published version of a body's report for a year.
// It is never changed: the database refuses updates and deletes.
type ReportVersion struct {
	ID         int64
	BodyID     int64
	Year       int
	Version    int
	Source     string
	DocumentID int64 // the portal document showing it (0: none, an off-platform body's)
	// Canonical is the report's JSON (spec §7) as published, findings
	// included; SHA256 is the hex sha256 of exactly these bytes, so
	// anyone can check a download against the page.
	Canonical  []byte
	SHA256     string
	Published  time.Time
	ChangeNote string // what a correction changed (empty for version 1)
	Check      ReportCheck
	Original   ReportOriginal // the file as published elsewhere (upload, import)
	Created    time.Time
}

// ReportOriginal names a report's original file, kept as a blob.
type ReportOriginal struct {
	Hash        string
	Name        string
	ContentType string
	Size        int64
}

const reportVersionColumns = `id, body_id, year, version, source, document_id, sha256, canonical, published, change_note,
	errors, warnings, original_hash, original_name, original_type, original_size, created`

func scanReportVersion(row interface{ Scan(...any) error }) (ReportVersion, error) {
	var v ReportVersion
	var canonical string
	err := row.Scan(&v.ID, &v.BodyID, &v.Year, &v.Version, &v.Source, scanID{&v.DocumentID}, &v.SHA256, &canonical,
		timeScan{&v.Published}, &v.ChangeNote, &v.Check.Errors, &v.Check.Warnings, &v.Original.Hash, &v.Original.Name,
		&v.Original.ContentType, &v.Original.Size, timeScan{&v.Created})
	v.Canonical = []byte(canonical)
	return v, err
}

func (s *Store) reportVersions(ctx context.Context, tx *sql.Tx, where string, args ...any) ([]ReportVersion, error) {
	rows, err := tx.QueryContext(ctx, "SELECT "+reportVersionColumns+" FROM annual_report_versions WHERE "+where+
		" ORDER BY version", args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ReportVersion
	for rows.Next() {
		v, err := scanReportVersion(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// ReportVersionsOfDocument returns every published version of the report
// a portal document shows, oldest first; none when the document is not
// an annual report published through the workflow or imported.
func (s *Store) ReportVersionsOfDocument(ctx context.Context, documentID int64) ([]ReportVersion, error) {
	var out []ReportVersion
	err := s.read(ctx, func(tx *sql.Tx) error {
		var bodyID int64
		var year int
		err := tx.QueryRowContext(ctx, "SELECT body_id, year FROM annual_report_versions WHERE document_id = $1 LIMIT 1",
			documentID).Scan(&bodyID, &year)
		if err == sql.ErrNoRows {
			return nil
		}
		if err != nil {
			return err
		}
		out, err = s.reportVersions(ctx, tx, "body_id = $1 AND year = $2", bodyID, year)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: report versions of document %d: %w", documentID, err)
	}
	return out, nil
}

// Publication is a report version to publish. Canonical is the report's
// JSON as published and HTML its body for the portal, both rendered by
// the caller from the same report.
type Publication struct {
	BodyID     int64
	Year       int
	Title      string
	Canonical  []byte
	HTML       string
	Check      ReportCheck
	Published  time.Time      // when it was published (Record: elsewhere); Publish: zero means now
	Original   ReportOriginal // Record only
	IndexNo    string         // Record with a document: the 索引号 it was published under ("" gives one)
	ChangeNote string         // Record of a later version: what it changed
}

// PublishAnnualReport publishes an approved report in one transaction:
// the body's 年度报告 column gets a document showing it (version 1), or
// the document already showing it gets the new version's text; the
// version is stored with the sha256 of its canonical bytes; the state
// becomes published; the audit log says so.
func (s *Store) PublishAnnualReport(ctx context.Context, p Publication, a Actor) (ReportVersion, error) {
	var v ReportVersion
	err := s.writePublic(ctx, func(tx *sql.Tx) error {
		rec, err := s.lockAnnualReport(ctx, tx, p.BodyID, p.Year)
		if err != nil {
			return err
		}
		if _, err := nextReportState(rec.State, reportflow.ActionPublish); err != nil {
			return err
		}
		now := s.now()
		if p.Published.IsZero() {
			p.Published = now
		}
		v = ReportVersion{BodyID: p.BodyID, Year: p.Year, Version: rec.Version, Source: ReportSourcePlatform,
			Canonical: p.Canonical, Published: p.Published, ChangeNote: rec.ChangeNote, Check: p.Check, Created: now}
		if v.DocumentID, err = s.reportDocumentTx(ctx, tx, p, rec.Version, p.Published, a); err != nil {
			return err
		}
		if err := s.insertReportVersion(ctx, tx, &v); err != nil {
			return err
		}
		if err := s.setReportState(ctx, tx, p.BodyID, p.Year, reportflow.Published, rec.Version, p.Check); err != nil {
			return err
		}
		return s.reportStepTx(ctx, tx, p.BodyID, p.Year, rec.Version, reportflow.ActionPublish, "sha256 "+v.SHA256, "", p.Check, nil, a)
	})
	if err != nil {
		return ReportVersion{}, fmt.Errorf("store: publish annual report of body %d for %d: %w", p.BodyID, p.Year, classify(err))
	}
	return v, nil
}

// RecordPublishedReport records a report that was published outside the
// workflow, as its next version: a supervisor's upload for a body that
// publishes elsewhere (source upload, no portal document), or a report a
// body published before it used the platform (source import, shown in
// its 年度报告 column with the original attached when withDocument).
func (s *Store) RecordPublishedReport(ctx context.Context, p Publication, source string, withDocument bool, a Actor) (ReportVersion, error) {
	action := reportflow.ActionUpload
	if source == ReportSourceImport {
		action = reportflow.ActionImport
	}
	var v ReportVersion
	err := s.writePublic(ctx, func(tx *sql.Tx) error {
		rec, err := s.lockAnnualReport(ctx, tx, p.BodyID, p.Year)
		if err != nil {
			return err
		}
		if _, err := nextReportState(rec.State, action); err != nil {
			return err
		}
		version := 1
		if rec.State == reportflow.Published {
			version = rec.Version + 1
		}
		v = ReportVersion{BodyID: p.BodyID, Year: p.Year, Version: version, Source: source, Canonical: p.Canonical,
			Published: p.Published, ChangeNote: p.ChangeNote, Check: p.Check, Original: p.Original, Created: s.now()}
		if withDocument {
			if v.DocumentID, err = s.reportDocumentTx(ctx, tx, p, version, p.Published, a); err != nil {
				return err
			}
		}
		if err := s.insertReportVersion(ctx, tx, &v); err != nil {
			return err
		}
		if err := s.setReportState(ctx, tx, p.BodyID, p.Year, reportflow.Published, version, p.Check); err != nil {
			return err
		}
		return s.reportStepTx(ctx, tx, p.BodyID, p.Year, version, action, p.Original.Name+" sha256 "+v.SHA256, "", p.Check, nil, a)
	})
	if err != nil {
		return ReportVersion{}, fmt.Errorf("store: record published annual report of body %d for %d: %w", p.BodyID, p.Year, classify(err))
	}
	return v, nil
}

func (s *Store) insertReportVersion(ctx context.Context, tx *sql.Tx, v *ReportVersion) error {
	sum := sha256.Sum256(v.Canonical)
	v.SHA256 = hex.EncodeToString(sum[:])
	return tx.QueryRowContext(ctx, `INSERT INTO annual_report_versions (body_id, year, version, source, document_id, sha256,
		canonical, published, change_note, errors, warnings, original_hash, original_name, original_type, original_size, created)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING id`,
		v.BodyID, v.Year, v.Version, v.Source, nullID(v.DocumentID), v.SHA256, string(v.Canonical), s.ts(v.Published),
		v.ChangeNote, v.Check.Errors, v.Check.Warnings, v.Original.Hash, v.Original.Name, v.Original.ContentType,
		v.Original.Size, s.ts(v.Created)).Scan(&v.ID)
}

// reportDocumentTx is the portal document of a report version: version
// 1 (or the first recorded) creates it in the body's 年度报告 column,
// published at published with a 索引号 (the given one, or the next of the
// body's counter); a later version replaces its text, keeping its
// 索引号, as a new document version. The original file, when there is
// one, is attached.
func (s *Store) reportDocumentTx(ctx context.Context, tx *sql.Tx, p Publication, version int, published time.Time, a Actor) (int64, error) {
	var docID int64
	err := tx.QueryRowContext(ctx, `SELECT document_id FROM annual_report_versions
		WHERE body_id = $1 AND year = $2 AND document_id IS NOT NULL ORDER BY version DESC LIMIT 1`,
		p.BodyID, p.Year).Scan(&docID)
	switch {
	case err == sql.ErrNoRows:
		docID, err = s.createReportDocument(ctx, tx, p, published, a)
		if err != nil {
			return 0, err
		}
	case err != nil:
		return 0, err
	default:
		if err := s.updateReportDocument(ctx, tx, docID, p, version, a); err != nil {
			return 0, err
		}
	}
	if p.Original.Hash != "" {
		if _, err := tx.ExecContext(ctx, `INSERT INTO document_attachments (document_id, hash, name, size, content_type, created)
			VALUES ($1, $2, $3, $4, $5, $6)`, docID, p.Original.Hash, p.Original.Name, p.Original.Size,
			p.Original.ContentType, s.ts(s.now())); err != nil {
			return 0, err
		}
	}
	return docID, nil
}

func (s *Store) createReportDocument(ctx context.Context, tx *sql.Tx, p Publication, published time.Time, a Actor) (int64, error) {
	var columnID int64
	var publisher string
	if err := tx.QueryRowContext(ctx, `SELECT c.id, b.name FROM site_columns c JOIN bodies b ON b.id = c.body_id
		WHERE c.body_id = $1 AND c.slug = $2`, p.BodyID, disclosure.AnnualReportSlug).Scan(&columnID, &publisher); err != nil {
		return 0, notFound(err, "annual report column of body", p.BodyID)
	}
	now := s.now()
	written := time.Date(published.In(chinaZone).Year(), published.In(chinaZone).Month(), published.In(chinaZone).Day(), 0, 0, 0, 0, chinaZone)
	d := disclosure.Document{BodyID: p.BodyID, ColumnID: columnID, Title: p.Title, Publisher: publisher,
		Summary: p.Title + "。", BodyHTML: disclosure.SanitizeBody(p.HTML), Kind: disclosure.KindOther,
		Format: disclosure.FormatHTML, IndexNo: p.IndexNo, Written: &written, Created: now, Updated: now}
	d.Source = d.BodyHTML
	id, err := s.insertDocument(ctx, tx, d)
	if err != nil {
		return 0, err
	}
	d.ID = id
	if err := s.insertVersion(ctx, tx, id, d, a); err != nil {
		return 0, err
	}
	if p.IndexNo != "" {
		if _, err := tx.ExecContext(ctx, "UPDATE documents SET state = $1, published = $2 WHERE id = $3",
			string(disclosure.StatePublished), s.ts(published), id); err != nil {
			return 0, err
		}
		d.Published, d.State = &published, disclosure.StatePublished
		if err := s.afterImport(ctx, tx, id, d); err != nil {
			return 0, err
		}
	} else {
		if _, err := tx.ExecContext(ctx, "UPDATE documents SET state = $1 WHERE id = $2", string(disclosure.StatePublished), id); err != nil {
			return 0, err
		}
		if _, _, err := s.publishTx(ctx, tx, d, published); err != nil {
			return 0, err
		}
	}
	return id, s.auditTx(ctx, tx, a, "doc.publish", p.BodyID, id, "年度报告")
}

func (s *Store) updateReportDocument(ctx context.Context, tx *sql.Tx, docID int64, p Publication, version int, a Actor) error {
	d, err := s.lockDocument(ctx, tx, docID)
	if err != nil {
		return err
	}
	d.Title, d.BodyHTML = p.Title, disclosure.SanitizeBody(p.HTML)
	d.Source, d.Version = d.BodyHTML, d.Version+1
	if _, err := tx.ExecContext(ctx, `UPDATE documents SET title = $1, body_html = $2, body_source = $3, version = $4, updated = $5
		WHERE id = $6`, d.Title, d.BodyHTML, d.Source, d.Version, s.ts(s.now()), docID); err != nil {
		return err
	}
	if err := s.insertVersion(ctx, tx, docID, d, a); err != nil {
		return err
	}
	if err := s.indexDocument(ctx, tx, d); err != nil {
		return err
	}
	return s.auditTx(ctx, tx, a, "doc.edit", d.BodyID, docID, "年度报告第 "+strconv.Itoa(version)+" 版")
}
