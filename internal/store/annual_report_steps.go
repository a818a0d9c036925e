package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"

	"github.com/gongkai/gongkai/internal/reportflow"
)

// lockAnnualReport reads the workflow row of a report for a step,
// creating it (not started) when absent. On PostgreSQL FOR UPDATE makes
// concurrent steps on one report queue; SQLite's single writer already
// does.
func (s *Store) lockAnnualReport(ctx context.Context, tx *sql.Tx, bodyID int64, year int) (AnnualReportRecord, error) {
	rec := AnnualReportRecord{BodyID: bodyID, Year: year}
	if _, err := tx.ExecContext(ctx, `INSERT INTO annual_reports (body_id, year, state, updated) VALUES ($1, $2, '', $3)
		ON CONFLICT (body_id, year) DO NOTHING`, bodyID, year, s.ts(s.now())); err != nil {
		return rec, err
	}
	q := "SELECT state, version, change_note FROM annual_reports WHERE body_id = $1 AND year = $2"
	if s.dialect == postgres {
		q += " FOR UPDATE"
	}
	var state string
	if err := tx.QueryRowContext(ctx, q, bodyID, year).Scan(&state, &rec.Version, &rec.ChangeNote); err != nil {
		return rec, err
	}
	rec.State = reportflow.State(state)
	return rec, nil
}

func nextReportState(from reportflow.State, a reportflow.Action) (reportflow.State, error) {
	to, err := reportflow.Next(from, a)
	if err != nil {
		return to, fmt.Errorf("%w: %w", ErrReportState, err)
	}
	return to, nil
}

func (s *Store) setReportState(ctx context.Context, tx *sql.Tx, bodyID int64, year int, state reportflow.State, version int, c ReportCheck) error {
	now := s.ts(s.now())
	_, err := tx.ExecContext(ctx, `UPDATE annual_reports SET state = $1, version = $2, errors = $3, warnings = $4,
		checked = $5, updated = $5 WHERE body_id = $6 AND year = $7`, string(state), version, c.Errors, c.Warnings, now, bodyID, year)
	return err
}

// reportStepTx records a step: its event (with the comments of a
// return) and its audit entry.
func (s *Store) reportStepTx(ctx context.Context, tx *sql.Tx, bodyID int64, year, version int, act reportflow.Action,
	note, override string, c ReportCheck, comments []reportflow.Comment, a Actor) error {
	now := s.ts(s.now())
	var eventID int64
	if err := tx.QueryRowContext(ctx, `INSERT INTO annual_report_events (body_id, year, version, action, note, override,
		errors, warnings, user_id, username, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
		bodyID, year, version, string(act), note, override, c.Errors, c.Warnings, a.UserID, a.Username, now).Scan(&eventID); err != nil {
		return err
	}
	for _, cm := range comments {
		if _, err := tx.ExecContext(ctx, `INSERT INTO annual_report_comments (event_id, section, table_id, row_id, col, text)
			VALUES ($1, $2, $3, $4, $5, $6)`, eventID, cm.Section, cm.Table, cm.Row, cm.Column, cm.Text); err != nil {
			return err
		}
	}
	detail := fmt.Sprintf("%d 年度报告第 %d 版%s（错误 %d 项，警告 %d 项）", year, version, act.Name(), c.Errors, c.Warnings)
	if len(comments) > 0 {
		detail += "；意见 " + strconv.Itoa(len(comments)) + " 条"
	}
	if override != "" {
		detail += "；存在问题仍予通过，理由：" + override
	}
	if note != "" {
		detail += "；" + note
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO audit_log (at, user_id, username, action, body_id, target, detail, remote)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, now, a.UserID, a.Username, "report."+string(act), bodyID,
		fmt.Sprintf("report:%d", year), detail, a.Remote)
	return err
}

// Submission is a report sent to its supervising body: the body it goes
// to, the report's JSON as submitted (what the supervisor reviews and
// what will be published), the change note of a correction and the
// checks' counts.
type Submission struct {
	BodyID       int64
	Year         int
	SupervisorID int64
	Snapshot     []byte
	ChangeNote   string
	Check        ReportCheck
}

// SubmitAnnualReport sends a draft or returned report to its supervising
// body (报送).
func (s *Store) SubmitAnnualReport(ctx context.Context, sub Submission, a Actor) error {
	err := s.write(ctx, func(tx *sql.Tx) error {
		rec, err := s.lockAnnualReport(ctx, tx, sub.BodyID, sub.Year)
		if err != nil {
			return err
		}
		to, err := nextReportState(rec.State, reportflow.ActionSubmit)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE annual_reports SET supervisor_id = $1, snapshot = $2, change_note = $3
			WHERE body_id = $4 AND year = $5`, nullID(sub.SupervisorID), string(sub.Snapshot), sub.ChangeNote, sub.BodyID, sub.Year); err != nil {
			return err
		}
		if err := s.setReportState(ctx, tx, sub.BodyID, sub.Year, to, rec.Version, sub.Check); err != nil {
			return err
		}
		return s.reportStepTx(ctx, tx, sub.BodyID, sub.Year, rec.Version, reportflow.ActionSubmit, sub.ChangeNote, "", sub.Check, nil, a)
	})
	if err != nil {
		return fmt.Errorf("store: submit annual report of body %d for %d: %w", sub.BodyID, sub.Year, err)
	}
	return nil
}

// ReturnAnnualReport sends a submitted (or approved, not yet published)
// report back to the body with a note and comments on sections or cells.
func (s *Store) ReturnAnnualReport(ctx context.Context, bodyID int64, year int, note string, comments []reportflow.Comment, a Actor) error {
	err := s.write(ctx, func(tx *sql.Tx) error {
		rec, err := s.lockAnnualReport(ctx, tx, bodyID, year)
		if err != nil {
			return err
		}
		to, err := nextReportState(rec.State, reportflow.ActionReturn)
		if err != nil {
			return err
		}
		var c ReportCheck
		if err := tx.QueryRowContext(ctx, "SELECT errors, warnings FROM annual_reports WHERE body_id = $1 AND year = $2",
			bodyID, year).Scan(&c.Errors, &c.Warnings); err != nil {
			return err
		}
		if err := s.setReportState(ctx, tx, bodyID, year, to, rec.Version, c); err != nil {
			return err
		}
		return s.reportStepTx(ctx, tx, bodyID, year, rec.Version, reportflow.ActionReturn, note, "", c, comments, a)
	})
	if err != nil {
		return fmt.Errorf("store: return annual report of body %d for %d: %w", bodyID, year, err)
	}
	return nil
}

// ApproveAnnualReport approves a submitted report (审核通过) with the
// checks' counts as reviewed. override is the reason given for approving
// a report with blocking problems (reportflow.Blockers), "" when it had
// none; it is kept with the step and in the audit log.
func (s *Store) ApproveAnnualReport(ctx context.Context, bodyID int64, year int, note, override string, c ReportCheck, a Actor) error {
	err := s.write(ctx, func(tx *sql.Tx) error {
		rec, err := s.lockAnnualReport(ctx, tx, bodyID, year)
		if err != nil {
			return err
		}
		to, err := nextReportState(rec.State, reportflow.ActionApprove)
		if err != nil {
			return err
		}
		if err := s.setReportState(ctx, tx, bodyID, year, to, rec.Version, c); err != nil {
			return err
		}
		return s.reportStepTx(ctx, tx, bodyID, year, rec.Version, reportflow.ActionApprove, note, override, c, nil, a)
	})
	if err != nil {
		return fmt.Errorf("store: approve annual report of body %d for %d: %w", bodyID, year, err)
	}
	return nil
}

// CorrectAnnualReport starts the next version of a published report: the
// text becomes editable again, and the next submission carries a change
// note; the published versions stay as they are.
func (s *Store) CorrectAnnualReport(ctx context.Context, bodyID int64, year int, a Actor) error {
	err := s.write(ctx, func(tx *sql.Tx) error {
		rec, err := s.lockAnnualReport(ctx, tx, bodyID, year)
		if err != nil {
			return err
		}
		to, err := nextReportState(rec.State, reportflow.ActionCorrect)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE annual_reports SET snapshot = '', change_note = '' WHERE body_id = $1 AND year = $2`,
			bodyID, year); err != nil {
			return err
		}
		if err := s.setReportState(ctx, tx, bodyID, year, to, rec.Version+1, ReportCheck{}); err != nil {
			return err
		}
		return s.reportStepTx(ctx, tx, bodyID, year, rec.Version+1, reportflow.ActionCorrect, "", "", ReportCheck{}, nil, a)
	})
	if err != nil {
		return fmt.Errorf("store: correct annual report of body %d for %d: %w", bodyID, year, err)
	}
	return nil
}
