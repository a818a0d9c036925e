package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/gongkai/gongkai/internal/body"
)

// BodyReportSettings are what a body sets about annual reports.
type BodyReportSettings struct {
	// SupervisorID is the body its report is submitted to instead of its
	// parent (0: the parent).
	SupervisorID int64
	// DeadlineMonth and DeadlineDay are the deadline this body sets for
	// the bodies below it that Art. 49 does not name, the 乡镇（街道） and
	// the like ("下级乡镇（街道）等单位年报公布期限"; 0: none set here).
	DeadlineMonth int
	DeadlineDay   int
	// OffPlatform: the body publishes its report elsewhere; a supervisor
	// uploads it here so the overview covers it.
	OffPlatform bool
}

// ReportSettings returns every body's report settings in one query, for
// deadlines and overviews computed over the whole tree. Bodies that set
// nothing are absent.
func (s *Store) ReportSettings(ctx context.Context) (map[int64]BodyReportSettings, error) {
	out := map[int64]BodyReportSettings{}
	err := s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT body_id, supervisor_id, deadline_month, deadline_day, off_platform
			FROM body_report_settings`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			var st BodyReportSettings
			if err := rows.Scan(&id, scanID{&st.SupervisorID}, &st.DeadlineMonth, &st.DeadlineDay, &st.OffPlatform); err != nil {
				return err
			}
			out[id] = st
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("store: report settings: %w", err)
	}
	return out, nil
}

// SetReportSettings replaces a body's report settings, with an audit
// entry saying what they are now.
func (s *Store) SetReportSettings(ctx context.Context, bodyID int64, st BodyReportSettings, a Actor) error {
	err := s.write(ctx, func(tx *sql.Tx) error {
		if err := s.upsertReportSettings(ctx, tx, bodyID, st); err != nil {
			return err
		}
		return s.reportSettingsAudit(ctx, tx, bodyID, st, a)
	})
	if err != nil {
		return fmt.Errorf("store: report settings of body %d: %w", bodyID, classify(err))
	}
	return nil
}

func (s *Store) upsertReportSettings(ctx context.Context, tx *sql.Tx, bodyID int64, st BodyReportSettings) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO body_report_settings (body_id, supervisor_id, deadline_month, deadline_day, off_platform)
		VALUES ($1, $2, $3, $4, $5) ON CONFLICT (body_id) DO UPDATE SET supervisor_id = excluded.supervisor_id,
		deadline_month = excluded.deadline_month, deadline_day = excluded.deadline_day, off_platform = excluded.off_platform`,
		bodyID, nullID(st.SupervisorID), st.DeadlineMonth, st.DeadlineDay, st.OffPlatform)
	return err
}

func (s *Store) reportSettingsAudit(ctx context.Context, tx *sql.Tx, bodyID int64, st BodyReportSettings, a Actor) error {
	detail := fmt.Sprintf("年报设置：报送单位 %d（0 为上级单位），下级单位公布期限 %d月%d日（0 为未设置），平台外发布 %v",
		st.SupervisorID, st.DeadlineMonth, st.DeadlineDay, st.OffPlatform)
	_, err := tx.ExecContext(ctx, `INSERT INTO audit_log (at, user_id, username, action, body_id, target, detail, remote)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, s.ts(s.now()), a.UserID, a.Username, "report.settings", bodyID,
		fmt.Sprintf("body:%d", bodyID), detail, a.Remote)
	return err
}

// CreateOffPlatformBody registers a body that publishes its annual
// report elsewhere (a 镇 with its own site), marked off-platform, in one
// transaction, so its supervisor can upload its reports.
func (s *Store) CreateOffPlatformBody(ctx context.Context, b body.Body, a Actor) (int64, error) {
	if b.Created.IsZero() {
		b.Created = s.now()
	}
	var id int64
	err := s.writePublic(ctx, func(tx *sql.Tx) error {
		var err error
		if id, err = s.insertBody(ctx, tx, b); err != nil {
			return err
		}
		st := BodyReportSettings{OffPlatform: true}
		if err := s.upsertReportSettings(ctx, tx, id, st); err != nil {
			return err
		}
		return s.reportSettingsAudit(ctx, tx, id, st, a)
	})
	if err != nil {
		return 0, fmt.Errorf("store: create off-platform body %q: %w", b.Name, classify(err))
	}
	return id, nil
}
