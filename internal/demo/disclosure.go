package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/gongkai/gongkai/internal/store"
	"github.com/gongkai/gongkai/internal/workday"
)

// clock places the demo's invented events relative to the day the demo
// is seeded, so the site check, the overdue consultation and the open
// comment period look the same whenever a new user starts the demo.
// reportYear is the year the table 二 page opens on (the last full year).
type clock struct {
	now        time.Time
	reportYear int
}

func newClock(now time.Time) clock {
	return clock{now: now, reportYear: now.In(workday.China).Year() - 1}
}

// daysAgo is n days before the seeding day at hh:mm Beijing time.
func (c clock) daysAgo(n, hh, mm int) time.Time {
	d := c.now.In(workday.China)
	return time.Date(d.Year(), d.Month(), d.Day()-n, hh, mm, 0, 0, workday.China)
}

// inReportYear is a fixed day of the report year, 10:00 Beijing time.
func (c clock) inReportYear(month time.Month, day int) time.Time {
	return time.Date(c.reportYear, month, day, 10, 0, 0, 0, workday.China)
}

// actors are the demo staff who take the workflow steps, so the versions,
// reviews and audit log name real accounts.
type actors struct {
	admin, editor, reviewer, handler store.Actor
}

func loadActors(ctx context.Context, st *store.Store) (actors, error) {
	var a actors
	for _, x := range []struct {
		name string
		to   *store.Actor
	}{{"wc-admin", &a.admin}, {"wc-editor", &a.editor}, {"wc-reviewer", &a.reviewer}, {"wc-handler", &a.handler}} {
		u, err := st.UserByName(ctx, x.name)
		if err != nil {
			return a, fmt.Errorf("demo: account %s: %w", x.name, err)
		}
		*x.to = store.Actor{UserID: u.ID, Username: u.Username}
	}
	return a, nil
}

// seedDisclosure gives 吴城镇 what a new user needs to try every
// disclosure feature: its own columns with documents old and new, a
// 规范性文件 replaced and abolished, policy interpretations, work
// waiting for the editor and the reviewer, a standard catalogue, table
// 二 figures from other systems, consultations and comment periods.
// It runs after the accounts exist, since their holders take the steps.
func seedDisclosure(ctx context.Context, st *store.Store, bodyID int64, now time.Time) error {
	who, err := loadActors(ctx, st)
	if err != nil {
		return err
	}
	c := newClock(now)
	cols, err := seedColumns(ctx, st, bodyID)
	if err != nil {
		return err
	}
	docs, err := seedPublications(ctx, st, bodyID, cols, c, who)
	if err != nil {
		return err
	}
	if err := seedCatalogue(ctx, st, bodyID, docs); err != nil {
		return err
	}
	if err := seedFigures(ctx, st, bodyID, c, who); err != nil {
		return err
	}
	if err := seedConsultations(ctx, st, bodyID, c, who); err != nil {
		return err
	}
	return seedCommentPeriods(ctx, st, bodyID, c, who)
}
