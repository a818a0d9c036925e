package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/gongkai/gongkai/internal/disclosure"
)

// Keywords are kept as one comma-joined column: SplitKeywords never
// lets a comma into a keyword, and nothing queries them one by one.
func joinList(xs []string) string { return strings.Join(xs, ",") }

func splitList(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}

// fillDefaults gives a document read from a form or an import the values
// the schema expects.
func fillDocumentDefaults(d *disclosure.Document) {
	if d.State == "" {
		d.State = disclosure.StateDraft
		if d.Published != nil {
			d.State = disclosure.StatePublished
		}
	}
	if d.Format == "" {
		d.Format = disclosure.FormatHTML
	}
	if d.Source == "" {
		d.Source = d.BodyHTML
	}
	if d.Kind == "" {
		d.Kind = disclosure.KindOther
	}
	if d.PublicMode == "" {
		d.PublicMode = "主动公开"
	}
	if d.Version == 0 {
		d.Version = 1
	}
	if d.Updated.IsZero() {
		d.Updated = d.Created
	}
}

// insertDocument writes a new documents row after checking the column
// belongs to the document's body.
func (s *Store) insertDocument(ctx context.Context, tx *sql.Tx, d disclosure.Document) (int64, error) {
	if err := checkColumnOwner(ctx, tx, d.ColumnID, d.BodyID); err != nil {
		return 0, err
	}
	if err := checkPolicy(ctx, tx, d); err != nil {
		return 0, err
	}
	fillDocumentDefaults(&d)
	var id int64
	err := tx.QueryRowContext(ctx, "INSERT INTO documents ("+strings.Join(documentInsertColumns, ", ")+
		") VALUES ("+placeholders(1, len(documentInsertColumns))+") RETURNING id", s.documentValues(d)...).Scan(&id)
	return id, err
}

// documentInsertColumns are the columns a new document is written with,
// in the order of documentValues.
var documentInsertColumns = []string{"body_id", "column_id", "index_no", "title", "doc_no",
	"publisher", "summary", "body_html", "written", "published", "created", "theme", "genre", "keywords", "public_mode",
	"kind", "body_format", "body_source", "state", "version", "updated", "interprets"}

// documentValues are d's values for documentInsertColumns; d has its
// defaults filled.
func (s *Store) documentValues(d disclosure.Document) []any {
	return []any{d.BodyID, d.ColumnID, d.IndexNo, d.Title, d.DocNo, d.Publisher, d.Summary, d.BodyHTML,
		s.tsPtr(d.Written), s.tsPtr(d.Published), s.ts(d.Created), d.Theme, d.Genre, joinList(d.Keywords),
		d.PublicMode, string(d.Kind), string(d.Format), d.Source, string(d.State), d.Version, s.ts(d.Updated),
		nullID(d.Interprets)}
}

// placeholders is "$from, …, $(from+n-1)".
func placeholders(from, n int) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("$" + strconv.Itoa(from+i))
	}
	return b.String()
}

func checkColumnOwner(ctx context.Context, tx *sql.Tx, columnID, bodyID int64) error {
	var owner int64
	if err := tx.QueryRowContext(ctx, "SELECT body_id FROM site_columns WHERE id = $1", columnID).Scan(&owner); err != nil {
		return notFound(err, "column", columnID)
	}
	if owner != bodyID {
		return fmt.Errorf("store: column %d belongs to body %d, not %d", columnID, owner, bodyID)
	}
	return nil
}

// afterImport completes an imported published record: its 有效性
// history and the 索引号 counter (see importedValidity, importedSerial).
func (s *Store) afterImport(ctx context.Context, tx *sql.Tx, id int64, d disclosure.Document) error {
	d.ID = id
	if err := s.indexDocument(ctx, tx, d); err != nil {
		return err
	}
	for _, ev := range importedValidity(d) {
		if err := s.insertValidity(ctx, tx, ev); err != nil {
			return err
		}
	}
	var code string
	if err := tx.QueryRowContext(ctx, "SELECT code FROM bodies WHERE id = $1", d.BodyID).Scan(&code); err != nil {
		return notFound(err, "body", d.BodyID)
	}
	if year, n, ok := importedSerial(code, d.IndexNo); ok {
		return bumpIndexCounter(ctx, tx, d.BodyID, year, n)
	}
	return nil
}

// importedValidity is the 有效性 history an imported document (d.ID
// set) starts with: its own, or 现行有效 from its 成文日期 (else its
// 发布日期) for a 规章 or 规范性文件 that gives none.
func importedValidity(d disclosure.Document) []disclosure.ValidityEvent {
	if !d.Kind.HasValidity() {
		return nil
	}
	events := slices.Clone(d.Validity)
	if len(events) == 0 {
		eff := *d.Published
		if d.Written != nil {
			eff = *d.Written
		}
		events = []disclosure.ValidityEvent{{Status: disclosure.ValidityInForce, Effective: eff}}
	}
	for i := range events {
		events[i].DocumentID = d.ID
	}
	return events
}

// importedSerial reads the year and serial of an imported 索引号 of the
// generated form (the body's code/year-serial), which the body's
// counter must move past so the next publication cannot collide with
// it; ok is false for legacy forms.
func importedSerial(code, indexNo string) (year, n int, ok bool) {
	front, back, _ := strings.Cut(indexNo, "/")
	y, serial, found := strings.Cut(back, "-")
	if front != code || code == "" || !found || len(y) != 4 {
		return 0, 0, false
	}
	year, err1 := strconv.Atoi(y)
	n, err2 := strconv.Atoi(serial)
	return year, n, err1 == nil && err2 == nil
}

// bumpIndexCounter moves a body's counter of a year up to n, never down.
func bumpIndexCounter(ctx context.Context, tx *sql.Tx, bodyID int64, year, n int) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO index_counters (body_id, year, n) VALUES ($1, $2, $3)
		ON CONFLICT (body_id, year) DO UPDATE
		SET n = CASE WHEN index_counters.n < excluded.n THEN excluded.n ELSE index_counters.n END`,
		bodyID, year, n)
	return err
}

func (s *Store) insertValidity(ctx context.Context, tx *sql.Tx, ev disclosure.ValidityEvent) error {
	if ev.Recorded.IsZero() {
		ev.Recorded = s.now()
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO document_validity (document_id, status, effective, replaced_by, note, recorded)
		VALUES ($1, $2, $3, $4, $5, $6)`,
		ev.DocumentID, string(ev.Status), s.ts(ev.Effective), nullID(ev.ReplacedBy), ev.Note, s.ts(ev.Recorded))
	return err
}

// loadDocumentParts reads a document's attachments and 有效性 history.
func (s *Store) loadDocumentParts(ctx context.Context, tx *sql.Tx, d *disclosure.Document) error {
	var err error
	if d.Attachments, err = attachmentsOf(ctx, tx, d.ID); err != nil {
		return err
	}
	d.Validity, err = s.validityOf(ctx, tx, d.ID)
	return err
}

func attachmentsOf(ctx context.Context, tx *sql.Tx, docID int64) ([]disclosure.Attachment, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, document_id, hash, name, size, content_type
		FROM document_attachments WHERE document_id = $1 ORDER BY id`, docID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []disclosure.Attachment
	for rows.Next() {
		var a disclosure.Attachment
		if err := rows.Scan(&a.ID, &a.DocumentID, &a.Hash, &a.Name, &a.Size, &a.ContentType); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

func (s *Store) validityOf(ctx context.Context, tx *sql.Tx, docID int64) ([]disclosure.ValidityEvent, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, document_id, status, effective, replaced_by, note, recorded
		FROM document_validity WHERE document_id = $1 ORDER BY effective, id`, docID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []disclosure.ValidityEvent
	for rows.Next() {
		var e disclosure.ValidityEvent
		if err := rows.Scan(&e.ID, &e.DocumentID, &e.Status, timeScan{&e.Effective}, scanID{&e.ReplacedBy},
			&e.Note, timeScan{&e.Recorded}); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

func jsonUnmarshal(s string, v any) error { return json.Unmarshal([]byte(s), v) }
