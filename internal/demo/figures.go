package demo

import (
	"context"
	"fmt"

	"github.com/gongkai/gongkai/internal/annualreport"
	"github.com/gongkai/gongkai/internal/disclosure"
	"github.com/gongkai/gongkai/internal/store"
)

// reportFigures are the report year's table 二 cells that come from
// other systems (许可, 处罚 and 强制 decisions, fees), entered by the
// township's administrator, keyed by the labels of that year's format.
// The numbers are invented, of a township's size: a few 乡村建设规划许可,
// some 综合行政执法 penalties, no 强制.
func reportFigures(year int) disclosure.Figures {
	n := func(v float64) annualreport.Cell { return annualreport.Cell{State: annualreport.Value, Num: v} }
	if f := annualreport.FormatForYear(year); f != nil && f.ID == "2019" {
		// The 2019 format asks for 政府集中采购 and gives 采购总金额 no
		// unit: the amount is entered with the unit the report states.
		const decisions = "处理决定数量"
		return disclosure.Figures{
			Cells: map[string]map[string]annualreport.Cell{
				"行政许可":   {decisions: n(14)},
				"行政处罚":   {decisions: n(6)},
				"行政强制":   {decisions: n(0)},
				"政府集中采购": {"采购项目数量": n(3), "采购总金额": n(86.5)},
			},
			Units: map[string]string{disclosure.UnitKey("政府集中采购", "采购总金额"): "万元"},
		}
	}
	const decisions = "本年处理决定数量"
	return disclosure.Figures{Cells: map[string]map[string]annualreport.Cell{
		"行政许可":    {decisions: n(14)},
		"行政处罚":    {decisions: n(6)},
		"行政强制":    {decisions: n(0)},
		"行政事业性收费": {"本年收费金额（单位：万元）": n(0.36)},
	}}
}

func seedFigures(ctx context.Context, st *store.Store, bodyID int64, c clock, who actors) error {
	if err := st.SetReportFigures(ctx, bodyID, c.reportYear, reportFigures(c.reportYear), who.admin); err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	return nil
}
