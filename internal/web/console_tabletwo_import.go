package web

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"path"
	"strings"

	"github.com/gongkai/gongkai/internal/annualreport"
	"github.com/gongkai/gongkai/internal/disclosure"
)

// maxFiguresFile bounds an uploaded table 二 file: a few dozen rows.
const maxFiguresFile = 2 << 20

// tableTwoTemplate downloads the .xlsx a body fills in for a year, the
// labels of that year's format pre-filled.
func (s *server) tableTwoTemplate(w http.ResponseWriter, r *http.Request) error {
	b, year, err := s.reportBodyYear(r)
	if err != nil {
		return err
	}
	entered, err := s.store.ReportFigures(r.Context(), b.ID, year)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := disclosure.WriteFiguresTemplate(&buf, year, b.Name, entered); err != nil {
		return err
	}
	name := fmt.Sprintf("%s%d年度报告表二数据.xlsx", b.Name, year)
	w.Header().Set("Content-Type", xlsxType)
	w.Header().Set("Content-Disposition", "attachment; filename=\"table-two.xlsx\"; filename*=UTF-8''"+url.PathEscape(name))
	w.Header().Set("Cache-Control", "no-store")
	_, err = w.Write(buf.Bytes())
	return err
}

// tableTwoImport takes entered figures from an .xlsx or .csv file, all
// or nothing: every row is checked first; cells the file lists replace
// the entered ones (a blank 数值 clears), the rest are kept, and the
// store writes them in one audited transaction.
func (s *server) tableTwoImport(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	b, err := s.bodyFromPath(r)
	if err != nil {
		return err
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxFiguresFile+1<<20)
	if err := r.ParseMultipartForm(1 << 20); err != nil && !errors.Is(err, http.ErrNotMultipart) {
		return &Error{Status: http.StatusRequestEntityTooLarge, Code: "too_large",
			Message: "上传的文件过大（不超过 2 MB）或表单无法读取。", Cause: err}
	}
	year, err := reportYear(r, s.now().In(chinaTime).Year())
	if err != nil {
		return err
	}
	back := fmt.Sprintf("/admin/bodies/%d/table-two?year=%d", b.ID, year)
	file, hdr, err := r.FormFile("file")
	if err != nil {
		// A form sent without a file: nothing to import.
		s.notice(r, "请选择要导入的 .xlsx 或 .csv 文件。")
		return seeOther(w, r, back)
	}
	defer file.Close()
	rows, readErr := readFiguresFile(io.LimitReader(file, maxFiguresFile), hdr.Filename)
	var errs []string
	var imported disclosure.Figures
	if readErr != nil {
		errs = append(errs, readErr.Error())
	} else {
		var rowErrs []disclosure.FigureError
		imported, rowErrs = disclosure.ParseFigures(rows, disclosure.FigureTarget{Year: year, BodyName: b.Name, BodyCode: b.Code})
		for _, e := range rowErrs {
			errs = append(errs, e.Error())
		}
	}
	entered, err := s.store.ReportFigures(ctx, b.ID, year)
	if err != nil {
		return err
	}
	if len(errs) > 0 {
		v, err := s.tableTwoPage(r, b, year, entered, nil)
		if err != nil {
			return err
		}
		v.Errors = append([]string{"未导入任何内容。"}, errs...)
		return s.renderStatus(w, r, "console_table_two", http.StatusUnprocessableEntity, v)
	}
	n := 0
	for row, cols := range imported.Cells {
		for col, c := range cols {
			n++
			// A listed cell replaces the entered one with its unit, so a
			// "/" or a cleared amount drops the unit it had.
			k := disclosure.UnitKey(row, col)
			delete(entered.Units, k)
			if c.State == annualreport.Blank {
				delete(entered.Cells[row], col)
				continue
			}
			if entered.Cells[row] == nil {
				entered.Cells[row] = map[string]annualreport.Cell{}
			}
			entered.Cells[row][col] = c
			if u := imported.Units[k]; u != "" {
				entered.Units[k] = u
			}
		}
	}
	if err := s.store.SetReportFigures(ctx, b.ID, year, entered, s.actor(r)); err != nil {
		return err
	}
	s.notice(r, fmt.Sprintf("已导入 %d 年度表二数据，共 %d 项。", year, n))
	return seeOther(w, r, back)
}

// readFiguresFile reads by the file's extension: a person picks the
// template (.xlsx) or exports from a business system (.csv).
func readFiguresFile(r io.Reader, name string) ([][]string, error) {
	switch strings.ToLower(path.Ext(name)) {
	case ".xlsx":
		return disclosure.ReadFiguresXLSX(r)
	case ".csv":
		return disclosure.ReadFiguresCSV(r)
	}
	return nil, errors.New("请上传 .xlsx 或 .csv 文件。")
}
