package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/gongkai/gongkai/internal/reportflow"
)

// ReportSectionIDs are the numerals of the six sections of every
// national annual-report format; text is kept under these keys only.
var ReportSectionIDs = []string{"一", "二", "三", "四", "五", "六"}

// ErrBadSection is returned (wrapped) when report text names a section
// that no annual-report format has.
var ErrBadSection = errors.New("store: unknown annual report section")

// ReportSections returns the narrative text a body wrote for its annual
// report of a year, keyed by section numeral. Sections never written are
// absent.
func (s *Store) ReportSections(ctx context.Context, bodyID int64, year int) (map[string]string, error) {
	out := map[string]string{}
	err := s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT section, text FROM report_sections
			WHERE body_id = $1 AND year = $2`, bodyID, year)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id, text string
			if err := rows.Scan(&id, &text); err != nil {
				return err
			}
			out[id] = text
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("store: report sections of body %d for %d: %w", bodyID, year, err)
	}
	return out, nil
}

// SetReportSections replaces the narrative text of a body's report year
// in one transaction, with an audit entry and the checks' counts of the
// report as saved (for the supervisors' overview). Blank text is not
// kept, so a cleared section reads back absent; an unknown section
// numeral is refused before anything is written, and so is any change
// while the report is with its supervisor or published (ErrReportState).
func (s *Store) SetReportSections(ctx context.Context, bodyID int64, year int, sections map[string]string, check ReportCheck, a Actor) error {
	for id := range sections {
		if !slices.Contains(ReportSectionIDs, id) {
			return fmt.Errorf("store: set report sections of body %d for %d: %w: %q", bodyID, year, ErrBadSection, id)
		}
	}
	err := s.write(ctx, func(tx *sql.Tx) error {
		rec, err := s.lockAnnualReport(ctx, tx, bodyID, year)
		if err != nil {
			return err
		}
		to, err := nextReportState(rec.State, reportflow.ActionEdit)
		if err != nil {
			return err
		}
		if err := s.setReportState(ctx, tx, bodyID, year, to, rec.Version, check); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM report_sections WHERE body_id = $1 AND year = $2", bodyID, year); err != nil {
			return err
		}
		now := s.ts(s.now())
		for _, id := range ReportSectionIDs {
			text := sections[id]
			if strings.TrimSpace(text) == "" {
				continue
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO report_sections (body_id, year, section, text, updated)
				VALUES ($1, $2, $3, $4, $5)`, bodyID, year, id, text, now); err != nil {
				return err
			}
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO audit_log (at, user_id, username, action, body_id, target, detail, remote)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, now, a.UserID, a.Username, "report.sections", bodyID,
			fmt.Sprintf("report:%d", year), fmt.Sprintf("%d 年度报告正文", year), a.Remote)
		return err
	})
	if err != nil {
		return fmt.Errorf("store: set report sections of body %d for %d: %w", bodyID, year, err)
	}
	return nil
}
