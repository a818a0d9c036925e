package web

import (
	"context"
	"fmt"
	"time"

	"github.com/gongkai/gongkai/internal/annualreport"
	"github.com/gongkai/gongkai/internal/body"
	"github.com/gongkai/gongkai/internal/disclosure"
	"github.com/gongkai/gongkai/internal/interact"
	"github.com/gongkai/gongkai/internal/sitecheck"
	"github.com/gongkai/gongkai/internal/store"
	"github.com/gongkai/gongkai/internal/workday"
)

// MonitorRow is the compliance monitor's verdict on one body.
type MonitorRow struct {
	Body   body.Body
	Depth  int // below the body checked
	Result sitecheck.BodyResult
	URL    string // the body's own monitor page
}

// Veto reports whether the body is unqualified: a single veto is hit.
func (m MonitorRow) Veto() bool { return m.Result.Veto() }

// Monitor runs the compliance monitor (sitecheck.Monitor) on date on for
// the body rootID, and for every body below it when subtree, with the
// records behind every finding: the body's console page and `gongkai
// check` share it. Villages (村（居）委会) are not administrative bodies
// and are left out; a body that publishes elsewhere is checked for its
// annual report only. The records come in one SubtreeMonitorFacts and
// one AnnualReportStatuses call, whatever the size of the subtree; cal
// counts Art. 26's 20 working days.
func Monitor(ctx context.Context, st *store.Store, cal *workday.Calendar, rootID int64, subtree bool, on time.Time) ([]MonitorRow, error) {
	on = on.In(chinaTime)
	today := workday.DateOf(on)
	// 3 months are at least 89 days: the query takes a superset, and
	// interact.Overdue decides.
	facts, err := st.SubtreeMonitorFacts(ctx, rootID, subtree, today, today.AddDays(-88), on.Add(-sitecheck.LateWindow))
	if err != nil {
		return nil, err
	}
	return monitorRows(ctx, st, rootID, subtree, on, func(b body.Body) sitecheck.Facts {
		return monitorFacts(facts, cal, b, today)
	})
}

// MonitorCounts is Monitor of rootID's whole subtree counting the
// records behind each finding instead of reading them (the subtree's
// console page): every count and single veto is Monitor's, and each
// body's own page lists the records.
func MonitorCounts(ctx context.Context, st *store.Store, cal *workday.Calendar, rootID int64, on time.Time) ([]MonitorRow, error) {
	on = on.In(chinaTime)
	today := workday.DateOf(on)
	counts, err := st.SubtreeMonitorCounts(ctx, rootID, today, today.AddDays(-88), on.Add(-sitecheck.LateWindow),
		func(made workday.Date) (workday.Date, bool) { return disclosure.PublishDeadline(cal, civil(made)) })
	if err != nil {
		return nil, err
	}
	return monitorRows(ctx, st, rootID, true, on, func(b body.Body) sitecheck.Facts {
		f := siteFacts(counts.MonitorSite, b)
		n := sitecheck.Counts{Overdue: counts.Overdue[b.ID], Late: counts.Late[b.ID]}
		for asked, k := range counts.Unanswered[b.ID] {
			if interact.Overdue(asked, today) {
				n.Unanswered += k
			}
		}
		f.Counted = &n
		return f
	})
}

// monitorRows applies the monitor on date on to rootID (and its subtree
// when subtree) with each body's facts from factsOf, adding what every
// body's verdict needs: whether it publishes here, and its annual
// report of the year before.
func monitorRows(ctx context.Context, st *store.Store, rootID int64, subtree bool, on time.Time, factsOf func(body.Body) sitecheck.Facts) ([]MonitorRow, error) {
	t, err := loadReportTree(ctx, st)
	if err != nil {
		return nil, err
	}
	root, ok := t.byID[rootID]
	if !ok {
		return nil, errNotFound()
	}
	bodies := []body.Body{root}
	if subtree {
		bodies = t.subtree(rootID)
	}
	year := on.Year() - 1
	ids := make([]int64, 0, len(bodies))
	for _, b := range bodies {
		ids = append(ids, b.ID)
	}
	statuses, err := st.AnnualReportStatuses(ctx, ids, year)
	if err != nil {
		return nil, err
	}
	depth := map[int64]int{}
	var out []MonitorRow
	for _, b := range bodies {
		if b.ID != rootID {
			depth[b.ID] = depth[b.ParentID] + 1
		}
		if b.Kind == body.Village {
			continue
		}
		f := factsOf(b)
		f.OnSite = !t.offPlatform(b.ID)
		due := t.deadline(b, year)
		f.Report = sitecheck.Report{Year: year, Applies: annualreport.FormatForYear(year) != nil,
			Published: statuses[b.ID].FirstPublished != nil, Due: endOfDay(due.Date)}
		f.ReportURL = annualReportURL(b.ID, year)
		out = append(out, MonitorRow{Body: b, Depth: depth[b.ID], Result: sitecheck.Monitor(f, on), URL: monitorURL(b.ID, false)})
	}
	return out, nil
}

// monitorURL is the monitor page of a body, or of its subtree.
func monitorURL(bodyID int64, subtree bool) string {
	if subtree {
		return fmt.Sprintf("/admin/bodies/%d/monitor?subtree=1", bodyID)
	}
	return fmt.Sprintf("/admin/bodies/%d/monitor", bodyID)
}

// endOfDay is the last second of a civil date given as midnight UTC, in
// Beijing: the whole deadline day counts.
func endOfDay(d time.Time) time.Time {
	return time.Date(d.Year(), d.Month(), d.Day(), 23, 59, 59, 0, chinaTime)
}

// civil is a civil date as midnight in Beijing, for display.
func civil(d workday.Date) time.Time {
	return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, chinaTime)
}

// siteFacts are body b's columns and guide from the subtree's sites.
func siteFacts(m store.MonitorSite, b body.Body) sitecheck.Facts {
	f := sitecheck.Facts{GuideUpdated: m.Edited[b.ID], SiteCheckURL: fmt.Sprintf("/admin/bodies/%d/site-check", b.ID),
		GuideURL: "/b/" + b.Slug + "/c/guide/"}
	f.Columns = checkedColumns(m.Columns[b.ID], m.Stats)
	for _, c := range contactLines(b.Contact) {
		// The office defaults to the body's name and the fax and e-mail
		// are optional; the address, hours and telephone are not.
		if c.Empty && (c.Label == "办公地址" || c.Label == "办公时间" || c.Label == "联系电话") {
			f.GuideMissing = append(f.GuideMissing, c.Label)
		}
	}
	f.ColumnURL = func(sitecheck.Column) string { return fmt.Sprintf("/admin/bodies/%d/columns", b.ID) }
	return f
}

// monitorFacts turns the subtree's records into body b's facts.
func monitorFacts(m store.MonitorFacts, cal *workday.Calendar, b body.Body, today workday.Date) sitecheck.Facts {
	f := siteFacts(m.MonitorSite, b)
	for _, q := range m.Unanswered[b.ID] {
		if interact.Overdue(q.Asked, today) {
			f.Unanswered = append(f.Unanswered, sitecheck.Consultation{ID: q.ID, Subject: q.Subject, Asked: civil(q.Asked)})
		}
	}
	for _, r := range m.Overdue[b.ID] {
		f.Overdue = append(f.Overdue, sitecheck.Request{ID: r.ID, Code: r.Code, Due: civil(r.Due)})
	}
	for _, d := range m.LateCandidates[b.ID] {
		due, ok := disclosure.PublishDeadline(cal, d.Written)
		if ok && workday.Today(d.Published).After(due) {
			f.Late = append(f.Late, sitecheck.Document{ID: d.ID, Title: d.Title, Written: d.Written.In(chinaTime),
				Published: d.Published.In(chinaTime), Due: civil(due)})
		}
	}
	f.RequestURL = func(r sitecheck.Request) string { return fmt.Sprintf("/admin/requests/%d", r.ID) }
	f.ConsultURL = func(q sitecheck.Consultation) string {
		return fmt.Sprintf("/admin/bodies/%d/consultations/%d", b.ID, q.ID)
	}
	f.DocumentURL = func(d sitecheck.Document) string { return fmt.Sprintf("/admin/documents/%d", d.ID) }
	return f
}
