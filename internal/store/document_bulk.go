package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/gongkai/gongkai/internal/disclosure"
	"github.com/gongkai/gongkai/internal/search"
)

// ImportJob is a bulk import of one file of 存量政府信息 into one body
// (gongkai import documents), known by the file's sha256. RowsDone is
// how many data rows from the top of the file (blank ones included) are
// committed; it moves in the transaction of each batch, so an
// interrupted run resumes exactly after the last committed batch.
type ImportJob struct {
	ID       int64
	SHA256   string
	BodyID   int64
	FileName string
	Total    int // data rows in the file
	RowsDone int
	Imported int // documents written
	Skipped  int // rows whose 索引号 was already stored (SkipExisting)
	Batches  int
	Started  time.Time
	Updated  time.Time
	Finished *time.Time
}

// ErrImportMoved: the job is not where the batch starts, because another
// run of the same file committed in between. Nothing was written.
var ErrImportMoved = errors.New("store: import job moved on: another run is importing the same file")

// ImportJobFor returns the import job of the file with this sha256 into
// the body, starting one (with total data rows) if there is none.
func (s *Store) ImportJobFor(ctx context.Context, sha string, bodyID int64, fileName string, total int) (ImportJob, error) {
	var j ImportJob
	err := s.write(ctx, func(tx *sql.Tx) error {
		now := s.ts(s.now())
		if _, err := tx.ExecContext(ctx, `INSERT INTO import_jobs (sha256, body_id, file_name, total, started, updated)
			VALUES ($1, $2, $3, $4, $5, $5) ON CONFLICT (sha256, body_id) DO NOTHING`,
			sha, bodyID, fileName, total, now); err != nil {
			return err
		}
		var err error
		j, err = s.importJob(ctx, tx, sha, bodyID)
		return err
	})
	if err != nil {
		return ImportJob{}, fmt.Errorf("store: import job for %s: %w", sha, err)
	}
	return j, nil
}

func (s *Store) importJob(ctx context.Context, tx *sql.Tx, sha string, bodyID int64) (ImportJob, error) {
	j := ImportJob{SHA256: sha, BodyID: bodyID}
	var fin time.Time
	err := tx.QueryRowContext(ctx, `SELECT id, file_name, total, rows_done, imported, skipped, batches, started, updated, finished
		FROM import_jobs WHERE sha256 = $1 AND body_id = $2`, sha, bodyID).Scan(&j.ID, &j.FileName, &j.Total,
		&j.RowsDone, &j.Imported, &j.Skipped, &j.Batches, timeScan{&j.Started}, timeScan{&j.Updated}, timeScan{&fin})
	if err != nil {
		return ImportJob{}, notFound(err, "import job", sha)
	}
	if !fin.IsZero() {
		j.Finished = &fin
	}
	return j, nil
}

// ImportBatch is one batch of a bulk import: the documents of data rows
// [From, To) of the job's file (blank rows have none), prepared by
// PrepareImport.
type ImportBatch struct {
	JobID    int64
	From, To int
	Docs     ImportDocs
	// SkipExisting leaves out documents whose 索引号 is already stored
	// (a file fixed and run again after a refused batch) instead of
	// refusing the batch with an *IndexTakenError.
	SkipExisting bool
}

// ImportBatchResult says what a committed batch wrote.
type ImportBatchResult struct {
	Imported int
	Skipped  []string // 索引号 left out under SkipExisting
}

// ImportDocumentBatch writes one batch of a bulk import as ImportDocuments
// writes a console import (索引号 kept, 有效性, counter, search index,
// audit), all or nothing, in one transaction that also moves the job to
// b.To; a batch whose job is not at b.From is refused with
// ErrImportMoved. It writes in bulk: on PostgreSQL by COPY, on SQLite by
// multi-row inserts, and the search index once per batch.
func (s *Store) ImportDocumentBatch(ctx context.Context, bodyID int64, b ImportBatch, a Actor) (ImportBatchResult, error) {
	var res ImportBatchResult
	if b.Docs.Len() > 0 && b.Docs.bodyID != bodyID {
		return res, fmt.Errorf("store: import batch of job %d: documents prepared for body %d, not %d", b.JobID, b.Docs.bodyID, bodyID)
	}
	err := s.bulkWrite(ctx, func(tx *sql.Tx, ins bulkInserter) error {
		res = ImportBatchResult{}
		now := s.now()
		moved, err := tx.ExecContext(ctx, `UPDATE import_jobs SET updated = $1 WHERE id = $2 AND body_id = $3 AND rows_done = $4`,
			s.ts(now), b.JobID, bodyID, b.From)
		if err != nil {
			return err
		}
		if n, err := moved.RowsAffected(); err != nil {
			return err
		} else if n != 1 {
			return ErrImportMoved
		}
		docs, err := s.unstoredDocuments(ctx, tx, b.Docs, b.SkipExisting, &res)
		if err != nil {
			return err
		}
		if err := s.writeImported(ctx, tx, ins, bodyID, docs, a, now); err != nil {
			return err
		}
		res.Imported = docs.Len()
		_, err = tx.ExecContext(ctx, `UPDATE import_jobs SET rows_done = $1, imported = imported + $2,
			skipped = skipped + $3, batches = batches + 1,
			finished = CASE WHEN $1 >= total THEN $4 ELSE finished END WHERE id = $5`,
			b.To, docs.Len(), len(res.Skipped), s.ts(now), b.JobID)
		return err
	})
	var taken *IndexTakenError
	if errors.As(err, &taken) || errors.Is(err, ErrImportMoved) {
		return ImportBatchResult{}, err
	}
	if err != nil {
		return ImportBatchResult{}, fmt.Errorf("store: import batch of job %d at row %d: %w", b.JobID, b.From, classify(err))
	}
	return res, nil
}

// unstoredDocuments returns docs without those whose 索引号 is stored
// (recorded in res) when skip is set; otherwise a stored 索引号 is an
// *IndexTakenError naming them all (and res may be nil).
func (s *Store) unstoredDocuments(ctx context.Context, tx *sql.Tx, docs ImportDocs, skip bool, res *ImportBatchResult) (ImportDocs, error) {
	taken, err := s.storedIndexNos(ctx, tx, docs.docs)
	if err != nil || len(taken) == 0 {
		return docs, err
	}
	var nos []string
	for _, d := range docs.docs {
		if taken[d.IndexNo] {
			nos = append(nos, d.IndexNo)
		}
	}
	if !skip {
		return ImportDocs{}, &IndexTakenError{IndexNos: nos}
	}
	res.Skipped = append(res.Skipped, nos...)
	return docs.without(taken), nil
}

// StoredIndexNos returns which of the documents' 索引号 are already in
// the database, for a dry run.
func (s *Store) StoredIndexNos(ctx context.Context, docs []disclosure.Document) (map[string]bool, error) {
	var taken map[string]bool
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		taken, err = s.storedIndexNos(ctx, tx, docs)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: stored 索引号: %w", err)
	}
	return taken, nil
}

func (s *Store) storedIndexNos(ctx context.Context, tx *sql.Tx, docs []disclosure.Document) (map[string]bool, error) {
	nos := make([]string, len(docs))
	for i, d := range docs {
		nos[i] = d.IndexNo
	}
	list, err := json.Marshal(nos)
	if err != nil {
		return nil, err
	}
	q := `SELECT index_no FROM documents WHERE index_no IN (SELECT value FROM json_each($1))`
	if s.dialect == postgres {
		q = `SELECT index_no FROM documents WHERE index_no IN (SELECT jsonb_array_elements_text($1::jsonb))`
	}
	rows, err := tx.QueryContext(ctx, q, string(list))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	taken := map[string]bool{}
	for rows.Next() {
		var no string
		if err := rows.Scan(&no); err != nil {
			return nil, err
		}
		taken[no] = true
	}
	return taken, rows.Err()
}

// writeImported writes prepared documents of one body with IDs taken
// in advance, their 有效性, the 索引号 counters, the audit entries and
// the search index, each as one bulk write.
func (s *Store) writeImported(ctx context.Context, tx *sql.Tx, ins bulkInserter, bodyID int64, prepared ImportDocs, a Actor, now time.Time) error {
	if prepared.Len() == 0 {
		return nil
	}
	// The IDs go into copies: the caller's batch stays as prepared.
	docs := slices.Clone(prepared.docs)
	prepared = ImportDocs{bodyID: prepared.bodyID, docs: docs, search: slices.Clone(prepared.search)}
	var code string
	if err := tx.QueryRowContext(ctx, "SELECT code FROM bodies WHERE id = $1", bodyID).Scan(&code); err != nil {
		return notFound(err, "body", bodyID)
	}
	checked := map[int64]bool{}
	for _, d := range docs {
		if !checked[d.ColumnID] {
			if err := checkColumnOwner(ctx, tx, d.ColumnID, bodyID); err != nil {
				return err
			}
			checked[d.ColumnID] = true
		}
		if err := checkPolicy(ctx, tx, d); err != nil {
			return err
		}
	}
	ids, err := s.documentIDs(ctx, tx, len(docs))
	if err != nil {
		return err
	}
	cols := append([]string{"id"}, documentInsertColumns...)
	docRows := make([][]any, len(docs))
	var validity, audit [][]any
	serials := map[int]int{}
	for i := range docs {
		docs[i].ID = ids[i]
		d := docs[i]
		docRows[i] = append([]any{d.ID}, s.documentValues(d)...)
		for _, ev := range importedValidity(d) {
			recorded := ev.Recorded
			if recorded.IsZero() {
				recorded = now
			}
			validity = append(validity, []any{ev.DocumentID, string(ev.Status), s.ts(ev.Effective),
				nullID(ev.ReplacedBy), ev.Note, s.ts(recorded)})
		}
		if year, n, ok := importedSerial(code, d.IndexNo); ok && n > serials[year] {
			serials[year] = n
		}
		audit = append(audit, []any{s.ts(now), a.UserID, a.Username, "doc.import", bodyID,
			"document:" + strconv.FormatInt(d.ID, 10), "导入存量信息 " + d.IndexNo + "：" + d.Title, a.Remote})
	}
	if err := ins.insert(ctx, "documents", cols, docRows); err != nil {
		return fmt.Errorf("documents: %w", err)
	}
	if err := ins.insert(ctx, "document_validity",
		[]string{"document_id", "status", "effective", "replaced_by", "note", "recorded"}, validity); err != nil {
		return fmt.Errorf("validity: %w", err)
	}
	for year, n := range serials {
		if err := bumpIndexCounter(ctx, tx, bodyID, year, n); err != nil {
			return err
		}
	}
	if err := ins.insert(ctx, "audit_log",
		[]string{"at", "user_id", "username", "action", "body_id", "target", "detail", "remote"}, audit); err != nil {
		return fmt.Errorf("audit: %w", err)
	}
	return s.indexImported(ctx, tx, ins, prepared)
}

// documentIDs takes n new document IDs: from the identity sequence on
// PostgreSQL; on SQLite, whose one writer holds the database, past the
// largest (what SQLite itself would give).
func (s *Store) documentIDs(ctx context.Context, tx *sql.Tx, n int) ([]int64, error) {
	ids := make([]int64, 0, n)
	if s.dialect == sqlite {
		var top int64
		if err := tx.QueryRowContext(ctx, "SELECT COALESCE(max(id), 0) FROM documents").Scan(&top); err != nil {
			return nil, err
		}
		for i := range n {
			ids = append(ids, top+1+int64(i))
		}
		return ids, nil
	}
	rows, err := tx.QueryContext(ctx, `SELECT nextval(pg_get_serial_sequence('documents', 'id')) FROM generate_series(1, $1)`, n)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// batchIndex is a search index that takes many documents at once.
type batchIndex interface {
	UpsertBatch(ctx context.Context, ex search.Execer, docs []search.Doc) error
}

// indexDocuments adds published documents to the index, if there is
// one, in one batch when the index can.
func (s *Store) indexDocuments(ctx context.Context, tx *sql.Tx, docs []search.Doc) error {
	if s.search == nil {
		return nil
	}
	if b, ok := s.search.(batchIndex); ok {
		return b.UpsertBatch(ctx, tx, docs)
	}
	for _, d := range docs {
		if err := s.search.Upsert(ctx, tx, d); err != nil {
			return err
		}
	}
	return nil
}
