package demo

import (
	"context"
	"fmt"

	"github.com/gongkai/gongkai/internal/annualreport"
	"github.com/gongkai/gongkai/internal/store"
)

// reportFigures are the report year's table 二 cells that come from
// other systems (许可, 处罚 and 强制 decisions, fees), entered by the
// township's administrator. The numbers are invented, of a township's
// size: a few 乡村建设规划许可, some 综合行政执法 penalties, no 强制.
func reportFigures() map[string]map[string]annualreport.Cell {
	n := func(v float64) annualreport.Cell { return annualreport.Cell{State: annualreport.Value, Num: v} }
	const decisions = "本年处理决定数量"
	return map[string]map[string]annualreport.Cell{
		"行政许可":    {decisions: n(14)},
		"行政处罚":    {decisions: n(6)},
		"行政强制":    {decisions: n(0)},
		"行政事业性收费": {"本年收费金额（单位：万元）": n(0.36)},
	}
}

func seedFigures(ctx context.Context, st *store.Store, bodyID int64, c clock, who actors) error {
	if err := st.SetReportFigures(ctx, bodyID, c.reportYear, reportFigures(), who.admin); err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	return nil
}
