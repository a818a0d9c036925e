package demo

import (
	"bytes"
	"context"
	"fmt"
	"time"

	"github.com/gongkai/gongkai/internal/annualreport"
	"github.com/gongkai/gongkai/internal/blob"
	"github.com/gongkai/gongkai/internal/body"
	"github.com/gongkai/gongkai/internal/store"
	"github.com/gongkai/gongkai/internal/workday"
)

// seedOffPlatformTown registers 月河镇, a township of the county that
// publishes its annual report on its own site, and the report of the
// last full year that the county's supervisor uploaded for it: a Word
// file written here from invented figures of a township's size, read
// back by the same reader as any upload (in process: the file is our
// own, so it needs no parse child). So the county's overview covers a
// body that is not on the platform.
func seedOffPlatformTown(ctx context.Context, st *store.Store, blobs blob.Store, countyID int64, c clock) error {
	sup, err := st.UserByName(ctx, "tb-supervisor")
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	a := store.Actor{UserID: sup.ID, Username: sup.Username}
	town := body.Body{ParentID: countyID, Name: "月河镇人民政府", ShortName: "月河镇", Kind: body.Township, Slug: "yuehe"}
	id, err := st.CreateOffPlatformBody(ctx, town, a)
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	year := c.reportYear
	var docx bytes.Buffer
	if err := annualreport.RenderDOCX(&docx, yueheReport(year)); err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	name := fmt.Sprintf("月河镇人民政府%d年政府信息公开工作年度报告.docx", year)
	rep, err := annualreport.Read(name, docx.Bytes())
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	return recordReport(ctx, st, blobs, recordedReport{bodyID: id, rep: rep, name: name, data: docx.Bytes(),
		published: time.Date(year+1, 1, 24, 9, 0, 0, 0, workday.China), source: store.ReportSourceUpload,
		role: annualreport.RoleLocal}, a)
}

// yueheReport is 月河镇's report of year in the national format: three
// requests, two answered 予以公开 and one 本机关不掌握, no fees; table
// 二 as a township has it (no 规章: "/").
func yueheReport(year int) *annualreport.Report {
	f := annualreport.FormatForYear(year)
	n := func(v float64) annualreport.Cell { return annualreport.Cell{State: annualreport.Value, Num: v} }
	t := annualreport.Tables{Two: map[string]map[string]annualreport.Cell{}, Three: map[string]map[string]annualreport.Cell{},
		Four: map[string]map[string]annualreport.Cell{}}
	for _, st := range f.Two {
		for _, row := range st.Rows {
			t.Two[row.Label] = map[string]annualreport.Cell{}
			for _, col := range st.Columns {
				t.Two[row.Label][col.Label] = n(0)
				if row.Label == "规章" {
					t.Two[row.Label][col.Label] = annualreport.Cell{State: annualreport.NotApplicable}
				}
			}
		}
	}
	for _, row := range f.DataRows() {
		t.Three[row.ID] = map[string]annualreport.Cell{}
		for _, col := range f.ThreeColumns() {
			t.Three[row.ID][col] = n(0)
		}
	}
	for _, g := range f.Four.Groups {
		t.Four[g.ID] = map[string]annualreport.Cell{}
		for _, col := range f.Four.Columns {
			t.Four[g.ID][col.Label] = n(0)
		}
	}
	set := func(row string, v float64) {
		t.Three[row]["自然人"], t.Three[row]["总计"] = n(v), n(v)
	}
	set("一", 3)
	set("三.一", 2)
	set("三.四.1", 1)
	set("三.七", 3)
	for label, v := range map[string]float64{"行政许可": 12, "行政处罚": 4, "行政强制": 0} {
		for col := range t.Two[label] {
			t.Two[label][col] = n(v)
		}
	}
	for col := range t.Two["行政事业性收费"] {
		t.Two["行政事业性收费"][col] = n(0.2)
	}
	return &annualreport.Report{Org: "月河镇人民政府", Year: year, Format: f.ID,
		Title: fmt.Sprintf("月河镇人民政府%d年政府信息公开工作年度报告", year),
		Sections: map[string]string{
			"一": fmt.Sprintf("%d年，月河镇人民政府认真贯彻落实《中华人民共和国政府信息公开条例》，在镇政府网站公开政府信息。本年新收政府信息公开申请3件，均在法定期限内答复。", year),
			"五": "存在的主要问题：部分栏目更新不够及时。改进情况：明确专人负责栏目更新，每月检查一次。",
			"六": "本年度未收取信息处理费。",
		},
		Tables: t}
}
