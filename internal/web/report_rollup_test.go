package web

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/annualreport"
	rq "github.com/gongkai/gongkai/internal/request"
	"github.com/gongkai/gongkai/internal/store"
	"github.com/gongkai/gongkai/internal/workday"
)

// TestReportRollupAndMonitor walks a county's supervisor pages on both
// databases: the roll-up sums a township's records with the report
// uploaded for the township that publishes elsewhere, each figure lists
// its bodies, the JSON export carries the sums, the charts are drawn;
// the monitor lists the township's overdue request; the open-data
// listing answers without a login.
func TestReportRollupAndMonitor(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, st *store.Store) {
		e := newTestEnvOn(t, st, true)
		ctx := context.Background()
		a := store.Actor{Username: "test"}
		if err := st.SetReportSettings(ctx, e.b.ID, store.BodyReportSettings{OffPlatform: true}, a); err != nil {
			t.Fatal(err)
		}
		up := &annualreport.Report{Org: e.b.Name, Year: 2025, Format: "2021", Sections: map[string]string{},
			Tables: annualreport.Tables{Three: map[string]map[string]annualreport.Cell{
				"一": {"自然人": {State: annualreport.Value, Num: 5}, "总计": {State: annualreport.Value, Num: 5}}}}}
		js, err := annualreport.EncodeJSON(up)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.RecordPublishedReport(ctx, store.Publication{BodyID: e.b.ID, Year: 2025, Canonical: js, Title: "年报",
			Published: time.Date(2026, 1, 20, 2, 0, 0, 0, time.UTC)}, store.ReportSourceUpload, false, a); err != nil {
			t.Fatal(err)
		}
		for _, d := range []string{"2025-03-03", "2025-06-02"} {
			q := e.storedRequest(t, e.a.ID, "11010519491231002X", d)
			if _, err := st.AppendRequestEvent(ctx, q.ID, rq.EventRecord{Event: rq.Answered{
				Date: workday.MustParse(d).AddDays(5), Outcome: "三.一"}}); err != nil {
				t.Fatal(err)
			}
		}
		// Open and past its due date whatever day the test runs.
		open := e.storedRequest(t, e.a.ID, "11010519491231002X", workday.DateOf(time.Now().AddDate(0, -3, 0)).String())

		cookies := e.login("sysadmin")
		get := func(path string) string {
			t.Helper()
			w := e.serve(request("GET", path, nil, cookies))
			if w.Code != http.StatusOK {
				t.Fatalf("GET %s = %d\n%.500s", path, w.Code, w.Body.String())
			}
			return w.Body.String()
		}
		base := "/admin/bodies/" + itoa(e.root.ID)
		var sum struct {
			Tables struct {
				Three map[string]map[string]float64 `json:"三"`
			} `json:"tables"`
		}
		if err := json.Unmarshal([]byte(get(base+"/annual-reports/rollup.json?year=2025")), &sum); err != nil {
			t.Fatal(err)
		}
		checks := []struct {
			row, col string
			want     float64
		}{{"一", "总计", 7}, {"一", "自然人", 7}, {"三.一", "总计", 2}, {"三.七", "总计", 2}}
		for _, c := range checks {
			if got := sum.Tables.Three[c.row][c.col]; got != c.want {
				t.Errorf("roll-up 三 %s/%s = %v, want %v", c.row, c.col, got, c.want)
			}
		}
		page := get(base + "/annual-reports/rollup?year=2025")
		for _, want := range []string{"与上年比较", `id="chart-months"`, `id="chart-trend"`, "<svg", e.b.Name,
			contributionURL(e.root.ID, 2025, "三", "一", "总计")} {
			if !strings.Contains(page, strings.ReplaceAll(want, "&", "&amp;")) {
				t.Errorf("roll-up page lacks %q", want)
			}
		}
		cell := get(contributionURL(e.root.ID, 2025, "三", "一", "总计"))
		for _, want := range []string{e.a.Name, e.b.Name, "上传的年报", "办理记录", "<strong>7</strong>"} {
			if !strings.Contains(cell, want) {
				t.Errorf("contributions page lacks %q", want)
			}
		}
		if w := e.serve(request("GET", base+"/annual-reports/rollup/cell?"+url.Values{"year": {"2025"}, "table": {"三"}, "row": {"九"}, "col": {"总计"}}.Encode(), nil, cookies)); w.Code != http.StatusBadRequest {
			t.Errorf("a cell not in the format: %d, want 400", w.Code)
		}
		if w := e.serve(request("GET", base+"/annual-reports/rollup.xlsx?year=2025", nil, cookies)); w.Code != http.StatusOK || w.Body.Len() == 0 {
			t.Errorf("roll-up .xlsx: %d", w.Code)
		}

		mon := get(base + "/monitor?subtree=1")
		if !strings.Contains(mon, e.a.Name) || !strings.Contains(mon, e.b.Name) {
			t.Errorf("subtree monitor lacks its bodies")
		}
		own := get("/admin/bodies/" + itoa(e.a.ID) + "/monitor")
		if !strings.Contains(own, "依申请公开答复超期") || !strings.Contains(own, open.Code) {
			t.Errorf("the township's monitor does not list its overdue request %s", open.Code)
		}

		w := e.serve(request("GET", "/api/v1/annual-reports", nil, nil))
		var list openReportList
		if w.Code != http.StatusOK || json.Unmarshal(w.Body.Bytes(), &list) != nil || list.Schema != "gongkai.annual-report-list/v1" {
			t.Errorf("open data: %d %s", w.Code, w.Body.String())
		}
		if len(list.Reports) != 0 {
			t.Errorf("a report uploaded for a body off the platform is not published here: %+v", list.Reports)
		}
	})
}
