package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/gongkai/gongkai/internal/workday"
)

// A province's compliance overview shows, for each of its 5,000 bodies,
// how many records break each indicator, not the records: it counts
// them with grouped queries (the lists stay on each body's own page,
// SubtreeMonitorFacts), so its cost does not grow with the 86,000
// late documents a province may publish in a year.

// MonitorCounts are what the monitor counts of a subtree for its
// overview: the sites as MonitorFacts has them, and the number of
// records behind the other indicators instead of the records.
type MonitorCounts struct {
	MonitorSite
	// Unanswered: consultations not answered and asked before the day
	// given, by body and day asked (the 3-month test is on the day).
	Unanswered map[int64]map[workday.Date]int
	// Overdue: open requests whose due date is before the day given.
	Overdue map[int64]int
	// Late: documents published since the instant given after the
	// deadline of the day they were made (Art. 26).
	Late map[int64]int
}

// lateDaysPerQuery bounds the days of making sent with one count of
// late documents (two parameters each, well below both databases'
// limits on parameters).
const lateDaysPerQuery = 1000

// SubtreeMonitorCounts counts, by body of root's subtree, what
// SubtreeMonitorFacts lists: unanswered consultations asked before
// askedBefore, open requests past a due date before today, and the
// documents published since the instant given later than deadline
// allows for the day (in Beijing) they were made; deadline reports
// false when it cannot tell, and such documents are not counted.
func (s *Store) SubtreeMonitorCounts(ctx context.Context, rootID int64, today, askedBefore workday.Date, since time.Time,
	deadline func(written workday.Date) (workday.Date, bool)) (MonitorCounts, error) {
	out := MonitorCounts{Unanswered: map[int64]map[workday.Date]int{}, Overdue: map[int64]int{}, Late: map[int64]int{}}
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		if out.MonitorSite, err = monitorSite(ctx, tx, treeCTE, rootID); err != nil {
			return err
		}
		if err := eachRow(ctx, tx, treeCTE+`SELECT q.body_id, q.asked_day, count(*) FROM tree
			JOIN consultations q ON q.body_id = tree.bid WHERE q.answered IS NULL AND q.asked_day < $2
			GROUP BY q.body_id, q.asked_day`, []any{rootID, askedBefore.String()}, func(r *sql.Rows) error {
			var id int64
			var day workday.Date
			var n int
			if err := r.Scan(&id, dateScan{&day}, &n); err != nil {
				return err
			}
			if out.Unanswered[id] == nil {
				out.Unanswered[id] = map[workday.Date]int{}
			}
			out.Unanswered[id][day] += n
			return nil
		}); err != nil {
			return err
		}
		if err := eachRow(ctx, tx, treeCTE+`SELECT r.body_id, count(*) FROM tree
			JOIN requests r ON r.body_id = tree.bid WHERE r.closed IS NULL AND r.due <> '' AND r.due < $2
			GROUP BY r.body_id`, []any{rootID, today.String()}, func(r *sql.Rows) error {
			var id int64
			var n int
			if err := r.Scan(&id, &n); err != nil {
				return err
			}
			out.Overdue[id] = n
			return nil
		}); err != nil {
			return err
		}
		return s.countLate(ctx, tx, rootID, since, deadline, out.Late)
	})
	if err != nil {
		return MonitorCounts{}, fmt.Errorf("store: monitor counts of subtree %d: %w", rootID, err)
	}
	return out, nil
}

// countLate adds to late, by body, the late-publication candidates
// published since the instant given whose day of publication (in
// Beijing) is after deadline(the day they were made). The candidates'
// days of making are read first (from the index documents_late alone,
// a few hundred days); the count then joins each candidate to its
// day's deadline.
func (s *Store) countLate(ctx context.Context, tx *sql.Tx, rootID int64, since time.Time,
	deadline func(workday.Date) (workday.Date, bool), late map[int64]int) error {
	var days []any // day made, last day allowed: pairs
	if err := eachRow(ctx, tx, treeCTE+`SELECT DISTINCT `+s.chinaDay("d.written")+` FROM documents d`+s.lateIndex()+`
		WHERE d.body_id IN (SELECT bid FROM tree) AND `+s.lateCandidate()+` AND d.published >= $2`,
		[]any{rootID, s.ts(since)}, func(r *sql.Rows) error {
			var made workday.Date
			if err := r.Scan(dateScan{&made}); err != nil {
				return err
			}
			if due, ok := deadline(made); ok {
				days = append(days, made.String(), due.String())
			}
			return nil
		}); err != nil {
		return err
	}
	for len(days) > 0 {
		chunk := days[:min(len(days), 2*lateDaysPerQuery)]
		days = days[len(chunk):]
		rows := make([]string, 0, len(chunk)/2)
		for i := 0; i < len(chunk); i += 2 {
			rows = append(rows, fmt.Sprintf("(CAST($%d AS TEXT), CAST($%d AS TEXT))", i+3, i+4))
		}
		q := treeCTE + `, due(made, last) AS (VALUES ` + strings.Join(rows, ", ") + `)
			SELECT d.body_id, count(*) FROM documents d` + s.lateIndex() + `
			JOIN due ON due.made = ` + s.chinaDay("d.written") + `
			WHERE d.body_id IN (SELECT bid FROM tree) AND ` + s.lateCandidate() + ` AND d.published >= $2
			AND ` + s.chinaDay("d.published") + ` > due.last
			GROUP BY d.body_id`
		if err := eachRow(ctx, tx, q, append([]any{rootID, s.ts(since)}, chunk...), func(r *sql.Rows) error {
			var id int64
			var n int
			if err := r.Scan(&id, &n); err != nil {
				return err
			}
			late[id] += n
			return nil
		}); err != nil {
			return err
		}
	}
	return nil
}
