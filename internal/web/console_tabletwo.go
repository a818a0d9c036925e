package web

import (
	"cmp"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/gongkai/gongkai/internal/annualreport"
	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/body"
	"github.com/gongkai/gongkai/internal/disclosure"
)

// tableTwoCell is one cell of the table 二 page: counted from the
// documents (read-only) or entered from other systems (an input).
type tableTwoCell struct {
	Name     string // form field name, by position in the format
	Label    string // column label, for the input's accessible name
	Value    string
	Computed bool
	Hint     string
	// An amount whose unit the report states (2019 采购总金额) has a
	// select of Units beside its input: UnitName is its field, Unit the
	// unit stored or typed ("" when none), Selected the option chosen
	// ("" shows a placeholder, after a refused unit).
	UnitName string
	Units    []string
	Unit     string
	Selected string
}

type tableTwoRow struct {
	Label string
	Cells []tableTwoCell
}

type tableTwoTable struct {
	Caption string
	Columns []string
	Rows    []tableTwoRow
}

type tableTwoView struct {
	Page
	Body    body.Body
	Year    int
	Format  string
	Tables  []tableTwoTable
	Picker  yearPicker
	CanEdit bool
	// HasUnits: some entered column carries its unit with the amount.
	HasUnits bool
	Errors   []string
}

// cellName names an entered cell by its place in the format, so labels
// with full-width punctuation never appear in form field names.
func cellName(t, r, c int) string { return fmt.Sprintf("c-%d-%d-%d", t, r, c) }

// unitName names the unit select of an entered amount, by the same place.
func unitName(t, r, c int) string { return fmt.Sprintf("u-%d-%d-%d", t, r, c) }

func formatCell(c annualreport.Cell) string {
	switch c.State {
	case annualreport.Value:
		return strconv.FormatFloat(c.Num, 'f', -1, 64)
	case annualreport.NotApplicable:
		return "/"
	}
	return ""
}

// parseCell reads an entered cell: blank, "/" or a number of the
// column's kind, by the same rules as a figures file import.
func parseCell(s string, col annualreport.Column) (annualreport.Cell, bool) {
	c, err := disclosure.ParseFigure(s, col)
	return c, err == nil
}

// reportBodyYear is where every report page starts: the body of the
// path and the report year of the form.
func (s *server) reportBodyYear(r *http.Request) (body.Body, int, error) {
	b, err := s.bodyFromPath(r)
	if err != nil {
		return b, 0, err
	}
	year, err := reportYear(r, s.now().In(chinaTime).Year())
	return b, year, err
}

// reportYears are the years a report page offers, newest first: from
// the first year a report format applies to up to now.
func reportYears(now int) []int {
	var ys []int
	for y := now; y >= annualreport.Formats()[0].FromYear; y-- {
		ys = append(ys, y)
	}
	return ys
}

// yearPicker is the report-year form at the top of a report page.
type yearPicker struct {
	Action string // the page, which reads ?year=
	Years  []int
	Year   int // selected
}

func reportYear(r *http.Request, now int) (int, error) {
	v := r.FormValue("year")
	if v == "" {
		return now - 1, nil
	}
	y, err := strconv.Atoi(v)
	if err != nil || annualreport.FormatForYear(y) == nil || y > now {
		return 0, errBadRequest("报告年度不正确。")
	}
	return y, nil
}

// tableTwoOf is table 二 of a body's annual report for year, in that
// year's format: counted from the documents where the format has such a
// column, the figures entered for the year elsewhere, with the units of
// the entered amounts keyed as Report.Units. The report built from
// records (tables 三 and 四) takes its table 二 from here.
func (s *server) tableTwoOf(ctx context.Context, bodyID int64, year int) (map[string]map[string]annualreport.Cell, map[string]string, error) {
	entered, err := s.store.ReportFigures(ctx, bodyID, year)
	if err != nil {
		return nil, nil, err
	}
	two, err := s.tableTwo(ctx, bodyID, year, entered.Cells)
	if err != nil {
		return nil, nil, err
	}
	// Only a unit that goes with a value in the built table is reported;
	// the store keeps no other, and a counted cell never has one.
	units := map[string]string{}
	for _, st := range annualreport.FormatForYear(year).Two {
		for _, r := range st.Rows {
			for _, c := range st.Columns {
				k := disclosure.UnitKey(r.Label, c.Label)
				if u := entered.Units[k]; u != "" && c.UnitFromReport && two[r.Label][c.Label].State == annualreport.Value {
					units[k] = u
				}
			}
		}
	}
	return two, units, nil
}

func (s *server) tableTwo(ctx context.Context, bodyID int64, year int, entered map[string]map[string]annualreport.Cell) (map[string]map[string]annualreport.Cell, error) {
	f := annualreport.FormatForYear(year)
	if f == nil {
		return nil, errBadRequest("报告年度不正确。")
	}
	docs, err := s.store.CountedDocuments(ctx, bodyID)
	if err != nil {
		return nil, err
	}
	return disclosure.TableTwo(f, year, docs, entered), nil
}

// tableTwoPage lays out the page with the entered figures, or, when the
// form was refused, with what was typed (typed non-nil) so that nothing
// has to be entered again.
func (s *server) tableTwoPage(r *http.Request, b body.Body, year int, entered disclosure.Figures, typed url.Values) (tableTwoView, error) {
	ctx := r.Context()
	f := annualreport.FormatForYear(year)
	cells, err := s.tableTwo(ctx, b.ID, year, entered.Cells)
	if err != nil {
		return tableTwoView{}, err
	}
	v := tableTwoView{Page: s.consolePage(r, fmt.Sprintf("%d 年度报告表二 - %s", year, b.Name), "/admin/bodies"),
		Body: b, Year: year, Format: f.Name + "（" + f.IssuedBy + "）",
		Picker: yearPicker{Action: fmt.Sprintf("/admin/bodies/%d/table-two", b.ID), Years: reportYears(s.now().In(chinaTime).Year()), Year: year}}
	if v.CanEdit, err = s.can(ctx, principalFrom(ctx), auth.PermDocEdit, b.ID); err != nil {
		return v, err
	}
	for ti, st := range f.Two {
		t := tableTwoTable{Caption: st.Caption}
		for _, c := range st.Columns {
			t.Columns = append(t.Columns, c.Label)
		}
		for ri, row := range st.Rows {
			tr := tableTwoRow{Label: row.Label}
			for ci, c := range st.Columns {
				cell := tableTwoCell{Name: cellName(ti, ri, ci), Label: row.Label + " " + c.Label,
					Value: formatCell(cells[row.Label][c.Label]), Computed: disclosure.FromDocuments(row, c)}
				if cell.Computed {
					cell.Hint = "由文件记录统计"
				}
				if !cell.Computed && c.UnitFromReport {
					v.HasUnits = true
					cell.UnitName, cell.Units = unitName(ti, ri, ci), disclosure.AmountUnits()
					cell.Unit = entered.Units[disclosure.UnitKey(row.Label, c.Label)]
					// A new amount is most often in 万元, the unit the
					// later formats fix for amounts.
					cell.Selected = cmp.Or(cell.Unit, "万元")
				}
				if typed != nil && !cell.Computed {
					cell.Value = typed.Get(cell.Name)
					if cell.UnitName != "" {
						cell.Unit = typed.Get(cell.UnitName)
						if !disclosure.ValidUnit(cell.Unit) {
							cell.Unit = ""
						}
						cell.Selected = cell.Unit
					}
				}
				tr.Cells = append(tr.Cells, cell)
			}
			t.Rows = append(t.Rows, tr)
		}
		v.Tables = append(v.Tables, t)
	}
	return v, nil
}

// tableTwoView shows table 二 of a report year: counts from the body's
// documents and 有效性 history, and the figures entered from other
// systems, laid out as the year's format defines them.
func (s *server) tableTwoView(w http.ResponseWriter, r *http.Request) error {
	b, year, err := s.reportBodyYear(r)
	if err != nil {
		return err
	}
	entered, err := s.store.ReportFigures(r.Context(), b.ID, year)
	if err != nil {
		return err
	}
	v, err := s.tableTwoPage(r, b, year, entered, nil)
	if err != nil {
		return err
	}
	return s.render(w, r, "console_table_two", v)
}

// tableTwoSave stores the entered cells, an amount of a
// unit_from_report column with the unit chosen beside it; counted cells
// are never taken from the form.
func (s *server) tableTwoSave(w http.ResponseWriter, r *http.Request) error {
	b, year, err := s.reportBodyYear(r)
	if err != nil {
		return err
	}
	entered, errs := readTableTwo(r.PostFormValue, annualreport.FormatForYear(year))
	if len(errs) > 0 {
		v, err := s.tableTwoPage(r, b, year, entered, r.PostForm)
		if err != nil {
			return err
		}
		v.Errors = errs
		return s.renderStatus(w, r, "console_table_two", http.StatusUnprocessableEntity, v)
	}
	if err := s.store.SetReportFigures(r.Context(), b.ID, year, entered, s.actor(r)); err != nil {
		return err
	}
	s.notice(r, fmt.Sprintf("%d 年度表二数据已保存。", year))
	return seeOther(w, r, fmt.Sprintf("/admin/bodies/%d/table-two?year=%d", b.ID, year))
}

func kindWord(c annualreport.Column) string { return disclosure.FigureKindWord(c) }

// apiTableTwo returns table 二 of the body's annual report for a year in
// the annual-report JSON contract.
func (s *server) apiTableTwo(w http.ResponseWriter, r *http.Request) error {
	b, err := s.bodyFromPath(r)
	if err != nil {
		return err
	}
	year, err := strconv.Atoi(r.PathValue("year"))
	if err != nil || annualreport.FormatForYear(year) == nil || year > s.now().In(chinaTime).Year() {
		return errNotFound()
	}
	two, units, err := s.tableTwoOf(r.Context(), b.ID, year)
	if err != nil {
		return err
	}
	rep := &annualreport.Report{Org: b.Name, Year: year, Format: annualreport.FormatForYear(year).ID,
		Tables: annualreport.Tables{Two: two}, Units: units}
	data, err := annualreport.EncodeJSON(rep)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write(data)
	return nil
}
