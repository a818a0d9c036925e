package web

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/gongkai/gongkai/internal/annualreport"
	"github.com/gongkai/gongkai/internal/auth"
)

// tableTwoImportMatrixForm: the import without a file redirects back
// with a notice, which is enough to show who may reach it.
func tableTwoImportMatrixForm(pattern string) (url.Values, bool) {
	if pattern == "POST /admin/bodies/{id}/table-two/import" {
		return url.Values{"year": {"2022"}}, true
	}
	return nil, false
}

// TestTableTwoImport: a good file changes the table, a bad one is
// refused with its row numbers and writes nothing; the downloaded
// template, filled in, imports.
func TestTableTwoImport(t *testing.T) {
	e := newTestEnv(t)
	ctx := context.Background()
	editor := e.login(e.users[auth.RoleEditor].Username)
	const year = 2023
	const fee = "本年收费金额（单位：万元）"
	base := "/admin/bodies/" + idStr(e.a.ID) + "/table-two"
	figures := func() map[string]map[string]annualreport.Cell {
		t.Helper()
		f, err := e.st.ReportFigures(ctx, e.a.ID, year)
		if err != nil {
			t.Fatal(err)
		}
		return f.Cells
	}
	// Something entered by hand, which an import not naming it keeps.
	mustStatus(t, e.serve(request("POST", base, url.Values{"year": {fmt.Sprint(year)}, "c-2-1-0": {"9"}}, editor)), http.StatusSeeOther, "form")

	csv := "\xef\xbb\xbf年度,单位,项目,指标,数值\n2023,,行政许可,本年处理决定数量,120\n2023,,行政事业性收费,本年收费金额(单位:万元),3.5\n"
	mustStatus(t, e.serve(uploadForm(t, base+"/import", url.Values{"year": {fmt.Sprint(year)}}, "数据.csv", []byte(csv), editor)), http.StatusSeeOther, "csv import")
	got := figures()
	if got["行政许可"]["本年处理决定数量"].Num != 120 || got["行政事业性收费"][fee].Num != 3.5 || got["行政强制"]["本年处理决定数量"].Num != 9 {
		t.Errorf("after csv import: %v", got)
	}

	book := excelize.NewFile()
	book.SetSheetRow("Sheet1", "A1", &[]any{"项目", "指标", "数值"})
	book.SetSheetRow("Sheet1", "A2", &[]any{"行政处罚", "本年处理决定数量", 44})
	book.SetSheetRow("Sheet1", "A3", &[]any{"行政许可", "本年处理决定数量", "/"})
	var xb bytes.Buffer
	book.WriteTo(&xb)
	mustStatus(t, e.serve(uploadForm(t, base+"/import", url.Values{"year": {fmt.Sprint(year)}}, "数据.xlsx", xb.Bytes(), editor)), http.StatusSeeOther, "xlsx import")
	got = figures()
	if got["行政处罚"]["本年处理决定数量"].Num != 44 || got["行政许可"]["本年处理决定数量"].State != annualreport.NotApplicable {
		t.Errorf("after xlsx import: %v", got)
	}
	w := e.serve(request("GET", base+"?year=2023", nil, editor))
	if !strings.Contains(w.Body.String(), `value="44"`) || !strings.Contains(w.Body.String(), "从文件导入") {
		t.Errorf("table page after import: %.400s", w.Body.String())
	}

	before := figures()
	for name, body := range map[string]string{
		"第 3 行":  "项目,指标,数值\n行政处罚,本年处理决定数量,1\n行政确认,本年处理决定数量,2\n",
		"第 2 行：": "项目,指标,数值\n规范性文件,本年制发件数,5\n行政处罚,本年处理决定数量,1\n",
	} {
		w := e.serve(uploadForm(t, base+"/import", url.Values{"year": {fmt.Sprint(year)}}, "bad.csv", []byte(body), editor))
		if w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), name) || !strings.Contains(w.Body.String(), "未导入任何内容") {
			t.Errorf("bad file (%s): %d %.600s", name, w.Code, w.Body.String())
		}
	}
	if w := e.serve(uploadForm(t, base+"/import", url.Values{"year": {fmt.Sprint(year)}}, "x.txt", []byte("x"), editor)); w.Code != http.StatusUnprocessableEntity {
		t.Errorf("other file type: %d", w.Code)
	}
	if after := figures(); fmt.Sprint(after) != fmt.Sprint(before) {
		t.Errorf("a refused import wrote: %v, was %v", after, before)
	}

	// Template: download, fill one value, import.
	w = e.serve(request("GET", base+"/template?year=2023", nil, editor))
	mustStatus(t, w, http.StatusOK, "template")
	tpl, err := excelize.OpenReader(w.Body)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := tpl.GetRows(tpl.GetSheetList()[0])
	filled := false
	for i, r := range rows {
		if len(r) > 3 && r[2] == "行政事业性收费" && r[3] == fee {
			cell, _ := excelize.CoordinatesToCellName(5, i+1)
			tpl.SetCellValue(tpl.GetSheetList()[0], cell, 88.25)
			filled = true
		}
	}
	if !filled || !strings.Contains(fmt.Sprint(rows), e.mustBodyName(e.a.ID)) {
		t.Fatalf("template rows: %v", rows)
	}
	xb.Reset()
	tpl.WriteTo(&xb)
	mustStatus(t, e.serve(uploadForm(t, base+"/import", url.Values{"year": {fmt.Sprint(year)}}, "模板.xlsx", xb.Bytes(), editor)), http.StatusSeeOther, "template import")
	got = figures()
	if got["行政事业性收费"][fee].Num != 88.25 || got["行政处罚"]["本年处理决定数量"].Num != 44 || got["行政强制"]["本年处理决定数量"].Num != 9 {
		t.Errorf("after template import: %v", got)
	}
}

func (e *testEnv) mustBodyName(id int64) string {
	b, err := e.st.Body(context.Background(), id)
	if err != nil {
		e.t.Fatal(err)
	}
	return b.Name
}
