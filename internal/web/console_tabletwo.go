package web

import (
	"context"
	"fmt"
	"net/http"
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
	Years   []int
	CanEdit bool
	Errors  []string
}

// cellName names an entered cell by its place in the format, so labels
// with full-width punctuation never appear in form field names.
func cellName(t, r, c int) string { return fmt.Sprintf("c-%d-%d-%d", t, r, c) }

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
// column, the figures entered for the year elsewhere. The report built
// from records (tables 三 and 四) takes its table 二 from here.
func (s *server) tableTwoOf(ctx context.Context, bodyID int64, year int) (map[string]map[string]annualreport.Cell, error) {
	entered, err := s.store.ReportFigures(ctx, bodyID, year)
	if err != nil {
		return nil, err
	}
	return s.tableTwo(ctx, bodyID, year, entered)
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

func (s *server) tableTwoPage(r *http.Request, b body.Body, year int, entered map[string]map[string]annualreport.Cell) (tableTwoView, error) {
	ctx := r.Context()
	f := annualreport.FormatForYear(year)
	cells, err := s.tableTwo(ctx, b.ID, year, entered)
	if err != nil {
		return tableTwoView{}, err
	}
	now := s.now().In(chinaTime).Year()
	v := tableTwoView{Page: s.consolePage(r, fmt.Sprintf("%d 年度报告表二 - %s", year, b.Name), "/admin/bodies"),
		Body: b, Year: year, Format: f.Name + "（" + f.IssuedBy + "）"}
	for y := now; y >= 2019; y-- {
		v.Years = append(v.Years, y)
	}
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
	b, err := s.bodyFromPath(r)
	if err != nil {
		return err
	}
	year, err := reportYear(r, s.now().In(chinaTime).Year())
	if err != nil {
		return err
	}
	entered, err := s.store.ReportFigures(r.Context(), b.ID, year)
	if err != nil {
		return err
	}
	v, err := s.tableTwoPage(r, b, year, entered)
	if err != nil {
		return err
	}
	return s.render(w, r, "console_table_two", v)
}

// tableTwoSave stores the entered cells; counted cells are never taken
// from the form.
func (s *server) tableTwoSave(w http.ResponseWriter, r *http.Request) error {
	b, err := s.bodyFromPath(r)
	if err != nil {
		return err
	}
	year, err := reportYear(r, s.now().In(chinaTime).Year())
	if err != nil {
		return err
	}
	f := annualreport.FormatForYear(year)
	entered := map[string]map[string]annualreport.Cell{}
	var errs []string
	for ti, st := range f.Two {
		for ri, row := range st.Rows {
			for ci, c := range st.Columns {
				if disclosure.FromDocuments(row, c) {
					continue
				}
				raw := r.PostFormValue(cellName(ti, ri, ci))
				cell, ok := parseCell(raw, c)
				if !ok {
					errs = append(errs, fmt.Sprintf("“%s / %s”应填写%s、“/”或留空。", row.Label, c.Label, kindWord(c)))
					continue
				}
				if cell.State == annualreport.Blank {
					continue
				}
				if entered[row.Label] == nil {
					entered[row.Label] = map[string]annualreport.Cell{}
				}
				entered[row.Label][c.Label] = cell
			}
		}
	}
	if len(errs) > 0 {
		v, err := s.tableTwoPage(r, b, year, entered)
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
	two, err := s.tableTwoOf(r.Context(), b.ID, year)
	if err != nil {
		return err
	}
	rep := &annualreport.Report{Org: b.Name, Year: year, Format: annualreport.FormatForYear(year).ID,
		Tables: annualreport.Tables{Two: two}}
	data, err := annualreport.EncodeJSON(rep)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write(data)
	return nil
}
