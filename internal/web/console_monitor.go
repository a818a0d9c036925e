package web

import (
	"fmt"
	"net/http"
	"time"

	"github.com/gongkai/gongkai/internal/body"
	"github.com/gongkai/gongkai/internal/sitecheck"
)

type monitorView struct {
	Page
	Body       body.Body
	On         time.Time
	Subtree    bool
	Rows       []monitorRowView
	Own        *MonitorRow // the body itself, shown in detail
	Indicators []sitecheck.Indicator
	Vetoed     int // bodies with a single veto hit
	Breaching  int // bodies with any breach
	BodyURL    string
	SubtreeURL string
}

// monitorRowView is a body's row of the subtree's table: its verdict
// and, for each indicator in the table's order, its cell.
type monitorRowView struct {
	MonitorRow
	Cells []monitorCell
}

// monitorCell is a body's count of findings of one indicator (0: none)
// and whether its single veto is hit.
type monitorCell struct {
	Count int
	Hit   bool
}

// monitorRowViews lays the rows out for the table, cells in the order
// of indicators: computed once, not looked up by the template in each
// of a province's 40,000 cells.
func monitorRowViews(rows []MonitorRow, indicators []sitecheck.Indicator) []monitorRowView {
	out := make([]monitorRowView, len(rows))
	for i, r := range rows {
		out[i] = monitorRowView{MonitorRow: r, Cells: make([]monitorCell, len(indicators))}
		for _, b := range r.Result.Breaches {
			for j, ind := range indicators {
				if ind.Code == b.Indicator.Code {
					out[i].Cells[j] = monitorCell{Count: b.Count, Hit: b.Hit}
				}
			}
		}
	}
	return out
}

// monitorDate is ?on=YYYY-MM-DD (the whole day), else now.
func (s *server) monitorDate(r *http.Request) (time.Time, error) {
	on := s.now().In(chinaTime)
	if q := r.URL.Query().Get("on"); q != "" {
		d, err := time.ParseInLocation("2006-01-02", q, chinaTime)
		if err != nil {
			return on, errBadRequest("检查日期格式应为 YYYY-MM-DD。")
		}
		on = d.Add(24*time.Hour - time.Second)
	}
	return on, nil
}

// monitorPage is the compliance monitor of a body (every indicator with
// the records behind it) or of its subtree (one row per body, counts
// per indicator, single vetoes marked, each body linking to its page).
func (s *server) monitorPage(w http.ResponseWriter, r *http.Request) error {
	b, err := s.bodyFromPath(r)
	if err != nil {
		return err
	}
	on, err := s.monitorDate(r)
	if err != nil {
		return err
	}
	subtree := r.URL.Query().Get("subtree") == "1"
	// A subtree's page counts (a province publishes tens of thousands of
	// late documents a year); each body's page lists.
	monitor := func() ([]MonitorRow, error) { return Monitor(r.Context(), s.store, s.cal, b.ID, false, on) }
	if subtree {
		monitor = func() ([]MonitorRow, error) { return MonitorCounts(r.Context(), s.store, s.cal, b.ID, on) }
	}
	rows, err := monitor()
	if err != nil {
		return err
	}
	title := "合规监测 - " + b.Name
	if subtree {
		title = "合规监测（含下级单位）- " + b.Name
	}
	v := monitorView{Page: s.consolePage(r, title, "/admin/bodies"), Body: b, On: on, Subtree: subtree,
		Indicators: sitecheck.Indicators, BodyURL: monitorURL(b.ID, false), SubtreeURL: monitorURL(b.ID, true)}
	for i := range rows {
		if rows[i].Veto() {
			v.Vetoed++
		}
		if len(rows[i].Result.Breaches) > 0 {
			v.Breaching++
		}
		if rows[i].Body.ID == b.ID && !subtree {
			v.Own = &rows[i]
		}
	}
	v.Rows = monitorRowViews(rows, v.Indicators)
	if v.Own == nil && !subtree {
		return errBadRequest(fmt.Sprintf("%s为村（居）委会，不适用网站检查指标。", b.Name))
	}
	return s.render(w, r, "console_monitor", v)
}
