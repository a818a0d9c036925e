package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/gongkai/gongkai/internal/annualreport"
	"github.com/gongkai/gongkai/internal/disclosure"
)

// ReportFigures returns the table 二 cells a body entered for a year
// from other systems (行政许可, 行政处罚 … counts, fees), keyed by the
// format's row label then column label, with the unit of each amount
// that carries one. Cells never entered are absent.
func (s *Store) ReportFigures(ctx context.Context, bodyID int64, year int) (disclosure.Figures, error) {
	out := disclosure.Figures{Cells: map[string]map[string]annualreport.Cell{}, Units: map[string]string{}}
	err := s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT row_label, col_label, state, num, unit FROM report_figures
			WHERE body_id = $1 AND year = $2`, bodyID, year)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var row, col, unit string
			var c annualreport.Cell
			if err := rows.Scan(&row, &col, &c.State, &c.Num, &unit); err != nil {
				return err
			}
			if out.Cells[row] == nil {
				out.Cells[row] = map[string]annualreport.Cell{}
			}
			out.Cells[row][col] = c
			if unit != "" {
				out.Units[disclosure.UnitKey(row, col)] = unit
			}
		}
		return rows.Err()
	})
	if err != nil {
		return disclosure.Figures{}, fmt.Errorf("store: report figures of body %d for %d: %w", bodyID, year, err)
	}
	return out, nil
}

// SetReportFigures replaces the entered cells of a body's year, with
// their units, in one transaction, with an audit entry. A unit the
// year's format does not allow (see disclosure.Figures.CheckUnits) is
// refused before anything is written.
func (s *Store) SetReportFigures(ctx context.Context, bodyID int64, year int, fig disclosure.Figures, a Actor) error {
	if err := fig.CheckUnits(year); err != nil {
		return fmt.Errorf("store: set report figures of body %d for %d: %w", bodyID, year, err)
	}
	err := s.write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, "DELETE FROM report_figures WHERE body_id = $1 AND year = $2", bodyID, year); err != nil {
			return err
		}
		now := s.ts(s.now())
		for row, cols := range fig.Cells {
			for col, c := range cols {
				if _, err := tx.ExecContext(ctx, `INSERT INTO report_figures (body_id, year, row_label, col_label, state, num, unit, updated)
					VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, bodyID, year, row, col, int(c.State), c.Num,
					fig.Units[disclosure.UnitKey(row, col)], now); err != nil {
					return err
				}
			}
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO audit_log (at, user_id, username, action, body_id, target, detail, remote)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, now, a.UserID, a.Username, "report.figures", bodyID,
			fmt.Sprintf("report:%d", year), fmt.Sprintf("%d 年度报告表二数据", year), a.Remote)
		return err
	})
	if err != nil {
		return fmt.Errorf("store: set report figures of body %d for %d: %w", bodyID, year, err)
	}
	return nil
}
