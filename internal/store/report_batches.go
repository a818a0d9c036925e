package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// A batch of annual reports checked together (年度报告检查) is a job: the
// upload stores its files, a worker reads them one at a time under a
// lease on the batch, then checks the batch as a whole and keeps the
// result for a day. Several instances on one PostgreSQL share the queue;
// the lease makes one of them work a batch, and another take it over
// when that one stops renewing it.

// Report batch states.
const (
	BatchUploading = "uploading" // the form is still being read
	BatchQueued    = "queued"
	BatchRunning   = "running"
	BatchDone      = "done"
)

// ErrLeaseLost is returned (wrapped) when a worker writes to a batch
// whose lease another worker has taken since.
var ErrLeaseLost = errors.New("store: report batch lease lost")

// ReportBatch is one batch, without its files.
type ReportBatch struct {
	ID       int64
	UserID   int64
	Year     int // the year the reports should be about; 0 for any
	Status   string
	Files    int // files in the batch
	Read     int // files read so far
	Result   []byte
	Created  time.Time
	Finished *time.Time
	Expires  time.Time
}

// ReportBatchFile is one file of a batch. Data is set only while the file
// waits to be read; Report (JSON, annualreport.Schema) or Unreadable once it is.
type ReportBatchFile struct {
	Seq        int
	Name       string
	Data       []byte
	Attempts   int
	Report     []byte
	Unreadable string
}

const reportBatchColumns = `id, user_id, year, status, file_count, read_count, result, created, finished, expires`

func scanReportBatch(sc interface{ Scan(...any) error }) (ReportBatch, error) {
	var b ReportBatch
	var result string
	err := sc.Scan(&b.ID, &b.UserID, &b.Year, &b.Status, &b.Files, &b.Read, &result,
		timeScan{&b.Created}, nullTimeScan{&b.Finished}, timeScan{&b.Expires})
	if result != "" {
		b.Result = []byte(result)
	}
	return b, err
}

// CreateReportBatch starts a batch in the uploading state, kept for keep
// unless it is finished earlier (which sets its expiry anew).
func (s *Store) CreateReportBatch(ctx context.Context, userID int64, keep time.Duration) (int64, error) {
	var id int64
	now := s.now()
	err := s.write(ctx, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, `INSERT INTO report_batches (user_id, status, created, expires)
			VALUES ($1, $2, $3, $4) RETURNING id`, userID, BatchUploading, s.ts(now), s.ts(now.Add(keep))).Scan(&id)
	})
	if err != nil {
		return 0, fmt.Errorf("store: create report batch: %w", err)
	}
	return id, nil
}

// AddReportBatchFile adds a file to a batch being uploaded. A file
// refused at upload (too large) comes with unreadable set and no data,
// and counts as read already.
func (s *Store) AddReportBatchFile(ctx context.Context, batchID int64, name string, data []byte, unreadable string) error {
	done, read := unreadable != "", 0
	if done {
		data, read = nil, 1
	}
	err := s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE report_batches SET file_count = file_count + 1,
			read_count = read_count + $3 WHERE id = $1 AND status = $2`, batchID, BatchUploading, read)
		if err != nil {
			return err
		}
		if err := mustAffect(res, "uploading report batch", batchID); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO report_batch_files (batch_id, seq, name, data, done, unreadable)
			VALUES ($1, (SELECT file_count FROM report_batches WHERE id = $1), $2, $3, $4, $5)`,
			batchID, name, data, done, unreadable)
		return err
	})
	if err != nil {
		return fmt.Errorf("store: add file to report batch %d: %w", batchID, err)
	}
	return nil
}

// QueueReportBatch hands a fully uploaded batch to the workers, with
// the year its reports should be about (0 for any).
func (s *Store) QueueReportBatch(ctx context.Context, id int64, year int) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE report_batches SET status = $2, year = $4 WHERE id = $1 AND status = $3`,
			id, BatchQueued, BatchUploading, year)
		if err != nil {
			return fmt.Errorf("store: queue report batch %d: %w", id, err)
		}
		return mustAffect(res, "uploading report batch", id)
	})
}

// DeleteReportBatch removes a batch and its files (an upload refused
// half-way).
func (s *Store) DeleteReportBatch(ctx context.Context, id int64) error {
	err := s.write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM report_batch_files WHERE batch_id = $1`, id); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `DELETE FROM report_batches WHERE id = $1`, id)
		return err
	})
	if err != nil {
		return fmt.Errorf("store: delete report batch %d: %w", id, err)
	}
	return nil
}

// ReportBatch returns a batch with its progress and, once done, its
// result. An expired batch is not found, whether or not a worker has
// deleted it yet.
func (s *Store) ReportBatch(ctx context.Context, id int64) (ReportBatch, error) {
	var b ReportBatch
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		b, err = scanReportBatch(tx.QueryRowContext(ctx, `SELECT `+reportBatchColumns+` FROM report_batches
			WHERE id = $1 AND expires > $2`, id, s.ts(s.now())))
		return err
	})
	if err != nil {
		return ReportBatch{}, notFound(err, "report batch", id)
	}
	return b, nil
}

// ReportBatches lists a user's batches that have not expired, newest
// first, without their results.
func (s *Store) ReportBatches(ctx context.Context, userID int64) ([]ReportBatch, error) {
	var out []ReportBatch
	err := s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id, user_id, year, status, file_count, read_count, '', created, finished, expires
			FROM report_batches WHERE user_id = $1 AND expires > $2 AND status <> $3 ORDER BY id DESC`,
			userID, s.ts(s.now()), BatchUploading)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			b, err := scanReportBatch(rows)
			if err != nil {
				return err
			}
			out = append(out, b)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("store: report batches of user %d: %w", userID, err)
	}
	return out, nil
}

// ClaimReportBatch gives holder the oldest batch that is queued, or
// running under a lease that has run out, leased for ttl. ok is false
// when there is none. The lease condition is repeated on the row being
// updated, so two instances racing for one batch cannot both win: on
// PostgreSQL the second re-checks the row after the first commits.
func (s *Store) ClaimReportBatch(ctx context.Context, holder string, ttl time.Duration) (b ReportBatch, ok bool, err error) {
	now := s.now()
	err = s.write(ctx, func(tx *sql.Tx) error {
		var err error
		b, err = scanReportBatch(tx.QueryRowContext(ctx, `UPDATE report_batches
			SET status = $1, lease_holder = $2, lease_expires = $3
			WHERE id = (SELECT id FROM report_batches
				WHERE status = $4 OR (status = $1 AND lease_expires <= $5) ORDER BY id LIMIT 1)
			AND (status = $4 OR (status = $1 AND lease_expires <= $5))
			RETURNING `+reportBatchColumns, BatchRunning, holder, s.ts(now.Add(ttl)), BatchQueued, s.ts(now)))
		return err
	})
	if errors.Is(err, sql.ErrNoRows) {
		return ReportBatch{}, false, nil
	}
	if err != nil {
		return ReportBatch{}, false, fmt.Errorf("store: claim report batch: %w", err)
	}
	return b, true, nil
}

// holdLease renews holder's lease on a batch within tx, or reports
// ErrLeaseLost.
func (s *Store) holdLease(ctx context.Context, tx *sql.Tx, batchID int64, holder string, ttl time.Duration) error {
	res, err := tx.ExecContext(ctx, `UPDATE report_batches SET lease_expires = $3
		WHERE id = $1 AND status = $4 AND lease_holder = $2`, batchID, holder, s.ts(s.now().Add(ttl)), BatchRunning)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return errors.Join(err, fmt.Errorf("batch %d, holder %s: %w", batchID, holder, ErrLeaseLost))
	}
	return nil
}

// NextReportBatchFile takes the next file of the batch still to be read,
// counting the attempt and renewing the lease in the same transaction. ok
// is false when every file is read.
func (s *Store) NextReportBatchFile(ctx context.Context, batchID int64, holder string, ttl time.Duration) (f ReportBatchFile, ok bool, err error) {
	err = s.write(ctx, func(tx *sql.Tx) error {
		if err := s.holdLease(ctx, tx, batchID, holder, ttl); err != nil {
			return err
		}
		err := tx.QueryRowContext(ctx, `UPDATE report_batch_files SET attempts = attempts + 1
			WHERE batch_id = $1 AND seq = (SELECT min(seq) FROM report_batch_files WHERE batch_id = $1 AND done = FALSE)
			RETURNING seq, name, data, attempts`, batchID).Scan(&f.Seq, &f.Name, &f.Data, &f.Attempts)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		ok = err == nil
		return err
	})
	if err != nil {
		return ReportBatchFile{}, false, fmt.Errorf("store: next file of report batch %d: %w", batchID, err)
	}
	return f, ok, nil
}

// SaveReportBatchFile records what reading a file came to, drops its
// data and renews the lease; ErrLeaseLost when holder no longer has it.
func (s *Store) SaveReportBatchFile(ctx context.Context, batchID int64, holder string, ttl time.Duration, f ReportBatchFile) error {
	err := s.write(ctx, func(tx *sql.Tx) error {
		if err := s.holdLease(ctx, tx, batchID, holder, ttl); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE report_batch_files SET done = TRUE, data = NULL, report = $3, unreadable = $4
			WHERE batch_id = $1 AND seq = $2 AND done = FALSE`, batchID, f.Seq, string(f.Report), f.Unreadable)
		if err != nil {
			return err
		}
		if err := mustAffect(res, "unread file of report batch", batchID); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE report_batches SET read_count = read_count + 1 WHERE id = $1`, batchID)
		return err
	})
	if err != nil {
		return fmt.Errorf("store: save file %d of report batch %d: %w", f.Seq, batchID, err)
	}
	return nil
}

// ReportBatchFiles returns every file of a batch as read, in upload
// order, without data.
func (s *Store) ReportBatchFiles(ctx context.Context, batchID int64) ([]ReportBatchFile, error) {
	var out []ReportBatchFile
	err := s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT seq, name, attempts, report, unreadable FROM report_batch_files
			WHERE batch_id = $1 ORDER BY seq`, batchID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var f ReportBatchFile
			var report string
			if err := rows.Scan(&f.Seq, &f.Name, &f.Attempts, &report, &f.Unreadable); err != nil {
				return err
			}
			if report != "" {
				f.Report = []byte(report)
			}
			out = append(out, f)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("store: files of report batch %d: %w", batchID, err)
	}
	return out, nil
}

// FinishReportBatch stores the checked batch, keeps it for keep and
// drops the reports read, which the result now holds.
func (s *Store) FinishReportBatch(ctx context.Context, batchID int64, holder string, result []byte, keep time.Duration) error {
	now := s.now()
	err := s.write(ctx, func(tx *sql.Tx) error {
		if err := s.holdLease(ctx, tx, batchID, holder, 0); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE report_batches SET status = $2, result = $3, finished = $4, expires = $5,
			lease_holder = '', lease_expires = NULL WHERE id = $1`,
			batchID, BatchDone, string(result), s.ts(now), s.ts(now.Add(keep))); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `DELETE FROM report_batch_files WHERE batch_id = $1`, batchID)
		return err
	})
	if err != nil {
		return fmt.Errorf("store: finish report batch %d: %w", batchID, err)
	}
	return nil
}

// ReleaseReportBatch ends holder's lease early (the instance is shutting
// down), so another instance, or this one restarted, resumes the batch
// at once instead of when the lease runs out.
func (s *Store) ReleaseReportBatch(ctx context.Context, batchID int64, holder string) error {
	err := s.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE report_batches SET lease_expires = $3
			WHERE id = $1 AND status = $4 AND lease_holder = $2`, batchID, holder, s.ts(s.now()), BatchRunning)
		return err
	})
	if err != nil {
		return fmt.Errorf("store: release report batch %d: %w", batchID, err)
	}
	return nil
}

// DeleteExpiredReportBatches removes the batches past their expiry with
// their files, and returns how many.
func (s *Store) DeleteExpiredReportBatches(ctx context.Context) (int, error) {
	var n int64
	now := s.ts(s.now())
	err := s.write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM report_batch_files WHERE batch_id IN
			(SELECT id FROM report_batches WHERE expires <= $1)`, now); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM report_batches WHERE expires <= $1`, now)
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("store: delete expired report batches: %w", err)
	}
	return int(n), nil
}
