package web

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/gongkai/gongkai/internal/annualreport"
	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/disclosure"
)

// In the 2019 format (years 2019 and 2020) 采购总金额 is the second
// column of the fifth sub-table (第二十条第（九）项).
const (
	buyRow, buyTotal = "政府集中采购", "采购总金额"
	buyCell, buyUnit = "c-4-0-1", "u-4-0-1"
	buyKey           = buyRow + "/" + buyTotal
)

// TestTableTwoFormUnits: a 2019-format year's 采购总金额 is entered
// with a unit chosen beside it, saved and shown with it; an amount
// without a valid unit is refused, the form showing what was typed.
func TestTableTwoFormUnits(t *testing.T) {
	e := newTestEnv(t)
	ctx := context.Background()
	editor := e.login(e.users[auth.RoleEditor].Username)
	const year = 2020
	base := "/admin/bodies/" + idStr(e.a.ID) + "/table-two"
	page := base + "?year=2020"

	w := e.serve(request("GET", page, nil, editor))
	mustStatus(t, w, http.StatusOK, "table two 2020")
	body := w.Body.String()
	for _, want := range []string{
		`<select name="` + buyUnit + `" aria-label="政府集中采购 采购总金额 金额单位">`,
		`<option value="万元" selected>万元</option><option value="元">元</option>`,
		"如“12.5万元”",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("2020 page lacks %s", want)
		}
	}
	if strings.Contains(body, `name="u-4-0-0"`) {
		t.Error("采购项目数量 (a count) has a unit select")
	}
	if w := e.serve(request("GET", base+"?year=2023", nil, editor)); strings.Contains(w.Body.String(), "<select name=\"u-") {
		t.Error("the 2021 format, which fixes its units, shows a unit select")
	}

	form := func(kv ...string) url.Values {
		v := url.Values{"year": {fmt.Sprint(year)}}
		for i := 0; i < len(kv); i += 2 {
			v.Set(kv[i], kv[i+1])
		}
		return v
	}
	mustStatus(t, e.serve(request("POST", base, form(buyCell, "1250000", buyUnit, "元", "c-4-0-0", "3"), editor)), http.StatusSeeOther, "save with unit")
	fig, err := e.st.ReportFigures(ctx, e.a.ID, year)
	if err != nil || fig.Cells[buyRow][buyTotal].Num != 1250000 || fig.Units[buyKey] != "元" || fig.Cells[buyRow]["采购项目数量"].Num != 3 {
		t.Fatalf("saved %+v, %v", fig, err)
	}
	w = e.serve(request("GET", page, nil, editor))
	if b := w.Body.String(); !strings.Contains(b, `name="`+buyCell+`" value="1250000"`) || !strings.Contains(b, `<option value="元" selected>元</option>`) {
		t.Errorf("saved amount not shown with its unit: %s", snippet(b, buyUnit))
	}

	for name, c := range map[string]struct {
		form   url.Values
		errHas string
	}{
		"no unit":         {form(buyCell, "30", "c-4-0-0", "4"), "“政府集中采购 / 采购总金额”请选择金额单位：万元或元。"},
		"unknown unit":    {form(buyCell, "30", buyUnit, "美元", "c-4-0-0", "4"), "请选择金额单位"},
		"negative amount": {form(buyCell, "-30", buyUnit, "万元", "c-4-0-0", "4"), "非负金额"},
	} {
		w := e.serve(request("POST", base, c.form, editor))
		b := w.Body.String()
		if w.Code != http.StatusUnprocessableEntity || !strings.Contains(b, c.errHas) {
			t.Errorf("%s: %d, want 422 with %q", name, w.Code, c.errHas)
		}
		// What was typed is shown again, nothing stored.
		if !strings.Contains(b, `name="`+buyCell+`" value="`+c.form.Get(buyCell)+`"`) || !strings.Contains(b, `name="c-4-0-0" value="4"`) {
			t.Errorf("%s: typed values not redisplayed: %s", name, snippet(b, buyCell))
		}
		if u := c.form.Get(buyUnit); u == "万元" && !strings.Contains(b, `<option value="万元" selected>`) {
			t.Errorf("%s: chosen unit not redisplayed: %s", name, snippet(b, buyUnit))
		}
		if c.form.Get(buyUnit) != "万元" && !strings.Contains(b, `<option value="" selected>请选择单位</option>`) {
			t.Errorf("%s: a refused unit is shown as chosen: %s", name, snippet(b, buyUnit))
		}
	}
	if after, _ := e.st.ReportFigures(ctx, e.a.ID, year); after.Units[buyKey] != "元" || after.Cells[buyRow][buyTotal].Num != 1250000 {
		t.Errorf("a refused form wrote: %+v", after)
	}

	// "/" needs no unit, and the one chosen beside it is not kept.
	mustStatus(t, e.serve(request("POST", base, form(buyCell, "/", buyUnit, "万元"), editor)), http.StatusSeeOther, "not applicable")
	if after, _ := e.st.ReportFigures(ctx, e.a.ID, year); after.Cells[buyRow][buyTotal].State != annualreport.NotApplicable || len(after.Units) != 0 {
		t.Errorf("after /: %+v", after)
	}
}

// TestTableTwoImportUnits: a file gives 采购总金额 with its unit after
// the figure; without one the file is refused by row; the template
// writes the stored unit so that it reads back unchanged.
func TestTableTwoImportUnits(t *testing.T) {
	e := newTestEnv(t)
	ctx := context.Background()
	editor := e.login(e.users[auth.RoleEditor].Username)
	const year = 2019
	base := "/admin/bodies/" + idStr(e.a.ID) + "/table-two"
	yearForm := url.Values{"year": {fmt.Sprint(year)}}
	figures := func() disclosure.Figures {
		t.Helper()
		f, err := e.st.ReportFigures(ctx, e.a.ID, year)
		if err != nil {
			t.Fatal(err)
		}
		return f
	}

	csv := "年度,单位,项目,指标,数值\n2019,,政府集中采购,采购总金额,１２.５ 万元\n2019,,政府集中采购,采购项目数量,2\n"
	mustStatus(t, e.serve(uploadForm(t, base+"/import", yearForm, "采购.csv", []byte(csv), editor)), http.StatusSeeOther, "csv with unit")
	if got := figures(); got.Cells[buyRow][buyTotal].Num != 12.5 || got.Units[buyKey] != "万元" {
		t.Errorf("after csv import: %+v", got)
	}

	before := figures()
	for name, c := range map[string]struct{ body, errHas string }{
		"no unit":         {"项目,指标,数值\n政府集中采购,采购项目数量,2\n政府集中采购,采购总金额,30\n", "第 3 行：“政府集中采购 / 采购总金额”请注明金额单位：万元或元"},
		"unit on a count": {"项目,指标,数值\n政府集中采购,采购项目数量,2元\n", "第 2 行：“政府集中采购 / 采购项目数量”只填数字"},
	} {
		w := e.serve(uploadForm(t, base+"/import", yearForm, "bad.csv", []byte(c.body), editor))
		if w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), c.errHas) || !strings.Contains(w.Body.String(), "未导入任何内容") {
			t.Errorf("%s: %d %s", name, w.Code, snippet(w.Body.String(), "未导入"))
		}
	}
	if after := figures(); fmt.Sprint(after) != fmt.Sprint(before) {
		t.Errorf("a refused import wrote: %v, was %v", after, before)
	}

	// The template carries the unit; a changed unit imports.
	w := e.serve(request("GET", base+"/template?year=2019", nil, editor))
	mustStatus(t, w, http.StatusOK, "template")
	tpl, err := excelize.OpenReader(w.Body)
	if err != nil {
		t.Fatal(err)
	}
	sheet := tpl.GetSheetList()[0]
	rows, _ := tpl.GetRows(sheet)
	found := false
	for i, r := range rows {
		if len(r) > 4 && r[2] == buyRow && r[3] == "采购总金额（填写时注明万元或元）" {
			found = r[4] == "12.5万元"
			cell, _ := excelize.CoordinatesToCellName(5, i+1)
			tpl.SetCellValue(sheet, cell, "98000元")
		}
	}
	if !found {
		t.Fatalf("template rows: %v", rows)
	}
	var xb bytes.Buffer
	tpl.WriteTo(&xb)
	mustStatus(t, e.serve(uploadForm(t, base+"/import", yearForm, "模板.xlsx", xb.Bytes(), editor)), http.StatusSeeOther, "template import")
	if got := figures(); got.Cells[buyRow][buyTotal].Num != 98000 || got.Units[buyKey] != "元" || got.Cells[buyRow]["采购项目数量"].Num != 2 {
		t.Errorf("after template import: %+v", got)
	}
	// A file setting the amount to "/" drops its unit.
	mustStatus(t, e.serve(uploadForm(t, base+"/import", yearForm, "na.csv", []byte("项目,指标,数值\n政府集中采购,采购总金额,/\n"), editor)), http.StatusSeeOther, "not applicable")
	if got := figures(); got.Cells[buyRow][buyTotal].State != annualreport.NotApplicable || len(got.Units) != 0 {
		t.Errorf("after /: %+v", got)
	}
}

// TestAPITableTwoUnits: the annual-report JSON of a 2019-format year
// carries the unit of 采购总金额 in "units", from the table 二 API and
// the report built from records alike, and the renderers show it.
func TestAPITableTwoUnits(t *testing.T) {
	e := newTestEnv(t)
	const year = 2020
	fig := disclosure.Figures{
		Cells: map[string]map[string]annualreport.Cell{buyRow: {buyTotal: {State: annualreport.Value, Num: 86.5}}},
		Units: map[string]string{buyKey: "万元"},
	}
	if err := e.st.SetReportFigures(context.Background(), e.a.ID, year, fig, fixtureActor); err != nil {
		t.Fatal(err)
	}
	secret, _ := e.token(e.users[auth.RoleSupervisor])
	for _, path := range []string{"table-two", "report"} {
		r := httptest.NewRequest("GET", fmt.Sprintf("/api/v1/bodies/%d/%s/%d", e.a.ID, path, year), nil)
		r.Header.Set("Authorization", "Bearer "+secret)
		w := e.serve(r)
		mustStatus(t, w, http.StatusOK, "api "+path)
		var raw struct {
			Units map[string]string `json:"units"`
		}
		if err := json.Unmarshal(w.Body.Bytes(), &raw); err != nil || len(raw.Units) != 1 || raw.Units[buyKey] != "万元" {
			t.Errorf("%s JSON units = %v, %v; want %s: 万元", path, raw.Units, err, buyKey)
		}
		rep, err := annualreport.DecodeJSON(w.Body.Bytes())
		if err != nil {
			t.Fatalf("%s: decode: %v", path, err)
		}
		if rep.Units[buyKey] != "万元" || rep.Tables.Two[buyRow][buyTotal].Num != 86.5 {
			t.Errorf("%s: units %v, 采购总金额 %+v", path, rep.Units, rep.Tables.Two[buyRow][buyTotal])
		}
		var text, page bytes.Buffer
		if err := annualreport.RenderText(&text, rep); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(text.String(), "采购总金额（单位：万元）") {
			t.Errorf("%s: text rendering lacks the unit:\n%s", path, text.String())
		}
		if err := annualreport.RenderHTML(&page, rep); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(page.String(), "86.5万元") {
			t.Errorf("%s: HTML rendering lacks the unit", path)
		}
	}
}

// snippet is the text around the first occurrence of mark, for messages.
func snippet(s, mark string) string {
	i := strings.Index(s, mark)
	if i < 0 {
		return fmt.Sprintf("(%q not found) %.300s", mark, s)
	}
	return s[max(0, i-200):min(len(s), i+300)]
}
