package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/gongkai/gongkai/internal/disclosure"
)

// Actor is who takes a workflow step: recorded with the version or
// review it creates and in the audit log, in the same transaction.
type Actor struct {
	UserID   int64
	Username string
	Remote   string
}

// ErrState is returned (wrapped, with a *disclosure.ErrTransition) when
// the document's state does not allow the step.
var ErrState = errors.New("store: document state does not allow this")

func (s *Store) auditTx(ctx context.Context, tx *sql.Tx, a Actor, action string, bodyID, docID int64, detail string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO audit_log (at, user_id, username, action, body_id, target, detail, remote)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
		s.ts(s.now()), a.UserID, a.Username, action, bodyID, "document:"+strconv.FormatInt(docID, 10), detail, a.Remote)
	return err
}

// VersionData is the snapshot kept for every saved version: the
// metadata and body source as saved (attachments are kept apart), so
// two versions can be compared field by field.
type VersionData struct {
	ColumnID   int64      `json:"column_id"`
	Title      string     `json:"title"`
	DocNo      string     `json:"doc_no"`
	Publisher  string     `json:"publisher"`
	Summary    string     `json:"summary"`
	Written    *time.Time `json:"written,omitempty"`
	Theme      string     `json:"theme"`
	Genre      string     `json:"genre"`
	Keywords   []string   `json:"keywords"`
	PublicMode string     `json:"public_mode"`
	Kind       string     `json:"kind"`
	Format     string     `json:"format"`
	Source     string     `json:"source"`
	Interprets int64      `json:"interprets,omitempty"`
}

// Version is one saved version of a document: who saved it and when,
// and its snapshot (Title and Source repeat Data's, for lists).
type Version struct {
	Version  int
	UserID   int64
	Username string
	Created  time.Time
	Title    string
	Source   string
	Data     VersionData
}

func (s *Store) insertVersion(ctx context.Context, tx *sql.Tx, id int64, d disclosure.Document, a Actor) error {
	data, err := json.Marshal(VersionData{ColumnID: d.ColumnID, Title: d.Title, DocNo: d.DocNo, Publisher: d.Publisher,
		Summary: d.Summary, Written: d.Written, Theme: d.Theme, Genre: d.Genre, Keywords: d.Keywords,
		PublicMode: d.PublicMode, Kind: string(d.Kind), Format: string(d.Format), Source: d.Source, Interprets: d.Interprets})
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO document_versions (document_id, version, user_id, username, data, created)
		VALUES ($1, $2, $3, $4, $5, $6)`, id, d.Version, a.UserID, a.Username, string(data), s.ts(s.now()))
	return err
}

// CreateDraft starts a document in the workflow: a draft, version 1.
func (s *Store) CreateDraft(ctx context.Context, d disclosure.Document, a Actor) (int64, error) {
	now := s.now()
	d.Created, d.Updated = now, now
	d.State, d.Version, d.IndexNo, d.Published = disclosure.StateDraft, 1, "", nil
	d.BodyHTML = disclosure.SanitizeBody(d.BodyHTML)
	fillDocumentDefaults(&d)
	var id int64
	err := s.write(ctx, func(tx *sql.Tx) error {
		var err error
		if id, err = s.insertDocument(ctx, tx, d); err != nil {
			return err
		}
		if err := s.insertVersion(ctx, tx, id, d, a); err != nil {
			return err
		}
		return s.auditTx(ctx, tx, a, "doc.create", d.BodyID, id, d.Title)
	})
	if err != nil {
		return 0, fmt.Errorf("store: create draft %q: %w", d.Title, classify(err))
	}
	return id, nil
}

// lockDocument reads the document's state and body for an update. On
// PostgreSQL FOR UPDATE makes concurrent steps on one document queue;
// SQLite's single writer already does.
func (s *Store) lockDocument(ctx context.Context, tx *sql.Tx, id int64) (disclosure.Document, error) {
	q := "SELECT " + documentColumns + " FROM documents WHERE id = $1"
	if s.dialect == postgres {
		q += " FOR UPDATE"
	}
	d, err := scanDocument(tx.QueryRowContext(ctx, q, id))
	if err != nil {
		return d, notFound(err, "document", id)
	}
	return d, nil
}

func transition(d disclosure.Document, a disclosure.Action) (disclosure.State, error) {
	to, err := disclosure.Next(d.State, a)
	if err != nil {
		return to, fmt.Errorf("%w: %w", ErrState, err)
	}
	return to, nil
}

// SaveDraft stores an edit of a draft as a new version. The body and
// column stay the document's own; everything else is taken from d.
func (s *Store) SaveDraft(ctx context.Context, d disclosure.Document, a Actor) error {
	d.BodyHTML = disclosure.SanitizeBody(d.BodyHTML)
	err := s.writePublic(ctx, func(tx *sql.Tx) error {
		cur, err := s.lockDocument(ctx, tx, d.ID)
		if err != nil {
			return err
		}
		if _, err := transition(cur, disclosure.ActionEdit); err != nil {
			return err
		}
		if err := checkColumnOwner(ctx, tx, d.ColumnID, cur.BodyID); err != nil {
			return err
		}
		d.BodyID, d.Version = cur.BodyID, cur.Version+1
		if err := checkPolicy(ctx, tx, d); err != nil {
			return err
		}
		fillDocumentDefaults(&d)
		_, err = tx.ExecContext(ctx, `UPDATE documents SET column_id = $1, title = $2, doc_no = $3, publisher = $4,
			summary = $5, body_html = $6, written = $7, theme = $8, genre = $9, keywords = $10, public_mode = $11,
			kind = $12, body_format = $13, body_source = $14, version = $15, updated = $16, interprets = $17 WHERE id = $18`,
			d.ColumnID, d.Title, d.DocNo, d.Publisher, d.Summary, d.BodyHTML, s.tsPtr(d.Written), d.Theme, d.Genre,
			joinList(d.Keywords), d.PublicMode, string(d.Kind), string(d.Format), d.Source, d.Version, s.ts(s.now()),
			nullID(d.Interprets), d.ID)
		if err != nil {
			return err
		}
		if err := s.insertVersion(ctx, tx, d.ID, d, a); err != nil {
			return err
		}
		return s.auditTx(ctx, tx, a, "doc.edit", cur.BodyID, d.ID, "第 "+strconv.Itoa(d.Version)+" 版")
	})
	if err != nil {
		return fmt.Errorf("store: save draft %d: %w", d.ID, classify(err))
	}
	return nil
}

// step applies a workflow action: the state change, what extra adds
// (its non-empty result replaces the audit detail), and the audit entry.
func (s *Store) step(ctx context.Context, id int64, act disclosure.Action, a Actor, detail string,
	extra func(tx *sql.Tx, d disclosure.Document) (string, error)) error {
	err := s.writePublic(ctx, func(tx *sql.Tx) error {
		d, err := s.lockDocument(ctx, tx, id)
		if err != nil {
			return err
		}
		to, err := transition(d, act)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "UPDATE documents SET state = $1, updated = $2 WHERE id = $3",
			string(to), s.ts(s.now()), id); err != nil {
			return err
		}
		if extra != nil {
			more, err := extra(tx, d)
			if err != nil {
				return err
			}
			if more != "" {
				detail = more
			}
		}
		return s.auditTx(ctx, tx, a, "doc."+string(act), d.BodyID, id, detail)
	})
	if err != nil {
		return fmt.Errorf("store: %s document %d: %w", act, id, err)
	}
	return nil
}

// SubmitDocument sends a draft for review (送审).
func (s *Store) SubmitDocument(ctx context.Context, id int64, a Actor) error {
	return s.step(ctx, id, disclosure.ActionSubmit, a, "", func(tx *sql.Tx, _ disclosure.Document) (string, error) {
		_, err := tx.ExecContext(ctx, "UPDATE documents SET return_reason = '' WHERE id = $1", id)
		return "", err
	})
}

func (s *Store) insertReview(ctx context.Context, tx *sql.Tx, id int64, decision, checklist, note string, a Actor) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO document_reviews (document_id, decision, checklist, note, user_id, username, at)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`, id, decision, checklist, note, a.UserID, a.Username, s.ts(s.now()))
	return err
}

// ApproveDocument records the 保密审查 with its complete checklist.
func (s *Store) ApproveDocument(ctx context.Context, id int64, r disclosure.Review, a Actor) error {
	if err := disclosure.ValidateApproval(r); err != nil {
		return err
	}
	summary := disclosure.ChecklistSummary(r)
	return s.step(ctx, id, disclosure.ActionApprove, a, "保密审查："+summary, func(tx *sql.Tx, _ disclosure.Document) (string, error) {
		return "", s.insertReview(ctx, tx, id, "approve", summary, r.Note, a)
	})
}

// ReturnDocument sends a submitted or approved document back to its
// editor with the reason, which the editor sees on the draft.
func (s *Store) ReturnDocument(ctx context.Context, id int64, reason string, a Actor) error {
	if err := disclosure.ValidateReason(reason); err != nil {
		return err
	}
	return s.step(ctx, id, disclosure.ActionReturn, a, "退回原因："+reason, func(tx *sql.Tx, _ disclosure.Document) (string, error) {
		if _, err := tx.ExecContext(ctx, "UPDATE documents SET return_reason = $1 WHERE id = $2", reason, id); err != nil {
			return "", err
		}
		return "", s.insertReview(ctx, tx, id, "return", "", reason, a)
	})
}

// PublishDocument publishes an approved document: 发布日期 is now and
// the 索引号 is the body's code, the year and the next serial of the
// body's counter for that year. The counter row is incremented inside
// this transaction (an upsert with RETURNING), so concurrent publishers
// queue on the row on PostgreSQL and on the single writer on SQLite,
// and no two documents get one serial. An imported 索引号 is kept.
//
// A policy's approved interpretations (政策解读) are published in the
// same transaction, at the same instant; an interpretation whose policy
// is not yet public is refused.
func (s *Store) PublishDocument(ctx context.Context, id int64, a Actor) (string, error) {
	var indexNo string
	now := s.now()
	err := s.step(ctx, id, disclosure.ActionPublish, a, "", func(tx *sql.Tx, d disclosure.Document) (string, error) {
		if d.Interprets != 0 {
			var state string
			if err := tx.QueryRowContext(ctx, "SELECT state FROM documents WHERE id = $1", d.Interprets).Scan(&state); err != nil {
				return "", notFound(err, "document", d.Interprets)
			}
			if disclosure.State(state) != disclosure.StatePublished {
				return "", disclosure.ErrPolicyNotPublished
			}
		}
		var detail string
		var err error
		if indexNo, detail, err = s.publishTx(ctx, tx, d, now); err != nil {
			return "", err
		}
		// Approved interpretations go out with their policy.
		rows, err := tx.QueryContext(ctx, "SELECT "+documentColumns+" FROM documents WHERE interprets = $1 AND state = $2 ORDER BY id",
			id, string(disclosure.StateApproved))
		if err != nil {
			return "", err
		}
		var with []disclosure.Document
		for rows.Next() {
			x, err := scanDocument(rows)
			if err != nil {
				rows.Close()
				return "", err
			}
			with = append(with, x)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return "", err
		}
		for _, x := range with {
			if _, err := tx.ExecContext(ctx, "UPDATE documents SET state = $1, updated = $2 WHERE id = $3",
				string(disclosure.StatePublished), s.ts(now), x.ID); err != nil {
				return "", err
			}
			no, xd, err := s.publishTx(ctx, tx, x, now)
			if err != nil {
				return "", err
			}
			if err := s.auditTx(ctx, tx, a, "doc.publish", x.BodyID, x.ID, xd+"；与所解读的文件同时发布"); err != nil {
				return "", err
			}
			detail += "；同时发布解读 " + no
		}
		return detail, nil
	})
	if err != nil {
		return "", err
	}
	return indexNo, nil
}

// publishTx gives a document its 索引号 and 发布日期 and starts its
// 有效性 history; the state change is the caller's. It returns the
// 索引号 and the audit detail.
func (s *Store) publishTx(ctx context.Context, tx *sql.Tx, d disclosure.Document, now time.Time) (string, string, error) {
	indexNo := d.IndexNo
	if indexNo == "" {
		var code string
		if err := tx.QueryRowContext(ctx, "SELECT code FROM bodies WHERE id = $1", d.BodyID).Scan(&code); err != nil {
			return "", "", notFound(err, "body", d.BodyID)
		}
		if code == "" {
			return "", "", disclosure.ErrNoBodyCode
		}
		if err := disclosure.ValidateBodyCode(code); err != nil {
			return "", "", err
		}
		year := now.In(chinaZone).Year()
		var n int
		if err := tx.QueryRowContext(ctx, `INSERT INTO index_counters (body_id, year, n) VALUES ($1, $2, 1)
			ON CONFLICT (body_id, year) DO UPDATE SET n = index_counters.n + 1 RETURNING n`,
			d.BodyID, year).Scan(&n); err != nil {
			return "", "", err
		}
		indexNo = disclosure.IndexNo(code, year, n)
	}
	if _, err := tx.ExecContext(ctx, "UPDATE documents SET index_no = $1, published = $2 WHERE id = $3",
		indexNo, s.ts(now), d.ID); err != nil {
		return "", "", classify(err)
	}
	d.IndexNo, d.Published, d.State = indexNo, &now, disclosure.StatePublished
	if err := s.indexDocument(ctx, tx, d); err != nil {
		return "", "", err
	}
	if d.Kind.HasValidity() {
		hist, err := s.validityOf(ctx, tx, d.ID)
		if err != nil {
			return "", "", err
		}
		if len(hist) == 0 {
			eff := now
			if d.Written != nil {
				eff = *d.Written
			}
			if err := s.insertValidity(ctx, tx, disclosure.ValidityEvent{DocumentID: d.ID,
				Status: disclosure.ValidityInForce, Effective: eff}); err != nil {
				return "", "", err
			}
		}
	}
	detail := "索引号 " + indexNo
	if disclosure.Late(s.cal, d.Written, &now) {
		detail += "；超过成文日期后 20 个工作日发布（条例第二十六条）"
	}
	return indexNo, detail, nil
}

// checkPolicy checks the policy an interpretation links to.
func checkPolicy(ctx context.Context, tx *sql.Tx, d disclosure.Document) error {
	if d.Interprets == 0 {
		return nil
	}
	p, err := scanDocument(tx.QueryRowContext(ctx, "SELECT "+documentColumns+" FROM documents WHERE id = $1", d.Interprets))
	if err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return disclosure.ErrBadPolicy
		}
		return err
	}
	if !disclosure.CanInterpret(p, d.BodyID, d.ID) {
		return disclosure.ErrBadPolicy
	}
	return nil
}

// Interpretations returns the documents interpreting a policy, in any
// state, oldest first: callers serving the public keep the published.
func (s *Store) Interpretations(ctx context.Context, policyID int64) ([]disclosure.Document, error) {
	var ds []disclosure.Document
	err := s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, "SELECT "+documentColumns+" FROM documents WHERE interprets = $1 ORDER BY id", policyID)
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
		return nil, fmt.Errorf("store: interpretations of %d: %w", policyID, err)
	}
	return ds, nil
}

// WithdrawDocument takes a published document off the lists; its page
// stays, showing the reason. Nothing is deleted.
func (s *Store) WithdrawDocument(ctx context.Context, id int64, reason string, a Actor) error {
	if err := disclosure.ValidateReason(reason); err != nil {
		return err
	}
	return s.step(ctx, id, disclosure.ActionWithdraw, a, "撤回原因："+reason, func(tx *sql.Tx, _ disclosure.Document) (string, error) {
		if _, err := tx.ExecContext(ctx, "UPDATE documents SET withdrawn = $1, withdraw_reason = $2 WHERE id = $3",
			s.ts(s.now()), reason, id); err != nil {
			return "", err
		}
		return "", s.unindexDocument(ctx, tx, id)
	})
}

// AddValidity appends a 有效性 change (已修改 / 已废止) to a published
// 规章 or 规范性文件. A replacing document must be one of the same body.
func (s *Store) AddValidity(ctx context.Context, ev disclosure.ValidityEvent, a Actor) error {
	err := s.writePublic(ctx, func(tx *sql.Tx) error {
		d, err := s.lockDocument(ctx, tx, ev.DocumentID)
		if err != nil {
			return err
		}
		if d.State != disclosure.StatePublished {
			return fmt.Errorf("%w: %w", ErrState, &disclosure.ErrTransition{From: d.State, Action: "validity"})
		}
		hist, err := s.validityOf(ctx, tx, d.ID)
		if err != nil {
			return err
		}
		if err := disclosure.CheckValidityChange(d.Kind, hist, ev); err != nil {
			return err
		}
		if ev.ReplacedBy != 0 {
			var owner int64
			if err := tx.QueryRowContext(ctx, "SELECT body_id FROM documents WHERE id = $1", ev.ReplacedBy).Scan(&owner); err != nil {
				return notFound(err, "document", ev.ReplacedBy)
			}
			if owner != d.BodyID || ev.ReplacedBy == d.ID {
				return fmt.Errorf("store: replacing document %d: %w", ev.ReplacedBy, ErrNotFound)
			}
		}
		if err := s.insertValidity(ctx, tx, ev); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "UPDATE documents SET updated = $1 WHERE id = $2", s.ts(s.now()), d.ID); err != nil {
			return err
		}
		return s.auditTx(ctx, tx, a, "doc.validity", d.BodyID, d.ID,
			ev.Status.Name()+" "+ev.Effective.In(chinaZone).Format("2006-01-02"))
	})
	if err != nil {
		return fmt.Errorf("store: validity of document %d: %w", ev.DocumentID, err)
	}
	return nil
}

// chinaZone is Beijing time, for the year of a 索引号 and audit dates.
var chinaZone = time.FixedZone("CST", 8*3600)
