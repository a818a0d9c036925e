package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/gongkai/gongkai/internal/reportflow"
)

// The annual report's workflow (reportflow): a body's report for a year
// goes from draft through submission to its supervising body, a return
// with comments or an approval, to publication in the body's 年度报告
// column; a published version is never changed, a correction is the
// next version. See annual_report_steps.go for the steps and
// annual_report_versions.go for publication.

// ErrReportState is returned (wrapped, with a *reportflow.ErrTransition)
// when the report's state does not allow the step.
var ErrReportState = errors.New("store: annual report state does not allow this")

// ReportCheck is what the checks found in a report at a step: the
// counts of error and warning findings.
type ReportCheck struct {
	Errors   int
	Warnings int
}

// AnnualReportRecord is a body's report for a year as the workflow
// keeps it: its state, what was submitted, every step and every
// published version. A report never started has State NotStarted and
// Version 1.
type AnnualReportRecord struct {
	BodyID int64
	Year   int
	State  reportflow.State
	// Version is the version being worked on; while published, the last
	// one published.
	Version      int
	SupervisorID int64  // the body it was submitted to (0 before)
	Snapshot     []byte // the report's JSON as submitted ("" before)
	ChangeNote   string // of the correction being worked on
	Check        ReportCheck
	Checked      *time.Time
	Updated      time.Time
	Events       []ReportEvent   // oldest first
	Versions     []ReportVersion // oldest first
}

// Published reports whether any version was published.
func (r AnnualReportRecord) Published() bool { return len(r.Versions) > 0 }

// ReportEvent is one step of the workflow, with the comments of a return.
type ReportEvent struct {
	ID       int64
	Version  int
	Action   reportflow.Action
	Note     string
	Override string // the reason an approval passed blocking problems
	Check    ReportCheck
	UserID   int64
	Username string
	At       time.Time
	Comments []reportflow.Comment
}

// Comments are the comments of the last return, the ones the body is
// answering (none after a later submission was approved).
func (r AnnualReportRecord) Comments() []reportflow.Comment {
	for i := len(r.Events) - 1; i >= 0; i-- {
		switch r.Events[i].Action {
		case reportflow.ActionReturn:
			return r.Events[i].Comments
		case reportflow.ActionApprove, reportflow.ActionPublish, reportflow.ActionCorrect:
			return nil
		}
	}
	return nil
}

// AnnualReport reads a body's report for a year with its history, in
// one snapshot.
func (s *Store) AnnualReport(ctx context.Context, bodyID int64, year int) (AnnualReportRecord, error) {
	rec := AnnualReportRecord{BodyID: bodyID, Year: year, State: reportflow.NotStarted, Version: 1}
	err := s.read(ctx, func(tx *sql.Tx) error {
		var state string
		var snapshot string
		err := tx.QueryRowContext(ctx, `SELECT state, version, supervisor_id, snapshot, change_note, errors, warnings, checked, updated
			FROM annual_reports WHERE body_id = $1 AND year = $2`, bodyID, year).Scan(&state, &rec.Version,
			scanID{&rec.SupervisorID}, &snapshot, &rec.ChangeNote, &rec.Check.Errors, &rec.Check.Warnings,
			nullTimeScan{&rec.Checked}, timeScan{&rec.Updated})
		switch {
		case errors.Is(err, sql.ErrNoRows):
			return nil
		case err != nil:
			return err
		}
		rec.State = reportflow.State(state)
		if snapshot != "" {
			rec.Snapshot = []byte(snapshot)
		}
		if rec.Events, err = s.reportEvents(ctx, tx, bodyID, year); err != nil {
			return err
		}
		rec.Versions, err = s.reportVersions(ctx, tx, "body_id = $1 AND year = $2", bodyID, year)
		return err
	})
	if err != nil {
		return rec, fmt.Errorf("store: annual report of body %d for %d: %w", bodyID, year, err)
	}
	return rec, nil
}

func (s *Store) reportEvents(ctx context.Context, tx *sql.Tx, bodyID int64, year int) ([]ReportEvent, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, version, action, note, override, errors, warnings, user_id, username, at
		FROM annual_report_events WHERE body_id = $1 AND year = $2 ORDER BY id`, bodyID, year)
	if err != nil {
		return nil, err
	}
	var out []ReportEvent
	byID := map[int64]int{}
	for rows.Next() {
		var e ReportEvent
		var action string
		if err := rows.Scan(&e.ID, &e.Version, &action, &e.Note, &e.Override, &e.Check.Errors, &e.Check.Warnings,
			&e.UserID, &e.Username, timeScan{&e.At}); err != nil {
			rows.Close()
			return nil, err
		}
		e.Action = reportflow.Action(action)
		byID[e.ID] = len(out)
		out = append(out, e)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	crows, err := tx.QueryContext(ctx, `SELECT c.event_id, c.section, c.table_id, c.row_id, c.col, c.text
		FROM annual_report_comments c JOIN annual_report_events e ON e.id = c.event_id
		WHERE e.body_id = $1 AND e.year = $2 ORDER BY c.id`, bodyID, year)
	if err != nil {
		return nil, err
	}
	defer crows.Close()
	for crows.Next() {
		var eventID int64
		var c reportflow.Comment
		if err := crows.Scan(&eventID, &c.Section, &c.Table, &c.Row, &c.Column, &c.Text); err != nil {
			return nil, err
		}
		if i, ok := byID[eventID]; ok {
			out[i].Comments = append(out[i].Comments, c)
		}
	}
	return out, crows.Err()
}

// ReportStatus is a body's report for a year in a supervisor's overview,
// and the answer to "is it published, and when".
type ReportStatus struct {
	State reportflow.State
	// Version is the last published version (0: none). FirstPublished is
	// when version 1 was published (the day the late rule looks at),
	// LastPublished when the last one was.
	Version        int
	FirstPublished *time.Time
	LastPublished  *time.Time
	SHA256         string // of the last published version
	Source         string // of the last published version: platform, upload or import
	// Check is of the last published version while published, else of
	// the last save or step (at Checked).
	Check   ReportCheck
	Checked *time.Time
}

// AnnualReportStatuses answers, for every body of bodyIDs, where its
// report for year stands: one query over the workflow and one over the
// published versions, whatever the number of bodies. A body with
// nothing recorded is absent from the map (NotStarted).
func (s *Store) AnnualReportStatuses(ctx context.Context, bodyIDs []int64, year int) (map[int64]ReportStatus, error) {
	want := make(map[int64]bool, len(bodyIDs))
	for _, id := range bodyIDs {
		want[id] = true
	}
	out := map[int64]ReportStatus{}
	err := s.read(ctx, func(tx *sql.Tx) error {
		// Every body's row of the year is read and filtered here: a year
		// has at most one row per body, and a list of thousands of ids
		// would strain both databases' parameter limits.
		rows, err := tx.QueryContext(ctx, `SELECT body_id, state, errors, warnings, checked
			FROM annual_reports WHERE year = $1`, year)
		if err != nil {
			return err
		}
		for rows.Next() {
			var id int64
			var st ReportStatus
			var state string
			if err := rows.Scan(&id, &state, &st.Check.Errors, &st.Check.Warnings, nullTimeScan{&st.Checked}); err != nil {
				rows.Close()
				return err
			}
			if want[id] {
				st.State = reportflow.State(state)
				out[id] = st
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		vrows, err := tx.QueryContext(ctx, `SELECT body_id, version, source, sha256, published, errors, warnings
			FROM annual_report_versions WHERE year = $1 ORDER BY body_id, version`, year)
		if err != nil {
			return err
		}
		defer vrows.Close()
		for vrows.Next() {
			var id int64
			var v ReportVersion
			if err := vrows.Scan(&id, &v.Version, &v.Source, &v.SHA256, timeScan{&v.Published},
				&v.Check.Errors, &v.Check.Warnings); err != nil {
				return err
			}
			st, ok := out[id]
			if !ok || !want[id] {
				continue
			}
			at := v.Published
			if st.FirstPublished == nil {
				st.FirstPublished = &at
			}
			st.Version, st.LastPublished, st.SHA256, st.Source = v.Version, &at, v.SHA256, v.Source
			if st.State == reportflow.Published {
				st.Check, st.Checked = v.Check, &at
			}
			out[id] = st
		}
		return vrows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("store: annual report statuses of %d bodies for %d: %w", len(bodyIDs), year, err)
	}
	return out, nil
}
