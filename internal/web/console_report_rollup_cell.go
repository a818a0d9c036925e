package web

import (
	"net/http"
	"sort"

	"github.com/gongkai/gongkai/internal/annualreport"
	"github.com/gongkai/gongkai/internal/body"
	"github.com/gongkai/gongkai/internal/rollup"
)

// contribution is one body's figure in a cell of the roll-up.
type contribution struct {
	Body      body.Body
	Text      string
	Value     float64
	Uploaded  bool   // from the report uploaded for it
	ReportURL string // its annual report
	RollupURL string // its own roll-up, for a body with bodies below it
}

type contributionView struct {
	Page
	Root      body.Body
	Year      int
	Table     string
	Cell      string // the row and column, as the page names them
	Total     string
	Rows      []contribution
	Zero      int // bodies of the subtree that contribute nothing
	RollupURL string
}

// rollupCellName checks that (table, row, col) is a cell of f and names it.
func rollupCellName(f *annualreport.Format, table, row, col string) (string, bool) {
	switch table {
	case "二":
		for _, st := range f.Two {
			for _, r := range st.Rows {
				for _, c := range st.Columns {
					if r.Label == row && c.Label == col {
						return "表二 " + row + " · " + col, true
					}
				}
			}
		}
	case "三":
		for _, r := range f.Three.Rows {
			for _, c := range f.Three.Columns {
				if r.ID == row && !r.Group && c.Label == col {
					return "表三 " + r.Label + " · " + col, true
				}
			}
		}
	case "四":
		for _, g := range f.Four.Groups {
			for _, c := range f.Four.Columns {
				if g.ID == row && c.Label == col {
					return "表四 " + g.ID + " · " + col, true
				}
			}
		}
	}
	return "", false
}

// reportRollupCell lists what each body of the subtree contributes to
// one figure of the roll-up, largest first: the link behind every
// figure of the summed tables.
func (s *server) reportRollupCell(w http.ResponseWriter, r *http.Request) error {
	root, year, err := s.reportBodyYear(r)
	if err != nil {
		return err
	}
	f := annualreport.FormatForYear(year)
	table, row, col := r.FormValue("table"), r.FormValue("row"), r.FormValue("col")
	name, ok := rollupCellName(f, table, row, col)
	if !ok {
		return errBadRequest("没有这一栏目。")
	}
	ctx := r.Context()
	t, err := s.loadReportTree(ctx)
	if err != nil {
		return err
	}
	parts := map[int64]rollup.Part{}
	if table == "二" {
		if parts, err = s.tableTwoParts(ctx, f, root.ID, year); err != nil {
			return err
		}
		delete(parts, 0)
	} else {
		recs, _, err := s.recordTables(ctx, root.ID, year, true)
		if err != nil {
			return err
		}
		for id, tb := range recs {
			parts[id] = rollup.Part{Tables: tb}
		}
	}
	up, _, err := s.uploadedParts(ctx, t, root.ID, year)
	if err != nil {
		return err
	}
	for id, p := range up {
		parts[id] = p
	}
	v := contributionView{Page: s.consolePage(r, name+" - "+root.Name, "/admin/bodies"), Root: root, Year: year,
		Table: table, Cell: name, RollupURL: rollupURL(root.ID, year)}
	var all []rollup.Part
	for _, b := range t.subtree(root.ID) {
		p, ok := parts[b.ID]
		if !ok {
			if b.Kind != body.Village {
				v.Zero++
			}
			continue
		}
		all = append(all, p)
		cells := map[string]map[string]map[string]annualreport.Cell{"二": p.Tables.Two, "三": p.Tables.Three, "四": p.Tables.Four}[table]
		c := cells[row][col]
		if c.State != annualreport.Value || c.Num == 0 {
			v.Zero++
			continue
		}
		_, up := up[b.ID]
		cb := contribution{Body: b, Text: cellText(c, p.Units[row+"/"+col]), Value: c.Num, Uploaded: up, ReportURL: annualReportURL(b.ID, year)}
		if len(t.children[b.ID]) > 0 {
			cb.RollupURL = rollupURL(b.ID, year)
		}
		v.Rows = append(v.Rows, cb)
	}
	sort.SliceStable(v.Rows, func(i, j int) bool { return v.Rows[i].Value > v.Rows[j].Value })
	sum, units, _ := rollup.Sum(f, all)
	cells := map[string]map[string]map[string]annualreport.Cell{"二": sum.Two, "三": sum.Three, "四": sum.Four}[table]
	v.Total = cellText(cells[row][col], units[row+"/"+col])
	if v.Total == "" {
		v.Total = "0"
	}
	return s.render(w, r, "console_report_rollup_cell", v)
}
